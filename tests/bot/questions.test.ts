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
