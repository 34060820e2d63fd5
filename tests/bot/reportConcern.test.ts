import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { cardSubmit, personalMessage, STAFF } from '../support/activities';
import { cardsIn, cardText, postActivity, postRaw, startTestServer, type TestServer } from '../support/bot-http';
import { startFakeConnector } from '../support/connector';
import { validateCard } from '../support/validate-card';
import fc from 'fast-check';
import { TURN_ERROR_REPLY } from '../../src/bot/turnErrors';

/**
 * Reporting a concern from a 1:1 chat, through the real endpoint (restify + CloudAdapter +
 * SQLite in a temp DATA_DIR), answering each question by card or by typing as staff would.
 */

let people = 0;
/** A member of staff of their own, so each test has its own 1:1 chat (and dialog state). */
function staffMember() {
  people += 1;
  return { ...STAFF, id: `29:staff-${people}`, aadObjectId: `11111111-1111-1111-1111-${String(people).padStart(12, '0')}` };
}
type Staff = ReturnType<typeof staffMember>;

/** Everything the bot said in reply, as one text, with every card checked as valid first. */
function said(replies: Partial<Activity>[]): string {
  for (const card of cardsIn(replies)) expect(validateCard(card)).toEqual([]);
  return [...replies.map((r) => r.text ?? ''), ...cardsIn(replies).map(cardText)].join('\n');
}

const REFERENCE = /WLS-\d{4}-\d{4}/;

/** A message or card submit in `who`'s own 1:1 chat (Teams gives each person their own). */
function from(who: Staff, reply: string | Record<string, unknown>): Partial<Activity> {
  const activity = typeof reply === 'string' ? personalMessage(reply, who) : cardSubmit(reply, who);
  return { ...activity, conversation: { ...activity.conversation!, id: `a:personal-${who.id}` } };
}

async function answer(server: TestServer, who: Staff, reply: string | Record<string, unknown>): Promise<string> {
  return said(await postActivity(server.url, from(who, reply)));
}

/** A bullying report up to the review card, mixing card answers and typed answers. */
async function fillBullyingReport(server: TestServer, who: Staff): Promise<string> {
  expect(await answer(server, who, 'report')).toContain('What kind of concern is it?');
  expect(await answer(server, who, { concernStep: 'category', category: 'cyberbullying' })).toContain('What happened?');
  expect(await answer(server, who, 'A parent posted insulting comments about me on the class WhatsApp group.')).toContain('When did it happen?');
  expect(await answer(server, who, { concernStep: 'when', date: '2026-11-30', time: '19:45' })).toContain('Where did it happen');
  expect(await answer(server, who, 'WhatsApp')).toContain('Who was involved?');
  expect(await answer(server, who, { concernStep: 'peopleInvolved', answer: '' })).toContain('What have you done so far?');
  return answer(server, who, { concernStep: 'actionsTaken', answer: 'Kept screenshots of the messages.' });
}

