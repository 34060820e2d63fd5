import {
  acknowledgeConcern,
  addConcernNote,
  assignConcernToMe,
  closeConcern,
  mayHandle,
  viewConcernDetails,
  type ConcernContext,
  type SafeguardingRoles,
} from '../../src/reports/concernActions';
import { draft, tempReportStore } from './support/reportFixtures';

const dsl = { userId: 'aad-dsl-1', name: 'Dee Lead' };
const deputy = { userId: 'aad-dsl-2', name: 'Dev Deputy' };
const teacher = { userId: 'aad-teacher-2', name: 'Terry Teacher' };
const head = { userId: 'aad-head', name: 'Hana Head' };
const chair = { userId: 'aad-chair', name: 'Chris Chair' };
const roles: SafeguardingRoles = { dslUserIds: [dsl.userId, deputy.userId], headteacherUserId: head.userId, chairOfGovernorsUserId: chair.userId };

describe('what a DSL can do with a concern', () => {
  let t: ReturnType<typeof tempReportStore>;
  let ctx: ConcernContext;
  beforeEach(() => { t = tempReportStore(); ctx = { store: t.store, roles }; });
  afterEach(() => t.cleanup());

  it('a non-DSL cannot acknowledge, assign, note, close or read a concern, and learns nothing of it', async () => {
    const { reference } = await t.store.createReport(draft());
    for (const result of [
      await acknowledgeConcern(ctx, reference, teacher),
      await assignConcernToMe(ctx, reference, teacher),
      await addConcernNote(ctx, reference, teacher, 'nosy'),
      await closeConcern(ctx, reference, teacher, 'done'),
      await viewConcernDetails(ctx, reference, teacher),
    ]) {
      expect(result).toEqual({ kind: 'refused', reason: "Sorry, only the school's Designated Safeguarding Leads can act on this concern." });
    }
    expect((await t.store.findReport(reference))!.status).toBe('open');
    expect((await t.store.auditTrail(reference)).map((e) => e.action)).toEqual(['created']);
  });

  it('a DSL removed from the configuration loses access at once', async () => {
    const { reference } = await t.store.createReport(draft());
    const withoutDeputy = { ...ctx, roles: { ...roles, dslUserIds: [dsl.userId] } };
    expect((await acknowledgeConcern(withoutDeputy, reference, deputy)).kind).toBe('refused');
    expect((await acknowledgeConcern(ctx, reference, deputy)).kind).toBe('ok');
  });

  it('acknowledge, assign, note and close each leave an audit entry with who, when and why, and tell the reporter', async () => {
    const { reference } = await t.store.createReport(draft());
    expect(await acknowledgeConcern(ctx, reference, dsl)).toMatchObject({ kind: 'ok', report: { status: 'acknowledged' } });
    t.clock.advanceMinutes(5);
    expect(await assignConcernToMe(ctx, reference, deputy)).toMatchObject({ kind: 'ok', report: { assignee: deputy } });
    expect(await addConcernNote(ctx, reference, deputy, '  Spoke to parents.  ')).toMatchObject({ kind: 'ok' });
    expect(await closeConcern(ctx, reference, deputy, 'Parents informed; pupils spoken to.')).toMatchObject({
      kind: 'ok', report: { status: 'closed', outcome: 'Parents informed; pupils spoken to.' },
    });
    const trail = await t.store.auditTrail(reference);
    expect(trail.map((e) => [e.action, e.actor.name, e.note])).toEqual([
      ['created', 'Sam Teacher', undefined],
      ['acknowledged', 'Dee Lead', undefined],
      ['assigned', 'Dev Deputy', undefined],
      ['noted', 'Dev Deputy', 'Spoke to parents.'],
      ['closed', 'Dev Deputy', 'Parents informed; pupils spoken to.'],
    ]);
    expect(trail[2]!.at).toBe('2026-12-01T09:05:00.000Z');
    const toReporter = (await t.store.outboxFor(reference)).filter((m) => m.audience === 'reporter').map((m) => m.kind);
    expect(toReporter).toEqual(['reporter-acknowledged', 'reporter-closed']);
  });

  it('a concern cannot be closed without an outcome', async () => {
    const { reference } = await t.store.createReport(draft());
    for (const outcome of [undefined, '', '   ', 42]) {
      expect(await closeConcern(ctx, reference, dsl, outcome)).toMatchObject({ kind: 'refused', reason: 'Please write the outcome before closing the concern.' });
    }
    expect((await t.store.findReport(reference))!.status).toBe('open');
  });

  it('says politely when a concern was already acknowledged or is closed', async () => {
    const { reference } = await t.store.createReport(draft());
    await acknowledgeConcern(ctx, reference, dsl);
    expect(await acknowledgeConcern(ctx, reference, deputy)).toMatchObject({ kind: 'refused', reason: 'This concern was already acknowledged by Dee Lead.' });
    await closeConcern(ctx, reference, dsl, 'No further action');
    expect(await addConcernNote(ctx, reference, dsl, 'late')).toMatchObject({ kind: 'refused', reason: 'This concern is closed, so it cannot be changed.' });
    expect(await acknowledgeConcern(ctx, 'WLS-2099-9999', dsl)).toMatchObject({ kind: 'not-found' });
  });

  it('details are shown to a DSL with the trail, and the viewing is audited', async () => {
    const { reference } = await t.store.createReport(draft());
    const result = await viewConcernDetails(ctx, reference, dsl);
    expect(result).toMatchObject({ kind: 'ok', details: { where: 'WhatsApp group' } });
    expect((await t.store.auditTrail(reference)).at(-1)).toMatchObject({ action: 'viewed-details', actor: dsl });
  });

  it('an allegation about an adult is handled by the Headteacher, or by the Chair when the Head is the subject — not by the DSLs', async () => {
    const toHead = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: false }));
    const toChair = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: true }));
    expect(mayHandle(head, toHead, roles)).toBe(true);
    expect(mayHandle(dsl, toHead, roles)).toBe(false);
    expect(mayHandle(chair, toChair, roles)).toBe(true);
    expect(mayHandle(head, toChair, roles)).toBe(false);
    expect(await viewConcernDetails(ctx, toChair.reference, head)).toEqual({ kind: 'refused', reason: 'Sorry, only the Chair of Governors can act on this concern.' });
    expect(mayHandle(head, toHead, { dslUserIds: [] })).toBe(false); // no Head configured: nobody matches
  });
});
