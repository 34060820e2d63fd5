import { LRUCache } from 'lru-cache';
import lunr from 'lunr';

/**
 * The one tokeniser for index and queries, so both sides agree on every word. Work per
 * question is bounded: a 100 kB paste answers as fast as a short question.
 */
export const MAX_QUESTION_CHARS = 2000;
export const MAX_WORDS = 80;

/** Lower-case ASCII words: accents folded, possessive 's dropped, everything else a separator. */
export function words(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  const normalised = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .replace(/['’]/g, '');
  // One match call: iterating matchAll built an iterator and a match object per word.
  const out = normalised.match(/[a-z0-9]+/g) ?? [];
  if (out.length > limit) out.length = limit;
  return out;
}

/** The question's words, bounded in length and count. */
export function questionWords(question: string): string[] {
  return words(question.slice(0, MAX_QUESTION_CHARS), MAX_WORDS);
}

// lunr's English stop words, except words that change what a question is about:
// "a pupil messaged me" is an incident to report, "can I message a pupil" is not;
// "my own phone" is not the school's phone.
const MEANINGFUL = new Set(["me", "own"]);

export interface WordForms {
  stem: string;
  stop: boolean;
}

// The Porter stemmer is a chain of regular expressions, and staff use the same few thousand words
// again and again: each word's forms are worked out once. Bounded, so no stream of made-up words can grow it.
const MAX_WORDS_KEPT = 20_000;
const forms = new LRUCache<string, WordForms>({ max: MAX_WORDS_KEPT });

export function wordForms(word: string): WordForms {
  let known = forms.get(word);
  if (known === undefined) {
    const stopWordFilter = lunr.stopWordFilter as unknown as (t: lunr.Token) => lunr.Token | undefined;
    known = {
      stem: lunr.stemmer(new lunr.Token(word, {})).toString(),
      stop: !MEANINGFUL.has(word) && stopWordFilter(new lunr.Token(word, {})) === undefined,
    };
    forms.set(word, known);
  }
  return known;
}

export function stem(word: string): string {
  return wordForms(word).stem;
}

export function isStopWord(word: string): boolean {
  return wordForms(word).stop;
}

/** Stems of the meaningful words of a text, in order. */
export function contentStems(text: string): string[] {
  return words(text).filter((w) => !isStopWord(w)).map(stem);
}
