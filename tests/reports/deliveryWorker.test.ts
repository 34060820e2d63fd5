import { openDatabase } from '../../src/db/database';
import { DeliveryError, DeliveryWorker, parseRetryAfter, type SendMessage } from '../../src/reports/deliveryWorker';
import type { OutboxMessage } from '../../src/reports/reportStore';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { eventually } from '../support/dslActivities';
import { draft, escalation, tempReportStore } from './support/reportFixtures';

/**
 * A connector stand-in for the worker's `send`, posting as the real sender does (`posting()` first):
 * answers from a script, records what it was given. 'hang': posted, Teams never answers; 'late':
 * stuck before posting (e.g. opening a chat) until after the worker gave up, then tries to post.
 */
function scriptedSend(...answers: Array<'ok' | Error | 'hang' | 'late'>) {
  const calls: OutboxMessage[] = [];
  let posts = 0;
  const send: SendMessage = async (message, attempt) => {
    calls.push(message);
    const answer = answers.shift() ?? 'ok';
    if (answer === 'late') await new Promise((resolve) => attempt.signal.addEventListener('abort', resolve));
    await attempt.posting();
    posts++;
    if (answer === 'hang') return new Promise<never>(() => undefined);
    if (answer instanceof Error) throw answer;
    return { conversationId: 'dsl-channel', activityId: `activity-${calls.length}` };
  };
  return { send, calls, posts: () => posts };
}

