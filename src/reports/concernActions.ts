import type { AuditEntry, ConcernDetails, ConcernReport, Person } from './model';
import type { ReportStore, TransitionResult } from './reportStore';

/**
 * The one implementation of what a DSL (or the Headteacher / Chair for allegations) can do with a
 * concern, used by the channel card and the Concerns tab alike. Who may act is decided from the
 * roles passed in on every call, never cached: a DSL removed from configuration loses access at once.
 */

/** The subset of `config.safeguarding` that decides who may handle a concern. */
export interface SafeguardingRoles {
  dslUserIds: readonly string[];
  headteacherUserId?: string;
  chairOfGovernorsUserId?: string;
}

export interface ConcernContext {
  store: ReportStore;
  roles: SafeguardingRoles;
}

export type ActionResult =
  | { kind: 'ok'; report: ConcernReport }
  /** `reason` is a sentence to show the person who pressed the button. */
  | { kind: 'refused'; reason: string; report?: ConcernReport }
  | { kind: 'not-found'; reason: string };

export type DetailsResult =
  | { kind: 'ok'; report: ConcernReport; details: ConcernDetails; trail: AuditEntry[] }
  | Exclude<ActionResult, { kind: 'ok' }>;

export const maxNoteLength = 2000;


/** The AAD ids of everyone who may act on a concern (the alert card refreshes for them). */
export function handlerIdsFor(report: Pick<ConcernReport, 'route'>, roles: SafeguardingRoles): string[] {
  switch (report.route) {
    case 'dsl':
      return [...roles.dslUserIds];
    case 'headteacher':
      return roles.headteacherUserId ? [roles.headteacherUserId] : [];
    case 'chair':
      return roles.chairOfGovernorsUserId ? [roles.chairOfGovernorsUserId] : [];
  }
}

export function mayHandle(actor: Person, report: Pick<ConcernReport, 'route'>, roles: SafeguardingRoles): boolean {
  return handlerIdsFor(report, roles).includes(actor.userId);
}

const whoMayHandle: Record<ConcernReport['route'], string> = {
  dsl: "the school's Designated Safeguarding Leads",
  headteacher: 'the Headteacher',
  chair: 'the Chair of Governors',
};

export async function acknowledgeConcern(ctx: ConcernContext, reference: string, actor: Person): Promise<ActionResult> {
  return act(ctx, reference, actor, () => ctx.store.acknowledge(reference, actor));
}

export async function assignConcernToMe(ctx: ConcernContext, reference: string, actor: Person): Promise<ActionResult> {
  return act(ctx, reference, actor, () => ctx.store.assign(reference, actor));
}

export async function addConcernNote(ctx: ConcernContext, reference: string, actor: Person, note: unknown): Promise<ActionResult> {
  const text = writtenText(note);
  return act(ctx, reference, actor, () => ctx.store.addNote(reference, actor, text), () =>
    problemWith(text, 'Please write the note before adding it.', 'the note'),
  );
}

/** Closing needs an outcome: the record must say what was done. */
export async function closeConcern(ctx: ConcernContext, reference: string, actor: Person, outcome: unknown): Promise<ActionResult> {
  const text = writtenText(outcome);
  return act(ctx, reference, actor, () => ctx.store.close(reference, actor, text), () =>
    problemWith(text, 'Please write the outcome before closing the concern.', 'the outcome'),
  );
}

/** Card inputs arrive as anything: only a string counts as written text. */
function writtenText(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function problemWith(text: string, whenMissing: string, what: string): string | undefined {
  if (!text) return whenMissing;
  if (text.length > maxNoteLength) return `Please keep ${what} under ${maxNoteLength} characters.`;
  return undefined;
}

/** The free text, for those who may handle the concern only; every reading is audited. */
export async function viewConcernDetails(ctx: ConcernContext, reference: string, actor: Person): Promise<DetailsResult> {
  const report = await ctx.store.findReport(reference);
  if (!report) return notFound(reference);
  if (!mayHandle(actor, report, ctx.roles)) return refusedFor(report);
  const details = await ctx.store.readDetails(reference, actor);
  if (!details) return notFound(reference);
  return { kind: 'ok', report, details, trail: await ctx.store.auditTrail(reference) };
}

async function act(
  ctx: ConcernContext,
  reference: string,
  actor: Person,
  change: () => Promise<TransitionResult>,
  checkInput: () => string | undefined = () => undefined,
): Promise<ActionResult> {
  const report = await ctx.store.findReport(reference);
  if (!report) return notFound(reference);
  if (!mayHandle(actor, report, ctx.roles)) return refusedFor(report);
  const problem = checkInput();
  if (problem) return { kind: 'refused', reason: problem, report };
  const result = await change();
  switch (result.kind) {
    case 'ok':
      return result;
    case 'not-found':
      return notFound(reference);
    case 'unchanged':
      return { kind: 'refused', reason: explain(result.reason, result.report), report: result.report };
  }
}

function explain(reason: Extract<TransitionResult, { kind: 'unchanged' }>['reason'], report: ConcernReport): string {
  switch (reason) {
    case 'already-acknowledged':
      return `This concern was already acknowledged by ${report.acknowledgedBy?.name ?? 'a colleague'}.`;
    case 'already-assigned-to-you':
      return 'This concern is already assigned to you.';
    case 'closed':
      return 'This concern is closed, so it cannot be changed.';
  }
}

function refusedFor(report: ConcernReport): ActionResult & { kind: 'refused' } {
  // No report passed back: someone not allowed to act sees nothing more of it.
  return { kind: 'refused', reason: `Sorry, only ${whoMayHandle[report.route]} can act on this concern.` };
}

function notFound(reference: string): ActionResult & { kind: 'not-found' } {
  return { kind: 'not-found', reason: `No concern with the reference ${reference.slice(0, 40)} was found.` };
}
