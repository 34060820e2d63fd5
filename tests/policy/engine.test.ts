import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClauseReference } from '../../src/policy/clause-reference';
import { loadAnswerEngine } from '../../src/policy/engine';
import { scoreAnswers, type GoldQuestion } from '../../src/policy/evaluate';
import { DEFAULT_DATA_DIR, PolicyDataError } from '../../src/policy/policy-data';

const engine = loadAnswerEngine(undefined, { now: () => new Date('2026-11-25T10:00:00Z') });
const ids = (q: string) => engine.answer(q).clauses.map((c) => c.id);

describe('answering staff questions', () => {
  it('"can I friend a parent?" is only in limited cases, resting on 2.6.2, 2.6.3 and 2.6.1', () => {
    const a = engine.answer('can I friend a parent?');
    expect(a).toMatchObject({ answered: true, verdict: 'conditional', offerReport: false, urgent: false });
    expect(a.clauses.map((c) => c.id).slice(0, 3)).toEqual(['2.6.2', '2.6.3', '2.6.1']);
    expect(a.summary).toMatch(/Head Teacher/);
    const scores = a.clauses.map((c) => c.score);
    expect([...scores].sort((x, y) => y - x)).toEqual(scores);
  });

  it('honestly declines questions the policy does not cover', () => {
    for (const q of ["What's for lunch?", 'How do I claim mileage?', 'When is the next INSET day?', 'Where can I park?']) {
      expect(engine.answer(q)).toMatchObject({ answered: false, verdict: 'not-covered', clauses: [] });
    }
  });

  it('tells someone contacted by a pupil not to reply, cites 2.1.5 and offers to report', () => {
    const a = engine.answer('A pupil found my Instagram and messaged me');
    expect(a.clauses[0].id).toBe('2.1.5');
    expect(a.offerReport).toBe(true);
    expect(a.nextSteps.join(' ')).toMatch(/Do not reply/);
  });

  it('never advises screenshots for indecent images of children: DSL, police and LADO at once', () => {
    for (const q of ['a parent sent me an indecent photo of a child', 'found nude pics of a pupil on a class ipad', 'Should I screenshot the naked image a kid was sent?']) {
      const a = engine.answer(q);
      expect(a).toMatchObject({ verdict: 'report', urgent: true, offerReport: true });
      expect(a.clauses[0].id).toBe('2.7.4');
      const steps = a.nextSteps.join(' ');
      expect(steps).toMatch(/Do not view it further, copy, screenshot, forward or delete/);
      expect(steps).toMatch(/DSL/);
      expect(steps).toMatch(/police and the LADO/);
    }
  });

  it('reads 2.4.6–2.4.8 as prohibitions and mentions the Clarion Call exception', () => {
    expect(engine.answer('Can I take photos on my own phone on the school trip?')).toMatchObject({ verdict: 'no' });
    expect(ids('Can I take photos on my own phone on the school trip?')[0]).toBe('2.4.8');
    expect(engine.answer('can I use the school laptop for personal stuff')).toMatchObject({ verdict: 'no' });
    const clarion = engine.answer('Can I text the parents of my group from my mobile with Clarion Call?');
    expect(clarion).toMatchObject({ verdict: 'yes' });
    expect(clarion.clauses[0].id).toBe('2.4.7');
  });

  it('reads one-letter typos of policy words, without turning everyday words into policy words', () => {
    expect(engine.answer('can i frend a parnet on facebok')).toMatchObject({ verdict: 'conditional', clauses: expect.arrayContaining([expect.objectContaining({ id: '2.6.2' })]) });
    expect(ids('pasword sharing')[0]).toBe('2.4.1');
    expect(engine.answer('Where are the spare whiteboard pens?').verdict).toBe('not-covered');
  });

  it('answers yes or no to what was asked, including questions put the other way round', () => {
    expect(engine.answer('Is it OK not to make my Instagram private?')).toMatchObject({ verdict: 'no', summary: expect.stringMatching(/^No\b/) });
    expect(engine.answer('Is it against the rules to use the school iPad for personal stuff?')).toMatchObject({ verdict: 'yes', summary: expect.stringMatching(/^Yes\b/) });
    expect(engine.answer('Can I put my job title on my Instagram bio?')).toMatchObject({ verdict: 'no' });
    const putRight = engine.answer('My Instagram bio says I am a teacher at West Lodge, should I take it off?');
    expect(putRight).toMatchObject({ verdict: 'yes' });
    expect(putRight.clauses[0].id).toBe('2.3.13');
    // The advice itself forbids the remedy asked about: keep the evidence.
    expect(engine.answer('Should I delete the abusive emails I keep getting?')).toMatchObject({ verdict: 'no', summary: expect.stringMatching(/^No\b/) });
  });

  it('declines a lookup of an address or credential, but never one that names a safeguarding concern', () => {
    expect(engine.answer("What is the head teacher's email?").answered).toBe(false);
    expect(engine.answer('whats the wifi code for the staffroom').answered).toBe(false);
    expect(engine.answer("what's the email for reporting a concern about a child?")).toMatchObject({ answered: true, offerReport: true });
    expect(engine.answer("what's the number for the designated safeguarding lead?").answered).toBe(true);
  });

  it('reads "my ex" as a former partner, and "ex-pupil" as a former pupil', () => {
    expect(engine.answer('my ex keeps posting horrible things about me on facebook')).toMatchObject({ offerReport: true });
    expect(engine.answer('can I follow an ex-pupil on instagram?').clauses.map((c) => c.id)).toContain('2.6.3');
  });

  it("keeps staff's own accounts apart from the school's accounts (Section 3)", () => {
    expect(ids('Can I vent about a parent on Twitter?')[0]).not.toMatch(/^3\./);
    expect(ids("Can I be sarcastic replying to a parent on the school's Facebook page?")[0]).toBe('3.2.2');
  });

  it('reads multi-word synonyms only as whole phrases, and never corrects a first letter', () => {
    // "google classroom" is messaging, not cloud storage; "acceptable use" is not a friend request.
    expect(ids('do my messages to pupils on google classroom need to be open to other staff')).toContain('2.5.3');
    expect(ids("where's the acceptable use policy")[0]).toBe('2.2.4');
    // "deadline" is not a typo of "headline", nor "beach" of "breach".
    expect(engine.answer('when is the deadline for the school photo order')).toMatchObject({ answered: false });
  });

  it('offers reporting when a pupil makes contact, whenever it happened', () => {
    // Holidays, INSET days and being off sick say when, not what: they never decline a report.
    for (const q of ['a pupil messaged me over the holidays', 'a child texted me when I was off sick', 'one of my year 2s sent me a friend request during the inset day']) {
      expect(engine.answer(q)).toMatchObject({ answered: true, offerReport: true });
    }
  });

  it('takes radicalisation and self-harm to the DSL without mistaking them for indecent images', () => {
    for (const q of ['I think a child in my class is being radicalised online', 'one of my pupils posted about self-harm on tiktok']) {
      const a = engine.answer(q);
      expect(a.offerReport).toBe(true);
      expect(a.clauses[0].id).not.toBe('2.7.4');
    }
  });

  it('reads words in their school sense: a best friend, a sports coach, a bad review, the school office', () => {
    expect(ids("My best friend's daughter is in my class, do I have to tell anyone?")[0]).toBe('2.6.2');
    expect(ids('we have a sports coach from an outside company on tuesdays - does he have to follow this?')[0]).toBe('1.2.1');
    expect(ids('I want to leave a bad review of another school my son goes to, is that allowed?')[0]).toBe('2.3.10');
    expect(engine.answer("What's the phone number for the school office?").answered).toBe(false);
    // Asking who the LADO is usually means there is a concern to raise.
    expect(engine.answer('who is the LADO?').offerReport).toBe(true);
    expect(ids('who is the LADO?')[0]).toBe('2.7.4');
  });

  it('tells who starts the contact and whose device it is', () => {
    // "I ask a pupil…" is staff seeking personal information (2.1.4), not a pupil asking for mine (2.5.4).
    expect(['2.1.4', '2.5.2']).toContain(ids('Can I ask a pupil what their Snapchat username is so I can share the class project?')[0]);
    // My own laptop for work is 2.3.6 (school equipment only); a school laptop for my own ends is 2.4.6.
    expect(ids('Can I use my own laptop for school work at home?')[0]).toBe('2.3.6');
    expect(ids('Can I use the school laptop for my online shopping?')[0]).toBe('2.4.6');
  });

  it('reads "adults" as the people the policy covers, and late at night as a time, not an admin word', () => {
    // "Adult" on its own once meant adult content and sent this to the indecent-images answer.
    expect(engine.answer('should my messages with the children be visible to other adults?')).toMatchObject({ urgent: false, offerReport: false });
    expect(ids('should my messages with the children be visible to other adults?')[0]).toBe('2.5.3');
    expect(ids('Can I look at adult websites on my own phone during my lunch break?')[0]).toBe('2.7.2');
    const concern = engine.answer('Our class teacher has been messaging one pupil on WhatsApp late at night and I feel uncomfortable about it. Is this something to report?');
    expect(concern).toMatchObject({ answered: true, offerReport: true });
  });

  it('answers "could I get in trouble for…?" about a forbidden act with yes', () => {
    expect(engine.answer("Could I get in trouble for making allegations about another school's head on Facebook?").verdict).toBe('yes');
  });

  it('"report a concern" offers reporting', () => {
    expect(engine.answer('report a concern')).toMatchObject({ verdict: 'report', offerReport: true });
  });

  it('shows a clause typed by number, in any of the usual forms', () => {
    for (const q of ['2.6.2', 'clause 2.6.2', '§2.6.2']) {
      const a = engine.answer(q);
      expect(a.clauses[0].id).toBe('2.6.2');
      expect(a.summary).toMatch(/^Clause 2\.6\.2/);
    }
    expect(engine.clauseById('§4.1.2')?.label).toBe('3.1.2');
    // A prohibition shown by number keeps its "should not" lead-in and its exception.
    expect(engine.answer('2.4.7').summary).toMatch(/should not: Use their own mobile phones .*Clarion Call/);
  });

  it('notes the overdue review until a newer policy is loaded', () => {
    expect(engine.answer('can I friend a parent?').reviewNotice).toMatch(/due for review in September 2022/);
    const before = loadAnswerEngine(undefined, { now: () => new Date('2022-01-10T00:00:00Z') });
    expect(before.answer('can I friend a parent?').reviewNotice).toBe('');
  });

  // heldout.jsonl grows with every fresh batch of staff questions (scored before any tuning in
  // docs/policy-answers.md); these floors stop quality sliding back, and report recall stays at 100%.
  it('keeps the held-out questions (other words than the scenarios) answering well', () => {
    const gold = readFileSync(join(__dirname, 'heldout.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as GoldQuestion);
    const { metrics } = scoreAnswers(gold, gold.map((g) => engine.answer(g.q)));
    // Floors sit just under the measured figures (docs/policy-answers.md); the residual misses
    // (look-alike admin questions such as "what time does the office phone line open", near ties
    // between neighbouring scenarios) are recorded, not tuned away. The report-recall probes
    // (from line 1072) were tuned for the Report button only, not for clause ranking, so the
    // floors follow the whole file; lines 1-1071 alone still score 90.3 / 94.1 / 92.5 / 100 / 92.5.
    expect(parseFloat(metrics.hit1)).toBeGreaterThanOrEqual(85);
    expect(parseFloat(metrics.hit3)).toBeGreaterThanOrEqual(89);
    expect(parseFloat(metrics.verdict)).toBeGreaterThanOrEqual(89.5);
    expect(metrics.reportRecall).toBe('100.0%');
    expect(parseFloat(metrics.outOfScopeDeclined)).toBeGreaterThanOrEqual(89.5);
  });
});

describe('parseClauseReference', () => {
  it.each([
    ['2.6.2', '2.6.2'],
    ['clause 2.6.2', '2.6.2'],
    ['§ 2.4.7 please', '2.4.7'],
    ['what does section 1.4 say', '1.4'],
    ['1.4', '1.4'],
    ['version 2.1 of the app', undefined],
    ['can I friend a parent?', undefined],
  ])('%s → %s', (text, expected) => expect(parseClauseReference(text)).toBe(expected));
});

describe('validating curated policy data on load', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pg-policy-'));
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const withScenario = (change: Record<string, unknown>) => {
    const file = join(dir, 'scenarios.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.scenarios[0] = { ...data.scenarios[0], ...change };
    writeFileSync(file, JSON.stringify(data));
  };

  it('names a scenario that cites a clause the policy does not have', () => {
    withScenario({ clauses: ['2.6.2', '9.9.9'] });
    expect(() => loadAnswerEngine(dir)).toThrow(new PolicyDataError('scenarios.json: scenario "friend-parent" cites clause 9.9.9, which is not in the policy'));
  });

  it('rejects an unknown verdict with the path to it', () => {
    withScenario({ verdict: 'maybe' });
    expect(() => loadAnswerEngine(dir)).toThrow(/scenarios\.json: scenarios\.0\.verdict/);
  });

  it('refuses a word listed as off-topic that the policy covers, which would decline real questions', () => {
    const file = join(dir, 'synonyms.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.offTopic.push('insta');
    writeFileSync(file, JSON.stringify(data));
    expect(() => loadAnswerEngine(dir)).toThrow('synonyms.json: off-topic words that are also topic words: insta');
  });

  it('reports a broken JSON file by name', () => {
    writeFileSync(join(dir, 'synonyms.json'), '{ not json');
    expect(() => loadAnswerEngine(dir)).toThrow(/synonyms\.json: invalid JSON/);
  });
});
