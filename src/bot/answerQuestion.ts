import { randomUUID } from 'node:crypto';
import { CardFactory, type Attachment } from 'botbuilder';
import { renderAnswerCard } from '../cards/answer';
import { renderNotCoveredCard } from '../cards/not-covered';
import type { AnswerEngine } from '../policy/engine';
import type { Answer, Clause } from '../policy/types';

export interface AnswerDeps {
  engine: AnswerEngine;
  teamsAppId: string;
}

/** Which answer card: a new one gets a new id; a rated one is shown again without its rating buttons. */
export interface AnswerCardIdentity {
  id: string;
  rated?: boolean;
}

/** A staff question → the engine's answer → the card Teams shows. */
export function answerQuestion({ engine, teamsAppId }: AnswerDeps, question: string, card: AnswerCardIdentity = { id: randomUUID() }): { attachment: Attachment; answer: Answer } {
  const answer = engine.answer(question);
  const { meta } = engine.document;
  if (!answer.answered) {
    const card = renderNotCoveredCard({ question: answer.question, policyTitle: meta.title, policyOwner: meta.reviewer, reviewNotice: answer.reviewNotice });
    return { attachment: CardFactory.adaptiveCard(card), answer };
  }
  const clauses = answer.clauses.map((c) => engine.clauseById(c.id)).filter((c): c is Clause => c !== undefined);
  const answerCard = renderAnswerCard({ answer, clauses, policyTitle: meta.title, teamsAppId, cardId: card.id, rated: card.rated });
  return { attachment: CardFactory.adaptiveCard(answerCard), answer };
}
