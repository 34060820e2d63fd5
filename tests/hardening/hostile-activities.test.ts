import fc from 'fast-check';
import { cardSubmit, channelMention, personalMessage, STAFF } from '../support/activities';
import { ADAPTIVE_CARD, cardText, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { markdownShown } from '../support/card-markdown';
import { UNEXPANDED_BINDING, validateCard } from '../support/validate-card';

/**
 * Anything a person can type and any JSON anyone can post, 10,000 times through the real HTTP
 * endpoint: the bot never fails (no 5xx), never leaks internals, always answers with valid cards,
 * and never treats what someone typed as a template or as markup.
 */

const ACTIVITIES = 10_000;
const BATCH = 50; // posted concurrently, like many staff at once; fast-check shrinks a failing batch
// "${if(true, 'EVALUATED', 'x')}" typed literally always has the quote; evaluated, it is the bare word.
const EVALUATED = /(?<!')EVALUATED/;
const INTERNALS = /\n\s+at |node_modules|\.ts:\d+|\bTypeError\b|\bReferenceError\b|\bSqliteError\b/;

// Text that breaks naive code: lunr query syntax, template expressions, markup, bidi and
// zero-width characters, lone surrogates, our own commands.
const fragments = fc.constantFrom(
  ':', '~', '^', '+', '-', '*', 'title:', 'photo~2', 'parent^10', '+friend -parent',
  '${1+1}', '${json($root)}', '${$root}', "${if(true, 'EVALUATED', 'x')}", '${summary}', '{{DATE(2026-01-01T00:00:00Z)}}', '$when', '${',
  '**bold**', '_x_', '[click](https://evil.example)', '<b>x</b>', '<script>alert(1)</script>', '<at>PolicyGuide</at>', '# heading', '- item', '`code`',
  '\u202e', '\u200b', '\u200f', '\ufeff', 'مرحبا', 'שלום', '\ud800', '\u0000', '\t\r\n', '🙂', '👨‍👩‍👧',
  'help', 'report', '2.6.2', 'clause 4.1.2', 'can I friend a parent?', 'a pupil sent me a photo',
  '__proto__', 'constructor', 'toString',
);
const text = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.oneof(fragments, fc.string({ maxLength: 12 })), { maxLength: 25 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  { weight: 1, arbitrary: fc.tuple(fragments, fc.integer({ min: 2_000, max: 60_000 })).map(([f, n]) => f.repeat(Math.ceil(n / f.length)).slice(0, n)) },
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

/** A card button's data: ours (answer cards and every step of a concern report, right and wrong shapes) and anything else. */
const submitValue = fc.oneof(
  fc.record({ action: fc.constantFrom('feedback', 'report', 'help', 'unknown', ''), helpful: fc.oneof(fc.boolean(), anyJson), question: fc.oneof(text, anyJson), verdict: fc.oneof(fc.constantFrom('yes', 'no', 'info', 'bogus'), anyJson), comment: fc.oneof(text, anyJson) }, { requiredKeys: ['action'] }),
  fc.record(
    {
      concernStep: fc.constantFrom('category', 'spokenToDsl', 'headIsSubject', 'what', 'when', 'where', 'peopleInvolved', 'actionsTaken', 'review', 'bogus'),
      category: fc.oneof(fc.constantFrom('cyberbullying', 'indecent-images', 'allegation-about-adult', 'other', 'bogus'), anyJson),
      answer: fc.oneof(text, fc.constantFrom('yes', 'no', ''), anyJson),
      action: fc.oneof(fc.constantFrom('confirm', 'cancel', 'edit'), anyJson),
      date: fc.oneof(fc.constantFrom('2026-11-30', '2026-02-31', '9999-99-99', ''), anyJson),
      time: fc.oneof(fc.constantFrom('19:45', '25:99', ''), anyJson),
    },
    { requiredKeys: ['concernStep'] },
  ),
  fc.dictionary(fc.string({ maxLength: 10 }), anyJson, { maxKeys: 5 }),
  anyJson,
);

const FIELDS = ['type', 'id', 'text', 'from', 'recipient', 'conversation', 'channelId', 'serviceUrl', 'entities', 'attachments', 'channelData', 'value', 'membersAdded', 'locale', 'timestamp', 'textFormat'];

/** A Teams-shaped activity, then perhaps every field at random replaced by a value of the wrong type. */
const activity = fc
  .tuple(
    fc.oneof(
      text.map((t) => personalMessage(t)),
      text.map((t) => channelMention(t)),
      submitValue.map((v) => cardSubmit(v as Record<string, unknown>)),
      text.map((t) => ({ ...personalMessage(t), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: t, data: {} } } })),
    ),
    fc.dictionary(fc.constantFrom(...FIELDS), anyJson, { maxKeys: 3 }),
    fc.boolean(),
  )
  .map(([base, wrong, mutate]) => ({ ...base, ...(mutate ? wrong : {}), deliveryMode: 'expectReplies' }));

let colleagues = 0;
/** A message from a colleague in their own 1:1 chat, untouched by whatever the generated activities left behind (a report begun, say). */
function fromAnotherColleague(text: string) {
  const id = `29:colleague-${++colleagues}`;
  const message = personalMessage(text, { ...STAFF, id, aadObjectId: `55555555-5555-5555-5555-${String(colleagues).padStart(12, '0')}` });
  return { ...message, conversation: { ...message.conversation!, id: `a:personal-${id}` }, deliveryMode: 'expectReplies' };
}

interface Outcome {
  status: number;
  body: unknown;
}

/** Why a response is unacceptable, or undefined. Plain checks, so 10,000 stay fast. */
function problemWith({ status, body }: Outcome): string | undefined {
  const raw = typeof body === 'string' ? body : JSON.stringify(body ?? '');
  if (status >= 500) return `status ${status}: ${raw.slice(0, 300)}`;
  if (INTERNALS.test(raw)) return `internals in the response: ${raw.slice(0, 300)}`;
  if (status !== 200) return [400, 413].includes(status) ? undefined : `unexpected status ${status}`;
  const replies = (body as { activities?: { attachments?: { contentType: string; content: unknown }[]; text?: unknown }[] } | undefined)?.activities ?? [];
  for (const reply of replies) {
    for (const attachment of reply.attachments ?? []) {
      if (attachment.contentType !== ADAPTIVE_CARD) return `a non-card attachment ${attachment.contentType}`;
      const problems = cardProblems(attachment.content);
      if (problems.length) return `invalid card: ${problems.join('; ')}`;
      const shown = cardText(withoutActionData(attachment.content));
      if (EVALUATED.test(shown)) return 'user text was evaluated as a template expression';
      if (markdownShown(attachment.content).some((t) => /\]\(https:\/\/evil\.example\)|\*\*bold\*\*/.test(t))) return 'user text shown as markup';
    }
    if (typeof reply.text === 'string' && EVALUATED.test(reply.text)) return 'template evaluated in a text reply';
  }
  return undefined;
}

