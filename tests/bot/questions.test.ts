import { personalMessage } from '../support/activities';
import { ADAPTIVE_CARD, cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { validateCard } from '../support/validate-card';

describe('asking the bot a question in a 1:1 chat (POST /api/messages, expectReplies)', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());

  it('answers "can I friend a parent?" with one valid Adaptive Card citing clause 2.6.2', async () => {
    const replies = await postActivity(server.url, personalMessage('can I friend a parent?'));
    expect(replies).toHaveLength(1);
    const attachments = replies[0].attachments ?? [];
    expect(attachments).toHaveLength(1);
    expect(attachments[0].contentType).toBe(ADAPTIVE_CARD);
    const card = attachments[0].content;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('It depends');
    expect(text).toContain('2.6.2 Social contact');
    expect(text).toContain('openly acknowledged with the Head Teacher');
    expect(text).toContain('West Lodge School Social Media Policy');
    expect(text).toMatch(/due for review in September 2022/);
    // The deep link opens the Policy tab at the first cited clause.
    expect(text).toContain(`/policy?context=${encodeURIComponent('{"subEntityId":"2.6.2"}')}`);
  });

  it('offers Helpful / Not helpful feedback and no report button for an ordinary question', async () => {
    const [reply] = await postActivity(server.url, personalMessage('can I friend a parent?'));
    const actions = reply.attachments![0].content.actions as { title: string; data?: Record<string, unknown> }[];
    expect(actions.map((a) => a.title)).toEqual(['Read the full section', 'Helpful', 'Not helpful']);
    expect(actions[1].data).toEqual({ action: 'feedback', helpful: true, question: 'can I friend a parent?', verdict: 'conditional', cardId: expect.any(String) });
  });

  it('puts "Report a concern" first and the steps to take now on an urgent answer', async () => {
    const [reply] = await postActivity(server.url, personalMessage('a pupil sent me an indecent image'));
    const card = reply.attachments![0].content;
    expect(validateCard(card)).toEqual([]);
    expect(card.actions[0]).toMatchObject({ title: 'Report a concern', data: { action: 'report', question: 'a pupil sent me an indecent image' } });
    const text = cardText(card);
    expect(text).toContain('Urgent: tell the DSL now');
    expect(text).toContain('Do not view it further');
  });

  // Concerns in words no scenario phrasing uses: before the safety net (src/policy/concern-signals.ts)
  // each of these came back without the Report button, and the first was declined as not covered.
  it.each([
    'a pupil wrote in her diary that she doesn\'t want to be alive anymore',
    'the caretaker has been chatting to a child on snapchat, I saw it on his phone',
    'a pupil in year 3 mentioned that her uncle takes pictures of her in the bath',
    'our new sports coach asked some of the girls to follow him on tiktok',
  ])('offers "Report a concern" and tells the DSL for an unseen concern: %s', async (question) => {
    const [reply] = await postActivity(server.url, personalMessage(question));
    const card = reply.attachments![0].content;
    expect(validateCard(card)).toEqual([]);
    expect((card.actions as { title: string }[]).map((a) => a.title)).toContain('Report a concern');
    const text = cardText(card);
    expect(text).not.toContain('Not covered by this policy');
    expect(text).toContain('DSL');
  });

  it.each(['can I check my online banking on the school ipad at lunch?', 'what does the policy say about grooming?'])(
    'offers no report button for an ordinary question that mentions no concern: %s',
    async (question) => {
      const [reply] = await postActivity(server.url, personalMessage(question));
      expect((reply.attachments![0].content.actions as { title: string }[]).map((a) => a.title)).not.toContain('Report a concern');
    },
  );

  it.each(["What's the school nurse's phone number?", "I'm worried about my year 6s' SATs results"])(
    'still declines a question outside the policy that mentions a child: %s',
    async (question) => {
      const [reply] = await postActivity(server.url, personalMessage(question));
      expect(cardText(reply.attachments![0].content)).toContain('Not covered by this policy');
    },
  );

  it('tells the person kindly when the policy does not cover the question, and who to ask', async () => {
    const [reply] = await postActivity(server.url, personalMessage("what's for lunch?"));
    const card = reply.attachments![0].content;
    expect(validateCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Not covered by this policy');
    expect(text).toMatch(/Head Teacher/);
    expect(text).toMatch(/computing co-ordinator \(Mr Peebles\)/);
    expect(text).not.toContain('2.6.2');
  });

  it('keeps text a person typed as text: a template binding in the question is not evaluated', async () => {
    const question = 'can I friend a parent on facebook? ${summary}';
    const [reply] = await postActivity(server.url, personalMessage(question));
    const card = reply.attachments![0].content;
    const helpful = (card.actions as { title: string; data?: { question?: string } }[]).find((a) => a.title === 'Helpful');
    expect(helpful?.data?.question).toBe(question);
  });

  it('answers GET /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
