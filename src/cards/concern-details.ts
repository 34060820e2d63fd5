import type { AuditAction, AuditEntry, ConcernDetails, ConcernReport } from '../reports/model';
import { concernFacts, ukTime } from './concernFacts';
import template from './concern-details.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface ConcernDetailsData {
  report: ConcernReport;
  details: ConcernDetails;
  trail: AuditEntry[];
}

const actionWords: Record<AuditAction, string> = {
  created: 'reported',
  'viewed-details': 'viewed the details',
  acknowledged: 'acknowledged',
  assigned: 'took it',
  noted: 'added a note',
  closed: 'closed it',
  reminded: 'reminded (not acknowledged in time)',
  'escalated-to-fallback': 'escalated to the fallback person',
  'send-interrupted': 'was interrupted sending a message, so it is sent again marked as a possible repeat',
};

/** The full concern, shown only to the handler who asked (the invoke response goes to that person alone). */
export function renderConcernDetailsCard({ report, details, trail }: ConcernDetailsData): AdaptiveCardJson {
  const answers = [
    { question: 'When', answer: details.when },
    { question: 'Where / platform', answer: details.where },
    ...(details.spokenToDsl === undefined ? [] : [{ question: 'Spoke to the DSL in person', answer: details.spokenToDsl ? 'Yes' : 'No' }]),
    ...(details.headIsSubject === undefined ? [] : [{ question: 'About the Headteacher', answer: details.headIsSubject ? 'Yes' : 'No' }]),
  ];
  return expandCard(template, {
    ...concernFacts(report),
    title: `Concern ${report.reference}: details`,
    answers,
    whatHappened: details.whatHappened,
    peopleInvolved: details.peopleInvolved || 'Not given',
    actionsTaken: details.actionsTaken || 'Not given',
    outcome: report.outcome ?? '',
    trail: trail.map((e) => ({ line: `${ukTime(e.at)}: ${e.actor.name} ${actionWords[e.action]}${e.note ? `: ${e.note}` : ''}` })),
  });
}
