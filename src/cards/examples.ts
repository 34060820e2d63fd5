/**
 * Questions offered as one-tap buttons on the help and welcome cards; each has a curated answer.
 * Titles are short because Teams cuts button text off; the full question is what gets asked.
 */
export const EXAMPLE_QUESTIONS = [
  { title: 'Can I friend a parent?', question: 'Can I accept a friend request from a parent?' },
  { title: 'Phone photos on a trip?', question: 'Can I use my own phone to take photos on a school trip?' },
  { title: 'A pupil messaged me', question: 'A pupil messaged me on Instagram, what should I do?' },
  { title: 'Email parents from home?', question: 'Can I use my personal email to contact parents?' },
] as const;
