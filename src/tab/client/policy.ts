import type { PolicyResponse, SearchResponse } from '../policyApi';
import type { Clause, Verdict } from '../../policy/types';
import { api } from './api';
import { byId, el, formattedText } from './dom';
import { teamsContext } from './teams';

/**
 * The Policy tab: the whole policy by section, a search box answered by the bot's own engine,
 * and deep links to one clause — from Teams (the answer card's "Read the full section" button
 * sets subPageId to the clause id) or from a plain URL hash (#2.6.2).
 */

const VERDICT_LABELS: Record<Verdict, string> = {
  yes: 'Yes',
  no: 'No',
  conditional: 'It depends',
  report: 'Report it',
  info: 'What the policy says',
  'not-covered': 'Not covered by this policy',
};

let clausesById = new Map<string, Clause>();

async function start(): Promise<void> {
  byId('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void search(byId<HTMLInputElement>('search-input').value);
  });
  window.addEventListener('hashchange', () => showClause(hashClause()));

  try {
    renderPolicy(await api<PolicyResponse>('/api/policy'));
  } catch (error) {
    byId('policy-status').textContent = `The policy could not be loaded. ${(error as Error).message}`;
    return;
  }
  const fromHash = hashClause();
  if (fromHash) showClause(fromHash);
  const context = await teamsContext();
  const subPageId = context?.page.subPageId;
  if (subPageId) showClause(subPageId);
}

function renderPolicy(policy: PolicyResponse): void {
  clausesById = new Map(policy.clauses.map((c) => [c.id, c]));
  byId('policy-title').textContent = policy.meta.title;
  byId('policy-school').textContent = `${policy.meta.year} · last reviewed ${policy.meta.reviewedDate}`;
  document.title = `${policy.meta.title} – PolicyGuide`;
  const banner = byId('review-banner');
  banner.textContent = policy.reviewNotice;
  banner.hidden = policy.reviewNotice === '';

  const contents = byId('contents');
  const container = byId('policy');
  container.replaceChildren();
  let sectionList: HTMLElement | undefined;
  let subsection: string | undefined;
  for (const clause of policy.clauses) {
    if (!sectionList || clause.section !== sectionList.dataset.section) {
      const headingId = `section-${clause.section}`;
      sectionList = el('section', { 'aria-labelledby': headingId, 'data-section': clause.section },
        el('h2', { id: headingId, tabindex: '-1' }, `Section ${clause.section}: ${clause.sectionTitle}`));
      container.append(sectionList);
      contents.append(el('li', {}, el('a', { href: `#${headingId}` }, `${clause.section}. ${clause.sectionTitle}`)));
      subsection = undefined;
    }
    if (clause.subsection !== subsection) {
      subsection = clause.subsection;
      sectionList.append(el('h3', { id: `section-${clause.subsection}`, tabindex: '-1' }, `${clause.subsection} ${clause.heading}`));
    }
    sectionList.append(renderClause(clause));
  }
}

function renderClause(clause: Clause): HTMLElement {
  // The number as printed, plus the id the bot cites where the document misnumbers (4.1.2 printed "3.1.2").
  const printedAs = clause.label !== clause.id ? el('span', { class: 'printed-as' }, ` (printed as ${clause.label})`) : null;
  return el('div', { class: 'clause', id: clause.id, tabindex: '-1', 'aria-label': `Clause ${clause.id}` },
    el('a', { class: 'clause-number', href: `#${clause.id}` }, clause.id, printedAs),
    el('div', { class: 'clause-text' },
      // A lead-in such as "Adults working in schools should not:" decides what the clause means.
      clause.leadIn ? el('p', { class: 'lead-in' }, clause.leadIn) : null,
      ...formattedText(clause.text)));
}

async function search(question: string): Promise<void> {
  const result = byId('search-result');
  if (question.trim() === '') {
    result.replaceChildren(el('p', { class: 'hint' }, 'Type a question or a few words first.'));
    return;
  }
  result.replaceChildren(el('p', { class: 'hint' }, 'Searching…'));
  try {
    result.replaceChildren(renderAnswer(await api<SearchResponse>(`/api/policy/search?q=${encodeURIComponent(question)}`)));
  } catch (error) {
    result.replaceChildren(el('p', { class: 'error' }, (error as Error).message));
  }
}

function renderAnswer(answer: SearchResponse): HTMLElement {
  const cited = answer.clauses.map((c) => clausesById.get(c.id)).filter((c): c is Clause => c !== undefined);
  return el('article', { class: `answer verdict-${answer.verdict}${answer.urgent ? ' urgent' : ''}`, 'aria-label': 'Answer' },
    el('p', { class: 'verdict' }, VERDICT_LABELS[answer.verdict]),
    el('p', { class: 'summary' }, answer.summary),
    answer.nextSteps.length ? el('ul', { class: 'next-steps' }, ...answer.nextSteps.map((step) => el('li', {}, step))) : null,
    answer.offerReport ? el('p', { class: 'report-hint' }, 'To report a concern, message PolicyGuide in Teams and type "report".') : null,
    cited.length ? el('p', { class: 'cited-heading' }, 'Clauses:') : null,
    cited.length ? el('ul', { class: 'cited' }, ...cited.map((c) => el('li', {}, el('a', { href: `#${c.id}` }, `${c.id} ${c.heading}`)))) : null);
}

function hashClause(): string {
  try {
    return decodeURIComponent(location.hash.replace(/^#/, ''));
  } catch {
    return '';
  }
}

/** Scrolls to a clause (or a section heading) and marks it, so a deep link lands on what was cited. */
function showClause(id: string): void {
  const target = document.getElementById(id.trim()) ?? document.getElementById(`section-${id.trim()}`);
  if (!target || !document.getElementById('policy')?.contains(target)) return;
  document.querySelectorAll('.is-highlighted').forEach((e) => e.classList.remove('is-highlighted'));
  target.classList.add('is-highlighted');
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

void start();
