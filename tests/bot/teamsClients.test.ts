import type { TurnContext } from 'botbuilder';
import { CHANNEL_SET } from '../../src/bot/dslChannelSetup';
import { draft } from '../reports/support/reportFixtures';
import { postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { DSL, inDslChannel, inPersonalChat, SAFEGUARDING_ENV, STAFF } from '../support/dslActivities';

/**
 * Incoming turns reuse one Teams connector client per service URL (botbuilder would build one per
 * turn); proactive turns (alerts) keep their own, because the proactive sender strips the SDK's
 * retries from its client, and a reply to a staff member must still ride out a Teams hiccup.
 */
describe('Teams connector clients', () => {
  let connector: FakeConnector;
  let t: TestServer;
  const clients: { conversationType?: string; proactive: boolean; client: unknown }[] = [];

  beforeEach(async () => {
    clients.length = 0;
    connector = await startFakeConnector();
    t = await startTestServer({ env: SAFEGUARDING_ENV, options: { concerns: { delivery: { pollMs: 100, retryDelayMs: 100, maxRetryDelayMs: 400, sendTimeoutMs: 2_000 } } } });
    const { adapter } = t.app;
    adapter.use({
      async onTurn(context: TurnContext, next) {
        // botbuilder's synthetic activity of a proactive turn is an event named ContinueConversation.
        const proactive = context.activity.type === 'event' && context.activity.name === 'ContinueConversation';
        clients.push({ conversationType: context.activity.conversation?.conversationType, proactive, client: context.turnState.get(adapter.ConnectorClientKey) });
        await next();
      },
    });
  });
  afterEach(async () => {
    await t.close();
    await connector.close();
  });

  it('a reply after a DSL alert still survives Teams answering 429 once: the alert never shares the reply client', async () => {
    expect((await postActivity(t.url, inDslChannel('setup dsl', DSL, connector.serviceUrl)))[0]?.text).toBe(CHANNEL_SET);
    const report = await t.app.concerns.store.createReport(draft({ reporter: { userId: STAFF.aadObjectId, name: STAFF.name } }));
    await connector.waitFor((r) => r.answered === 201 && JSON.stringify(cardOf(r) ?? {}).includes(report.reference));

    // Posted as Teams posts it (no expectReplies): the answer goes to the connector, which throttles it once.
    connector.plan({ status: 429, headers: { 'Retry-After': '0' } });
    const res = await postRaw(t.url, JSON.stringify(inPersonalChat('can I friend a parent on Facebook?', STAFF, connector.serviceUrl)));
    expect(res.status).toBe(200);
    const answer = await connector.waitFor((r) => r.answered === 201 && r.conversationId === `a:personal-${STAFF.id}`);
    expect(cardOf(answer)).toBeDefined();
    expect(connector.requests.filter((r) => r.conversationId === `a:personal-${STAFF.id}`).map((r) => r.answered)).toEqual([429, 201]);

    const incoming = clients.filter((c) => !c.proactive);
    const proactive = clients.filter((c) => c.proactive);
    expect(incoming).toHaveLength(2);
    expect(incoming[1].client).toBe(incoming[0].client); // one client for the channel and the 1:1 chat: same service URL
    expect(proactive.length).toBeGreaterThan(0);
    for (const p of proactive) expect(p.client).not.toBe(incoming[0].client);
  });
});
