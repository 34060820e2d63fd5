import type { PolicyMeta } from './types';

/** A polite note while the loaded policy is past its review date; empty once a newer policy is loaded. */
export function reviewNotice(meta: PolicyMeta, now: Date): string {
  return reviewNoticeFor(meta)(now);
}

/** The same, with the date and the text worked out once: for every answer of a loaded policy. */
export function reviewNoticeFor(meta: PolicyMeta): (now: Date) => string {
  if (!meta.nextReviewIso) return () => '';
  const due = Date.parse(`${meta.nextReviewIso}T00:00:00Z`);
  const who = meta.reviewer ? ` (${meta.reviewer})` : '';
  const notice = `Please note: this policy was last reviewed in ${meta.reviewedDate || 'an unknown month'} and was due for review in ${meta.nextReviewDate}. It is still the school's policy, but check with the policy owner${who} if anything seems out of date.`;
  return (now) => (now.getTime() < due ? '' : notice);
}
