import { z } from 'zod';

/**
 * What a safeguarding concern is, who must receive it and what the reporter should do now.
 * The policy clauses cited here are the school's Social Media Policy; the next steps follow it
 * and, for indecent images, UKCIS guidance (never view further, copy, screenshot, forward or delete).
 */

export const concernCategories = [
  'pupil-contacted-staff-online',
  'cyberbullying',
  'indecent-images',
  'grooming-or-exploitation',
  'allegation-about-adult',
  'harmful-content',
  'radicalisation',
  'other',
] as const;

export type ConcernCategory = (typeof concernCategories)[number];

export interface CategoryGuide {
  /** As the reporter and the DSL see it. */
  label: string;
  /** Urgent concerns are chased sooner (10 minutes by default, not 60) and the reporter is asked
   *  whether they have already spoken to the DSL in person. */
  urgent: boolean;
  /** Policy clauses the reporter is shown with the next steps. */
  clauses: string[];
  nextSteps: string[];
}

const childInDanger = 'If a child is in immediate danger, speak to the DSL in person now or call 999.';

export const categoryGuides: Record<ConcernCategory, CategoryGuide> = {
  'pupil-contacted-staff-online': {
    label: 'A pupil contacted me online',
    urgent: false,
    clauses: ['2.1.5', '2.3.4', '2.6.1'],
    nextSteps: [
      'Do not reply to the pupil from a personal account (2.1.5).',
      'Do not delete the messages: keep them, with the time, date and platform.',
      'Do not accept friend or follow requests from the pupil (2.6.1).',
    ],
  },
  cyberbullying: {
    label: 'Online bullying',
    urgent: false,
    clauses: ['2.8.3', '2.8.5'],
    nextSteps: [
      'Keep records of the abuse: texts, e-mails, website or instant messages (2.8.3).',
      'Do not delete texts or e-mails (2.8.3).',
      'Take screenshots of messages or web pages and record the time, date and place of the site (2.8.3).',
    ],
  },
  'indecent-images': {
    label: 'Indecent images of a child',
    urgent: true,
    clauses: ['2.7.4', '2.7.1'],
    nextSteps: [
      'Never view the images further, and do not copy, screenshot, print, forward or delete them (2.7.4).',
      'Do not investigate or evaluate the material yourself: the DSL informs the police and the LADO (2.7.4).',
      'Leave the device as it is and tell the DSL where it is.',
      childInDanger,
    ],
  },
  'grooming-or-exploitation': {
    label: 'Possible grooming or exploitation',
    urgent: true,
    clauses: ['2.6.3'],
    nextSteps: [
      childInDanger,
      'Do not question the child further or contact the adult involved.',
      'Keep any messages as they are; do not forward or delete them.',
    ],
  },
  'allegation-about-adult': {
    label: 'Allegation about an adult at the school',
    urgent: true,
    clauses: ['1.2.3', '2.1.5', '2.7.5'],
    nextSteps: [
      'This goes privately to the Headteacher, or to the Chair of Governors when the allegation is about the Headteacher (1.2.3, 2.1.5).',
      'Do not discuss it with the adult concerned or with colleagues.',
      'Do not investigate yourself: the managing allegations policy applies (1.2.3).',
      childInDanger,
    ],
  },
  'harmful-content': {
    label: 'Harmful or inappropriate content seen by a pupil',
    urgent: false,
    clauses: ['2.7.3'],
    nextSteps: [
      'Note the website or app, and the time and date.',
      'Tell the Computing co-ordinator so access can be blocked (2.7.3).',
    ],
  },
  radicalisation: {
    label: 'Radicalisation or extremism',
    urgent: true,
    clauses: ['4.1.1'],
    nextSteps: [
      childInDanger,
      'Do not investigate yourself: the DSL decides whether to make a Prevent referral.',
      'Keep what you saw as it is; do not forward it.',
    ],
  },
  other: {
    label: 'Another safeguarding concern',
    urgent: false,
    clauses: ['4.1.1'],
    nextSteps: ['The DSL will follow the Child Protection Policy (4.1.1).'],
  },
};

export function guideFor(category: ConcernCategory): CategoryGuide {
  return categoryGuides[category];
}

