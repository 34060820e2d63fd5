import type { Clause, PolicyDocument, PolicyMeta } from './types';

/**
 * Turns a numbered-clause policy document (plain text, one paragraph a line) into clauses.
 * Printing defects are repaired where the intent is clear and always reported as warnings,
 * so the policy owner can fix the source: a silently "repaired" safeguarding text is worse
 * than a noisy one.
 */

const SECTION = /^Section\s+(\d+)\s*:\s*(.+)$/i;
const SUBSECTION = /^(\d+)\.(\d+)\s+(\S.*)$/;
const CLAUSE = /^(\d+)\.(\d+)\.(\d+)\s+(\S.*)$/;
const BULLET = /^[-•*–]\s+(.+)$/;
const CONTENTS_ENTRY = /(\.{3,}|\t)\s*\d*\s*$/;
const META_FIELD = /^(Reviewed(?: Date)?|Date Reviewed|Next Review(?: Date)?|Review Date|Reviewer|Reviewed By)\s*:\s*(.+)$/i;
const PAGE_NUMBER = /^(page\s+)?\d+(\s+of\s+\d+)?$/i;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

interface Draft extends Clause {
  paragraphs: string[];
}

export function parsePolicy(source: string): PolicyDocument {
  // Lines keep their trailing tabs: they mark contents entries ("2.1 Communication…\t").
  const lines = source.replace(/\r\n?/g, '\n').split('\n').filter((l) => l.trim() !== '');
  const warnings: string[] = [];
  const bodyStart = lines.findIndex((l) => SECTION.test(l.trim()) && !CONTENTS_ENTRY.test(l));
  const front = bodyStart < 0 ? lines : lines.slice(0, bodyStart);
  const body = bodyStart < 0 ? [] : lines.slice(bodyStart);
  const artefacts = repeatedArtefacts(body);

  checkContents(front, body, warnings);

  const clauses: Draft[] = [];
  const metaFields: Record<string, string> = {};
  let section = '';
  let sectionTitle = '';
  let subsection = '';
  let heading = '';
  let leadIn: string | undefined;
  let pendingLeadIn: string | undefined;
  let current: Draft | undefined;

  const byId = new Map<string, Draft>();
  const addClause = (draft: Draft) => {
    clauses.push(draft);
    byId.set(draft.id, draft);
    current = draft;
  };

  body.forEach((raw, index) => {
    const line = raw.trim();
    const next = body[index + 1]?.trim() ?? '';
    if (artefacts.has(line) || PAGE_NUMBER.test(line)) {
      warnings.push(`Removed page artefact "${line}"${current ? ` after clause ${current.label}` : ''}.`);
      return;
    }
    const meta = META_FIELD.exec(line);
    if (meta) {
      metaFields[normaliseMetaKey(meta[1])] = meta[2].trim();
      current = undefined;
      return;
    }
    const sectionMatch = SECTION.exec(line);
    if (sectionMatch) {
      [section, sectionTitle] = [sectionMatch[1], sectionMatch[2].trim()];
      subsection = '';
      heading = sectionTitle;
      leadIn = pendingLeadIn = undefined;
      current = undefined;
      return;
    }
    const clauseMatch = CLAUSE.exec(line);
    if (clauseMatch) {
      const [, s, sub, n, text] = clauseMatch;
      const label = `${s}.${sub}.${n}`;
      let id = label;
      if (section && s !== section) {
        // Read it as the next clause of the subsection it sits in (printed "3.1.2" after 4.1.1 → 4.1.2).
        id = `${subsection.startsWith(`${section}.`) ? subsection : `${section}.${sub}`}.${n}`;
        warnings.push(`Clause printed "${label}" appears under Section ${section}; stored as ${id} (label kept as printed).`);
      }
      if (byId.has(id)) {
        const renamed = nextFreeId(byId, `${id.split('.').slice(0, 2).join('.')}`);
        warnings.push(`Clause number ${id} is used twice; the second is stored as ${renamed}.`);
        id = renamed;
      }
      const clauseSubsection = id.split('.').slice(0, 2).join('.');
      if (clauseSubsection !== subsection) {
        // A clause whose subsection has no printed heading (e.g. 4.1.1) takes the section title.
        [subsection, heading, leadIn] = [clauseSubsection, sectionTitle, undefined];
      }
      reportGap(byId, id, warnings);
      if (pendingLeadIn) [leadIn, pendingLeadIn] = [pendingLeadIn, undefined];
      addClause({ id, label, section, sectionTitle, subsection, heading, ...(leadIn ? { leadIn } : {}), text: '', paragraphs: [text] });
      return;
    }
    const subMatch = SUBSECTION.exec(line);
    if (subMatch && subMatch[1] === section && !/[.:;]$/.test(line)) {
      subsection = `${subMatch[1]}.${subMatch[2]}`;
      heading = subMatch[3].trim();
      leadIn = pendingLeadIn = undefined;
      current = undefined;
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet) {
      const owner = current ?? unnumberedBlock(subsection, heading, section, sectionTitle, addClause, byId, warnings);
      if (owner) owner.paragraphs.push(`- ${bullet[1].trim()}`);
      return;
    }
    // An unnumbered paragraph ending in ":" and followed by a numbered clause governs the
    // clauses after it (e.g. "Adults working in schools should not:" → 2.4.6–2.4.8).
    if (line.endsWith(':') && CLAUSE.test(next)) {
      pendingLeadIn = line;
      leadIn = undefined;
      current = undefined;
      return;
    }
    if (current) {
      warnings.push(`Clause ${current.label} continues in an unnumbered paragraph; joined to it.`);
      current.paragraphs.push(line);
      return;
    }
    const owner = unnumberedBlock(subsection, heading, section, sectionTitle, addClause, byId, warnings);
    if (owner) owner.paragraphs.push(line);
    else warnings.push(`Ignored text outside any section: "${line.slice(0, 60)}".`);
  });

  const leadInGroups = new Map<string, string[]>();
  for (const c of clauses) if (c.leadIn) leadInGroups.set(c.leadIn, [...(leadInGroups.get(c.leadIn) ?? []), c.id]);
  for (const [text, ids] of leadInGroups) warnings.push(`Clauses ${ids.join(', ')} are read with their lead-in "${text}".`);

  return {
    meta: buildMeta(front, metaFields, warnings),
    clauses: clauses.map(({ paragraphs, ...clause }) => ({ ...clause, text: joinParagraphs(paragraphs) })),
    warnings,
  };
}

