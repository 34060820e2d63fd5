import type { ConcernReport } from '../reports/model';
import { concernFacts } from './concernFacts';
import { concernTabLink } from './deepLinks';
import template from './dsl-alert.json';
import { expandCard, type AdaptiveCardJson } from './template';

export interface DslAlertData {
  report: ConcernReport;
  /** AAD ids of those who may act: Teams refreshes the card for them (Universal Actions `refresh.userIds`). */
  handlerIds: string[];
  /** False for anyone else: the card shows no buttons but View details (which politely refuses). */
  canAct: boolean;
  /** A sentence for the person who pressed a button (e.g. "Please write the outcome…"). */
  notice?: string;
  /**
   * Sent again after an attempt whose outcome is unknown, so Teams may already show the same card:
   * the card says so. Carried in its buttons' data, so a refresh or a press keeps the line.
   */
  mayRepeat?: boolean;
  /** A re-alert after a missed deadline, @mentioning the DSLs in the channel. */
  reminder?: { minutes: number; mentions: { id: string; name: string }[] };
  /** For the "Open in Concerns tab" deep link (shown to everyone; the tab refuses anyone who may not handle it). */
  teamsAppId: string;
}

/** The card in the DSL channel (or the Head's / Chair's 1:1): who, what kind, how urgent — no free text. */
export function renderDslAlertCard({ report, handlerIds, canAct, notice, mayRepeat = false, reminder, teamsAppId }: DslAlertData): AdaptiveCardJson {
  const facts = concernFacts(report);
  const forDsl = report.route === 'dsl';
  const mentions = reminder?.mentions ?? [];
  return expandCard(template, {
    ...facts,
    title: forDsl ? `Safeguarding concern ${report.reference}` : `Allegation about an adult ${report.reference}: for ${facts.handlers} only`,
    headerStyle: report.urgent ? 'attention' : 'warning',
    urgent: report.urgent,
    handlerIds,
    mayRepeat,
    mentions,
    mentionText: mentions.map((m) => `<at>${m.name}</at>`).join(' '),
    reminder: reminder ? `Not acknowledged after ${reminder.minutes} minutes. Please acknowledge now.` : '',
    privacyNote: `Details are shown only to ${facts.handlers}: press View details.`,
    notice: notice ?? '',
    canAcknowledge: canAct && report.status === 'open',
    canChange: canAct && report.status !== 'closed',
    concernUrl: concernTabLink(teamsAppId, report.reference),
  });
}
