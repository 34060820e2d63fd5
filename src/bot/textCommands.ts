import { parseClauseReference } from '../policy/clause-reference';

/** What a typed message asks for; anything else is a question for the policy. */
export type TextCommand = { kind: 'help' } | { kind: 'report' } | { kind: 'setup-dsl' } | { kind: 'clause'; reference: string } | { kind: 'question'; text: string };

const HELP = /^(help|\?|what can you do\??|hi|hello|hey)[.!]?$/i;
// A DSL chooses the channel for safeguarding alerts by typing this in it.
const SETUP_DSL = /^set ?up (the )?dsl( channel)?[.!]?$/i;
const REPORT = /^(report|report a concern|raise a concern|i want to report( a concern| something)?)[.!]?$/i;
// Only a clause number, perhaps with "clause"/"show me" around it: "2.6.2", "clause 2.6.2", "what does 2.6.2 say?".
// A question that merely mentions a clause ("can I do X, see 2.6.2") goes to the engine.
const CLAUSE_ONLY = /^(?:(?:show(?: me)?|read|open|what does|what's in|whats in)\s+)?(?:clause|section|para(?:graph)?|§)?\s*\d{1,2}\.\d{1,2}(?:\.\d{1,2})?(?:\s+say)?\s*[?.!]?$/i;

export function readTextCommand(text: string): TextCommand {
  const trimmed = text.trim();
  if (trimmed === '' || HELP.test(trimmed)) return { kind: 'help' };
  if (REPORT.test(trimmed)) return { kind: 'report' };
  if (SETUP_DSL.test(trimmed)) return { kind: 'setup-dsl' };
  const reference = CLAUSE_ONLY.test(trimmed) ? parseClauseReference(trimmed) : undefined;
  if (reference) return { kind: 'clause', reference };
  return { kind: 'question', text: trimmed };
}
