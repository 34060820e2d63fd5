/**
 * npm run faults -- [--reports N] [--kill-every N]
 * kill -9 of the real bot at random points around 50 report submissions: every stored report is
 * alerted to the DSL channel (0 lost), the bot never told someone "recorded" for a report that is
 * not stored (0 falsely confirmed), and any second card for a concern says it may repeat the first.
 * Delivery is at least once: a kill after Teams took the post but before the bot recorded it as sent
 * repeats the card, and the Bot Framework connector has no idempotency key to prevent that. Such a
 * card is a flagged repeat (reported, not a failure); a second card without the line is an
 * unflagged duplicate. Prints the counts; exits 1 on any lost report, unflagged duplicate or false
 * confirmation. The Teams connector is emulated on localhost (tests/support/connector.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DATABASE_FILE_NAME } from '../src/config';
import { openDatabase } from '../src/db/database';
import { cardText, postActivity } from '../tests/support/bot-http';
import { cardOf, startFakeConnector, type FakeConnector } from '../tests/support/connector';
import { DSL, inDslChannel, mayRepeatLine, SAFEGUARDING_ENV } from '../tests/support/dslActivities';
import { startTarget, type RunningTarget } from './child';
import { CONFIRM, REPORT_DIALOG, reporter } from './reporter';

const REFERENCE = /WLS-\d{4}-\d{4}/g;
// The outbox lease outlasts the send timeout (15 s + 30 s): a send cut off by the kill is retried after it.
const ALL_ALERTED_WITHIN_MS = 120_000;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

async function main(): Promise<number> {
  const reports = option('--reports', 50);
  const killEvery = option('--kill-every', 4); // on average: a kill after one confirm in this many
  const dataDir = mkdtempSync(join(tmpdir(), 'policyguide-faults-'));
  const connector = await startFakeConnector();
  const start = () => startTarget('bench/targets/policyguide.ts', { DATA_DIR: dataDir, ...SAFEGUARDING_ENV });
  let bot: RunningTarget = await start();
  const confirmed = new Set<string>();
  let kills = 0;
  let failedConfirms = 0;
  try {
    await postActivity(bot.url, inDslChannel('setup dsl', DSL, connector.serviceUrl));
    for (let i = 0; i < reports; i++) {
      const say = reporter(bot.url, connector.serviceUrl, i, 'faults-reporter', '33333333-3333-3333-3333');
      for (const step of REPORT_DIALOG) await say(step);
      const kill = Math.random() < 1 / killEvery;
      const confirm = say(CONFIRM).then(
        (replies) => JSON.stringify(replies).match(REFERENCE)?.forEach((r) => confirmed.add(r)),
        () => failedConfirms++, // the connection died with the bot: the person was not told "recorded"
      );
      if (kill) {
        // A random point: before the report is stored, between storing and replying, or while the alert is being sent.
        await sleep(Math.floor(Math.random() * 60));
        await bot.kill();
        kills++;
        await confirm;
        bot = await start();
      } else await confirm;
      process.stderr.write(`faults: ${i + 1}/${reports} submitted, ${kills} kills\n`);
    }
    const { stored, cards } = await waitForAlerts(dataDir, connector);
    const lost = [...stored].filter((r) => !cards.has(r));
    // The first card for a concern is its alert; every later one is a duplicate, flagged or not.
    const repeats = [...cards].flatMap(([reference, flags]) => flags.slice(1).map((flagged) => ({ reference, flagged })));
    const unflagged = repeats.filter((r) => !r.flagged).map((r) => r.reference);
    const falselyConfirmed = [...confirmed].filter((r) => !stored.has(r));
    console.log(
      JSON.stringify({
        submissions: reports,
        kills,
        confirmed: confirmed.size,
        failedConfirms,
        stored: stored.size,
        alerted: cards.size,
        lost: lost.length,
        duplicated: repeats.length,
        flaggedRepeats: repeats.length - unflagged.length,
        unflaggedDuplicates: unflagged.length,
        // A first card that says it may repeat one: the interrupted post had not reached Teams.
        flaggedWithoutRepeat: [...cards.values()].filter((flags) => flags[0]).length,
        falselyConfirmed: falselyConfirmed.length,
      }),
    );
    if (lost.length || unflagged.length || falselyConfirmed.length) {
      console.error(`lost: ${lost.join(', ') || 'none'}; unflagged duplicates: ${unflagged.join(', ') || 'none'}; confirmed but not stored: ${falselyConfirmed.join(', ') || 'none'}`);
      return 1;
    }
    return 0;
  } finally {
    await bot.stop();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Waits until the outbox has sent every alert, then lists the DSL-channel cards for each reference
 * in the order Teams received them: true for a card that says it may repeat an earlier one.
 */
async function waitForAlerts(dataDir: string, connector: FakeConnector): Promise<{ stored: Set<string>; cards: Map<string, boolean[]> }> {
  const db = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  try {
    const deadline = Date.now() + ALL_ALERTED_WITHIN_MS;
    const unsent = () => (db.prepare("SELECT count(*) AS n FROM concern_outbox WHERE kind = 'concern-alert' AND sent_at IS NULL").get() as { n: number }).n;
    while (unsent() > 0 && Date.now() < deadline) await sleep(250);
    const stored = new Set((db.prepare('SELECT reference FROM concern_reports').all() as { reference: string }[]).map((r) => r.reference));
    const cards = new Map<string, boolean[]>();
    // DSL alerts go to the safeguarding team's channel (a "19:…" conversation).
    for (const request of connector.posted().filter((r) => r.conversationId?.startsWith('19:'))) {
      const card = cardOf(request);
      if (!card) continue;
      const text = cardText(card);
      for (const reference of new Set(JSON.stringify(card).match(REFERENCE) ?? [])) {
        cards.set(reference, [...(cards.get(reference) ?? []), text.includes(mayRepeatLine(reference))]);
      }
    }
    return { stored, cards };
  } finally {
    db.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (err: Error) => {
    console.error(`faults: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  },
);
