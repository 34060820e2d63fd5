import type { Synonyms } from './policy-data';
import { contentStems } from './tokenise';

/**
 * The engine's words: stems with each synonym group folded into one term ("insta", "fb",
 * "social media" → the "facebook" term), so a group counts once however staff phrase it and
 * rarity is measured per meaning rather than per spelling.
 */
export interface Vocabulary {
  /** Canonical terms of a text, in order, stop words dropped. */
  terms(text: string): string[];
  /** Too common in school life to show a question is about this policy. */
  isGeneric(term: string): boolean;
  /** Shows a question is about this policy's subject (social media, messaging, images, devices…). */
  isTopic(term: string): boolean;
  /** Shows a question is about something else (lunch, payroll, parking…). */
  isOffTopic(term: string): boolean;
}

export function buildVocabulary(synonyms: Synonyms): Vocabulary {
  const canonical = new Map<string, string>();
  for (const group of synonyms.groups) {
    const stems = group.flatMap(contentStems);
    for (const s of stems) if (!canonical.has(s)) canonical.set(s, stems[0]);
  }
  const ignored = new Set(synonyms.ignore.flatMap(contentStems));
  const terms = (text: string): string[] => {
    const out: string[] = [];
    for (const s of contentStems(text)) {
      if (ignored.has(s)) continue;
      const term = canonical.get(s) ?? s;
      if (out[out.length - 1] !== term) out.push(term);
    }
    return out;
  };
  const termSet = (words: string[]) => new Set(words.flatMap(terms));
  const generic = termSet(synonyms.generic);
  const topics = termSet([...synonyms.topics, ...synonyms.groups.map((g) => g[0])]);
  const offTopic = termSet(synonyms.offTopic);
  return {
    terms,
    isGeneric: (t) => generic.has(t),
    isTopic: (t) => topics.has(t) && !generic.has(t),
    isOffTopic: (t) => offTopic.has(t),
  };
}
