import { renderAnswerCard } from '../../src/cards/answer';
import { renderClauseCard } from '../../src/cards/clause';
import { renderFeedbackThanksCard } from '../../src/cards/feedback-thanks';
import { renderHelpCard } from '../../src/cards/help';
import { renderNotCoveredCard } from '../../src/cards/not-covered';
import { renderReportInPersonCard } from '../../src/cards/report-in-person';
import { renderWelcomeCard } from '../../src/cards/welcome';
import { loadAnswerEngine } from '../../src/policy/engine';
import type { Clause } from '../../src/policy/types';
import { cardText } from '../support/bot-http';
import { validateCard } from '../support/validate-card';

/** Every card the bot can send, in every variant, must parse and validate at Adaptive Card 1.5. */
describe('every card the bot sends', () => {
  const engine = loadAnswerEngine();
  const { meta } = engine.document;
  const teamsAppId = '5f1c0a4e-0000-4000-8000-000000000001';

  const answerCard = (question: string) => {
    const answer = engine.answer(question);
    const clauses = answer.clauses.map((c) => engine.clauseById(c.id)).filter((c): c is Clause => !!c);
    return { answer, card: renderAnswerCard({ answer, clauses, policyTitle: meta.title, teamsAppId, cardId: 'card-1' }) };
  };

  it.each([
    ['yes', 'can I send parents a message through clarion call on my phone', false],
    ['no', 'can I follow a pupil on tiktok', false],
    ['conditional', 'can I accept a friend request from a mum in my class', false],
    ['report', 'a child found my facebook and messaged me', false],
    ['info', 'what counts as grooming behaviour online', false],
    ['report', 'someone sent me an indecent image of a child', true],
  ])('answer card with verdict %s (%s)', (verdict, question, urgent) => {
    const { answer, card } = answerCard(question);
    expect(answer.verdict).toBe(verdict);
    expect(answer.urgent).toBe(urgent);
    expect(validateCard(card)).toEqual([]);
    expect(cardText(card)).toContain(answer.summary);
    const titles = (card.actions as { title: string }[]).map((a) => a.title);
    expect(titles.includes('Report a concern')).toBe(answer.offerReport);
  });

  it('answer card once rated: the same answer without Helpful / Not helpful, other buttons kept', () => {
    const answer = engine.answer('a child found my facebook and messaged me');
    const clauses = answer.clauses.map((c) => engine.clauseById(c.id)).filter((c): c is Clause => !!c);
    const rated = renderAnswerCard({ answer, clauses, policyTitle: meta.title, teamsAppId, cardId: 'card-3', rated: true });
    expect(validateCard(rated)).toEqual([]);
    expect(cardText(rated)).toContain(answer.summary);
    expect((rated.actions as { title: string }[]).map((a) => a.title)).toEqual(['Report a concern', 'Read the full section']);
  });

  it('answer card collapses a long clause behind "Show clause", keeping its full text', () => {
    const long = engine.document.clauses.find((c) => c.text.length > 400)!;
    const answer = engine.answer(long.id);
    const card = renderAnswerCard({ answer, clauses: [long], policyTitle: meta.title, teamsAppId, cardId: 'card-2' });
    expect(validateCard(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('"Action.ToggleVisibility"');
    expect(json).toContain('"isVisible":false');
    expect(json).toContain('"targetElements":["clause-preview-0","clause-text-0"]');
    expect(cardText(card)).toContain(long.text.slice(-40).trim());
  });

  it('clause, help, welcome, not-covered, feedback thanks and report cards', () => {
    const clause = engine.clauseById('2.4.6')!;
    const cards = {
      clause: renderClauseCard({ clause, policyTitle: meta.title, reviewNotice: 'Please note: overdue.', teamsAppId }),
      misnumbered: renderClauseCard({ clause: engine.clauseById('3.1.2')!, samePrintedNumber: engine.clauseById('4.1.2'), policyTitle: meta.title, reviewNotice: '', teamsAppId }),
      help: renderHelpCard({ policyTitle: meta.title }),
      welcome: renderWelcomeCard({ schoolName: 'West Lodge School', policyTitle: meta.title }),
      notCovered: renderNotCoveredCard({ question: "what's for lunch?", policyTitle: meta.title, policyOwner: meta.reviewer, reviewNotice: 'Please note: overdue.' }),
      notCoveredNoNotice: renderNotCoveredCard({ question: 'x', policyTitle: meta.title, reviewNotice: '' }),
      thanks: renderFeedbackThanksCard({ helpful: true, question: 'q' }),
      sorry: renderFeedbackThanksCard({ helpful: false, question: 'q' }),
      report: renderReportInPersonCard(),
    };
    for (const [name, card] of Object.entries(cards)) {
      expect({ name, problems: validateCard(card) }).toEqual({ name, problems: [] });
    }
  });
});
