import type { PolicyMeta } from './types';

/** A polite note while the loaded policy is past its review date; empty once a newer policy is loaded. */
export function reviewNotice(meta: PolicyMeta, now: Date): string {
  if (!meta.nextReviewIso || now.getTime() < Date.parse(`${meta.nextReviewIso}T00:00:00Z`)) return '';
  const who = meta.reviewer ? ` (${meta.reviewer})` : '';
  return `Please note: this policy was last reviewed in ${meta.reviewedDate || 'an unknown month'} and was due for review in ${meta.nextReviewDate}. It is still the school's policy, but check with the policy owner${who} if anything seems out of date.`;
}
