import type { Activity } from 'botbuilder';
import { cardSubmit, personalMessage, STAFF } from '../tests/support/activities';
import { postActivity } from '../tests/support/bot-http';

/** One complete, non-urgent report through the 1:1 dialog, up to (not including) Confirm. */
export const REPORT_DIALOG: (string | Record<string, unknown>)[] = [
  'report',
  { concernStep: 'category', category: 'cyberbullying' },
  'A parent posted insulting comments about me on the class WhatsApp group.',
  { concernStep: 'when', date: '2026-11-30', time: '19:45' },
  'WhatsApp',
  { concernStep: 'peopleInvolved', answer: '' },
  { concernStep: 'actionsTaken', answer: 'Kept screenshots of the messages.' },
];

export const CONFIRM = { concernStep: 'review', action: 'confirm' };

/**
 * A distinct member of staff (`idPrefix`-`i`, an AAD id built from `aadPrefix`) in their own 1:1
 * chat: returns a function that types a message or presses a card button and resolves to the replies.
 */
export function reporter(botUrl: string, serviceUrl: string, i: number, idPrefix: string, aadPrefix: string) {
  const who = { ...STAFF, id: `29:${idPrefix}-${i}`, aadObjectId: `${aadPrefix}-${String(i).padStart(12, '0')}` };
  return (reply: string | Record<string, unknown>) => {
    const activity: Partial<Activity> = typeof reply === 'string' ? personalMessage(reply, who) : cardSubmit(reply, who);
    return postActivity(botUrl, { ...activity, serviceUrl, conversation: { ...activity.conversation!, id: `a:personal-${who.id}` } });
  };
}
