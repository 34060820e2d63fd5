import { randomUUID } from 'node:crypto';
import restify, { type Request, type Response, type Next, type RequestHandler } from 'restify';
import { z } from 'zod';
import { guideFor, type AuditEntry, type ConcernDetails, type ConcernReport, type Person } from '../reports/model';
import type { TransitionRefusal, TransitionResult } from '../reports/reportStore';
import { log } from '../log';
import type { TabAuth } from './tabAuth';

/**
 * What the Concerns tab needs from src/reports: the same operations the channel card uses, so a
 * concern acknowledged in the tab and one acknowledged on the card are one and the same thing.
 * Every view and action is audited there.
 */
export interface ConcernOperations {
  /** Concerns the DSL handles (not allegations routed to the Headteacher or Chair). */
  list(): Promise<ConcernReport[]>;
  /** Details and chronology; reading the details is audited. Undefined when not the DSL's. */
  view(reference: string, reader: Person): Promise<ConcernView | undefined>;
  /** The concern and its chronology without the free text (not a view of the details). */
  history(reference: string): Promise<Omit<ConcernView, 'details'> | undefined>;
  acknowledge(reference: string, actor: Person): Promise<TransitionResult>;
  assign(reference: string, actor: Person): Promise<TransitionResult>;
  note(reference: string, actor: Person, note: string): Promise<TransitionResult>;
  close(reference: string, actor: Person, outcome: string): Promise<TransitionResult>;
}

export interface ConcernView {
  report: ConcernReport;
  details: ConcernDetails;
  chronology: AuditEntry[];
}

/** GET /api/concerns */
export interface ConcernListResponse {
  viewer: { name: string };
  concerns: ConcernSummary[];
}
/** A list row: no free text (the outcome is read on the concern's own, audited, page). */
export type ConcernSummary = Omit<ConcernReport, 'outcome'> & { categoryLabel: string };

/** GET /api/concerns/:ref. */
export interface ConcernDetailResponse extends ConcernActionResponse {
  details: ConcernDetails;
  nextSteps: string[];
}

/** The answer to every action: the concern as it now stands. */
export interface ConcernActionResponse {
  viewer: { name: string };
  concern: ConcernReport & { categoryLabel: string };
  chronology: AuditEntry[];
}

const NOT_FOUND = { error: 'No such concern.' };
const REFERENCE = /^[A-Z]{2,10}-\d{4}-\d{4,6}$/;
const MAX_BODY_BYTES = 16 * 1024;

const NoBody = z.union([z.undefined(), z.literal(''), z.strictObject({})], { error: 'This action takes no fields.' });
const NoteBody = z.strictObject({
  note: z.string({ error: (issue) => (issue.input === undefined ? 'Write the note first.' : 'note must be text.') }).trim().min(1, { error: 'Write the note first.' }).max(2000, { error: 'The note is too long: keep it under 2000 characters.' }),
});
const CloseBody = z.strictObject({
  outcome: z.string({ error: (issue) => (issue.input === undefined ? 'Say what the outcome was before closing.' : 'outcome must be text.') }).trim().min(1, { error: 'Say what the outcome was before closing.' }).max(2000, { error: 'The outcome is too long: keep it under 2000 characters.' }),
});

const REFUSALS: Record<TransitionRefusal, string> = {
  'already-acknowledged': 'This concern was already acknowledged.',
  'already-assigned-to-you': 'This concern is already assigned to you.',
  closed: 'This concern is closed.',
};

type Action = (reference: string, actor: Person, body: unknown) => Promise<TransitionResult> | { invalid: string[] };

/** The Concerns API routes: DSL only, checked on every call; others learn nothing (401/403, no data). */
export function registerConcernRoutes(server: restify.Server, auth: TabAuth, concerns: ConcernOperations, before: RequestHandler[]): void {
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
  const viewer = (req: Request) => ({ name: dslOf(req).name });

  server.get('/api/concerns', ...before, requireDsl, safely(async (req: Request, res: Response) => {
    const body: ConcernListResponse = { viewer: viewer(req), concerns: (await concerns.list()).map(summary) };
    res.json(200, body);
  }));

  server.get('/api/concerns/:ref', ...before, requireDsl, safely(async (req: Request, res: Response) => {
    const reference = String(req.params.ref);
    const view = REFERENCE.test(reference) ? await concerns.view(reference, dslOf(req)) : undefined;
    if (!view) {
      res.json(404, NOT_FOUND);
      return;
    }
    const body: ConcernDetailResponse = { ...current(view, viewer(req)), details: view.details, nextSteps: guideFor(view.report.category).nextSteps };
    res.json(200, body);
  }));

  const actions: Record<string, Action> = {
    acknowledge: (ref, actor, body) => (NoBody.safeParse(body).success ? concerns.acknowledge(ref, actor) : invalid(NoBody, body)),
    assign: (ref, actor, body) => (NoBody.safeParse(body).success ? concerns.assign(ref, actor) : invalid(NoBody, body)),
    note: (ref, actor, body) => {
      const parsed = NoteBody.safeParse(body);
      return parsed.success ? concerns.note(ref, actor, parsed.data.note) : invalid(NoteBody, body);
    },
    close: (ref, actor, body) => {
      const parsed = CloseBody.safeParse(body);
      return parsed.success ? concerns.close(ref, actor, parsed.data.outcome) : invalid(CloseBody, body);
    },
  };
  const runAction = async (reference: string, actor: Person, action: Action, body: unknown): Promise<{ status: number; body: object }> => {
    if (!REFERENCE.test(reference)) return { status: 404, body: NOT_FOUND };
    const outcome = action(reference, actor, body);
    if ('invalid' in outcome) return { status: 400, body: { error: outcome.invalid.join(' '), problems: outcome.invalid } };
    const result = await outcome;
    const history = result.kind === 'not-found' ? undefined : await concerns.history(reference);
    if (!history) return { status: 404, body: NOT_FOUND };
    const viewer = { name: actor.name };
    if (result.kind === 'unchanged') return { status: 409, body: { error: REFUSALS[result.reason], ...current(history, viewer) } };
    return { status: 200, body: current(history, viewer) };
  };
  for (const [name, action] of Object.entries(actions)) {
    server.post(`/api/concerns/:ref/${name}`, ...before, requireDsl, restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }),
      safely(async (req: Request, res: Response) => {
        const { status, body } = await runAction(String(req.params.ref), dslOf(req), action, req.body);
        res.json(status, body);
      }));
  }
}

/** An internal failure is logged with a correlation id; the DSL gets an apology, never a stack or SQL. */
function safely(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      const correlationId = randomUUID();
      log.error({ correlationId, route: req.getRoute?.()?.path, err: { name: (error as Error).name } }, 'concerns API failed');
      if (!res.headersSent) res.json(500, { error: `Sorry, something went wrong (reference ${correlationId}). Nothing was lost; please try again.` });
    }
  };
}

function invalid(schema: z.ZodType, body: unknown): { invalid: string[] } {
  const result = schema.safeParse(body);
  return { invalid: result.success ? [] : [...new Set(result.error.issues.map((i) => i.message))] };
}

function summary({ outcome: _outcome, ...report }: ConcernReport): ConcernSummary {
  return { ...report, categoryLabel: guideFor(report.category).label };
}

function current(view: Omit<ConcernView, 'details'>, viewer: { name: string }): ConcernActionResponse {
  return { viewer, concern: { ...view.report, categoryLabel: guideFor(view.report.category).label }, chronology: view.chronology };
}
