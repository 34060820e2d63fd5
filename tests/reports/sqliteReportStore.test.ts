import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../../src/db/database';
import { checkConcernDraft } from '../../src/reports/model';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { draft, escalation, reporter, tempReportStore } from './support/reportFixtures';

const run = promisify(execFile);
const dsl = { userId: 'aad-dsl-1', name: 'Dee Lead' };

describe('the report store', () => {
  let t: ReturnType<typeof tempReportStore>;
  beforeEach(() => { t = tempReportStore(); });
  afterEach(() => t.cleanup());

  it('gives each report the next reference of the year', async () => {
    const refs = [];
    for (let i = 0; i < 3; i++) refs.push((await t.store.createReport(draft())).reference);
    expect(refs).toEqual(['WLS-2026-0001', 'WLS-2026-0002', 'WLS-2026-0003']);
    t.clock.advanceMinutes(31 * 24 * 60); // into 2027
    expect((await t.store.createReport(draft())).reference).toBe('WLS-2027-0001');
  });

  it('stores the report, its "created" audit entry, its alert and its deadline together', async () => {
    const report = await t.store.createReport(draft({ category: 'indecent-images', spokenToDsl: true }));
    expect(report).toMatchObject({ status: 'open', route: 'dsl', urgent: true, reporter });
    expect((await t.store.auditTrail(report.reference)).map((e) => e.action)).toEqual(['created']);
    expect(await t.store.outboxFor(report.reference)).toMatchObject([{ kind: 'concern-alert', audience: 'dsl-channel' }]);
    t.clock.advanceMinutes(10);
    expect(await t.store.dueEscalations()).toMatchObject([{ reference: report.reference, stage: 0 }]);
  });

  it('keeps nothing when any part of the creation fails', async () => {
    t.db.exec("CREATE TRIGGER fail_outbox BEFORE INSERT ON concern_outbox BEGIN SELECT RAISE(ABORT, 'disk trouble'); END");
    // toMatchObject, not toThrow: better-sqlite3's error class comes from the first test file's realm.
    await expect(t.store.createReport(draft())).rejects.toMatchObject({ message: 'disk trouble' });
    expect(await t.store.listReports()).toEqual([]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM concern_audit').get()).toEqual({ n: 0 });
    t.db.exec('DROP TRIGGER fail_outbox');
    expect((await t.store.createReport(draft())).reference).toBe('WLS-2026-0001');
  });

  it('refuses to change or delete the audit trail, and never deletes a report', async () => {
    const { reference } = await t.store.createReport(draft());
    expect(() => t.db.prepare("UPDATE concern_audit SET actor_name = 'someone else'").run()).toThrow('append-only');
    expect(() => t.db.prepare('DELETE FROM concern_audit').run()).toThrow('append-only');
    expect(() => t.db.prepare('DELETE FROM concern_reports').run()).toThrow('never deleted');
    expect(await t.store.auditTrail(reference)).toMatchObject([{ action: 'created', actor: reporter }]);
  });

  it('routes allegations about an adult to the Headteacher, or to the Chair when the Head is the subject', async () => {
    const head = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: false }));
    const chair = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: true }));
    expect(head.route).toBe('headteacher');
    expect(chair.route).toBe('chair');
    expect((await t.store.outboxFor(chair.reference))[0]!.audience).toBe('chair');
  });

  it('keeps the free text out of the report summary and audits who read it', async () => {
    const { reference } = await t.store.createReport(draft());
    expect(JSON.stringify(await t.store.findReport(reference))).not.toContain('group chat');
    expect(await t.store.readDetails(reference, dsl)).toMatchObject({ whatHappened: expect.stringContaining('group chat') });
    expect((await t.store.auditTrail(reference)).at(-1)).toMatchObject({ action: 'viewed-details', actor: dsl });
  });

  it('acknowledging stops the escalation and queues the card update and the reporter message', async () => {
    const { reference } = await t.store.createReport(draft());
    const result = await t.store.acknowledge(reference, dsl);
    expect(result).toMatchObject({ kind: 'ok', report: { status: 'acknowledged', acknowledgedBy: dsl } });
    expect((await t.store.outboxFor(reference)).map((m) => m.kind)).toEqual(['concern-alert', 'reporter-acknowledged', 'alert-update']);
    t.clock.advanceMinutes(120);
    expect(await t.store.dueEscalations()).toEqual([]);
    expect(await t.store.acknowledge(reference, dsl)).toMatchObject({ kind: 'unchanged', reason: 'already-acknowledged' });
  });

  it('an update waits for its alert, and a sent message is marked sent once', async () => {
    const { reference } = await t.store.createReport(draft());
    await t.store.acknowledge(reference, dsl);
    const first = await t.store.claimDueMessages(10, 60_000);
    expect(first.map((m) => m.kind)).toEqual(['concern-alert', 'reporter-acknowledged']);
    expect(await t.store.claimDueMessages(10, 60_000)).toEqual([]); // leased
    await t.store.markSent(first[0]!.id, { conversationId: 'c1', activityId: 'a1' });
    await t.store.markSent(first[0]!.id, { conversationId: 'c2', activityId: 'a2' });
    expect(await t.store.alertLocation(reference)).toEqual({ conversationId: 'c1', activityId: 'a1', mayRepeat: false });
    expect((await t.store.claimDueMessages(10, 60_000)).map((m) => m.kind)).toEqual(['alert-update']);
  });

  it('records a draft once: the same draft id again returns the report already made, with no second alert', async () => {
    let queued = 0;
    const store = new SqliteReportStore(t.db, { escalation, clock: t.clock, onQueued: () => { queued += 1; } });
    const first = await store.createReport(draft(), 'draft-7f3a');
    const again = await store.createReport(draft({ whatHappened: 'Typed again after the crash.' }), 'draft-7f3a');
    expect(again).toEqual(first);
    expect(await store.listReports()).toHaveLength(1);
    expect(await store.outboxFor(first.reference)).toHaveLength(1);
    expect((await store.auditTrail(first.reference)).map((e) => e.action)).toEqual(['created']);
    expect(queued).toBe(1);
    // Another draft, and reports made without a draft id (tests, tools), are new reports as before.
    expect((await store.createReport(draft(), 'draft-other')).reference).toBe('WLS-2026-0002');
    expect((await store.createReport(draft())).reference).toBe('WLS-2026-0003');
    expect((await store.createReport(draft())).reference).toBe('WLS-2026-0004');
  });

  it('never hands out the same reference twice when several processes create reports at once', async () => {
    const script = join(__dirname, 'support', 'createReportsProcess.ts');
    const tsx = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');
    const outputs = await Promise.all([1, 2, 3, 4].map(() => run(tsx, [script, t.file, '10'], { timeout: 60_000 })));
    const refs = outputs.flatMap((o) => JSON.parse(o.stdout) as string[]);
    expect(new Set(refs).size).toBe(40);
    const db = openDatabase(t.file, reportMigrations);
    const stored = (await new SqliteReportStore(db, { escalation }).listReports()).filter((r) => refs.includes(r.reference)).map((r) => Number(r.reference.slice(-4)));
    db.close();
    expect(stored.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  }, 120_000);
});

describe('a concern draft', () => {
  it('explains what is missing or too long in words a reporter understands', () => {
    const check = checkConcernDraft({ category: 'allegation-about-adult', whatHappened: ' ', when: 'x'.repeat(201), where: 'Class', reporter });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems).toEqual(expect.arrayContaining([
      'Please say what happened.',
      'When it happened is too long: please keep it under 200 characters.',
      'Please say whether the allegation is about the Headteacher.',
    ]));
  });

  it('rejects anything that is not a draft without throwing', () => {
    for (const junk of [null, 42, 'report', [], { category: 'nonsense' }, { reporter: { userId: {} } }]) {
      expect(checkConcernDraft(junk).ok).toBe(false);
    }
  });
});
