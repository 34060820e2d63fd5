import { renderConcernCategoryCard } from '../../src/cards/concern-category';
import { renderConcernQuestionCard } from '../../src/cards/concern-question';
import { renderConcernWhenCard } from '../../src/cards/concern-when';
import { renderConcernYesNoCard } from '../../src/cards/concern-yes-no';
import { renderConcernReviewCard } from '../../src/cards/concern-review';
import { renderConcernRecordedCard } from '../../src/cards/concern-recorded';
import { renderConcernCancelledCard } from '../../src/cards/concern-cancelled';
import { renderConcernNotRecordedCard } from '../../src/cards/concern-not-recorded';
import { validateCard } from '../support/validate-card';

const injected = '${reference} ${1+1} {{name}}';

const cards = {
  category: renderConcernCategoryCard({ progress: 'Step 1 of 7', categories: [{ title: 'Online bullying', value: 'cyberbullying' }], selected: '', error: '' }),
  question: renderConcernQuestionCard({ step: 'whatHappened', progress: 'Step 3 of 7', question: 'What happened?', hint: 'Facts', value: 'A pupil messaged me', multiline: true, maxLength: 4000, required: true, error: 'Please say what happened.' }),
  when: renderConcernWhenCard({ progress: 'Step 4 of 7', date: '2026-12-01', time: '', today: '2026-12-01', error: '' }),
  yesNo: renderConcernYesNoCard({ step: 'spokenToDsl', progress: 'Step 2 of 8', warnings: ['Never view the images further'], question: 'Have you already spoken to the DSL in person?', hint: '', error: '' }),
  review: renderConcernReviewCard({ recipient: 'the DSL team', answers: [{ label: 'What happened', value: 'A pupil messaged me' }], error: '' }),
  recorded: renderConcernRecordedCard({ reference: 'WLS-2026-0007', categoryLabel: 'Online bullying', recipientSentence: 'sent to the DSL team.', speakToDslNow: true, nextSteps: ['Keep records (2.8.3).'], clauses: ['2.8.3'] }),
  cancelled: renderConcernCancelledCard(),
  notRecorded: renderConcernNotRecordedCard({ errorId: 'e-123' }),
};

describe('concern cards', () => {
  it.each(Object.entries(cards))('the %s card is a valid Adaptive Card 1.5', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
  });

  it('shows text a reporter typed literally, never as a template expression', () => {
    const question = renderConcernQuestionCard({ step: 'whatHappened', progress: '', question: 'What happened?', hint: '', value: injected, multiline: true, maxLength: 4000, required: true, error: '' });
    const review = renderConcernReviewCard({ recipient: 'the DSL team', answers: [{ label: 'What happened', value: injected }], error: '' });
    expect(JSON.stringify(question)).toContain(JSON.stringify(injected));
    expect(JSON.stringify(review)).toContain(JSON.stringify(injected));
  });

  it('gives every step card a Cancel that does not demand the inputs be filled in', () => {
    for (const card of [cards.category, cards.question, cards.when]) {
      const cancel = (card.actions as { title: string; associatedInputs?: string }[]).find((a) => a.title === 'Cancel');
      expect(cancel?.associatedInputs).toBe('none');
    }
    expect((cards.yesNo.actions as { title: string }[]).map((a) => a.title)).toContain('Cancel');
  });

  it('puts the reference and the next steps on the recorded card', () => {
    const text = JSON.stringify(cards.recorded);
    expect(text).toContain('WLS-2026-0007');
    expect(text).toContain('Keep records (2.8.3).');
    expect(text).toContain('find them in person now');
  });

  it('says plainly on the failure card that nothing was recorded', () => {
    const text = JSON.stringify(cards.notRecorded);
    expect(text).toContain('NOT been recorded');
    expect(text).toContain('speak to the DSL in person');
    expect(text).not.toMatch(/Concern recorded/);
  });
});
