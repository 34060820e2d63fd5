import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..');

/** The dev set lives beside the repo in the shared workspace; a checkout without it uses the held-out set. */
const DEFAULT_FILES = [resolve(REPO_ROOT, '../shared/eval/dev.jsonl'), resolve(REPO_ROOT, 'tests/policy/heldout.jsonl')];

export interface QuestionSet {
  file: string;
  questions: string[];
}

/** The `q` of every line of a gold file (one JSON object a line). */
export function readQuestions(file?: string): QuestionSet {
  const chosen = file ? resolve(file) : DEFAULT_FILES.find((f) => existsSync(f));
  if (!chosen) throw new Error(`no question file: pass --questions FILE (looked for ${DEFAULT_FILES.join(', ')})`);
  const questions = readFileSync(chosen, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { q: string }).q);
  if (questions.length === 0) throw new Error(`${chosen} holds no questions`);
  return { file: chosen, questions };
}

/**
 * A staff member's question as Teams posts it in a 1:1 chat, asking for the replies in the HTTP
 * response (expectReplies) so the benchmark measures the real endpoint without a connector.
 * Each load connection is its own user and conversation, as real staff would be.
 */
export function personalMessage(text: string, user: number, sequence: number): string {
  const tenantId = '00000000-0000-0000-0000-0000000000a1';
  return JSON.stringify({
    type: 'message',
    id: `bench-${user}-${sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/_connector',
    deliveryMode: 'expectReplies',
    from: { id: `29:bench-user-${user}`, name: `Bench User ${user}`, aadObjectId: `00000000-0000-0000-0000-${String(100000 + user).padStart(12, '0')}` },
    recipient: { id: '28:policyguide', name: 'PolicyGuide' },
    conversation: { id: `a:bench-conversation-${user}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: 'en-GB',
    text,
  });
}
