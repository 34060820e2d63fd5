import { randomUUID } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../log';

export const TURN_ERROR_REPLY =
  "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment. If you are worried about a child, don't wait: tell the DSL in person.";

/**
 * The adapter's onTurnError. The log line carries a correlation id, the activity type and the error
 * type and stack frames — never the error message or the activity text, which can quote what a
 * person typed. The person gets an apology with the same reference, never internals.
 */
export function turnErrorHandler(logger: Logger) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const correlationId = randomUUID();
    logger.error(
      { correlationId, activityType: context.activity?.type, errorName: error?.name, frames: stackFrames(error) },
      'turn failed',
    );
    try {
      await context.sendActivity(`${TURN_ERROR_REPLY} (Reference: ${correlationId.slice(0, 8)})`);
    } catch (sendError) {
      logger.error({ correlationId, errorName: (sendError as Error)?.name }, 'could not send the apology');
    }
  };
}

/** The stack without its first line, which is the message. */
function stackFrames(error: unknown): string[] {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  return stack.split('\n').slice(1, 8).map((l) => l.trim());
}