/** Bullets and paragraphs under a heading with no numbered clause (e.g. "1.4 Principles") become one clause with the subsection's id. */
function unnumberedBlock(
  subsection: string,
  heading: string,
  section: string,
  sectionTitle: string,
  addClause: (d: Draft) => void,
  byId: Map<string, Draft>,
  warnings: string[],
): Draft | undefined {
  if (!section) return undefined;
  const id = subsection || section;
  const existing = byId.get(id);
  if (existing) return existing;
  warnings.push(`"${heading}" (${id}) has unnumbered text; stored as clause ${id}.`);
  const draft: Draft = { id, label: id, section, sectionTitle, subsection: id, heading, text: '', paragraphs: [] };
  addClause(draft);
  return draft;
}

function joinParagraphs(paragraphs: string[]): string {
  return paragraphs.reduce((text, p) => (text === '' ? p : `${text}${p.startsWith('- ') ? '\n' : '\n\n'}${p}`), '');
}

function nextFreeId(byId: Map<string, Draft>, subsection: string): string {
  let n = 1;
  while (byId.has(`${subsection}.${n}`)) n++;
  return `${subsection}.${n}`;
}

function reportGap(byId: Map<string, Draft>, id: string, warnings: string[]): void {
  const parts = id.split('.');
  const n = Number(parts[2]);
  const prefix = parts.slice(0, 2).join('.');
  const missing: string[] = [];
  for (let k = n - 1; k >= 1 && !byId.has(`${prefix}.${k}`); k--) missing.unshift(`${prefix}.${k}`);
  const anyEarlier = [...byId.keys()].some((k) => k.startsWith(`${prefix}.`));
  if (missing.length && anyEarlier) warnings.push(`Clause numbering skips ${missing.join(', ')} (before ${id}).`);
  else if (missing.length && n > 1) warnings.push(`Clause numbering in ${prefix} starts at ${id}; ${missing.join(', ')} not found.`);
}

/** Short unnumbered lines that recur in the body (running headers/footers such as "A – Z Handbook"). */
function repeatedArtefacts(body: string[]): Set<string> {
  const counts = new Map<string, number>();
  for (const l of body.map((x) => x.trim())) {
    if (l.length > 40 || /[.:;?!]$/.test(l) || CLAUSE.test(l) || SUBSECTION.test(l) || SECTION.test(l) || BULLET.test(l)) continue;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([l]) => l));
}

function checkContents(front: string[], body: string[], warnings: string[]): void {
  const listed = front.map((l) => SECTION.exec(l.replace(CONTENTS_ENTRY, '').trim())).filter((m): m is RegExpExecArray => m !== null);
  const actual = body.map((l) => SECTION.exec(l.trim())).filter((m): m is RegExpExecArray => m !== null);
  listed.forEach((entry, i) => {
    const real = actual[i];
    if (real && real[1] !== entry[1]) {
      warnings.push(`Contents lists "Section ${entry[1]}: ${entry[2].trim()}" where the document has "Section ${real[1]}: ${real[2].trim()}".`);
    }
  });
}

function normaliseMetaKey(key: string): string {
  const k = key.toLowerCase();
  if (k.startsWith('next') || k === 'review date') return 'next';
  if (k === 'reviewer' || k === 'reviewed by') return 'reviewer';
  return 'reviewed';
}

function buildMeta(front: string[], fields: Record<string, string>, warnings: string[]): PolicyMeta {
  const title = front.find((l) => !CONTENTS_ENTRY.test(l) && !/^contents/i.test(l.trim()))?.trim() ?? '';
  const year = front.map((l) => /^(\d{4}\s*[-–\/]\s*\d{2,4})$/.exec(l.trim())?.[1]).find(Boolean) ?? '';
  const school = /^(.*?\bSchool)\b/i.exec(title)?.[1] ?? title;
  const reviewedDate = fields.reviewed ?? '';
  const nextReviewDate = fields.next ?? '';
  if (!title) warnings.push('No document title found.');
  if (!reviewedDate) warnings.push('No "Reviewed Date" found.');
  if (!nextReviewDate) warnings.push('No "Next Review Date" found.');
  return {
    title,
    school,
    year: year.replace(/\s+/g, ' '),
    reviewedDate,
    nextReviewDate,
    nextReviewIso: monthToIso(nextReviewDate),
    ...(fields.reviewer ? { reviewer: fields.reviewer } : {}),
  };
}

/** "September 2022" → "2022-09-01"; empty when the date cannot be read. */
export function monthToIso(printed: string): string {
  const m = /([a-z]+)\s+(\d{4})/i.exec(printed);
  const month = m ? MONTHS.indexOf(m[1].toLowerCase()) : -1;
  if (!m || month < 0) return '';
  return `${m[2]}-${String(month + 1).padStart(2, '0')}-01`;
}
