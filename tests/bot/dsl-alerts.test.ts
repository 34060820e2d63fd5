import type { Activity } from 'botbuilder';
import { CHANNEL_SET, DSL_ONLY } from '../../src/bot/dslChannelSetup';
import { draft as draftFor } from '../reports/support/reportFixtures';
import { cardText, postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { cardOf, startFakeConnector, type ConnectorRequest, type FakeConnector } from '../support/connector';
import { cardExecute, CHAIR, DSL, eventually, FALLBACK, HEAD, inDslChannel, inPersonalChat, mayRepeatLine, movableClock, SAFEGUARDING_ENV, STAFF } from '../support/dslActivities';
import { validateCard } from '../support/validate-card';

const reporter = { userId: STAFF.aadObjectId, name: STAFF.name };
const draft = (overrides: Parameters<typeof draftFor>[0] = {}) => draftFor({ reporter, ...overrides });
const textOf = (replies: Partial<Activity>[]) => replies.map((r) => r.text).join('\n');

describe('DSL alerts through Teams', () => {
  let connector: FakeConnector;
  let t: TestServer;
  let clock: ReturnType<typeof movableClock>;

  beforeEach(async () => {
    connector = await startFakeConnector();
    clock = movableClock();
    t = await startTestServer({
      env: SAFEGUARDING_ENV,
      options: { concerns: { clock, delivery: { pollMs: 100, retryDelayMs: 100, maxRetryDelayMs: 400, sendTimeoutMs: 2_000 }, escalationCheckMs: 60 * 60_000 } },
    });
  });
  afterEach(async () => {
    await t.close();
    await connector.close();
  });

  const setUpChannel = async () => {
    expect(textOf(await postActivity(t.url, inDslChannel('setup dsl', DSL, connector.serviceUrl)))).toBe(CHANNEL_SET);
  };
  const alertFor = (reference: string) =>
    connector.waitFor((r) => r.method === 'POST' && r.answered === 201 && JSON.stringify(cardOf(r) ?? {}).includes(reference));
  const invoke = async (verb: string, reference: string, from = DSL, extra: Record<string, unknown> = {}) => {
    const res = await postRaw(t.url, JSON.stringify(cardExecute(verb, { reference, ...extra }, from, connector.serviceUrl)));
    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Record<string, any> };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(validateCard(body.value)).toEqual([]);
    return body.value;
  };

  it('a DSL sets up the channel with or without @mention; anyone else is politely refused', async () => {
    expect(textOf(await postActivity(t.url, inDslChannel('setup dsl', STAFF, connector.serviceUrl)))).toBe(DSL_ONLY);
    expect(t.app.concerns.references.dslChannel()).toBeUndefined();
    expect(textOf(await postActivity(t.url, inDslChannel('setup dsl', DSL, connector.serviceUrl, false)))).toBe(CHANNEL_SET);
    expect(t.app.concerns.references.dslChannel()).toMatchObject({ serviceUrl: connector.serviceUrl, conversation: { id: '19:general@thread.tacv2' } });
  });

  it('a concern reported before the channel was set up is alerted as soon as a DSL sets it up', async () => {
    await t.close();
    t = await startTestServer({ env: SAFEGUARDING_ENV, options: { concerns: { delivery: { retryDelayMs: 30 * 60_000, maxRetryDelayMs: 60 * 60_000 } } } });
    const report = await t.app.concerns.store.createReport(draft());
    await eventually(async () => (await t.app.concerns.store.outboxFor(report.reference))[0]!.lastError?.includes('not set up'));
    await setUpChannel(); // the next retry would be 15–30 minutes away
    await alertFor(report.reference);
  });

  it('a new concern appears in the DSL channel as a card with no free text; a DSL acknowledges it in place and the reporter is told', async () => {
    await setUpChannel();
    await postActivity(t.url, inPersonalChat('hello', STAFF, connector.serviceUrl)); // the reporter's 1:1 chat is known
    const report = await t.app.concerns.store.createReport(draft());
    const alert = await alertFor(report.reference);
    expect(alert.conversationId).toBe('19:general@thread.tacv2');
    const card = cardOf(alert)!;
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Online bullying');
    expect(cardText(card)).toContain(STAFF.name);
    expect(JSON.stringify(card)).not.toContain('WhatsApp');
    expect(JSON.stringify(card)).not.toContain('calling her names');

    const refreshed = await invoke('concern.acknowledge', report.reference);
    expect(cardText(refreshed)).toContain('Acknowledged by Dee Lead');
    expect((await t.app.concerns.store.auditTrail(report.reference)).map((e) => e.action)).toEqual(['created', 'acknowledged']);
    const update = await connector.waitFor((r) => r.method === 'PUT' && r.activityId === alert.createdId);
    expect(cardText(cardOf(update)!)).toContain('Acknowledged by Dee Lead');
    const told = await connector.waitFor((r) => r.method === 'POST' && r.conversationId === `a:personal-${STAFF.id}`);
    expect(told.body.text).toContain(`${report.reference} has been acknowledged`);

    expect(cardText(await invoke('concern.assign', report.reference))).toContain('Assigned to you.');
    expect(cardText(await invoke('concern.note', report.reference, DSL, { note: 'Spoke to both families.' }))).toContain('Note added to the record.');
    const closed = await invoke('concern.close', report.reference, DSL, { outcome: 'Families informed; no further action.' });
    expect(closed.actions.map((a: { title: string }) => a.title)).toEqual(['View details']);
    const trail = await t.app.concerns.store.auditTrail(report.reference);
    expect(trail.map((e) => [e.action, e.actor.name, e.note])).toEqual([
      ['created', STAFF.name, undefined],
      ['acknowledged', 'Dee Lead', undefined],
      ['assigned', 'Dee Lead', undefined],
      ['noted', 'Dee Lead', 'Spoke to both families.'],
      ['closed', 'Dee Lead', 'Families informed; no further action.'],
    ]);
    const closedTold = await connector.waitFor((r) => r.conversationId === `a:personal-${STAFF.id}` && String(r.body.text).includes('has been closed'));
    expect(closedTold.body.text).not.toContain('Families informed'); // the outcome stays with the DSLs
  });

  it('a non-DSL pressing a button is refused politely and changes nothing; details open only for a DSL, audited', async () => {
    await setUpChannel();
    const report = await t.app.concerns.store.createReport(draft());
    await alertFor(report.reference);
    for (const verb of ['concern.acknowledge', 'concern.close', 'concern.details']) {
      const card = await invoke(verb, report.reference, STAFF, { outcome: 'nothing' });
      expect(cardText(card)).toContain("only the school's Designated Safeguarding Leads can act on this concern");
      expect(JSON.stringify(card)).not.toContain('WhatsApp');
    }
    expect((await t.app.concerns.store.findReport(report.reference))!.status).toBe('open');
    const details = await invoke('concern.details', report.reference);
    expect(cardText(details)).toContain('WhatsApp group');
    const closeWithout = await invoke('concern.close', report.reference, DSL, { outcome: '  ' });
    expect(cardText(closeWithout)).toContain('Please write the outcome before closing the concern.');
    expect((await t.app.concerns.store.auditTrail(report.reference)).map((e) => `${e.action}:${e.actor.name}`)).toEqual([
      'created:Sam Teacher', 'viewed-details:Dee Lead',
    ]);
  });

  it('junk in a card action never crashes the bot or touches a concern', async () => {
    await setUpChannel();
    const report = await t.app.concerns.store.createReport(draft());
    const junk: unknown[] = [
      'junk',
      { action: { type: 'Action.Execute', verb: 'concern.acknowledge', data: { reference: { $ne: 1 } } } },
      { action: { type: 'Action.Execute', verb: 'concern.close', data: { reference: report.reference, outcome: ['x'] } } },
      { action: { type: 'Action.Execute', verb: 'concern.unknown', data: { reference: report.reference } } },
      { action: { type: 'Action.Execute', verb: 'concern.note', data: { reference: `${report.reference}' OR 1=1 --`, note: 'x' } } },
    ];
    for (const value of junk) {
      const activity = { ...cardExecute('concern.refresh', {}, DSL, connector.serviceUrl), value };
      const res = await postRaw(t.url, JSON.stringify(activity));
      // 400 for a value without `action` (botbuilder could not read it); a card saying why for the rest.
      expect([200, 400]).toContain(res.status);
    }
    expect((await t.app.concerns.store.findReport(report.reference))!.status).toBe('open');
    expect((await t.app.concerns.store.auditTrail(report.reference)).map((e) => e.action)).toEqual(['created']);
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it('an unacknowledged concern is re-alerted with an @mention of the DSLs after its deadline, then the fallback person is told 1:1', async () => {
    await setUpChannel();
    await postActivity(t.url, inPersonalChat('hello', DSL, connector.serviceUrl)); // the DSL's name is known for the mention
    const report = await t.app.concerns.store.createReport(draft({ category: 'grooming-or-exploitation', spokenToDsl: false }));
    await alertFor(report.reference);
    clock.advanceMinutes(10);
    expect(await t.app.concerns.scheduler.checkOnce()).toBe(1);
    const reminder = await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes('Not acknowledged after 10 minutes'));
    expect(cardOf(reminder)!.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Dee Lead</at>', mentioned: { id: DSL.aadObjectId, name: 'Dee Lead' } },
    ]);
    expect(validateCard(cardOf(reminder))).toEqual([]);

    clock.advanceMinutes(10);
    expect(await t.app.concerns.scheduler.checkOnce()).toBe(1);
    const escalated = await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes('Safeguarding concern not acknowledged'));
    const opened = connector.created().find((c) => c.createdId === escalated.conversationId);
    expect(opened?.body.members).toEqual([{ id: FALLBACK.aadObjectId }]);
    expect(JSON.stringify(cardOf(escalated))).not.toContain('calling her names');
  });

  it('an allegation about an adult goes to the Headteacher 1:1, or to the Chair when the Head is the subject — never the channel', async () => {
    await setUpChannel();
    const toHead = await t.app.concerns.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: false }));
    const toChair = await t.app.concerns.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: true }));
    const headAlert = await alertFor(toHead.reference);
    const chairAlert = await alertFor(toChair.reference);
    const openedFor = (conversationId: string | undefined) =>
      connector.created().find((c) => c.createdId === conversationId)?.body.members.map((m: { id: string }) => m.id);
    expect(openedFor(headAlert.conversationId)).toEqual([HEAD.aadObjectId]);
    expect(openedFor(chairAlert.conversationId)).toEqual([CHAIR.aadObjectId]);
    expect(connector.posted().filter((r) => r.conversationId === '19:general@thread.tacv2')).toHaveLength(0);
    expect(cardText(cardOf(chairAlert)!)).toContain('for the Chair of Governors only');
  });

  it('when the connector answers 500, then 429 with Retry-After, then hangs, the alert still arrives; only the send after the hang says it may repeat', async () => {
    await setUpChannel();
    connector.plan({ status: 500 }, { status: 429, headers: { 'Retry-After': '1' } }, 'hang');
    const report = await t.app.concerns.store.createReport(draft());
    await alertFor(report.reference);
    const attempts = connector.requests.filter((r) => r.conversationId === '19:general@thread.tacv2' && r.method === 'POST');
    expect(attempts.map((r) => r.answered)).toEqual([500, 429, 'hang', 201]);
    // A 500 or a 429 is Teams saying it did not post the card; a post that got no answer may be in the channel.
    const line = mayRepeatLine(report.reference);
    expect(attempts.map((r) => cardText(cardOf(r)!).includes(line))).toEqual([false, false, false, true]);
    const message = await eventually(async () => (await t.app.concerns.store.outboxFor(report.reference)).find((m) => m.sentAt));
    expect(message).toMatchObject({ kind: 'concern-alert', attempts: 3, mayRepeat: true });
    expect(connector.posted().filter((r) => JSON.stringify(cardOf(r) ?? {}).includes(report.reference))).toHaveLength(1);

    // Either card acts on the same concern. The repeat keeps its line when pressed and when updated in
    // place; the earlier card, refreshed as a DSL views it, shows the same state without it.
    const [earlier, repeat] = [cardOf(attempts[2]!)!, cardOf(attempts[3]!)!];
    const acknowledge = repeat.actions.find((a: { verb?: string }) => a.verb === 'concern.acknowledge');
    const pressed = await invoke('concern.acknowledge', report.reference, DSL, acknowledge.data);
    expect(cardText(pressed)).toContain(line);
    expect(cardText(pressed)).toContain('Acknowledged by Dee Lead');
    const update = await connector.waitFor((r) => r.method === 'PUT' && r.activityId === attempts[3]!.createdId);
    expect(cardText(cardOf(update)!)).toContain(line);
    const refreshed = await invoke('concern.refresh', report.reference, DSL, earlier.refresh.action.data);
    expect(cardText(refreshed)).toContain('Acknowledged by Dee Lead');
    expect(cardText(refreshed)).not.toContain(line);
  }, 60_000);

  it("a reporter's message whose post got no answer is sent again saying it may repeat", async () => {
    await postActivity(t.url, inPersonalChat('hello', STAFF, connector.serviceUrl));
    // No DSL channel yet, so the reporter's message is the only request the connector sees.
    const report = await t.app.concerns.store.createReport(draft());
    connector.plan('hang');
    await t.app.concerns.store.acknowledge(report.reference, { userId: DSL.aadObjectId, name: DSL.name });
    const toReporter = (r: ConnectorRequest) => r.method === 'POST' && r.conversationId === `a:personal-${STAFF.id}`;
    await connector.waitFor((r) => toReporter(r) && r.answered === 201);
    expect(connector.requests.filter(toReporter).map((r) => [r.answered, r.body.text])).toEqual([
      ['hang', `Your safeguarding concern ${report.reference} has been acknowledged by the Designated Safeguarding Lead. Thank you for reporting it.`],
      [
        201,
        `Your safeguarding concern ${report.reference} has been acknowledged by the Designated Safeguarding Lead. Thank you for reporting it.\n\n` +
          `This may repeat a message already sent to you about ${report.reference}: PolicyGuide was interrupted while sending it.`,
      ],
    ]);
  }, 60_000);
});
