import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { APP_ROOT } from '../appRoot';
import { ConcernSignalFileSchema, type ConcernSignalFile } from './concern-signals';
import type { PolicyDocument, Verdict } from './types';

/**
 * Loads and validates the curated policy data. A mistake in a hand-edited file stops start-up
 * with a message naming the file and the entry, rather than giving staff a wrong answer later.
 */

export const DEFAULT_DATA_DIR = join(APP_ROOT, 'policy-data');

const VERDICTS = ['yes', 'no', 'conditional', 'report', 'info', 'not-covered'] as const satisfies readonly Verdict[];

const ScenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/, 'ids are lower-case words joined by hyphens'),
  questions: z.array(z.string().min(3)).min(1),
  verdict: z.enum(VERDICTS),
  summary: z.string().min(10),
  clauses: z.array(z.string()),
  offerReport: z.boolean().default(false),
  urgent: z.boolean().default(false),
  nextSteps: z.array(z.string().min(3)).default([]),
  /** Phrases whose words, all present in a question, make this scenario win outright (safeguarding cases). */
  triggers: z.array(z.string().min(3)).default([]),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

const ScenarioFileSchema = z.strictObject({ _comment: z.string().optional(), scenarios: z.array(ScenarioSchema).min(1) });

const SynonymFileSchema = z.strictObject({
  _comment: z.string().optional(),
  /** Words staff use interchangeably; each group is read as its first word. */
  groups: z.array(z.array(z.string().min(1)).min(2)),
  /** Words too common in school life to show a question is about this policy on their own. */
  generic: z.array(z.string().min(1)),
  /** Words that show a question is about this policy's subject (every group's first word counts too). */
  topics: z.array(z.string().min(1)),
  /** Words that show a question is about something this policy doesn't cover. */
  offTopic: z.array(z.string().min(1)),
  /** Words dropped like stop words: they say nothing about which part of the policy applies. */
  ignore: z.array(z.string().min(1)),
  /** Word pairs read as one more term, e.g. "school" then "Facebook" → "schoolaccount" (the school's own accounts, Section 3). */
  compounds: z.array(z.strictObject({ name: z.string().regex(/^[a-z]+$/), first: z.array(z.string().min(1)).min(1), then: z.array(z.string().min(1)).min(1) })),
});
export type Synonyms = z.infer<typeof SynonymFileSchema>;

export interface PolicyData {
  document: PolicyDocument;
  scenarios: Scenario[];
  synonyms: Synonyms;
  concernSignals: ConcernSignalFile;
}

export class PolicyDataError extends Error {}

export function readPolicyData(dataDir: string = DEFAULT_DATA_DIR): PolicyData {
  const document = readJson(join(dataDir, 'clauses.json')) as PolicyDocument;
  if (!document || !Array.isArray(document.clauses) || !document.meta) {
    throw new PolicyDataError(`${join(dataDir, 'clauses.json')}: not a policy document; run npm run import-policy`);
  }
  const scenarios = validateScenarios(readJson(join(dataDir, 'scenarios.json')), document, 'scenarios.json');
  return {
    document,
    scenarios,
    synonyms: parseWith(SynonymFileSchema, readJson(join(dataDir, 'synonyms.json')), 'synonyms.json'),
    concernSignals: validateConcernSignals(readJson(join(dataDir, 'concern-signals.json')), scenarios),
  };
}

/** Checks shape and that the scenario answering declined concerns exists and offers reporting. */
export function validateConcernSignals(json: unknown, scenarios: Scenario[], source = 'concern-signals.json'): ConcernSignalFile {
  const signals = parseWith(ConcernSignalFileSchema, json, source);
  const fallback = scenarios.find((s) => s.id === signals.whenDeclined);
  if (!fallback?.offerReport) throw new PolicyDataError(`${source}: whenDeclined "${signals.whenDeclined}" must name a scenario that offers reporting`);
  return signals;
}

/** Checks shape, unique ids, known verdicts and that every cited clause exists in the policy. */
export function validateScenarios(json: unknown, document: PolicyDocument, source = 'scenarios'): Scenario[] {
  const { scenarios } = parseWith(ScenarioFileSchema, json, source);
  const known = new Set(document.clauses.map((c) => c.id));
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const s of scenarios) {
    if (seen.has(s.id)) problems.push(`scenario "${s.id}" is defined twice`);
    seen.add(s.id);
    for (const id of s.clauses) if (!known.has(id)) problems.push(`scenario "${s.id}" cites clause ${id}, which is not in the policy`);
    if (s.verdict !== 'report' && s.clauses.length === 0) problems.push(`scenario "${s.id}" cites no clause`);
  }
  if (problems.length) throw new PolicyDataError(`${source}: ${problems.join('; ')}`);
  return scenarios;
}

function parseWith<T>(schema: z.ZodType<T>, json: unknown, source: string): T {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
  throw new PolicyDataError(`${source}: ${problems.join('; ')}`);
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PolicyDataError(`${file}: cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new PolicyDataError(`${file}: invalid JSON (${(err as Error).message})`);
  }
}
