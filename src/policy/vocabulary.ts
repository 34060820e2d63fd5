import { PolicyDataError, type Synonyms } from './policy-data';
import { contentStems, isStopWord, stem, wordForms, words } from './tokenise';

/**
 * The engine's words: stems with each synonym group folded into one term ("insta", "fb",
 * "social media" → the "facebook" term), so a group counts once however staff phrase it and
 * rarity is measured per meaning rather than per spelling.
 */
export interface Vocabulary {
  /** Canonical terms of a text, in order, stop words dropped. */
  terms(text: string): string[];
  /** The same for a text already split into words (tokenise.ts words()). */
  termsOfWords(raw: string[]): string[];
  /** Too common in school life to show a question is about this policy. */
  isGeneric(term: string): boolean;
  /** Shows a question is about this policy's subject (social media, messaging, images, devices…). */
  isTopic(term: string): boolean;
  /** Shows a question is about something else (lunch, payroll, parking…). */
  isOffTopic(term: string): boolean;
  /** A compound term ("schoolaccount"): two words that together pick out one part of the policy. */
  isCompound(term: string): boolean;
  /** The topic term one typo away from an unknown term ("facebok" → facebook, "pasword" → password), if any. */
  correctTypo(term: string): string | undefined;
}

/** Only words this long are corrected: shorter ones have too many neighbours ("sick" / "pick"). */
const MIN_TYPO_LENGTH = 5;
const MAX_TYPO_LENGTH = 14;
/** A changed letter (not a missing, extra or swapped one) is only read as a typo in words this long ("spare" is not "share"). */
const MIN_SUBSTITUTION_LENGTH = 6;

