import { writeWithoutWaitingForDisk, type Db, type Migration } from '../db/database';
import type { Verdict } from './types';

/**
 * What staff thought of the answers, and every question the policy did not cover, so the policy
 * owner can add scenarios where staff actually struggle. Question text, time, verdict, helpful and
 * comment only: no names or ids of who asked.
 */
export const migrations: readonly Migration[] = [
  {
    name: 'feedback-1',
    sql: `CREATE TABLE feedback (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('rating', 'not-covered')),
      question TEXT NOT NULL,
      verdict TEXT NOT NULL,
      helpful INTEGER CHECK (helpful IN (0, 1)),
      comment TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX feedback_kind ON feedback (kind, created_at);`,
  },
  {
    // One rating per answer card: a second press of Helpful / Not helpful on the same card is not a
    // second opinion. Cards sent before this carry no id (NULL), and NULLs never clash.
    name: 'feedback-2',
    sql: `ALTER TABLE feedback ADD COLUMN card_id TEXT;
    CREATE UNIQUE INDEX feedback_card ON feedback (card_id);`,
  },
];

export interface Rating {
  question: string;
  verdict: Verdict;
  helpful: boolean;
  comment?: string;
  /** The answer card rated, when the card carries one: it is rated once. */
  cardId?: string;
}

export interface FeedbackSummary {
  ratings: number;
  helpful: number;
  notHelpful: number;
  notCovered: number;
  /** Newest first. */
  notHelpfulAnswers: { question: string; verdict: string; comment: string; at: string }[];
  /** Most asked first; questions compared ignoring case, spacing and end punctuation. */
  frequentUncovered: { question: string; count: number }[];
}

export interface FeedbackStore {
  /** False when this card was already rated (nothing recorded). */
  recordRating(rating: Rating): boolean;
  recordNotCovered(question: string): void;
}

const MAX_QUESTION_CHARS = 500;
const MAX_COMMENT_CHARS = 1000;

export function createFeedbackStore(db: Db, now: () => Date = () => new Date()): FeedbackStore {
  const insert = db.prepare(
    `INSERT INTO feedback (kind, question, verdict, helpful, comment, card_id, created_at) VALUES (@kind, @question, @verdict, @helpful, @comment, @cardId, @createdAt)
     ON CONFLICT (card_id) DO NOTHING`,
  );
  return {
    recordRating({ question, verdict, helpful, comment, cardId }) {
      const trimmed = comment?.trim().slice(0, MAX_COMMENT_CHARS);
      const row = { kind: 'rating', question: question.slice(0, MAX_QUESTION_CHARS), verdict, helpful: helpful ? 1 : 0, comment: trimmed || null, cardId: cardId ?? null, createdAt: now().toISOString() };
      // Feedback is worth keeping, not worth an fsync on every answer (see writeWithoutWaitingForDisk).
      return writeWithoutWaitingForDisk(db, () => insert.run(row)).changes > 0;
    },
    recordNotCovered(question) {
      const row = { kind: 'not-covered', question: question.slice(0, MAX_QUESTION_CHARS), verdict: 'not-covered', helpful: null, comment: null, cardId: null, createdAt: now().toISOString() };
      writeWithoutWaitingForDisk(db, () => insert.run(row));
    },
  };
}

export function summariseFeedback(db: Db, limit = 20): FeedbackSummary {
  const counts = db
    .prepare(
      `SELECT
         COALESCE(SUM(kind = 'rating'), 0) AS ratings,
         COALESCE(SUM(kind = 'rating' AND helpful = 1), 0) AS helpful,
         COALESCE(SUM(kind = 'rating' AND helpful = 0), 0) AS notHelpful,
         COALESCE(SUM(kind = 'not-covered'), 0) AS notCovered
       FROM feedback`,
    )
    .get() as { ratings: number; helpful: number; notHelpful: number; notCovered: number };
  const notHelpfulAnswers = db
    .prepare(`SELECT question, verdict, COALESCE(comment, '') AS comment, created_at AS at FROM feedback WHERE kind = 'rating' AND helpful = 0 ORDER BY id DESC LIMIT ?`)
    .all(limit) as FeedbackSummary['notHelpfulAnswers'];
  const uncovered = db.prepare(`SELECT question FROM feedback WHERE kind = 'not-covered' ORDER BY id`).all() as { question: string }[];
  return { ...counts, notHelpfulAnswers, frequentUncovered: mostFrequent(uncovered.map((r) => r.question), limit) };
}

function mostFrequent(questions: string[], limit: number): FeedbackSummary['frequentUncovered'] {
  const groups = new Map<string, { question: string; count: number }>();
  for (const question of questions) {
    const key = question.toLowerCase().replace(/[?.!\s]+$/g, '').replace(/\s+/g, ' ').trim();
    const group = groups.get(key) ?? { question: question.trim(), count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count).slice(0, limit);
}
