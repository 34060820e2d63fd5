import { randomUUID } from 'node:crypto';
import { CloudAdapter, type Activity, type TurnContext } from 'botbuilder';
// botbuilder's own request fix-up (string timestamps → Date), as CloudAdapter#process applies it.
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Request, Response } from 'restify';
import type { Logger } from '../log';
import { activityProblem } from './activityShape';

// Errors from botbuilder's token validation that mean "these credentials are not acceptable".
// botbuilder's AuthenticationError carries 401; a bad signature or malformed token surfaces as
// the JWT library's own error types.
const REFUSED_TOKEN_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

function isRefusedCredential(error: unknown): boolean {
  const e = error as { statusCode?: unknown; name?: unknown } | undefined;
  return e?.statusCode === 401 || REFUSED_TOKEN_ERRORS.has(String(e?.name));
}

/**
 * botbuilder's CloudAdapter with the one change PolicyGuide needs at its HTTP edge.
 * CloudAdapter#process answers a refused token with botbuilder's reason ("Invalid AppId passed on
 * token: …"), a forged signature with a 500, and prints the stack to stderr. messagesEndpoint
 * lets botbuilder authenticate and run the turn exactly as before (processActivity) but decides
 * what the caller sees: a refused request gets a bare 401, anything unexpected a 500 with a
 * reference, and both are logged without a message or any text.
 */
export class PolicyGuideAdapter extends CloudAdapter {
  /** The POST /api/messages handler. */
  messagesEndpoint(run: (context: TurnContext) => Promise<void>, logger: Logger) {
    return async (req: Request, res: Response): Promise<void> => {
      const problem = activityProblem(req.body);
      if (problem) {
        // The detail names a field and a type, never a value, so it is safe to log.
        logger.warn({ detail: problem }, 'rejected a malformed activity');
        res.send(400, { error: 'Bad activity', detail: problem });
        return;
      }
      const authorization = req.headers.authorization ?? '';
      try {
        const activity = validateAndFixActivity(req.body as Activity);
        const invokeResponse = await this.processActivity(authorization, activity, run);
        if (invokeResponse?.body === undefined) res.send(invokeResponse?.status ?? 200);
        else res.send(invokeResponse.status, invokeResponse.body);
      } catch (error) {
        const errorName = (error as Error | undefined)?.name;
        if (isRefusedCredential(error)) {
          logger.warn({ errorName, hadAuthorization: authorization !== '' }, 'request refused: not authenticated');
          res.send(401, { error: 'Unauthorized' });
          return;
        }
        const correlationId = randomUUID();
        logger.error({ correlationId, errorName }, 'request failed outside a turn');
        res.send(500, { error: 'Internal error', reference: correlationId.slice(0, 8) });
      }
    };
  }
}
