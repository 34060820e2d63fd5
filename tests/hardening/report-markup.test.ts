import type { Activity } from 'botbuilder';
import { cardSubmit, personalMessage, STAFF } from '../support/activities';
import { cardsIn, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { markdownShown } from '../support/card-markdown';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { cardExecute, DSL, inDslChannel, SAFEGUARDING_ENV } from '../support/dslActivities';

/**
 * What a reporter types is shown back (on the review card) and to the DSL (details) exactly as
 * typed: never as Markdown, so a typed link is not a link and **this** is not bold.
 */
const TYPED = '**urgent** [click here](https://evil.example/phish) _see_ # heading';

describe('report text shown on cards', () => {
  let server: TestServer;
  let connector: FakeConnector;
  beforeAll(async () => {
    connector = await startFakeConnector();
    server = await startTestServer({ env: SAFEGUARDING_ENV });
    await postActivity(server.url, inDslChannel('setup dsl', DSL, connector.serviceUrl));
  });
  afterAll(async () => {
    await server.close();
    await connector.close();
  });

  it('is never rendered as Markdown on the review card or the DSL details card', async () => {
    const who = { ...STAFF, id: '29:markup-reporter', aadObjectId: '66666666-6666-6666-6666-666666666666' };
    const say = (reply: string | Record<string, unknown>) => {
      const activity: Partial<Activity> = typeof reply === 'string' ? personalMessage(reply, who) : cardSubmit(reply, who);
      return postActivity(server.url, { ...activity, serviceUrl: connector.serviceUrl, conversation: { ...activity.conversation!, id: `a:personal-${who.id}` } });
    };
    await say('report');
    await say({ concernStep: 'category', category: 'cyberbullying' });
    await say(TYPED);
    await say({ concernStep: 'when', date: '2026-11-30', time: '19:45' });
    await say(TYPED);
    await say({ concernStep: 'peopleInvolved', answer: TYPED });
    const review = cardsIn(await say({ concernStep: 'actionsTaken', answer: TYPED }));
    expect(JSON.stringify(review)).toContain('evil.example'); // shown…
    expect(markdownShown(review).filter((t) => t.includes('evil.example'))).toEqual([]); // …but never as Markdown

    const recorded = JSON.stringify(await say({ concernStep: 'review', action: 'confirm' }));
    const reference = /WLS-\d{4}-\d{4}/.exec(recorded)![0];
    const alert = await connector.waitFor((r) => JSON.stringify(cardOf(r) ?? {}).includes(reference), 30_000);
    expect(markdownShown(cardOf(alert)).filter((t) => t.includes('evil.example'))).toEqual([]);
    const details = await postActivity(server.url, cardExecute('concern.details', { reference }, DSL, connector.serviceUrl));
    expect(JSON.stringify(details)).toContain('evil.example');
    expect(markdownShown(details).filter((t) => t.includes('evil.example'))).toEqual([]);
  });
});