const validated = new Map<string, string[]>();

/** validateCard, once per distinct card; the question a button carries back is data, not display. */
function cardProblems(card: unknown): string[] {
  const displayed = withoutActionData(card);
  const key = JSON.stringify(displayed);
  const known = validated.get(key);
  if (known) return known;
  // Here "${" can be what someone typed (a report's review card shows their answers): whether it
  // was evaluated is checked on the text itself (EVALUATED); our own templates' bindings are checked in tests/cards.
  const problems = validateCard(displayed).filter((p) => p !== UNEXPANDED_BINDING);
  validated.set(key, problems);
  return problems;
}

function withoutActionData(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutActionData);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(Object.entries(node).filter(([key]) => key !== 'data').map(([key, value]) => [key, withoutActionData(value)]));
}

describe('hostile activities through POST /api/messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it(`${ACTIVITIES.toLocaleString('en-GB')} generated activities: no 5xx, no internals, only valid cards, no template evaluation or markup`, async () => {
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(fc.array(activity, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const outcomes = await Promise.all(batch.map((a) => postRaw(server.url, JSON.stringify(a))));
        for (let i = 0; i < batch.length; i++) {
          const problem = problemWith(outcomes[i]);
          if (problem) throw new Error(`${problem}\nfor ${JSON.stringify(batch[i]).slice(0, 500)}`);
        }
      }),
      { numRuns: ACTIVITIES / BATCH },
    );
    // The run time is part of the brief (a few minutes at most on 2 cores); shown, not asserted.
    process.stderr.write(`hostile activities: ${ACTIVITIES} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }, 600_000);

  it('a typed ${…} template expression comes back literally, never evaluated', async () => {
    for (const typed of ["${if(true, 'EVALUATED', 'x')} can I friend a parent?", '${1+1} can I use my phone for photos?']) {
      const res = await postRaw(server.url, JSON.stringify(fromAnotherColleague(typed)));
      expect(res.status).toBe(200);
      const json = JSON.stringify(res.body);
      expect(json).not.toMatch(EVALUATED);
      expect(json).not.toMatch(/"question":"2 /);
      // the question travels back on the card's buttons exactly as typed
      expect(json).toContain(JSON.stringify(typed).slice(1, -1));
    }
  });

  it('the bot answers the real question after all of that', async () => {
    const res = await postRaw(server.url, JSON.stringify(fromAnotherColleague('can I friend a parent?')));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('2.6.2');
  });
});
