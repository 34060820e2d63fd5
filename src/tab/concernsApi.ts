import restify, { type Request, type Response, type Next } from 'restify';
import { z } from 'zod';
import {
  acknowledgeConcern,
  addConcernNote,
  assignConcernToMe,
  closeConcern,
  mayHandle,
  maxNoteLength,
  viewConcernDetails,
  type ActionResult,
  type ConcernContext,
} from '../reports/concernActions';
import { guideFor, type AuditEntry, type ConcernDetails, type ConcernReport, type Person } from '../reports/model';
import { safely } from './safely';
import type { TabAuth } from './tabAuth';

/** GET /api/concerns */
export interface ConcernListResponse {
  viewer: Person;
  concerns: ConcernSummary[];
}
/** A list row: no free text (the outcome is read on the concern's own, audited, page). */
export type ConcernSummary = Omit<ConcernReport, 'outcome'> & { categoryLabel: string };

/** The answer to every action: the concern as it now stands. */
export interface ConcernActionResponse {
  viewer: Person;
  concern: ConcernReport & { categoryLabel: string };
  chronology: AuditEntry[];
}

/** GET /api/concerns/:ref */
export interface ConcernDetailResponse extends ConcernActionResponse {
  details: ConcernDetails;
  /** What the reporter was told to do, so the DSL knows what has (or should have) happened. */
  nextSteps: string[];
}

const NOT_FOUND = { error: 'No such concern.' };
const REFERENCE = /^[A-Z]{2,10}-\d{4}-\d{4,6}$/;
const MAX_BODY_BYTES = 16 * 1024;

// The request bodies. concernActions checks notes and outcomes again for the card; here a
// malformed body gets a clear 400 before anything is touched.
const text = (field: string, missing: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? missing : `${field} must be text.`) })
    .trim()
    .min(1, { error: missing })
    .max(maxNoteLength, { error: `The ${field} is too long: keep it under ${maxNoteLength} characters.` });
const NoFields = z.union([z.undefined(), z.literal(''), z.strictObject({})], { error: 'This action takes no fields.' });
const BODIES = {
  acknowledge: NoFields,
  assign: NoFields,
  note: z.strictObject({ note: text('note', 'Write the note first.') }),
  close: z.strictObject({ outcome: text('outcome', 'Say what the outcome was before closing.') }),
};
type ActionName = keyof typeof BODIES;

/**
 * The Concerns API: DSL only (checked on every call, 401/403 with nothing revealed), and every
 * view and action goes through src/reports/concernActions — the same code as the channel card,
 * so the card refreshes for everyone and the reporter hears of an acknowledgement either way.
 */
export function registerConcernRoutes(server: restify.Server, auth: TabAuth, context: () => ConcernContext): void {
  const requireDsl = (req: Request, res: Response, next: Next) => {
    void auth.requireDsl(req).then((check) => {
      if (check.ok) {
        (req as Request & { dsl?: Person }).dsl = { userId: check.person.userId, name: check.person.name };
        return next();
      }
      res.json(check.status, { error: check.status === 401 ? 'Sign in through Teams to see concerns.' : 'Only the Designated Safeguarding Leads can see concerns.' });
      return next(false);
    });
  };
  const dslOf = (req: Request) => (req as Request & { dsl: Person }).dsl;

  server.get('/api/concerns', requireDsl, safely(async (req, res) => {
    const ctx = context();
    const viewer = dslOf(req);
    // Allegations routed to the Headteacher or Chair appear only for them (1.2.3, 2.1.5).
    const concerns = (await ctx.store.listReports()).filter((r) => mayHandle(viewer, r, ctx.roles)).map(summary);
    const body: ConcernListResponse = { viewer, concerns };
    res.json(200, body);
  }));

  server.get('/api/concerns/:ref', requireDsl, safely(async (req, res) => {
    const reference = String(req.params.ref);
    const result = REFERENCE.test(reference) ? await viewConcernDetails(context(), reference, dslOf(req)) : undefined;
    // Not found and not theirs look the same: the response must not confirm that a concern exists.
    if (result?.kind !== 'ok') {
      res.json(404, NOT_FOUND);
      return;
    }
    const body: ConcernDetailResponse = {
      ...current(result.report, result.trail, dslOf(req)),
      details: result.details,
      nextSteps: guideFor(result.report.category).nextSteps,
    };
    res.json(200, body);
  }));

  const perform = (name: ActionName, ctx: ConcernContext, reference: string, actor: Person, body: Record<string, string>): Promise<ActionResult> => {
    switch (name) {
      case 'acknowledge':
        return acknowledgeConcern(ctx, reference, actor);
      case 'assign':
        return assignConcernToMe(ctx, reference, actor);
      case 'note':
        return addConcernNote(ctx, reference, actor, body.note);
      case 'close':
        return closeConcern(ctx, reference, actor, body.outcome);
    }
  };

  for (const name of Object.keys(BODIES) as ActionName[]) {
    server.post(`/api/concerns/:ref/${name}`, requireDsl, restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }),
      safely(async (req, res) => {
        const reference = String(req.params.ref);
        const parsed = BODIES[name].safeParse(req.body);
        if (!REFERENCE.test(reference)) return void res.json(404, NOT_FOUND);
        if (!parsed.success) {
          const problems = [...new Set(parsed.error.issues.map((i) => i.message))];
          return void res.json(400, { error: problems.join(' '), problems });
        }
        const ctx = context();
        const actor = dslOf(req);
        const result = await perform(name, ctx, reference, actor, (parsed.data ?? {}) as Record<string, string>);
        // A refusal without the report means "not yours to act on": answered as not found.
        if (result.kind === 'not-found' || (result.kind === 'refused' && !result.report)) return void res.json(404, NOT_FOUND);
        const trail = await ctx.store.auditTrail(reference);
        if (result.kind === 'refused') return void res.json(409, { error: result.reason, ...current(result.report!, trail, actor) });
        res.json(200, current(result.report, trail, actor));
      }));
  }
}

function summary({ outcome: _outcome, ...report }: ConcernReport): ConcernSummary {
  return { ...report, categoryLabel: guideFor(report.category).label };
}

function current(report: ConcernReport, chronology: AuditEntry[], viewer: Person): ConcernActionResponse {
  return { viewer, concern: { ...report, categoryLabel: guideFor(report.category).label }, chronology };
}
