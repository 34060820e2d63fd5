import type { ConcernReport } from '../reports/model';
import { concernFacts } from './concernFacts';
import template from './concern-escalated.json';
import { expandCard, type AdaptiveCardJson } from './template';

/**
 * For the fallback person (1:1) when nobody acknowledged a concern after the reminder. `mayRepeat`:
 * sent again after an attempt whose outcome is unknown, so the card says it may repeat one.
 */
export function renderConcernEscalatedCard({ report, mayRepeat = false }: { report: ConcernReport; mayRepeat?: boolean }): AdaptiveCardJson {
  const facts = concernFacts(report);
  return expandCard(template, {
    ...facts,
    mayRepeat,
    message: `Nobody has acknowledged safeguarding concern ${report.reference}, even after a reminder. Please make sure ${facts.handlers} act on it now.`,
  });
}
