/** Shapes shared by the policy importer, the answer engine and everything that shows answers. */

export type Verdict = 'yes' | 'no' | 'conditional' | 'report' | 'info' | 'not-covered';

export interface PolicyMeta {
  title: string;
  school: string;
  year: string;
  reviewedDate: string; // as printed, e.g. "September 2021"
  nextReviewDate: string; // as printed, e.g. "September 2022"
  nextReviewIso: string; // first day of that month, e.g. "2022-09-01", for overdue checks
  reviewer?: string;
}

export interface Clause {
  id: string; // unique, e.g. "2.6.2" or "4.1.2"
  label: string; // as printed; differs from id where the document misnumbers (4.1.2 printed "3.1.2")
  section: string; // "2"
  sectionTitle: string; // "Safer Social Media Practice in Schools"
  subsection: string; // "2.6"
  heading: string; // "Social contact"
  leadIn?: string; // governing lead-in, e.g. "Adults working in schools should not:"
  text: string; // full text incl. continuation paragraphs and bullets (lead-in excluded)
}

export interface PolicyDocument {
  meta: PolicyMeta;
  clauses: Clause[];
  warnings: string[];
}

export interface CitedClause {
  id: string;
  score: number;
}

/** The answer engine's result; the `ask` CLI prints these fields (DESIGN.md §4 contract). */
export interface Answer {
  question: string;
  answered: boolean;
  verdict: Verdict;
  summary: string;
  clauses: CitedClause[];
  offerReport: boolean;
  urgent: boolean;
  /** Concrete things to do now (e.g. for indecent images: do not view further, copy, screenshot or forward). */
  nextSteps: string[];
  /** Always present until a newer policy is loaded: the review was due September 2022. */
  reviewNotice: string;
}
