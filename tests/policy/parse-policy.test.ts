import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePolicy } from '../../src/policy/parse-policy';

const realPolicy = readFileSync(join(__dirname, '../../policy-data/social-media-policy-2021-22.txt'), 'utf8');

describe('importing the West Lodge social media policy', () => {
  const doc = parsePolicy(realPolicy);
  const byId = new Map(doc.clauses.map((c) => [c.id, c]));

  it('finds every numbered clause once, plus the unnumbered Principles block', () => {
    expect(doc.clauses).toHaveLength(69);
    expect(new Set(doc.clauses.map((c) => c.id)).size).toBe(doc.clauses.length);
    expect(byId.get('1.4')?.text).toContain('open and transparent way');
  });

  it('stores the clause printed "3.1.2" under Section 4 as 4.1.2, keeping the printed label', () => {
    expect(byId.get('4.1.2')).toMatchObject({ label: '3.1.2', section: '4', text: expect.stringContaining('disciplinary procedure') });
    expect(byId.get('3.1.2')?.text).toContain('Headteacher');
  });

  it('keeps "should not" with 2.4.6–2.4.8, so a prohibition is never read as permission', () => {
    for (const id of ['2.4.6', '2.4.7', '2.4.8']) expect(byId.get(id)?.leadIn).toBe('Adults working in schools should not:');
    expect(byId.get('2.4.1')?.leadIn).toBe('Adults working in schools should:');
  });

  it('joins continuation paragraphs and bullets to their clause and drops page footers', () => {
    expect(byId.get('2.5.3')?.text).toContain('circumspect');
    expect(byId.get('1.1.1')?.text).toContain('- Support safer working practice');
    expect(byId.get('4.1.1')?.text).toContain('- Data Protection Policy');
    expect(doc.clauses.some((c) => c.text.includes('A – Z Handbook'))).toBe(false);
  });

  it('lists each printing defect as a warning for the policy owner', () => {
    const all = doc.warnings.join('\n');
    expect(all).toMatch(/printed "3\.1\.2" appears under Section 4/);
    expect(all).toMatch(/skips 2\.4\.5/);
    expect(all).toMatch(/Contents lists "Section 3: Links with other school policies"/);
    expect(all).toMatch(/artefact "A – Z Handbook"/);
    expect(all).toMatch(/2\.5\.3 continues/);
    expect(all).toMatch(/2\.4\.6, 2\.4\.7, 2\.4\.8 are read with their lead-in "Adults working in schools should not:"/);
  });

  it('reads the document metadata, including the overdue review date', () => {
    expect(doc.meta).toEqual({
      title: 'West Lodge School Social Media Policy',
      school: 'West Lodge School',
      year: '2021 - 22',
      reviewedDate: 'September 2021',
      nextReviewDate: 'September 2022',
      nextReviewIso: '2022-09-01',
      reviewer: 'Computing Co-ordinator – Mr Peebles',
    });
  });
});

describe('importing other numbered-clause documents', () => {
  const synthetic = [
    'Oakfield School Phones Policy',
    '2024 - 25',
    'Section 1: Phones',
    '1.1 Use in class',
    '1.1.1 Phones stay in lockers.',
    'Staff handbook',
    'Staff must not:',
    '1.1.2 Use a phone in lessons.',
    '1.1.4 Film pupils.',
    'Page 2 of 3',
    'Staff handbook',
    '1.2 Exceptions',
    '1.2.1 A phone may be used:',
    '- on trips',
    '- in emergencies',
    'This applies to visitors too.',
    '2.1.2 Printed with the wrong section number.',
    'Next Review Date: July 2025',
  ].join('\n');
  const doc = parsePolicy(synthetic);
  const ids = doc.clauses.map((c) => c.id);

  it('attaches a lead-in, bullets and continuations, and renumbers a misnumbered clause', () => {
    expect(ids).toEqual(['1.1.1', '1.1.2', '1.1.4', '1.2.1', '1.2.2']);
    expect(doc.clauses[1].leadIn).toBe('Staff must not:');
    expect(doc.clauses[2].leadIn).toBe('Staff must not:');
    expect(doc.clauses[0].leadIn).toBeUndefined();
    expect(doc.clauses[3].text).toBe('A phone may be used:\n- on trips\n- in emergencies\n\nThis applies to visitors too.');
    expect(doc.clauses[4].label).toBe('2.1.2');
  });

  it('drops repeated footers and page numbers and warns about each defect', () => {
    expect(doc.clauses.some((c) => /handbook|Page 2/i.test(c.text))).toBe(false);
    const all = doc.warnings.join('\n');
    expect(all).toMatch(/skips 1\.1\.3/);
    expect(all).toMatch(/"2\.1\.2" appears under Section 1; stored as 1\.2\.2/);
    expect(all).toMatch(/artefact "Staff handbook"/);
    expect(all).toMatch(/No "Reviewed Date" found/);
    expect(doc.meta).toMatchObject({ title: 'Oakfield School Phones Policy', school: 'Oakfield School', nextReviewIso: '2025-07-01' });
  });

  it('returns no clauses, not an exception, for text without numbered clauses', () => {
    expect(parsePolicy('').clauses).toEqual([]);
    expect(parsePolicy('just some words\nand more').clauses).toEqual([]);
  });
});
