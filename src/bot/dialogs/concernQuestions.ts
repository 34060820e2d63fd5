import { z } from 'zod';
import type { AdaptiveCardJson } from '../../cards/template';
import { renderConcernCategoryCard } from '../../cards/concern-category';
import { renderConcernQuestionCard } from '../../cards/concern-question';
import { renderConcernWhenCard } from '../../cards/concern-when';
import { renderConcernYesNoCard } from '../../cards/concern-yes-no';
import { renderConcernReviewCard } from '../../cards/concern-review';
import { categoryGuides, concernCategories, concernDraftSchema, guideFor, routeFor, type ConcernCategory, type ConcernDraft, type ConcernRoute } from '../../reports/model';

/**
 * What the reporting dialog asks, in which order, and how each question looks. The rules (what a
 * valid answer is, which categories are urgent, where a concern goes) belong to src/reports/model;
 * this file only words the questions.
 */

export type TextStep = 'whatHappened' | 'where' | 'peopleInvolved' | 'actionsTaken';
export type YesNoStep = 'headIsSubject' | 'spokenToDsl';
export type ConcernStep = 'category' | YesNoStep | TextStep | 'when';

/** Answers so far: the dialog's own in-progress state (the store owns a report only once confirmed). */
export type ConcernAnswers = Partial<Omit<ConcernDraft, 'reporter'>>;

export function isCategory(value: unknown): value is ConcernCategory {
  return typeof value === 'string' && (concernCategories as readonly string[]).includes(value);
}

/** The questions for a category, in order: routing and safety questions come before the details. */
export function stepsFor(category: ConcernCategory | undefined): ConcernStep[] {
  const steps: ConcernStep[] = ['category'];
  if (category === 'allegation-about-adult') steps.push('headIsSubject');
  if (category && guideFor(category).urgent) steps.push('spokenToDsl');
  steps.push('whatHappened', 'when', 'where', 'peopleInvolved', 'actionsTaken');
  return steps;
}

const IMMEDIATE_DANGER = 'If a child is in immediate danger, speak to the DSL in person now or call 999, before you use this bot.';
// Policy 2.7.4 and UKCIS guidance: looking again, copying or deleting can contaminate evidence, and copying is itself an offence.
const INDECENT_IMAGES =
  "Never view the images again, and don't copy, screenshot, print, forward or delete them, even to show the DSL. Leave the device as it is and don't investigate yourself (policy 2.7.4; UKCIS guidance).";

interface TextQuestion {
  question: string;
  hint: string;
  multiline: boolean;
}

const TEXT_QUESTIONS: Record<TextStep, TextQuestion> = {
  whatHappened: {
    question: 'What happened?',
    hint: "Stick to the facts you saw or heard. If a child told you something, write down their own words as exactly as you can. Describe any images in words: don't attach them.",
    multiline: true,
  },
  where: {
    question: 'Where did it happen, or on which app or website?',
    hint: "For example: the playground, Instagram, WhatsApp, the school's Facebook page.",
    multiline: false,
  },
  peopleInvolved: {
    question: 'Who was involved?',
    hint: "Names and roles if you know them (pupil and class, parent, member of staff). Leave it blank if you don't know.",
    multiline: true,
  },
  actionsTaken: {
    question: 'What have you done so far?',
    hint: 'For example: told the child you will pass it on, kept the messages, spoken to a colleague. Leave it blank if nothing yet.',
    multiline: true,
  },
};

export const REVIEW_LABELS: Record<ConcernStep, string> = {
  category: 'Kind of concern',
  headIsSubject: 'About the Headteacher?',
  spokenToDsl: 'Spoken to the DSL in person?',
  whatHappened: 'What happened',
  when: 'When',
  where: 'Where',
  peopleInvolved: 'People involved',
  actionsTaken: 'What you have done so far',
};

export function isTextStep(step: ConcernStep): step is TextStep {
  return step in TEXT_QUESTIONS;
}

export function isYesNoStep(step: ConcernStep): step is YesNoStep {
  return step === 'headIsSubject' || step === 'spokenToDsl';
}

/** The longest answer the model accepts for a text field (the card stops typing there too). */
export function maxLengthOf(step: TextStep | 'when'): number {
  const schema = concernDraftSchema.shape[step];
  const text = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodString) : schema;
  return text.maxLength ?? 4000;
}

export function isOptional(step: TextStep): boolean {
  return concernDraftSchema.shape[step] instanceof z.ZodDefault;
}

/** YYYY-MM-DD on the school's calendar (UK time), whatever the server's time zone. */
export function schoolDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The card asking one question, pre-filled with an earlier answer when editing or re-asking. */
export function renderStepCard(step: ConcernStep, answers: ConcernAnswers, error: string, today: Date): AdaptiveCardJson {
  const steps = stepsFor(answers.category);
  const progress = `Step ${steps.indexOf(step) + 1} of ${steps.length + 1}`; // + the review
  if (step === 'category') {
    const categories = concernCategories.map((value) => ({ value, title: categoryGuides[value].label }));
    return renderConcernCategoryCard({ progress, categories, selected: answers.category ?? '', error });
  }
  if (step === 'when') {
    const isoToday = schoolDate(today);
    const [, date = isoToday, time = ''] = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?$/.exec(answers.when ?? '') ?? [];
    return renderConcernWhenCard({ progress, date, time, today: isoToday, error });
  }
  if (step === 'headIsSubject') {
    return renderConcernYesNoCard({
      step,
      progress,
      warnings: [IMMEDIATE_DANGER],
      question: 'Is the allegation about the Headteacher?',
      hint: "An allegation about an adult at the school goes privately to the Headteacher, or to the Chair of Governors if it is about the Headteacher (policy 1.2.3, 2.1.5). It is not posted in the DSL channel. Don't discuss it with the person concerned.",
      error,
    });
  }
  if (step === 'spokenToDsl') {
    const warnings = answers.category === 'indecent-images' ? [IMMEDIATE_DANGER, INDECENT_IMAGES] : [IMMEDIATE_DANGER];
    return renderConcernYesNoCard({
      step,
      progress,
      warnings,
      question: 'Have you already spoken to the DSL in person?',
      hint: 'This kind of concern is urgent. This report is a record: it does not replace telling the DSL face to face.',
      error,
    });
  }
  const q = TEXT_QUESTIONS[step];
  return renderConcernQuestionCard({
    step,
    progress,
    question: q.question,
    hint: q.hint,
    value: answers[step] ?? '',
    multiline: q.multiline,
    maxLength: maxLengthOf(step),
    required: !isOptional(step),
    error,
  });
}

const RECIPIENTS: Record<ConcernRoute, string> = {
  dsl: 'the safeguarding team (DSL)',
  headteacher: 'the Headteacher, privately',
  chair: 'the Chair of Governors, privately',
};

export function recipientFor(answers: Pick<ConcernDraft, 'category' | 'headIsSubject'>): string {
  return RECIPIENTS[routeFor(answers)];
}

/** Everything the reporter said, in the order asked, for them to check before anything is sent. */
export function renderReviewCard(answers: ConcernAnswers & { category: ConcernCategory }, error: string): AdaptiveCardJson {
  const shown = (step: ConcernStep): string => {
    if (step === 'category') return guideFor(answers.category).label;
    if (isYesNoStep(step)) return answers[step] ? 'Yes' : 'No';
    const value = answers[step];
    return value ? value : 'Not given';
  };
  return renderConcernReviewCard({
    recipient: recipientFor(answers),
    answers: stepsFor(answers.category).map((step) => ({ label: REVIEW_LABELS[step], value: shown(step) })),
    error,
  });
}