describe('the delivery worker', () => {
  let t: ReturnType<typeof tempReportStore>;
  beforeEach(() => { t = tempReportStore(); });
  afterEach(() => t.cleanup());

  it('retries an alert the connector refused with a 500, then delivers it once', async () => {
    const { reference } = await t.store.createReport(draft());
    const connector = scriptedSend(new DeliveryError('Internal Server Error', 500), 'ok');
    const worker = new DeliveryWorker({ store: t.store, send: connector.send, clock: t.clock, retryDelayMs: 1000 });

    await worker.drainOnce();
    const [failed] = await t.store.outboxFor(reference);
    expect(failed).toMatchObject({ attempts: 1, lastError: '500: Internal Server Error' });
    expect(failed!.sentAt).toBeUndefined();
    const waitMs = Date.parse(failed!.nextAttemptAt) - t.clock().getTime();
    expect(waitMs).toBeGreaterThanOrEqual(500); // exponential backoff with jitter: 1 s halved at most
    expect(waitMs).toBeLessThanOrEqual(1000);

    expect(await worker.drainOnce()).toBe(0); // not yet due
    t.clock.advanceMs(waitMs);
    await worker.drainOnce();
    expect(connector.calls.map((m) => m.kind)).toEqual(['concern-alert', 'concern-alert']);
    expect((await t.store.outboxFor(reference))[0]!.sentAt).toBeDefined();
    // Teams answered 500: it did not post the card, so the retry is no repeat and does not say it may be.
    expect(connector.calls.map((m) => m.mayRepeat)).toEqual([false, false]);
    expect(await t.store.alertLocation(reference)).toEqual({ conversationId: 'dsl-channel', activityId: 'activity-2', mayRepeat: false });
    expect((await t.store.auditTrail(reference)).map((e) => e.action)).toEqual(['created']);
    expect(await worker.drainOnce()).toBe(0);
  });

  it('waits as long as a 429 Retry-After asks before trying again', async () => {
    const { reference } = await t.store.createReport(draft());
    const connector = scriptedSend(new DeliveryError('Too Many Requests', 429, parseRetryAfter('120', t.clock())), 'ok');
    const worker = new DeliveryWorker({ store: t.store, send: connector.send, clock: t.clock });
    await worker.drainOnce();
    expect(Date.parse((await t.store.outboxFor(reference))[0]!.nextAttemptAt) - t.clock().getTime()).toBe(120_000);
    t.clock.advanceMs(119_000);
    expect(await worker.drainOnce()).toBe(0);
    t.clock.advanceMs(1_000);
    expect(await worker.drainOnce()).toBe(1);
    expect(connector.calls).toHaveLength(2);
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores nonsense', () => {
    const now = new Date('2026-12-01T09:00:00.000Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it.each([
    ['Teams never answers (the send times out)', 'hang' as const, 'did not finish within 200 ms'],
    ['the connection drops', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'socket hang up'],
  ])('when %s after the alert went out, it is retried marked as a possible repeat, audited once', async (_, answer, lastError) => {
    const { reference } = await t.store.createReport(draft());
    const connector = scriptedSend(answer, new DeliveryError('Internal Server Error', 500), 'ok');
    const worker = new DeliveryWorker({ store: t.store, send: connector.send, clock: t.clock, sendTimeoutMs: 200 });
    await worker.drainOnce();
    const [message] = await t.store.outboxFor(reference);
    expect(message!.sentAt).toBeUndefined();
    expect(message!.lastError).toContain(lastError);
    for (let i = 0; i < 2; i++) {
      t.clock.advanceMinutes(10);
      await worker.drainOnce();
    }
    expect((await t.store.outboxFor(reference))[0]!.sentAt).toBeDefined();
    // Teams may show the first post: every later send says it may repeat it, even after a plain 500.
    expect(connector.calls.map((m) => m.mayRepeat)).toEqual([false, true, true]);
    expect(await t.store.alertLocation(reference)).toMatchObject({ mayRepeat: true });
    const trail = await t.store.auditTrail(reference);
    expect(trail.map((e) => [e.action, e.actor.name, e.note])).toEqual([
      ['created', 'Sam Teacher', undefined],
      ['send-interrupted', 'PolicyGuide', 'the alert (Teams did not answer)'],
    ]);
  });

  it('an attempt given up before it began posting (stuck opening a chat) never posts late, and its retry is no repeat', async () => {
    const { reference } = await t.store.createReport(draft());
    const connector = scriptedSend('late', 'ok');
    const worker = new DeliveryWorker({ store: t.store, send: connector.send, clock: t.clock, sendTimeoutMs: 200 });
    await worker.drainOnce();
    await new Promise((resolve) => setImmediate(resolve)); // the stuck attempt wakes and tries to post
    expect(connector.posts()).toBe(0);
    t.clock.advanceMinutes(10);
    await worker.drainOnce();
    expect(connector.posts()).toBe(1);
    expect(connector.calls.map((m) => m.mayRepeat)).toEqual([false, false]);
    expect((await t.store.outboxFor(reference))[0]!.sentAt).toBeDefined();
  });

  it('an alert whose post began when the process died is resent after restart marked as a possible repeat, and the audit trail says why', async () => {
    const { reference } = await t.store.createReport(draft());
    const [claimed] = await t.store.claimDueMessages(10, 60_000);
    await t.store.markAttemptStarted(claimed!.id); // the post is on its way to Teams when the process is killed
    t.db.close();

    const db = openDatabase(t.file, reportMigrations);
    const store = new SqliteReportStore(db, { escalation, clock: t.clock });
    t.db = db;
    const connector = scriptedSend();
    const worker = new DeliveryWorker({ store, send: connector.send, clock: t.clock });
    expect(await worker.drainOnce()).toBe(0); // still leased to the dead worker
    t.clock.advanceMinutes(1);
    await worker.drainOnce();
    expect(connector.calls.map((m) => [m.reference, m.mayRepeat])).toEqual([[reference, true]]);
    expect((await store.outboxFor(reference))[0]!.sentAt).toBeDefined();
    expect(await store.alertLocation(reference)).toMatchObject({ activityId: 'activity-1', mayRepeat: true });
    expect((await store.auditTrail(reference)).map((e) => [e.action, e.actor.name, e.note])).toEqual([
      ['created', 'Sam Teacher', undefined],
      ['send-interrupted', 'PolicyGuide', 'the alert (PolicyGuide stopped while sending it)'],
    ]);
  });

  it('after a restart, sends what was not sent — including a message a crashed worker had claimed — exactly once', async () => {
    const first = await t.store.createReport(draft());
    const second = await t.store.createReport(draft());
    await new DeliveryWorker({ store: t.store, send: scriptedSend(new DeliveryError('Bad Gateway', 502)).send, clock: t.clock, batchSize: 1 }).drainOnce();
    await t.store.claimDueMessages(10, 60_000); // a worker claims the second alert, then the process dies
    t.db.close();

    const db = openDatabase(t.file, reportMigrations);
    const store = new SqliteReportStore(db, { escalation, clock: t.clock });
    t.db = db; // cleanup closes the reopened file
    const connector = scriptedSend();
    const worker = new DeliveryWorker({ store, send: connector.send, clock: t.clock });
    t.clock.advanceMinutes(1); // the crashed worker's lease (60 s) has run out
    await worker.drainOnce();
    await worker.drainOnce();
    expect(connector.calls.map((m) => m.reference).sort()).toEqual([first.reference, second.reference]);
    // Neither had begun posting when its worker stopped: no repeat is possible, and none is claimed.
    expect(connector.calls.map((m) => m.mayRepeat)).toEqual([false, false]);
    for (const ref of [first.reference, second.reference]) expect((await store.outboxFor(ref))[0]!.sentAt).toBeDefined();
  });

  it('once started, delivers a new alert as soon as the report is committed, without waiting for the next poll', async () => {
    const connector = scriptedSend();
    let worker: DeliveryWorker | undefined;
    const store = new SqliteReportStore(t.db, { escalation, clock: t.clock, onQueued: () => worker?.wake() });
    worker = new DeliveryWorker({ store, send: connector.send, clock: t.clock, pollMs: 10 * 60_000 });
    worker.start();
    const { reference } = await store.createReport(draft());
    await eventually(async () => (await store.outboxFor(reference))[0]!.sentAt);
    await worker.stop();
    expect(connector.calls).toHaveLength(1);
  });
});
