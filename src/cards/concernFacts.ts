import { guideFor, type ConcernReport } from '../reports/model';

/** What every concern card says about a concern (never its free text), in the words staff use. */
export interface ConcernFacts {
  reference: string;
  category: string;
  urgency: string;
  reportedAt: string;
  reporterName: string;
  status: string;
  assignee: string;
  handlers: string;
}

const handlersByRoute: Record<ConcernReport['route'], string> = {
  dsl: 'the Designated Safeguarding Leads',
  headteacher: 'the Headteacher',
  chair: 'the Chair of Governors',
};

export function concernFacts(report: ConcernReport): ConcernFacts {
  return {
    reference: report.reference,
    category: guideFor(report.category).label,
    urgency: report.urgent ? 'Urgent' : 'Standard',
    reportedAt: ukTime(report.createdAt),
    reporterName: report.reporter.name,
    status: statusLine(report),
    assignee: report.assignee?.name ?? 'Nobody yet',
    handlers: handlersByRoute[report.route],
  };
}

function statusLine(report: ConcernReport): string {
  if (report.status === 'closed') return `Closed ${ukTime(report.closedAt!)}`;
  if (report.status === 'acknowledged') return `Acknowledged by ${report.acknowledgedBy?.name ?? 'a colleague'}, ${ukTime(report.acknowledgedAt!)}`;
  return 'Open: not yet acknowledged';
}

const ukFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** School time (the school is in England, whatever the server's zone). */
export function ukTime(iso: string): string {
  return ukFormat.format(new Date(iso));
}
