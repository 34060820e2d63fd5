import { CardFactory, type TurnContext } from 'botbuilder';
import { renderFeedbackThanksCard } from '../cards/feedback-thanks';
import { isWholeQuestion } from '../cards/template';
import type { Logger } from '../log';
import type { FeedbackStore, Rating } from '../policy/feedback';
import { answerQuestion, type AnswerDeps } from './answerQuestion';

export interface AnswerFeedbackDeps extends AnswerDeps {
  feedback: FeedbackStore;
  logger: Logger;
}

export const ALREADY_RATED = 'You have already rated this answer, thank you: your feedback is recorded.';

/**
 * A Helpful / Not helpful press on an answer card: recorded once per card, the person thanked,
 * and the card shown again without its rating buttons, so there is nothing left to press twice.
 * A second press (a client that had not refreshed yet) is acknowledged and not recorded.
 */
export async function recordAnswerFeedback(context: TurnContext, rating: Rating, deps: AnswerFeedbackDeps): Promise<void> {
  if (!deps.feedback.recordRating(rating)) {
    await context.sendActivity(ALREADY_RATED);
    return;
  }
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderFeedbackThanksCard({ helpful: rating.helpful, question: rating.question }))] });
  await removeRatingButtons(context, rating, deps);
}

async function removeRatingButtons(context: TurnContext, { question, verdict, cardId }: Rating, deps: AnswerFeedbackDeps): Promise<void> {
  // Teams gives the id of the message whose card was pressed as replyToId. Cards sent before they
  // carried an id cannot be matched to their rating, so they keep their buttons.
  const messageId = context.activity.replyToId;
  if (!cardId || !messageId || !isWholeQuestion(question)) return;
  // The card is rebuilt from the question; a card must never change under its reader, so only
  // when the answer is still the one rated (a cut question or a newer policy could differ).
  const { attachment, answer } = answerQuestion(deps, question, { id: cardId, rated: true });
  if (!answer.answered || answer.verdict !== verdict) return;
  try {
    await context.updateActivity({ type: 'message', id: messageId, attachments: [attachment] });
  } catch (error) {
    // The rating is recorded and the person thanked; the buttons staying is only cosmetic.
    deps.logger.warn({ errorName: (error as Error | undefined)?.name }, 'could not remove the rating buttons from an answer card');
  }
}
