import { openDatabase } from '../../src/db/database';
import { DeliveryError, DeliveryWorker, parseRetryAfter, type SendMessage } from '../../src/reports/deliveryWorker';
import type { OutboxMessage } from '../../src/reports/reportStore';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { eventually } from '../support/dslActivities';
import { draft, escalation, tempReportStore } from './support/reportFixtures';

/** A connector stand-in for the worker's `send`: answers from a script, records what it was given. */
function scriptedSend(...answers: Array<'ok' | Error | 'hang'>) {
  const calls: OutboxMessage[] = [];
  const send: SendMessage = async (message) => {
    calls.push(message);
    const answer = answers.shift() ?? 'ok';
    if (answer === 'hang') return new Promise<never>(() => undefined);
    if (answer instanceof Error) throw answer;
    return { conversationId: 'dsl-channel', activityId: `activity-${calls.length}` };
  };
  return { send, calls };
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
    expect(await t.store.alertLocation(reference)).toEqual({ conversationId: 'dsl-channel', activityId: 'activity-2' });
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

  it('abandons a send that hangs, keeps the message unsent and tries again later', async () => {
    const { reference } = await t.store.createReport(draft());
    const connector = scriptedSend('hang', 'ok');
    const worker = new DeliveryWorker({ store: t.store, send: connector.send, clock: t.clock, sendTimeoutMs: 200 });
    await worker.drainOnce();
    const [message] = await t.store.outboxFor(reference);
    expect(message!.sentAt).toBeUndefined();
    expect(message!.lastError).toContain('did not finish within 200 ms');
    t.clock.advanceMinutes(10);
    await worker.drainOnce();
    expect((await t.store.outboxFor(reference))[0]!.sentAt).toBeDefined();
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
