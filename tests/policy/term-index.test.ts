import fc from 'fast-check';
import lunr from 'lunr';
import { compileTermIndex, type WeightedTerm } from '../../src/policy/term-index';

// Answers depend on every score and every tie between clauses, so the compiled index must give
// exactly what lunr.Index#query gives for the same terms, or answers would silently change.

const WORDS = ['friend', 'parent', 'pupil', 'photo', 'phone', 'school', 'report', 'constructor', '__proto__', 'a1', 'x'];

interface Doc {
  ref: string;
  text: string[];
  heading: string[];
}

const doc = fc.record({
  ref: fc.oneof(fc.nat({ max: 40 }).map(String), fc.constantFrom('2.6.2', '4.1.2', 'a/b', 'toString')),
  text: fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }),
  heading: fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }),
});
const corpus = fc.uniqueArray(doc, { selector: (d) => d.ref, minLength: 1, maxLength: 30 });
const terms = fc.array(
  fc.record({ term: fc.constantFrom(...WORDS, 'absent'), boost: fc.constantFrom(0.6, 1, 1.5, 2) }),
  { maxLength: 8 },
);
const settings = fc.record({ b: fc.constantFrom(0.3, 0.75), k1: fc.constantFrom(0.5, 1.2), headingBoost: fc.constantFrom(0.5, 1, 3) });

function buildIndex(docs: Doc[], s: { b: number; k1: number; headingBoost: number }): lunr.Index {
  return lunr(function () {
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.b(s.b);
    this.k1(s.k1);
    this.ref('ref');
    this.field('text');
    this.field('heading', { boost: s.headingBoost });
    docs.forEach((d) => this.add({ ref: d.ref, text: d.text.join(' '), heading: d.heading.join(' ') }));
  });
}

function lunrResults(index: lunr.Index, query: WeightedTerm[]) {
  if (query.length === 0) return [];
  return index
    .query((q) => query.forEach((t) => q.term(t.term, { boost: t.boost, usePipeline: false })))
    .map((r) => ({ ref: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata).sort() }));
}

describe('the compiled term index', () => {
  it('finds the same documents, in the same order, with the same scores as lunr', () => {
    fc.assert(
      fc.property(corpus, settings, fc.array(terms, { minLength: 1, maxLength: 5 }), (docs, s, queries) => {
        const index = buildIndex(docs, s);
        const compiled = compileTermIndex(index);
        for (const query of queries) {
          expect(compiled.search(query)).toEqual(lunrResults(index, query).map(({ ref, score }) => ({ ref, score })));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("with a filter and a limit, gives exactly the first hits a filter of lunr's results would keep", () => {
    const limit = fc.option(fc.nat({ max: 4 }), { nil: undefined });
    fc.assert(
      fc.property(corpus, settings, terms, fc.double({ min: 0, max: 3, noNaN: true }), fc.constantFrom(...WORDS), fc.nat(), limit, (docs, s, query, minScore, required, seed, limit) => {
        const index = buildIndex(docs, s);
        const topical = (term: string) => term === required || term === 'x';
        const accepting = (ref: string) => (ref.length + seed) % 3 !== 0;
        const filtered = lunrResults(index, query)
          .filter((hit) => hit.score >= minScore && hit.terms.some(topical) && accepting(hit.ref))
          .slice(0, limit)
          .map(({ ref, score }) => ({ ref, score }));
        expect(compileTermIndex(index).search(query, { minScore, matchingAnyOf: topical, accepting, limit })).toEqual(filtered);
      }),
      { numRuns: 300 },
    );
  });

  it("gives lunr's results for long questions (70 distinct terms)", () => {
    const many = Array.from({ length: 70 }, (_, i) => `w${i}`);
    const docs = Array.from({ length: 12 }, (_, d) => ({ ref: String(d), text: many.filter((_, i) => (i + d) % 3 === 0), heading: many.filter((_, i) => i % (d + 2) === 1) }));
    const index = buildIndex(docs, { b: 0.3, k1: 0.5, headingBoost: 0.5 });
    const query = many.map((term, i) => ({ term, boost: i % 2 ? 1 : 0.6 }));
    const theirs = lunrResults(index, query);
    expect(compileTermIndex(index).search(query)).toEqual(theirs.map(({ ref, score }) => ({ ref, score })));
    const late = (term: string) => term === 'w64';
    expect(compileTermIndex(index).search(query, { matchingAnyOf: late }).map((h) => h.ref)).toEqual(theirs.filter((h) => h.terms.includes('w64')).map((h) => h.ref));
  });

  it('gives nothing for no terms or only unknown terms', () => {
    const compiled = compileTermIndex(buildIndex([{ ref: '1', text: ['friend'], heading: [] }], { b: 0.75, k1: 1.2, headingBoost: 1 }));
    expect(compiled.search([])).toEqual([]);
    expect(compiled.search([{ term: 'absent', boost: 1 }])).toEqual([]);
  });
});
