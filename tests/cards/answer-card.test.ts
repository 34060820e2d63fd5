import { renderAnswerCard } from '../../src/cards/answer';
import { renderNotCoveredCard } from '../../src/cards/not-covered';
import { loadAnswerEngine } from '../../src/policy/engine';
import type { Clause } from '../../src/policy/types';
import { cardText } from '../support/bot-http';
import { validateCard } from '../support/validate-card';

/**
 * Questions with the same answer share one expanded card (built once, frozen); each reply's buttons
 * get their own submit data, so each person's own question travels back with their feedback or report.
 */
describe('answer cards for questions with the same answer', () => {
  const engine = loadAnswerEngine();
  const teamsAppId = '5f1c0a4e-0000-4000-8000-000000000001';
  let cards = 0;
  const render = (question: string) => {
    const answer = engine.answer(question);
    const clauses = answer.clauses.map((c) => engine.clauseById(c.id)).filter((c): c is Clause => !!c);
    return renderAnswerCard({ answer, clauses, policyTitle: engine.document.meta.title, teamsAppId, cardId: `card-${++cards}` });
  };
  const dataOf = (card: ReturnType<typeof render>, title: string) =>
    (card.actions as { title: string; data?: Record<string, unknown> }[]).find((a) => a.title === title)?.data;

  it('show the same answer, each with its own question in the buttons', () => {
    const first = render('can I friend a parent?');
    const second = render('can I accept a friend request from a parent');
    expect(validateCard(first)).toEqual([]);
    expect(validateCard(second)).toEqual([]);
    expect(cardText(second)).toContain('Only in limited cases');
    expect(second.body).toBe(first.body); // expanded once
    expect(dataOf(first, 'Helpful')).toMatchObject({ question: 'can I friend a parent?', verdict: 'conditional', cardId: 'card-1' });
    expect(dataOf(second, 'Helpful')).toMatchObject({ question: 'can I accept a friend request from a parent', verdict: 'conditional', cardId: 'card-2' });
  });

  it("send each reply's own question and card id from every button, the one inside Not helpful too", () => {
    const sendFeedback = (card: ReturnType<typeof render>) =>
      (card.actions as { title: string; card?: { actions: { data: Record<string, unknown> }[] } }[]).find((a) => a.title === 'Not helpful')?.card?.actions[0].data;
    const first = render('a pupil sent me an indecent image');
    const second = render('a pupil has sent me a nude photo');
    expect(second.body).toBe(first.body);
    expect(dataOf(first, 'Report a concern')).toMatchObject({ action: 'report', question: 'a pupil sent me an indecent image' });
    expect(dataOf(second, 'Report a concern')).toMatchObject({ action: 'report', question: 'a pupil has sent me a nude photo' });
    expect(sendFeedback(first)).toMatchObject({ action: 'feedback', helpful: false, question: 'a pupil sent me an indecent image', cardId: dataOf(first, 'Helpful')?.cardId });
    expect(sendFeedback(second)).toMatchObject({ action: 'feedback', helpful: false, question: 'a pupil has sent me a nude photo', cardId: dataOf(second, 'Helpful')?.cardId });
    expect(sendFeedback(second)?.cardId).not.toBe(sendFeedback(first)?.cardId);
  });

  it('cannot have the shared body changed by one reply under another', () => {
    const card = render('can I friend a parent?');
    const summary = (card.body as { text?: string }[])[1];
    expect(() => {
      summary.text = 'changed';
    }).toThrow(TypeError);
    expect(cardText(render('can I be facebook friends with a parent?'))).toContain('Only in limited cases');
  });

  it('keep a typed ${…} in the question literal: only the buttons carry it, never evaluated', () => {
    const question = "can I friend a parent? ${if(true, 'EVALUATED', 'x')} ${summary}";
    const card = render(question);
    expect(dataOf(card, 'Helpful')?.question).toBe(question);
    expect(JSON.stringify(card)).not.toMatch(/[^']EVALUATED/); // evaluated, it would be the bare word
  });
});

describe('"not covered" cards', () => {
  const { meta } = loadAnswerEngine().document;
  const render = (question: string) => renderNotCoveredCard({ question, policyTitle: meta.title, policyOwner: meta.reviewer, reviewNotice: '' });
  const reportData = (card: ReturnType<typeof render>) => (card.actions as { title: string; data?: Record<string, unknown> }[]).find((a) => a.title === 'Report a concern')?.data;

  it("share one expanded card, each reply's Report button carrying its own question", () => {
    const first = render("what's for lunch?");
    const second = render('when is sports day?');
    expect(second.body).toBe(first.body);
    expect(validateCard(second)).toEqual([]);
    expect(cardText(second)).toContain('Not covered by this policy');
    expect(reportData(first)).toEqual({ action: 'report', question: "what's for lunch?" });
    expect(reportData(second)).toEqual({ action: 'report', question: 'when is sports day?' });
  });
});
