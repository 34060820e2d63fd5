import type lunr from 'lunr';

export interface WeightedTerm {
  term: string;
  boost: number;
}

export interface TermHit {
  ref: string;
  score: number;
}

/** Which hits a search returns: as filtering lunr's results, but without building the others. */
export interface SearchFilter {
  /** Only documents scoring at least this. */
  minScore?: number;
  /** Only documents matching at least one query term for which this is true. */
  matchingAnyOf?: (term: string) => boolean;
  /** Only documents whose ref this accepts. */
  accepting?: (ref: string) => boolean;
  /** Only the best this many: an answer cites a few documents, and ranking all of them was the biggest part of a search. */
  limit?: number;
}

/** A lunr index compiled for questions made of exact, prepared terms. */
export interface TermIndex {
  /**
   * The documents matching any term, best first: lunr's own results, scores and order; with a
   * filter, only the hits it accepts, in that same order (the first `limit` of them).
   */
  search(terms: readonly WeightedTerm[], filter?: SearchFilter): TermHit[];
}

/** lunr's serialised index (lunr.Index#toJSON, the format lunr.Index.load reads). */
interface SerialisedIndex {
  fields: string[];
  fieldVectors: [fieldRef: string, elements: number[]][];
  invertedIndex: [term: string, posting: Record<string, unknown> & { _index: number }][];
}

interface Posting {
  termIndex: number;
  /** The matching (document, field) slots, field by field in lunr's order, and the term's weight in each. */
  slots: Int32Array;
  weights: Float64Array;
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
    // Object.keys order is the order lunr visits matching documents in, which decides ties.
    const slots = Int32Array.from(serialised.fields.flatMap((field) => Object.keys(posting[field] as object).map((ref) => slotOf.get(`${field}/${ref}`)!)));
    const weights = Float64Array.from(slots, (slot) => weightsBySlot[slot].get(posting._index) ?? 0);
    postings.set(term, { termIndex: posting._index, slots, weights });
  }

  // Scratch space for one search at a time (search is synchronous), cleared as it is read: most
  // questions share a generic word with most documents, and allocating per matching document was
  // a good part of every answer's garbage.
  const slotCount = refs.length * fieldCount;
  const dot = new Float64Array(slotCount);
  const seen = new Uint8Array(slotCount);
  const order = new Int32Array(slotCount);
  const docOfSlot = Int32Array.from({ length: slotCount }, (_, slot) => Math.floor(slot / fieldCount));
  const docScore = new Float64Array(refs.length);
  const docSeen = new Uint8Array(refs.length);
  const docOrder = new Int32Array(refs.length);
  // Documents that matched a term the filter asks for.
  const topical = new Uint8Array(refs.length);

  return {
    search(terms, { minScore = Number.NEGATIVE_INFINITY, matchingAnyOf, accepting, limit = Number.POSITIVE_INFINITY } = {}) {
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
      let slotsSeen = 0;
      for (const { term, posting } of query) {
        const required = !matchingAnyOf || matchingAnyOf(term);
        const { slots } = posting;
        for (let i = 0; i < slots.length; i++) {
          const slot = slots[i];
          if (!seen[slot]) {
            seen[slot] = 1;
            order[slotsSeen++] = slot;
          }
          if (required) topical[docOfSlot[slot]] = 1;
        }
      }
      // Dot products summed in ascending term index, as lunr.Vector#dot merges them.
      for (const { boost, posting } of byTermIndex) {
        const { slots, weights } = posting;
        for (let i = 0; i < slots.length; i++) dot[slots[i]] += boost * weights[i];
      }
      // A document's score is the sum over its fields in that first-match order; documents in the
      // order they were first matched.
      let docsSeen = 0;
      for (let k = 0; k < slotsSeen; k++) {
        const slot = order[k];
        const score = dot[slot] / magnitude || 0;
        dot[slot] = 0;
        seen[slot] = 0;
        const doc = docOfSlot[slot];
        if (docSeen[doc]) docScore[doc] += score;
        else {
          docSeen[doc] = 1;
          docScore[doc] = score;
          docOrder[docsSeen++] = doc;
        }
      }
      const hits: TermHit[] = [];
      for (let k = 0; k < docsSeen; k++) {
        const doc = docOrder[k];
        if (docScore[doc] >= minScore && topical[doc] && (!accepting || accepting(refs[doc]))) insertRanked(hits, refs[doc], docScore[doc], limit);
        docSeen[doc] = 0;
        topical[doc] = 0;
      }
      return hits;
    },
  };
}

/**
 * Puts a hit among the best `limit` so far, best first, behind those scoring as well: documents
 * with equal scores stay in the order lunr gives them, as a stable sort would keep them.
 */
function insertRanked(hits: TermHit[], ref: string, score: number, limit: number): void {
  let at = hits.length;
  while (at > 0 && hits[at - 1].score < score) at--;
  if (at >= limit) return;
  // The worse hits move down a place (the last falls off at the limit).
  for (let k = Math.min(hits.length, limit - 1); k > at; k--) hits[k] = hits[k - 1];
  hits[at] = { ref, score };
}
