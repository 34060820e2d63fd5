import { z } from 'zod';
import type { Verdict } from '../policy/types';

/**
 * The data our cards' Action.Submit buttons send back (merged by Teams with the card's inputs).
 * It arrives from the network like anything else, so it is checked before use.
 */
const VERDICTS = ['yes', 'no', 'conditional', 'report', 'info', 'not-covered'] as const satisfies readonly Verdict[];

const CardActionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('feedback'),
    helpful: z.boolean(),
    question: z.string().max(2000),
    verdict: z.enum(VERDICTS),
    comment: z.string().max(5000).optional(),
    // Answer cards carry their id, so each card is rated once; cards sent before that carry none.
    cardId: z.string().min(1).max(100).optional(),
  }),
  z.object({ action: z.literal('report'), question: z.string().max(2000).optional() }),
  z.object({ action: z.literal('help') }),
  // An example question button on the help and welcome cards.
  z.object({ action: z.literal('ask'), question: z.string().max(2000) }),
]);

export type CardAction = z.infer<typeof CardActionSchema>;

/** The button that was pressed, or undefined for data that none of our cards sends. */
export function readCardAction(value: unknown): CardAction | undefined {
  const result = CardActionSchema.safeParse(value);
  return result.success ? result.data : undefined;
}

/** A message carrying card data rather than typed text. */
export function isCardSubmit(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'action' in value;
}
