import type { Request, Response, Next } from 'restify';
import type { AnswerEngine } from '../policy/engine';
import { reviewNotice } from '../policy/review-notice';
import type { Answer, Clause, PolicyMeta } from '../policy/types';

/** GET /api/policy: the whole policy in document order, for the Policy tab to lay out by section. */
export interface PolicyResponse {
  meta: PolicyMeta;
  /** Empty once a policy that is not past its review date is loaded. */
  reviewNotice: string;
  clauses: Clause[];
}

/** GET /api/policy/search?q=: the bot's own answer to the question (same verdict, same clauses). */
export type SearchResponse = Answer;

export function policyHandler(engine: AnswerEngine, now: () => Date) {
  return (_req: Request, res: Response, next: Next): void => {
    const { meta, clauses } = engine.document;
    const body: PolicyResponse = { meta, reviewNotice: reviewNotice(meta, now()), clauses };
    res.json(200, body);
    next();
  };
}

export function searchHandler(engine: AnswerEngine) {
  return (req: Request, res: Response, next: Next): void => {
    const question = queryParam(req, 'q').trim();
    if (question === '') {
      res.json(400, { error: 'Type a question or a few words to search the policy.' });
    } else {
      const body: SearchResponse = engine.answer(question);
      res.json(200, body);
    }
    next();
  };
}

/** Read from the URL itself so the route works whether or not the server uses restify's queryParser. */
function queryParam(req: Request, name: string): string {
  try {
    return new URL(req.url ?? '', 'http://localhost').searchParams.get(name) ?? '';
  } catch {
    return '';
  }
}
