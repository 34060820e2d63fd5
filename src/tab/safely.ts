import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'restify';
import { log } from '../log';

/** An internal failure is logged with a correlation id; the user gets an apology, never a stack or SQL. */
export function safely(handler: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    try {
      await handler(req, res);
    } catch (error) {
      const correlationId = randomUUID();
      log.error({ correlationId, route: req.getRoute?.()?.path, err: { name: (error as Error).name } }, 'tab request failed');
      if (!res.headersSent) res.json(500, { error: `Sorry, something went wrong (reference ${correlationId}). Nothing was lost; please try again.` });
    }
  };
}