describe('reporting a concern in a 1:1 chat', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('takes a report from `report` to a reference, stored with its DSL alert waiting in the outbox', async () => {
    const who = staffMember();
    const review = await fillBullyingReport(server, who);
    expect(review).toContain('Check your report');
    expect(review).toContain('A parent posted insulting comments about me on the class WhatsApp group.');
    expect(review).toContain('2026-11-30 19:45');
    expect(review).toContain('Not given'); // people involved, left blank

    const recorded = await answer(server, who, { concernStep: 'review', action: 'confirm' });
    expect(recorded).toContain('Concern recorded');
    const reference = REFERENCE.exec(recorded)?.[0];
    expect(reference).toBeDefined();
    expect(recorded).toContain('Keep records of the abuse'); // bullying next steps, policy 2.8.3
    expect(recorded).toContain('2.8.3');

    const row = server.app.db.prepare('SELECT category, reporter_id, details_json FROM concern_reports WHERE reference = ?').get(reference) as
      | { category: string; reporter_id: string; details_json: string }
      | undefined;
    expect(row).toMatchObject({ category: 'cyberbullying', reporter_id: who.aadObjectId });
    expect(JSON.parse(row!.details_json)).toMatchObject({ where: 'WhatsApp', actionsTaken: 'Kept screenshots of the messages.' });
    const outbox = server.app.db.prepare('SELECT kind, audience FROM concern_outbox WHERE reference = ?').all(reference);
    expect(outbox).toEqual([{ kind: 'concern-alert', audience: 'dsl-channel' }]);

    // The report is over: the next message is an ordinary question again.
    expect(await answer(server, who, 'can I friend a parent?')).toContain('2.6.2 Social contact');
  });

  it('for indecent images, asks about speaking to the DSL and warns never to view, copy or forward the images', async () => {
    const who = staffMember();
    await answer(server, who, 'report');
    const safety = await answer(server, who, { concernStep: 'category', category: 'indecent-images' });
    expect(safety).toContain('Have you already spoken to the DSL in person?');
    expect(safety).toContain('call 999');
    expect(safety).toMatch(/Never view the images again, and don't copy, screenshot, print, forward or delete them/);
    expect(safety).toContain('2.7.4');
    expect(await answer(server, who, { concernStep: 'spokenToDsl', answer: 'no' })).toContain('What happened?');
  });

  it('asks whether an allegation is about the Headteacher and sends it privately to the Chair when it is', async () => {
    const who = staffMember();
    await answer(server, who, 'report');
    expect(await answer(server, who, { concernStep: 'category', category: 'allegation-about-adult' })).toContain('Is the allegation about the Headteacher?');
    await answer(server, who, { concernStep: 'headIsSubject', answer: 'yes' });
    await answer(server, who, { concernStep: 'spokenToDsl', answer: 'yes' });
    await answer(server, who, 'A pupil said the Head messaged them on Instagram.');
    await answer(server, who, { concernStep: 'when', date: '2026-11-28', time: '' });
    await answer(server, who, 'Instagram');
    await answer(server, who, 'The Headteacher; a Year 6 pupil');
    const review = await answer(server, who, 'Nothing yet');
    expect(review).toContain('the Chair of Governors, privately');
    const recorded = await answer(server, who, 'confirm');
    const reference = REFERENCE.exec(recorded)?.[0];
    expect(server.app.db.prepare('SELECT route FROM concern_reports WHERE reference = ?').get(reference)).toEqual({ route: 'chair' });
  });

  it('cancels at a middle step, typed or pressed, and records nothing', async () => {
    const before = server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_reports').get();
    const typer = staffMember();
    await answer(server, typer, 'report');
    await answer(server, typer, { concernStep: 'category', category: 'harmful-content' });
    await answer(server, typer, 'A pupil found a violent video on a class laptop.');
    const cancelled = await answer(server, typer, 'cancel');
    expect(cancelled).toContain('Report cancelled');
    expect(cancelled).toContain('Nothing was recorded or sent');

    const presser = staffMember();
    await answer(server, presser, 'report');
    await answer(server, presser, { concernStep: 'category', category: 'other' });
    expect(await answer(server, presser, { concernStep: 'whatHappened', action: 'cancel' })).toContain('Report cancelled');
    // A button on the cancelled report's card no longer does anything but say so.
    expect(await answer(server, presser, { concernStep: 'whatHappened', answer: 'late' })).toContain('no longer open');

    expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_reports').get()).toEqual(before);
  });

  it('keeps what a reporter typed in its state only while the report is open, not once it is sent or cancelled', async () => {
    const stateOf = (who: Staff) => server.app.db.prepare('SELECT value FROM bot_state WHERE key LIKE ?').all(`%a:personal-${who.id}%`) as { value: string }[];
    const canceller = staffMember();
    await answer(server, canceller, 'report');
    await answer(server, canceller, { concernStep: 'category', category: 'harmful-content' });
    await answer(server, canceller, 'A pupil found a violent video on a class laptop.');
    expect(stateOf(canceller).map((r) => r.value).join()).toContain('violent video');
    await answer(server, canceller, 'cancel');
    expect(stateOf(canceller)).toEqual([]);

    const sender = staffMember();
    await fillBullyingReport(server, sender);
    expect(stateOf(sender).map((r) => r.value).join()).toContain('insulting comments');
    expect(await answer(server, sender, { concernStep: 'review', action: 'confirm' })).toMatch(REFERENCE);
    expect(stateOf(sender)).toEqual([]);
    // The next message is a question again, answered as usual.
    expect(await answer(server, sender, 'can I friend a parent?')).toContain('2.6.2');
  });

  it('re-asks with a clear reason for an empty, too long or impossible answer, and never falls over', async () => {
    const who = staffMember();
    await answer(server, who, 'report');
    expect(await answer(server, who, { concernStep: 'category', category: 'not-a-category' })).toContain('Please choose one of the kinds of concern');
    await answer(server, who, { concernStep: 'category', category: 'other' });
    expect(await answer(server, who, { concernStep: 'whatHappened', answer: '   ' })).toContain('Please say what happened.');
    expect(await answer(server, who, 'x'.repeat(4001))).toContain('too long');
    expect(await answer(server, who, { concernStep: 'whatHappened', answer: { nested: ['json'] } })).toContain('Please say what happened.');
    expect(await answer(server, who, { concernStep: 'where', answer: 'wrong card' })).toContain('earlier card');
    expect(await answer(server, who, { action: 'report', question: 'an answer card underneath' })).toContain('already in the middle of a report');
    expect(await answer(server, who, 'Saw it happen.')).toContain('When did it happen?');
    expect(await answer(server, who, { concernStep: 'when', date: '2026-02-31' })).toContain('Please give the date');
    expect(await answer(server, who, { concernStep: 'when', date: '2999-01-01' })).toContain('in the future');
    expect(await answer(server, who, { concernStep: 'when', date: '2026-11-30', time: '25:99' })).toContain('hours and minutes');
    expect(await answer(server, who, 'last Tuesday after school')).toContain('Where did it happen');
  });

  it('lets a question typed instead of choosing a kind of concern be answered as usual (Report pressed by mistake)', async () => {
    const who = staffMember();
    expect(await answer(server, who, 'report')).toContain('What kind of concern is it?');
    expect(await answer(server, who, 'can I friend a parent?')).toContain('2.6.2 Social contact');
    // The report was dropped, not kept waiting: the next message is a question again too.
    expect(await answer(server, who, 'can I friend a parent?')).toContain('2.6.2 Social contact');
    // Typing a kind of concern by name still works.
    await answer(server, who, 'report');
    expect(await answer(server, who, 'online bullying')).toContain('What happened?');
  });

  it('refuses a picture or file sent during a report, keeps nothing of it, and asks for words instead', async () => {
    const who = staffMember();
    await answer(server, who, 'report');
    await answer(server, who, { concernStep: 'category', category: 'other' });
    const image = { ...from(who, 'this is what he sent'), attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/photo.png' }] };
    const refused = said(await postActivity(server.url, image));
    expect(refused).toContain("Please don't send pictures or files here");
    expect(refused).toContain('What happened?');
    const html = { ...from(who, 'He sent it at lunch.'), attachments: [{ contentType: 'text/html', content: '<p>He sent it at lunch.</p>' }] };
    expect(said(await postActivity(server.url, html))).toContain('When did it happen?');
  });

  it('shows what a reporter typed literally on the review card, ${…} and all', async () => {
    const who = staffMember();
    await answer(server, who, 'report');
    await answer(server, who, { concernStep: 'category', category: 'other' });
    await answer(server, who, 'He wrote ${reporter.name} and {{secret}} in the chat');
    await answer(server, who, 'today');
    await answer(server, who, 'Teams');
    await answer(server, who, '');
    const replies = await postActivity(server.url, from(who, 'Nothing'));
    expect(cardText(cardsIn(replies)[0])).toContain('He wrote ${reporter.name} and {{secret}} in the chat');
  });

  it('goes back through the questions with the answers kept when the reporter chooses Edit', async () => {
    const who = staffMember();
    await fillBullyingReport(server, who);
    const again = await postActivity(server.url, from(who, { concernStep: 'review', action: 'edit' }));
    const categoryInput = cardsIn(again)[0].body.find((e: { id?: string }) => e.id === 'category');
    expect(categoryInput.value).toBe('cyberbullying');
  });
});

describe('a half-finished report and a bot restart', () => {
  it('continues where the reporter left off after the server is restarted on the same DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-restart-'));
    const who = staffMember();
    try {
      const first = await startTestServer({ env: { DATA_DIR: dataDir } });
      await answer(first, who, 'report');
      await answer(first, who, { concernStep: 'category', category: 'pupil-contacted-staff-online' });
      await answer(first, who, 'A Year 5 pupil sent me a friend request on Facebook.');
      await first.close();

      const second = await startTestServer({ env: { DATA_DIR: dataDir } });
      try {
        expect(await answer(second, who, { concernStep: 'when', date: '2026-11-29', time: '08:10' })).toContain('Where did it happen');
        await answer(second, who, 'Facebook');
        await answer(second, who, '');
        const review = await answer(second, who, 'Did not accept it.');
        expect(review).toContain('A Year 5 pupil sent me a friend request on Facebook.');
        expect(await answer(second, who, 'confirm')).toMatch(REFERENCE);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('when the report cannot be stored', () => {
  it('says plainly that it was NOT recorded, never "recorded", and records it on Try again once the store works', async () => {
    const server = await startTestServer();
    const who = staffMember();
    try {
      await fillBullyingReport(server, who);
      // A real SQLite failure inside the store's transaction, as a full disk or a broken file would give.
      server.app.db.exec("CREATE TRIGGER fail_reports BEFORE INSERT ON concern_reports BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
      const failed = await answer(server, who, { concernStep: 'review', action: 'confirm' });
      expect(failed).toContain('NOT been recorded');
      expect(failed).toContain('speak to the DSL in person now');
      expect(failed).not.toContain('Concern recorded');
      expect(failed).not.toMatch(REFERENCE);
      expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_reports').get()).toEqual({ n: 0 });

      server.app.db.exec('DROP TRIGGER fail_reports');
      const recorded = await answer(server, who, { concernStep: 'review', action: 'confirm' });
      expect(recorded).toContain('Concern recorded');
      expect(recorded).toMatch(REFERENCE);
    } finally {
      await server.close();
    }
  });
});

describe('a double-pressed "Confirm and send"', () => {
  it('records the concern once; the other presses are told the report was already sent', async () => {
    const [server, connector] = await Promise.all([startTestServer(), startFakeConnector()]);
    const who = staffMember();
    try {
      await fillBullyingReport(server, who);
      // Replies go to a slow Teams service, as in real life, so the presses overlap mid-turn.
      connector.plan({ delayMs: 300 }, { delayMs: 300 }, { delayMs: 300 });
      const press = { ...from(who, { concernStep: 'review', action: 'confirm' }), serviceUrl: connector.serviceUrl };
      const statuses = await Promise.all([1, 2, 3].map(() => postRaw(server.url, JSON.stringify(press)).then((r) => r.status)));
      expect(statuses).toEqual([200, 200, 200]);
      const texts = connector.posted().map((p) => [p.body.text ?? '', ...(p.body.attachments ?? []).map((a: { content: unknown }) => cardText(a.content))].join('\n'));
      expect(texts.filter((t) => t.includes('Concern recorded'))).toHaveLength(1);
      expect(texts.filter((t) => t.includes('no longer open'))).toHaveLength(2);
      expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_reports').get()).toEqual({ n: 1 });
    } finally {
      await Promise.all([server.close(), connector.close()]);
    }
  });
});

describe('a crash after the report is stored but before the dialog state is saved', () => {
  it('a Confirm pressed again shows the same reference and records nothing more', async () => {
    const server = await startTestServer();
    const who = staffMember();
    try {
      await fillBullyingReport(server, who);
      // The dialog state as it was before Confirm: what a crash between the two commits leaves behind.
      const saved = server.app.db.prepare('SELECT key, etag, value FROM bot_state').all() as { key: string; etag: string; value: string }[];
      const first = REFERENCE.exec(await answer(server, who, { concernStep: 'review', action: 'confirm' }))?.[0];
      expect(first).toBeDefined();
      // A report that ended leaves no state, so the old row is put back whole.
      const restore = server.app.db.prepare("INSERT OR REPLACE INTO bot_state (key, etag, value, updated_at) VALUES (?, ?, ?, datetime('now'))");
      for (const row of saved) restore.run(row.key, row.etag, row.value);

      const again = await answer(server, who, { concernStep: 'review', action: 'confirm' });
      expect(again).toContain('Concern recorded');
      expect(REFERENCE.exec(again)?.[0]).toBe(first);
      expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_reports').get()).toEqual({ n: 1 });
      expect(server.app.db.prepare('SELECT COUNT(*) AS n FROM concern_outbox').get()).toEqual({ n: 1 });
    } finally {
      await server.close();
    }
  });
});

describe('anything typed or posted during a report', () => {
  it('gets a reply from the report (never the apology for a failed turn), at whatever step', async () => {
    const server = await startTestServer();
    const who = staffMember();
    const steps = ['category', 'headIsSubject', 'spokenToDsl', 'whatHappened', 'when', 'where', 'peopleInvolved', 'actionsTaken', 'review'];
    const input = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.constantFrom('cancel', 'report', 'yes', 'no', 'confirm', 'edit', '${x}', '  ', '\u0000', 'x'.repeat(5000)),
      fc.record({ concernStep: fc.constantFrom(...steps), category: fc.jsonValue(), answer: fc.jsonValue(), date: fc.jsonValue(), time: fc.jsonValue(), action: fc.jsonValue() }, { requiredKeys: ['concernStep'] }),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })),
    );
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(input, { minLength: 1, maxLength: 6 }), async (inputs) => {
          await answer(server, who, 'cancel');
          await answer(server, who, 'report');
          for (const item of inputs) {
            const replies = await postActivity(server.url, from(who, item as string | Record<string, unknown>));
            expect(replies.length).toBeGreaterThan(0);
            for (const reply of replies) expect(reply.text ?? '').not.toContain(TURN_ERROR_REPLY);
            for (const card of cardsIn(replies)) expect(validateCard(card).filter((p) => !p.includes('${'))).toEqual([]);
          }
        }),
        { numRuns: 40 },
      );
    } finally {
      await server.close();
    }
  }, 120_000);
});
