import type lunr from 'lunr';

export interface WeightedTerm {
  term: string;
  boost: number;
}

export interface TermHit {
  ref: string;
  score: number;
  /** The distinct query terms the document matched, in any field. */
  terms: string[];
}

/** A lunr index compiled for questions made of exact, prepared terms. */
export interface TermIndex {
  /**
   * The documents matching any term, best first: lunr's own results, scores and order. With `keep`,
   * only the hits it accepts, in the same order (filtered before sorting, which is most of the
   * work when most documents match some generic word).
   */
  search(terms: readonly WeightedTerm[], keep?: (hit: TermHit) => boolean): TermHit[];
}

/** lunr's serialised index (lunr.Index#toJSON, the format lunr.Index.load reads). */
interface SerialisedIndex {
  fields: string[];
  fieldVectors: [fieldRef: string, elements: number[]][];
  invertedIndex: [term: string, posting: Record<string, unknown> & { _index: number }][];
}

interface Posting {
  termIndex: number;
  /** Per field: the matching (document, field) slots and the term's weight in each, in lunr's order. */
  byField: { slots: Int32Array; weights: Float64Array }[];
}

/**
 * lunr builds the index (BM25 weights, field boosts, b and k1); this answers queries over flat
 * arrays instead of lunr.Index#query, which spent most of every answer building per-query
 * dictionaries of match data (profiled: docs/performance.md). It computes exactly what
 * lunr.Index#query computes for terms without wildcards, fuzziness or presence flags, summing in
 * the same order so scores and ties come out identical (tests/policy/term-index.test.ts).
 */
export function compileTermIndex(index: lunr.Index): TermIndex {
  const serialised = index.toJSON() as SerialisedIndex;
  const fieldCount = serialised.fields.length;
  const slotOf = new Map<string, number>(); // lunr's field ref "field/ref" → document * fieldCount + field
  const refs: string[] = [];
  const weightsBySlot: Map<number, number>[] = [];
  for (const [fieldRef, elements] of serialised.fieldVectors) {
    const cut = fieldRef.indexOf('/');
    const field = serialised.fields.indexOf(fieldRef.slice(0, cut));
    const ref = fieldRef.slice(cut + 1);
    let doc = refs.indexOf(ref);
    if (doc === -1) doc = refs.push(ref) - 1;
    const slot = doc * fieldCount + field;
    slotOf.set(fieldRef, slot);
    const weights = new Map<number, number>();
    for (let i = 0; i < elements.length; i += 2) weights.set(elements[i], elements[i + 1]);
    weightsBySlot[slot] = weights;
  }
  const postings = new Map<string, Posting>();
  for (const [term, posting] of serialised.invertedIndex) {
    const byField = serialised.fields.map((field) => {
      // Object.keys order is the order lunr visits matching documents in, which decides ties.
      const docRefs = Object.keys(posting[field] as object);
      const slots = Int32Array.from(docRefs, (ref) => slotOf.get(`${field}/${ref}`)!);
      const weights = Float64Array.from(slots, (slot) => weightsBySlot[slot].get(posting._index) ?? 0);
      return { slots, weights };
    });
    postings.set(term, { termIndex: posting._index, byField });
  }

  // Scratch space for one search at a time (search is synchronous), cleared as it is read.
  const dot = new Float64Array(refs.length * fieldCount);
  const seen = new Uint8Array(refs.length * fieldCount);
  const docOfSlot = Int32Array.from({ length: refs.length * fieldCount }, (_, slot) => Math.floor(slot / fieldCount));
  const termsOfDoc: (string[] | undefined)[] = new Array(refs.length);
  const hitOfDoc: (TermHit | undefined)[] = new Array(refs.length);

  return {
    search(terms, keep) {
      // The query vector: one element per indexed term, boosts summed (lunr's upsert).
      const query: { term: string; posting: Posting; boost: number }[] = [];
      for (const { term, boost } of terms) {
        const posting = postings.get(term);
        if (!posting) continue;
        const existing = query.find((q) => q.term === term);
        if (existing) existing.boost += boost;
        else query.push({ term, posting, boost });
      }
      if (query.length === 0) return [];
      const byTermIndex = [...query].sort((a, b) => a.posting.termIndex - b.posting.termIndex);
      let sumOfSquares = 0;
      for (const q of byTermIndex) sumOfSquares += q.boost * q.boost;
      const magnitude = Math.sqrt(sumOfSquares);

      // Slots in the order lunr first matches them (query order, then field, then posting order).
      const order: number[] = [];
      for (const q of query) {
        for (const { slots } of q.posting.byField) {
          for (let i = 0; i < slots.length; i++) {
            const slot = slots[i];
            if (!seen[slot]) {
              seen[slot] = 1;
              order.push(slot);
            }
            // Query terms are distinct, so a term already listed for this document is the last one
            // listed (matched in an earlier field).
            const doc = docOfSlot[slot];
            const docTerms = termsOfDoc[doc];
            if (!docTerms) termsOfDoc[doc] = [q.term];
            else if (docTerms[docTerms.length - 1] !== q.term) docTerms.push(q.term);
          }
        }
      }
      // Dot products summed in ascending term index, as lunr.Vector#dot merges them.
      for (const q of byTermIndex) {
        for (const { slots, weights } of q.posting.byField) {
          for (let i = 0; i < slots.length; i++) dot[slots[i]] += q.boost * weights[i];
        }
      }
      const hits: TermHit[] = [];
      for (const slot of order) {
        const score = dot[slot] / magnitude || 0;
        dot[slot] = 0;
        seen[slot] = 0;
        const doc = docOfSlot[slot];
        const hit = hitOfDoc[doc];
        if (hit) hit.score += score;
        else hits.push((hitOfDoc[doc] = { ref: refs[doc], score, terms: termsOfDoc[doc]! }));
      }
      for (const slot of order) {
        hitOfDoc[docOfSlot[slot]] = undefined;
        termsOfDoc[docOfSlot[slot]] = undefined;
      }
      // The sort is stable, so filtering first keeps the kept hits in lunr's order, ties included.
      return (keep ? hits.filter(keep) : hits).sort((a, b) => b.score - a.score);
    },
  };
}
