/** Questions shown as one-tap buttons on the help and welcome cards; each has a curated answer. */
export const EXAMPLE_QUESTIONS = [
  'Can I accept a friend request from a parent?',
  'Can I use my own phone to take photos on a school trip?',
  'A pupil messaged me on Instagram, what should I do?',
  'Can I use my personal email to contact parents?',
] as const;