export function buildVocabulary(synonyms: Synonyms): Vocabulary {
  const canonical = new Map<string, string>();
  // Multi-word entries ("google drive", "memory stick") stand for their group only as a whole
  // phrase: word by word they would turn "google classroom" into cloud storage and "stick to the
  // rules" into a USB stick.
  const phrasesByFirstStem = new Map<string, { stems: string[]; term: string }[]>();
  for (const group of synonyms.groups) {
    const first = contentStems(group[0]);
    const head = first.length === 1 ? first[0] : first.join('');
    for (const entry of group) {
      const stems = contentStems(entry);
      // "day off" is only "day" once "off" is dropped as a stop word: such an entry cannot be
      // told apart from the ordinary word, so it stands for nothing.
      if (stems.length === 1 && words(entry).length > 1) continue;
      if (stems.length === 1 && !canonical.has(stems[0])) canonical.set(stems[0], head);
      else if (stems.length > 1) phrasesByFirstStem.set(stems[0], [...(phrasesByFirstStem.get(stems[0]) ?? []), { stems, term: head }]);
    }
  }
  const ignored = new Set(synonyms.ignore.flatMap(contentStems));
  const canonicalWord = (w: string) => {
    const s = stem(w);
    return canonical.get(s) ?? s;
  };
  const compounds = synonyms.compounds.map((c) => ({ name: c.name, first: new Set(c.first.map(canonicalWord)), then: new Set(c.then.map(canonicalWord)) }));
  // Each word of a question is looked up once for the compounds it can start, not once per compound.
  const compoundsStartingWith = new Map<string, typeof compounds>();
  for (const c of compounds) for (const w of c.first) compoundsStartingWith.set(w, [...(compoundsStartingWith.get(w) ?? []), c]);
  const termsOfWords = (raw: string[]): string[] => {
    const forms = raw.map(wordForms);
    const stems = forms.map((f) => f.stem);
    const canon = stems.map((s) => canonical.get(s) ?? s);
    // Phrases are matched over the meaningful words, as their stems were taken ("out of date").
    const meaningful: number[] = [];
    for (let i = 0; i < raw.length; i++) if (!forms[i].stop) meaningful.push(i);
    meaningful.forEach((start, m) => {
      for (const p of phrasesByFirstStem.get(stems[start]) ?? []) {
        const at = meaningful.slice(m, m + p.stems.length);
        if (at.length === p.stems.length && p.stems.every((s, k) => stems[at[k]] === s)) at.forEach((j) => (canon[j] = p.term));
      }
    });
    const out: string[] = [];
    canon.forEach((term, i) => {
      // Numbers ("year 6", "18 rated") say nothing about which clause applies.
      if (forms[i].stop || ignored.has(stems[i]) || /^\d+$/.test(term) || out[out.length - 1] === term) return;
      out.push(term);
    });
    // A compound's name is added when one of its first words comes straight before one of its
    // second words ("school's Facebook", "class blog"), stop words included.
    // A second word that starts another compound belongs to that one: "the social media policy"
    // is the policy, not the school's account.
    const startsAnother = (c: (typeof compounds)[number], i: number) => (compoundsStartingWith.get(canon[i]) ?? []).some((d) => d !== c && d.then.has(canon[i + 1]));
    const found = new Set<(typeof compounds)[number]>();
    canon.forEach((w, i) => {
      for (const c of compoundsStartingWith.get(w) ?? []) if (c.then.has(canon[i + 1]) && !startsAnother(c, i + 1)) found.add(c);
    });
    for (const c of compounds) if (found.has(c)) out.push(c.name);
    return out;
  };
  const terms = (text: string) => termsOfWords(words(text));
  const compoundNames = new Set(compounds.map((c) => c.name));
  const termSet = (list: string[]) => new Set(list.flatMap(terms));
  const generic = termSet(synonyms.generic);
  const offTopic = termSet(synonyms.offTopic);
  // A group whose first word is listed as off-topic gathers names of other school systems
  // ("shared drive", "reading scheme"): its phrases then show a question is about something else.
  const topicGroups = synonyms.groups.map((g) => g[0]).filter((w) => !terms(w).every((t) => offTopic.has(t)));
  const topics = new Set([...termSet([...synonyms.topics, ...topicGroups]), ...compoundNames]);
  // Typos are compared with topic stems and with the whole words they come from: "personel" is
  // one letter from "personal", though two from its stem "person".
  const typoTargets = new Map<string, string>();
  for (const t of new Set([...canonical.keys(), ...synonyms.topics.flatMap(contentStems)])) typoTargets.set(t, canonical.get(t) ?? t);
  for (const w of [...synonyms.groups.flat(), ...synonyms.topics].flatMap((e) => words(e))) {
    if (!typoTargets.has(w) && !isStopWord(w)) typoTargets.set(w, canonicalWord(w));
  }
  const topicStemsByLength = new Map<number, [string, string][]>();
  for (const [t, term] of typoTargets) {
    if (t.length < MIN_TYPO_LENGTH - 1 || !topics.has(term)) continue;
    const sameLength = topicStemsByLength.get(t.length) ?? [];
    sameLength.push([t, term]);
    topicStemsByLength.set(t.length, sameLength);
  }
  // A word in both lists (often through a synonym: "fire" drill vs "fired") would silently
  // decline questions the policy answers.
  const clashes = synonyms.offTopic.filter((w) => terms(w).some((t) => topics.has(t) && !generic.has(t)));
  if (clashes.length) throw new PolicyDataError(`synonyms.json: off-topic words that are also topic words: ${clashes.join(', ')}`);
  // Asked for every term of every matching document of every question: one lookup, not two.
  const topicNotGeneric = new Set([...topics].filter((t) => !generic.has(t)));
  return {
    terms,
    termsOfWords,
    isGeneric: (t) => generic.has(t),
    isTopic: (t) => topicNotGeneric.has(t),
    isOffTopic: (t) => offTopic.has(t),
    isCompound: (t) => compoundNames.has(t),
    correctTypo(term) {
      if (term.length < MIN_TYPO_LENGTH || term.length > MAX_TYPO_LENGTH || canonical.has(term) || offTopic.has(term) || generic.has(term)) return undefined;
      // Shorter, same and longer known words, in that order. People rarely mistype a word's first
      // letter, and a different first letter is usually a different word ("deadline" is not "headline").
      for (let length = term.length - 1; length <= term.length + 1; length++) {
        for (const [known, canonicalTerm] of topicStemsByLength.get(length) ?? []) {
          if (known[0] === term[0] && withinOneEdit(term, known)) return canonicalTerm;
        }
      }
      return undefined;
    },
  };
}

/** True when a and b differ by one insertion, deletion, substitution or swap of neighbours. */
function withinOneEdit(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return a === b;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (a.length === b.length) {
    const swapped = a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    return swapped || (a.length >= MIN_SUBSTITUTION_LENGTH && restA === restB);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
