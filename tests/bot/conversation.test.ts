import { rmSync } from 'node:fs';
import { botAdded, cardSubmit, channelMention, installationAdd, personalMessage } from '../support/activities';
import { cardsIn, cardText, postActivity, startTestServer, type TestServer } from '../support/bot-http';
import { validateCard } from '../support/validate-card';
import { summariseFeedback } from '../../src/policy/feedback';

describe('talking to the bot in Teams (POST /api/messages, expectReplies)', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(() => server.close());

  async function onlyCard(activity: Parameters<typeof postActivity>[1]) {
    const cards = cardsIn(await postActivity(server.url, activity));
    expect(cards).toHaveLength(1);
    expect(validateCard(cards[0])).toEqual([]);
    return cards[0];
  }

  it('answers an @mention in a channel as if the mention were not there', async () => {
    const card = await onlyCard(channelMention('can I friend a parent?'));
    expect(cardText(card)).toContain('2.6.2 Social contact');
    const helpful = card.actions.find((a: { title: string }) => a.title === 'Helpful');
    expect(helpful.data.question).toBe('can I friend a parent?');
  });

  it('reads a formatted Teams message (HTML, &nbsp;) as its plain text', async () => {
    const activity = channelMention('');
    activity.text = '<p><at>PolicyGuide</at>&nbsp;can I <b>friend</b> a parent?</p>';
    const card = await onlyCard(activity);
    const helpful = card.actions.find((a: { title: string }) => a.title === 'Helpful');
    expect(helpful.data.question).toBe('can I friend a parent?');
  });

  it('shows a clause with its heading, section and governing lead-in when its number is typed', async () => {
    const text = cardText(await onlyCard(personalMessage('2.6.2')));
    expect(text).toContain('Clause 2.6.2: Social contact');
    expect(text).toContain('Section 2: Safer Social Media Practice in Schools');
    expect(text).toContain('openly acknowledged with the Head Teacher');

    // 2.4.6 read without "Adults working in schools should not:" says the opposite of the policy.
    const leadIn = cardText(await onlyCard(personalMessage('clause 2.4.6')));
    expect(leadIn).toMatch(/should not:/);
  });

  it('points out the clause the printed policy misnumbers as 3.1.2', async () => {
    const text = cardText(await onlyCard(personalMessage('3.1.2')));
    expect(text).toContain('Clause 3.1.2');
    expect(text).toContain('type 4.1.2 to read that one');
  });

  it('says so plainly for a clause number the policy does not have, and lists a subsection\'s clauses', async () => {
    const [missing] = await postActivity(server.url, personalMessage('9.9.9'));
    expect(missing.text).toContain("I can't find clause 9.9.9");
    const [subsection] = await postActivity(server.url, personalMessage('section 2.6'));
    expect(subsection.text).toContain('2.6.1, 2.6.2, 2.6.3');
  });

  it('shows what it can do, with example questions as one-tap buttons, for "help" and an empty @mention', async () => {
    for (const activity of [personalMessage('help'), channelMention('')]) {
      const card = await onlyCard(activity);
      expect(cardText(card)).toContain('What I can do');
      const buttons = card.body.find((e: { type: string }) => e.type === 'ActionSet').actions;
      expect(buttons.length).toBeGreaterThanOrEqual(3);
      expect(buttons[0].data).toEqual({ action: 'ask', question: 'Can I accept a friend request from a parent?' });
    }
  });

  it('answers an example question when its button is pressed', async () => {
    const card = await onlyCard(cardSubmit({ action: 'ask', question: 'Can I accept a friend request from a parent?' }));
    expect(cardText(card)).toContain('2.6.2 Social contact');
  });

  it('greets once with a welcome card when installed (installationUpdate then conversationUpdate)', async () => {
    const from = { id: '29:new-staff', name: 'New Staff', aadObjectId: '22222222-2222-2222-2222-222222222222' };
    const install = installationAdd(from);
    const added = botAdded(from);
    const first = cardsIn(await postActivity(server.url, install));
    expect(first).toHaveLength(1);
    expect(validateCard(first[0])).toEqual([]);
    expect(cardText(first[0])).toContain("Hello, I'm PolicyGuide");
    expect(cardText(first[0])).toContain('West Lodge School');
    expect(cardsIn(await postActivity(server.url, added))).toHaveLength(0);
  });

  it('does not greet again when the bot is installed again after a restart on the same data', async () => {
    const from = { id: '29:restart-staff', name: 'Restart Staff', aadObjectId: '33333333-3333-3333-3333-333333333333' };
    const before = await startTestServer();
    try {
      expect(cardsIn(await postActivity(before.url, installationAdd(from)))).toHaveLength(1);
    } finally {
      await before.app.close();
    }
    // A restart (or a second instance) reads who was welcomed from the same SQLite file.
    const after = await startTestServer({ env: { DATA_DIR: before.dataDir } });
    try {
      expect(cardsIn(await postActivity(after.url, installationAdd(from)))).toHaveLength(0);
      expect(cardsIn(await postActivity(after.url, botAdded(from)))).toHaveLength(0);
    } finally {
      await after.close();
      rmSync(before.dataDir, { recursive: true, force: true });
    }
  });

  it('records Helpful / Not helpful with the comment, thanks the person, and keeps no names', async () => {
    const thanks = await onlyCard(cardSubmit({ action: 'feedback', helpful: true, question: 'can I friend a parent?', verdict: 'conditional' }));
    expect(cardText(thanks)).toContain('Glad that helped');
    const sorry = await onlyCard(
      cardSubmit({ action: 'feedback', helpful: false, question: 'can I use WhatsApp with parents?', verdict: 'no', comment: 'What about class groups?' }),
    );
    expect(cardText(sorry)).toContain("Sorry that wasn't helpful");

    const summary = summariseFeedback(server.app.db);
    expect(summary).toMatchObject({ ratings: 2, helpful: 1, notHelpful: 1 });
    expect(summary.notHelpfulAnswers).toEqual([
      expect.objectContaining({ question: 'can I use WhatsApp with parents?', verdict: 'no', comment: 'What about class groups?' }),
    ]);
    const stored = JSON.stringify(server.app.db.prepare('SELECT * FROM feedback').all());
    expect(stored).not.toContain('Sam Teacher');
    expect(stored).not.toContain('11111111-1111-1111-1111-111111111111');
  });

  it('records each question the policy does not cover, for the policy owner', async () => {
    await postActivity(server.url, personalMessage("What's for lunch?"));
    await postActivity(server.url, personalMessage("what's for lunch"));
    const { frequentUncovered } = summariseFeedback(server.app.db);
    expect(frequentUncovered[0]).toEqual({ question: "What's for lunch?", count: 2 });
  });

  it('starts the private report from `report` and from the Report a concern button', async () => {
    for (const activity of [personalMessage('report'), cardSubmit({ action: 'report', question: 'a pupil sent me an indecent image' })]) {
      const card = await onlyCard(activity);
      expect(cardText(card)).toContain('What kind of concern is it?');
      expect(cardText(card)).toContain('call 999');
      expect(cardText(await onlyCard(personalMessage('cancel')))).toContain('Report cancelled');
    }
  });

  it('treats card data it does not recognise as a request for help, not as feedback', async () => {
    const card = await onlyCard(cardSubmit({ action: 'feedback', helpful: 'very', question: 42 }));
    expect(cardText(card)).toContain('What I can do');
    expect(summariseFeedback(server.app.db).ratings).toBe(2);
  });
});
