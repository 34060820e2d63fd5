import { openDatabase } from '../../src/db/database';
import { acknowledgeConcern } from '../../src/reports/concernActions';
import { EscalationScheduler, type EscalationRoles } from '../../src/reports/escalationScheduler';
import type { ReportStore } from '../../src/reports/reportStore';
import { reportMigrations, SqliteReportStore } from '../../src/reports/sqliteReportStore';
import { draft, escalation, tempReportStore, type ManualClock } from './support/reportFixtures';

const dsl = { userId: 'aad-dsl-1', name: 'Dee Lead' };
const roles: EscalationRoles = { dslUserIds: [dsl.userId], headteacherUserId: 'aad-head', chairOfGovernorsUserId: 'aad-chair', fallbackUserId: 'aad-deputy-head' };

function scheduler(store: ReportStore, clock: ManualClock, r: EscalationRoles = roles) {
  return new EscalationScheduler({ store, clock, escalation, roles: () => r });
}

const sentTo = async (store: ReportStore, reference: string) =>
  (await store.outboxFor(reference)).map((m) => `${m.kind}→${m.audience}`);

describe('escalation of unacknowledged concerns', () => {
  let t: ReturnType<typeof tempReportStore>;
  beforeEach(() => { t = tempReportStore(); });
  afterEach(() => t.cleanup());

  it('re-alerts the DSL channel after the deadline, then tells the fallback person', async () => {
    const { reference } = await t.store.createReport(draft({ category: 'grooming-or-exploitation', spokenToDsl: false }));
    const chase = scheduler(t.store, t.clock);
    t.clock.advanceMinutes(9);
    expect(await chase.checkOnce()).toBe(0);
    t.clock.advanceMinutes(1); // urgent: 10 minutes
    expect(await chase.checkOnce()).toBe(1);
    expect(await chase.checkOnce()).toBe(0); // once per deadline
    expect(await sentTo(t.store, reference)).toEqual(['concern-alert→dsl-channel', 'reminder→dsl-channel']);
    t.clock.advanceMinutes(10);
    expect(await chase.checkOnce()).toBe(1);
    expect(await sentTo(t.store, reference)).toEqual(['concern-alert→dsl-channel', 'reminder→dsl-channel', 'fallback-alert→fallback']);
    t.clock.advanceMinutes(600);
    expect(await chase.checkOnce()).toBe(0);
    expect((await t.store.auditTrail(reference)).map((e) => `${e.action}:${e.actor.name}`)).toEqual([
      'created:Sam Teacher', 'reminded:PolicyGuide', 'escalated-to-fallback:PolicyGuide',
    ]);
  });

  it('waits 60 minutes for a concern that is not urgent', async () => {
    await t.store.createReport(draft({ category: 'cyberbullying' }));
    const chase = scheduler(t.store, t.clock);
    t.clock.advanceMinutes(59);
    expect(await chase.checkOnce()).toBe(0);
    t.clock.advanceMinutes(1);
    expect(await chase.checkOnce()).toBe(1);
  });

  it('does not chase a concern that was acknowledged in time', async () => {
    const { reference } = await t.store.createReport(draft({ category: 'indecent-images', spokenToDsl: true }));
    t.clock.advanceMinutes(5);
    await acknowledgeConcern({ store: t.store, roles }, reference, dsl);
    t.clock.advanceMinutes(120);
    expect(await scheduler(t.store, t.clock).checkOnce()).toBe(0);
    expect((await sentTo(t.store, reference)).filter((m) => m.startsWith('reminder') || m.startsWith('fallback'))).toEqual([]);
  });

  it('keeps its deadlines across a restart', async () => {
    const { reference } = await t.store.createReport(draft({ category: 'radicalisation', spokenToDsl: false }));
    t.db.close();
    t.clock.advanceMinutes(30);
    t.db = openDatabase(t.file, reportMigrations);
    const store = new SqliteReportStore(t.db, { escalation, clock: t.clock });
    expect(await scheduler(store, t.clock).checkOnce()).toBe(1);
    expect(await sentTo(store, reference)).toContain('reminder→dsl-channel');
  });

  it('never sends an allegation about the Headteacher to the Headteacher, even as the fallback person', async () => {
    const { reference } = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: true }));
    const chase = scheduler(t.store, t.clock, { ...roles, fallbackUserId: 'aad-head' });
    t.clock.advanceMinutes(10);
    await chase.checkOnce();
    t.clock.advanceMinutes(10);
    await chase.checkOnce();
    expect(await sentTo(t.store, reference)).toEqual(['concern-alert→chair', 'reminder→chair', 'reminder→chair']);
    expect((await t.store.auditTrail(reference)).at(-1)!.note).toContain('subject of this allegation');
  });
});
