import fc from 'fast-check';
import { loadAnswerEngine } from '../../src/policy/engine';
import type { Answer } from '../../src/policy/types';

const engine = loadAnswerEngine();
const VERDICTS = ['yes', 'no', 'conditional', 'report', 'info', 'not-covered'];

/** Plain checks (not expect) so 10,000 runs stay fast; fast-check reports the failing input. */
function isValidAnswer(a: Answer): boolean {
  return (
    VERDICTS.includes(a.verdict) &&
    typeof a.summary === 'string' &&
    a.summary.length > 0 &&
    a.answered === (a.verdict !== 'not-covered') &&
    typeof a.offerReport === 'boolean' &&
    typeof a.urgent === 'boolean' &&
    Array.isArray(a.nextSteps) &&
    typeof a.reviewNotice === 'string' &&
    a.clauses.every((c) => engine.clauseById(c.id) !== undefined && Number.isFinite(c.score))
  );
}

// Fragments of lunr query syntax and other text that breaks naive search code.
const nasty = fc.constantFrom(':', '~', '^', '+', '-', '*', 'title:', 'photo~2', 'parent^10', '+friend -parent', '"', '\\', '\u0000', '\u202e', '🙂', '👨‍👩‍👧', '\ud800', 'ﬁ', 'İ', '\t\r\n', '   ', 'constructor', '__proto__', 'toString');
const question = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.array(fc.oneof(nasty, fc.constantFrom('friend', 'parent', 'indecent', 'phone', 'report', 'policy')), { maxLength: 30 }).map((parts) => parts.join(' ')),
);

describe('any text at all gets a valid answer', () => {
  it('10,000 random and hostile strings: no exception, always a valid answer object', () => {
    fc.assert(fc.property(question, (q) => isValidAnswer(engine.answer(q))), { numRuns: 10_000 });
  });

  it('empty, whitespace, 100 kB and non-string input', () => {
    for (const q of ['', '   ', '*', ':', 'a'.repeat(100_000), 'friend parent '.repeat(8_000), '\u0000'.repeat(1000)]) expect(isValidAnswer(engine.answer(q))).toBe(true);
    expect(isValidAnswer(engine.answer(undefined as unknown as string))).toBe(true);
    expect(engine.answer('').verdict).toBe('not-covered');
    expect(engine.answer('*').verdict).toBe('not-covered');
  });
});
