import fc from 'fast-check';
import { loadAnswerEngine } from '../../src/policy/engine';
import type { Answer } from '../../src/policy/types';

const engine = loadAnswerEngine();
const VERDICTS = ['yes', 'no', 'conditional', 'report', 'info', 'not-covered'];

function expectValidAnswer(a: Answer): void {
  expect(VERDICTS).toContain(a.verdict);
  expect(typeof a.summary).toBe('string');
  expect(a.summary.length).toBeGreaterThan(0);
  expect(typeof a.answered).toBe('boolean');
  expect(a.answered).toBe(a.verdict !== 'not-covered');
  expect(typeof a.offerReport).toBe('boolean');
  expect(typeof a.urgent).toBe('boolean');
  expect(Array.isArray(a.nextSteps)).toBe(true);
  for (const c of a.clauses) {
    expect(engine.clauseById(c.id)).toBeDefined();
    expect(Number.isFinite(c.score)).toBe(true);
  }
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
    fc.assert(fc.property(question, (q) => expectValidAnswer(engine.answer(q))), { numRuns: 10_000 });
  });

  it('empty, whitespace, 100 kB and non-string input', () => {
    for (const q of ['', '   ', '*', ':', 'a'.repeat(100_000), 'friend parent '.repeat(8_000), '\u0000'.repeat(1000)]) expectValidAnswer(engine.answer(q));
    expectValidAnswer(engine.answer(undefined as unknown as string));
    expect(engine.answer('').verdict).toBe('not-covered');
    expect(engine.answer('*').verdict).toBe('not-covered');
  });
});
