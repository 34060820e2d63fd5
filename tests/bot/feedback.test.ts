import type { Activity } from 'botbuilder';
import { ALREADY_RATED } from '../../src/bot/answerFeedback';
import { summariseFeedback } from '../../src/policy/feedback';
import { cardSubmit, personalMessage } from '../support/activities';
import { cardsIn, cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../support/connector';
import { validateCard } from '../support/validate-card';

type Action = { title: string; data?: Record<string, unknown>; card?: { actions: { data: Record<string, unknown> }[] } };

/**
 * Helpful / Not helpful on an answer card rate that card once: Teams replaces the card with one
 * without the buttons (the submit's replyToId names the message), and a second press that still
 * arrives (a client that had not refreshed) is acknowledged and not counted again.
 */
describe('rating an answer card', () => {
  let connector: FakeConnector;
  let server: TestServer;
  const ANSWER_MESSAGE_ID = '1700000000123';

  beforeEach(async () => {
    connector = await startFakeConnector();
    server = await startTestServer();
  });
  afterEach(async () => {
    await server.close();
    await connector.close();
  });

  const send = (activity: Partial<Activity>) => postActivity(server.url, { ...activity, serviceUrl: connector.serviceUrl });
  const ask = async (question: string) => {
    const [card] = cardsIn(await send(personalMessage(question)));
    const actions = card.actions as Action[];
    return {
      card,
      helpful: actions.find((a) => a.title === 'Helpful')!.data!,
      notHelpful: actions.find((a) => a.title === 'Not helpful')!.card!.actions[0].data,
    };
  };
  // Teams posts the button's data merged with the card's inputs, as a reply to the card's message.
  const press = (data: Record<string, unknown>, inputs: Record<string, unknown> = {}) => send({ ...cardSubmit({ ...data, ...inputs }), replyToId: ANSWER_MESSAGE_ID });
  const ratings = () => summariseFeedback(server.app.db);

  it('records one rating, thanks the person and replaces the card with the same answer without the buttons', async () => {
    const { card, helpful } = await ask('can I friend a parent?');
    const thanks = cardsIn(await press(helpful));
    expect(cardText(thanks[0])).toContain('Glad that helped');
    expect(ratings()).toMatchObject({ ratings: 1, helpful: 1 });

    const update = await connector.waitFor((r) => r.method === 'PUT');
    expect(update.activityId).toBe(ANSWER_MESSAGE_ID);
    expect(update.conversationId).toBe(personalMessage('').conversation!.id);
    const replaced = cardOf(update)!;
    expect(validateCard(replaced)).toEqual([]);
    expect(replaced.body).toEqual(card.body);
    expect((replaced.actions as Action[]).map((a) => a.title)).toEqual(['Read the full section']);
  });

  it('acknowledges a second press on the same card, Helpful or Not helpful, without recording it', async () => {
    const { helpful, notHelpful } = await ask('can I friend a parent?');
    await press(helpful);
    for (const again of [await press(helpful), await press(notHelpful, { comment: 'changed my mind' })]) {
      expect(again.map((r) => r.text)).toEqual([ALREADY_RATED]);
    }
    expect(ratings()).toMatchObject({ ratings: 1, helpful: 1, notHelpful: 0 });
    expect(connector.updated()).toHaveLength(1);

    // Another answer card is rated on its own.
    const other = await ask('can I use my own phone to take photos of pupils?');
    expect(cardText(cardsIn(await press(other.notHelpful, { comment: 'more detail please' }))[0])).toContain("Sorry that wasn't helpful");
    expect(ratings()).toMatchObject({ ratings: 2, helpful: 1, notHelpful: 1 });
  });
});
