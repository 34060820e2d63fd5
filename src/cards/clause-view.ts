import type { Clause } from '../policy/types';

/** How a cited clause is shown on a card: number, heading, section, and its text with its lead-in. */
export interface ClauseView {
  title: string;
  section: string;
  text: string;
  /** Long text is collapsed behind "Show clause" so the verdict stays on screen. */
  collapsed: boolean;
  preview: string;
  /** "Show clause" swaps the preview for the full text. */
  previewId: string;
  toggleId: string;
}

const COLLAPSE_OVER_CHARS = 280;
const PREVIEW_CHARS = 160;

export function clauseView(clause: Clause, index: number): ClauseView {
  // A clause read without its lead-in ("Adults working in schools should not:") says the opposite of the policy.
  const text = (clause.leadIn ? `${clause.leadIn} ${clause.text}` : clause.text).replace(/[ \t]+/g, ' ').trim();
  const collapsed = text.length > COLLAPSE_OVER_CHARS;
  return {
    title: `${clause.label} ${clause.heading}`,
    section: `Section ${clause.section}: ${clause.sectionTitle}`,
    text,
    collapsed,
    preview: collapsed ? `${text.slice(0, PREVIEW_CHARS).replace(/\s+\S*$/, '')}…` : text,
    previewId: `clause-preview-${index}`,
    toggleId: `clause-text-${index}`,
  };
}
