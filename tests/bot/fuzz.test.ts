import fc from 'fast-check';
import { cardSubmit, channelMention, personalMessage } from '../support/activities';
import { cardsIn, postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { validateCard } from '../support/validate-card';

/**
 * Bad input never crashes the bot: whatever is typed or posted, the endpoint answers 200 with a
 * valid card, or a 4xx with a reason, and keeps serving. Some two hundred runs through real HTTP.
 */
describe('anything posted to /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());

  const typed = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.constantFrom('${summary}', '{{DATE(2020-01-01T00:00:00Z)}}', '<at>PolicyGuide</at>', '2.6.2 ${x}', 'report\u0000', '**help**', '\ud800', '9.9.9.9', '§', 'clause 99.99'),
  );

  it('typed text in a chat or an @mention always gets exactly one valid card or a plain line', async () => {
    await fc.assert(
      fc.asyncProperty(typed, fc.boolean(), async (text, inChannel) => {
        const replies = await postActivity(server.url, inChannel ? channelMention(text) : personalMessage(text));
        if (replies.length !== 1) return false;
        const cards = cardsIn(replies);
        // Card data carries the question as typed, so a typed "${" is expected inside it.
        return cards.length === 1 ? validateCard(cards[0]).filter((p) => !p.includes('unexpanded')).length === 0 : typeof replies[0].text === 'string';
      }),
      { numRuns: 60 },
    );
  });

  it('any card data answers with one reply, never an error', async () => {
    const value = fc.oneof(
      fc.dictionary(fc.constantFrom('action', 'helpful', 'question', 'verdict', 'comment'), fc.jsonValue({ maxDepth: 2 })),
      fc.record({ action: fc.constantFrom('feedback', 'report', 'help', 'ask', 'unknown'), helpful: fc.anything(), question: fc.anything(), verdict: fc.string() }),
    );
    await fc.assert(
      fc.asyncProperty(value, async (v) => (await postActivity(server.url, cardSubmit(v as Record<string, unknown>))).length === 1),
      { numRuns: 60 },
    );
  });

  it('any JSON body gets 200 or a 4xx, and the bot still answers afterwards', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({ ...fieldsOf(personalMessage('hi')), type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'installationUpdate', 'typing', 'messageReaction', 'invoke', 'event', 'endOfConversation'), fc.string()) }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await postRaw(server.url, JSON.stringify(b === undefined ? null : b));
        return res.status === 200 || (res.status >= 400 && res.status < 500) || res.status === 501;
      }),
      { numRuns: 100 },
    );
    expect(await postActivity(server.url, personalMessage('can I friend a parent?'))).toHaveLength(1);
  });
});

/** Each field of a valid activity kept, or replaced by any JSON value. */
function fieldsOf(activity: object): Record<string, fc.Arbitrary<unknown>> {
  return Object.fromEntries(Object.entries(activity).map(([k, v]) => [k, fc.oneof({ weight: 3, arbitrary: fc.constant(JSON.parse(JSON.stringify(v))) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) })]));
}
