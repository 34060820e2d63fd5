/**
 * Finds a clause number typed in chat: "2.6.2", "clause 2.6.2", "§2.6.2", "para 1.4".
 * A bare two-part number ("1.4") counts only with a prefix or on its own, so "version 2.1 of
 * the app" is not read as a clause. Returns the number as typed; look it up with clauseById.
 */
const THREE_PART = /(?:^|[^\d.])(\d{1,2}\.\d{1,2}\.\d{1,2})(?![.\d])/;
const PREFIXED_TWO_PART = /(?:clause|section|para(?:graph)?|§)\s*(\d{1,2}\.\d{1,2})(?![.\d])/i;
const ALONE_TWO_PART = /^\s*(\d{1,2}\.\d{1,2})\s*[?.!]?\s*$/;

export function parseClauseReference(text: string): string | undefined {
  const head = text.slice(0, 500);
  return (THREE_PART.exec(head) ?? PREFIXED_TWO_PART.exec(head) ?? ALONE_TWO_PART.exec(head))?.[1];
}