/** Someone identified by Teams: the AAD object id and the display name at the time. */
export interface Person {
  userId: string;
  name: string;
}

const text = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .trim()
    .min(1, { error: `Please say ${field.toLowerCase()}.` })
    .max(max, { error: `${field} is too long: please keep it under ${max} characters.` });

const optionalText = (field: string, max: number) =>
  z
    .string({ error: `${field} must be text.` })
    .trim()
    .max(max, { error: `${field} is too long: please keep it under ${max} characters.` })
    .default('');

const personSchema = z.object({
  userId: z.string().trim().min(1, { error: 'The reporter could not be identified.' }).max(200),
  name: z.string().trim().min(1, { error: 'The reporter could not be identified.' }).max(200),
});

export const concernDraftSchema = z
  .object({
    category: z.enum(concernCategories, { error: 'Please choose what kind of concern this is.' }),
    whatHappened: text('What happened', 4000),
    when: text('When it happened', 200),
    where: text('Where it happened or which platform', 200),
    peopleInvolved: optionalText('People involved', 1000),
    actionsTaken: optionalText('What you have done so far', 2000),
    spokenToDsl: z.boolean({ error: 'Please say whether you have spoken to the DSL.' }).optional(),
    headIsSubject: z.boolean({ error: 'Please say whether the allegation is about the Headteacher.' }).optional(),
    reporter: personSchema,
  })
  .superRefine((draft, ctx) => {
    // Routing an allegation must never be guessed: the Headteacher must not receive one about themselves.
    if (draft.category === 'allegation-about-adult' && draft.headIsSubject === undefined) {
      ctx.addIssue({ code: 'custom', path: ['headIsSubject'], message: 'Please say whether the allegation is about the Headteacher.' });
    }
  });

/** What a reporter submits (after trimming; optional texts default to ""). */
export type ConcernDraft = z.output<typeof concernDraftSchema>;

/** The free text of a report: only DSL members (or the Head / Chair for their route) may read it. */
export type ConcernDetails = Omit<ConcernDraft, 'category' | 'reporter'>;

export type DraftCheck = { ok: true; draft: ConcernDraft } | { ok: false; problems: string[] };

/** Validates anything (a dialog's answers, posted JSON); problems are sentences for the reporter. */
export function checkConcernDraft(input: unknown): DraftCheck {
  const parsed = concernDraftSchema.safeParse(input);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return { ok: false, problems: [...new Set(parsed.error.issues.map((issue) => issue.message))] };
}

export type ConcernStatus = 'open' | 'acknowledged' | 'closed';

/** Who receives and may handle a concern. */
export type ConcernRoute = 'dsl' | 'headteacher' | 'chair';

/** Allegations about an adult go to the Headteacher, or to the Chair of Governors when the Head is the subject (1.2.3, 2.1.5). */
export function routeFor(draft: Pick<ConcernDraft, 'category' | 'headIsSubject'>): ConcernRoute {
  if (draft.category !== 'allegation-about-adult') return 'dsl';
  return draft.headIsSubject ? 'chair' : 'headteacher';
}

/** A stored concern without its free text: safe to show on the alert card. */
export interface ConcernReport {
  reference: string; // WLS-2026-0007
  category: ConcernCategory;
  urgent: boolean;
  route: ConcernRoute;
  status: ConcernStatus;
  reporter: Person;
  assignee?: Person;
  outcome?: string;
  createdAt: string; // ISO 8601 UTC
  acknowledgedAt?: string;
  acknowledgedBy?: Person;
  closedAt?: string;
  updatedAt: string;
}

export type AuditAction =
  | 'created'
  | 'viewed-details'
  | 'acknowledged'
  | 'assigned'
  | 'noted'
  | 'closed'
  | 'reminded'
  | 'escalated-to-fallback'
  | 'send-interrupted'; // PolicyGuide cannot tell whether Teams showed a message, so it is resent marked as a possible repeat

/** One line of the append-only audit trail: who did what, when, and why (a note or outcome). */
export interface AuditEntry {
  reference: string;
  action: AuditAction;
  actor: Person;
  at: string;
  note?: string;
}

/** The bot itself, as an actor in the audit trail (escalations). */
export const systemActor: Person = { userId: 'system', name: 'PolicyGuide' };
