/**
 * For the policy owner: what staff found unhelpful and what they asked that the policy does not cover.
 *   npm run feedback-report            a readable summary of ${DATA_DIR}/policyguide.db
 *   npm run --silent feedback-report -- --json
 */
import { join } from 'node:path';
import { ConfigError, DATABASE_FILE_NAME, loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrations, summariseFeedback, type FeedbackSummary } from '../policy/feedback';

export function formatFeedbackReport(summary: FeedbackSummary, source: string): string {
  const lines = [
    `PolicyGuide feedback (${source})`,
    `Answers rated: ${summary.ratings} (${summary.helpful} helpful, ${summary.notHelpful} not helpful)`,
    `Questions the policy did not cover: ${summary.notCovered}`,
  ];
  if (summary.notHelpfulAnswers.length > 0) {
    lines.push('', 'Not helpful, newest first:');
    for (const a of summary.notHelpfulAnswers) {
      lines.push(`  ${a.at.slice(0, 16).replace('T', ' ')}  [${a.verdict}] ${JSON.stringify(a.question)}`);
      if (a.comment) lines.push(`      comment: ${JSON.stringify(a.comment)}`);
    }
  }
  if (summary.frequentUncovered.length > 0) {
    lines.push('', 'Most frequent questions the policy did not cover:');
    for (const q of summary.frequentUncovered) lines.push(`  ${String(q.count).padStart(3)} × ${JSON.stringify(q.question)}`);
  }
  return `${lines.join('\n')}\n`;
}

function main(): number {
  let dataDir: string;
  try {
    dataDir = loadConfig().dataDir;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const file = join(dataDir, DATABASE_FILE_NAME);
  const db = openDatabase(file, migrations);
  try {
    const summary = summariseFeedback(db);
    process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(summary, null, 2)}\n` : formatFeedbackReport(summary, file));
  } finally {
    db.close();
  }
  return 0;
}

if (require.main === module) process.exitCode = main();
