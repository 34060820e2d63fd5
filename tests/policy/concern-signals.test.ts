import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAnswerEngine } from '../../src/policy/engine';
import { DEFAULT_DATA_DIR, PolicyDataError, readPolicyData, validateConcernSignals } from '../../src/policy/policy-data';

describe('the concern safety net', () => {
  const engine = loadAnswerEngine();

  it('keeps the scenario verdict and clauses but offers reporting and a DSL step on an answered concern', () => {
    const answer = engine.answer('my colleague follows lots of the year 6 girls on instagram and comments on their selfies');
    expect(answer.answered).toBe(true);
    expect(answer.offerReport).toBe(true);
    expect(answer.nextSteps.some((s) => /DSL/.test(s))).toBe(true);
  });

  it('answers a concern the policy would decline with the route to the DSL', () => {
    const answer = engine.answer('a pupil wrote in her diary that she doesn\'t want to be alive anymore');
    expect(answer).toMatchObject({ answered: true, verdict: 'report', offerReport: true });
    expect(answer.clauses.map((c) => c.id)).toContain('4.1.1');
  });

  it('leaves definitions and staff asking about their own practice alone', () => {
    expect(engine.answer('what counts as grooming?').offerReport).toBe(false);
    expect(engine.answer('Should I copy in another member of staff when I email a pupil?').offerReport).toBe(false);
  });

  it('refuses a data file whose fallback scenario does not offer reporting, naming the file', () => {
    const { scenarios } = readPolicyData();
    const json = JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, 'concern-signals.json'), 'utf8'));
    expect(() => validateConcernSignals({ ...json, whenDeclined: 'friend-parent' }, scenarios)).toThrow(PolicyDataError);
    expect(() => validateConcernSignals({ ...json, whenDeclined: 'friend-parent' }, scenarios)).toThrow(/concern-signals\.json: whenDeclined "friend-parent"/);
  });
});
