import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database';
import { createFeedbackStore, migrations, summariseFeedback } from '../../src/policy/feedback';

/** The policy owner's feedback survives the upgrade that made each answer card rated once. */
describe('the feedback store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pg-feedback-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the ratings of a database from before card ids, and rates each card once from then on', () => {
    const file = join(dir, 'policyguide.db');
    // Two presses on one card, stored as the bot stored them before the upgrade.
    const before = openDatabase(file, migrations.slice(0, 1));
    const oldRating = before.prepare("INSERT INTO feedback (kind, question, verdict, helpful, created_at) VALUES ('rating', 'can I friend a parent?', 'conditional', 1, ?)");
    oldRating.run(new Date().toISOString());
    oldRating.run(new Date().toISOString());
    before.close();

    const db = openDatabase(file, migrations);
    const store = createFeedbackStore(db);
    expect(summariseFeedback(db)).toMatchObject({ ratings: 2, helpful: 2 });
    expect(store.recordRating({ question: 'can I use WhatsApp?', verdict: 'no', helpful: false, comment: 'groups?', cardId: 'card-1' })).toBe(true);
    expect(store.recordRating({ question: 'can I use WhatsApp?', verdict: 'no', helpful: true, cardId: 'card-1' })).toBe(false);
    // Cards sent before the upgrade carry no id: each press is still counted, as it always was.
    expect(store.recordRating({ question: 'can I post photos?', verdict: 'no', helpful: true })).toBe(true);
    expect(summariseFeedback(db)).toMatchObject({ ratings: 4, helpful: 3, notHelpful: 1 });
    db.close();
  });
});
