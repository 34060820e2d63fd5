import type { ConcernActionResponse, ConcernDetailResponse, ConcernListResponse, ConcernSummary } from '../concernsApi';
import type { AuditAction, AuditEntry, ConcernStatus } from '../../reports/model';
import { api, ApiError } from './api';
import { byId, el } from './dom';
import { ageInDays, dateTime, duration } from './time';
import { teamsContext } from './teams';

/**
 * The Concerns tab (DSL only): the list with filters, and one concern with its details, full
 * chronology and the same actions as the channel card. The server decides who may see what;
 * this page only shows what it is given. Routes: #WLS-2026-0007 opens a concern, # the list.
 */

const STATUS_LABELS: Record<ConcernStatus, string> = { open: 'Open – not acknowledged', acknowledged: 'Acknowledged', closed: 'Closed' };
const AUDIT_LABELS: Record<AuditAction, string> = {
  created: 'Reported',
  'viewed-details': 'Opened the details',
  acknowledged: 'Acknowledged',
  assigned: 'Took on the concern',
  noted: 'Added a note',
  closed: 'Closed',
  reminded: 'Reminder sent: not acknowledged in time',
  'escalated-to-fallback': 'Escalated to the fallback contact',
  'send-interrupted': 'Interrupted while sending a message: sent again, marked as a possible repeat',
};
const AGE_FILTERS: Record<string, { label: string; test: (days: number) => boolean }> = {
  any: { label: 'Any time', test: () => true },
  day: { label: 'In the last 24 hours', test: (d) => d <= 1 },
  week: { label: 'In the last 7 days', test: (d) => d <= 7 },
  month: { label: 'In the last 30 days', test: (d) => d <= 30 },
  older: { label: 'More than 30 days ago', test: (d) => d > 30 },
};
const REFERENCE = /^[A-Z]{2,10}-\d{4}-\d{4,6}$/;

const filters = { status: 'not-closed', category: 'all', urgency: 'all', age: 'any' };

async function start(): Promise<void> {
  window.addEventListener('hashchange', () => void route());
  const context = await teamsContext();
  // The alert card can open a concern here: its deep link carries the reference as subPageId.
  const subPageId = context?.page.subPageId ?? '';
  if (REFERENCE.test(subPageId) && !location.hash) location.hash = subPageId;
  await route();
}

function route(): Promise<void> {
  const reference = decodeURIComponent(location.hash.replace(/^#/, ''));
  return REFERENCE.test(reference) ? showConcern(reference) : showList();
}

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  const status = byId('status');
  status.textContent = message;
  status.className = kind === 'error' ? 'error' : 'hint';
}

async function refused(error: unknown): Promise<void> {
  byId('content').replaceChildren();
  const inTeams = (await teamsContext()) !== undefined;
  if (error instanceof ApiError && error.status === 401 && inTeams) say('Teams could not sign you in to PolicyGuide. Please try again; if it keeps happening, ask IT to check the app\'s single sign-on set-up.', 'error');
  else if (error instanceof ApiError && error.status === 401) say('Please open this tab in Microsoft Teams to sign in.', 'error');
  else if (error instanceof ApiError && error.status === 403) say('Only the Designated Safeguarding Leads can see concerns. If you should, ask the Headteacher to add you.', 'error');
  else say((error as Error).message, 'error');
}

async function showList(): Promise<void> {
  say('Loading concerns…');
  let data: ConcernListResponse;
  try {
    data = await api<ConcernListResponse>('/api/concerns', { signedIn: true });
  } catch (error) {
    return refused(error);
  }
  byId('viewer').textContent = `Signed in as ${data.viewer.name}`;
  const body = el('tbody');
  const count = el('p', { class: 'hint', 'aria-live': 'polite' });
  const redraw = () => {
    const now = new Date();
    const shown = data.concerns.filter((c) => matches(c, now));
    body.replaceChildren(...shown.map((c) => concernRow(c, now)));
    count.textContent = `Showing ${shown.length} of ${data.concerns.length} concerns.`;
  };
  const categories = [...new Map(data.concerns.map((c) => [c.category, c.categoryLabel])).entries()];
  const refresh = el('button', { type: 'button', class: 'secondary' }, 'Refresh');
  refresh.addEventListener('click', () => void showList());
  const form = el('form', { class: 'panel filters no-print', 'aria-label': 'Filter concerns' },
    select('status', 'Status', { 'not-closed': 'Not closed', open: STATUS_LABELS.open, acknowledged: STATUS_LABELS.acknowledged, closed: STATUS_LABELS.closed, all: 'All' }),
    select('category', 'Category', { all: 'All categories', ...Object.fromEntries(categories) }),
    select('urgency', 'Urgency', { all: 'All', urgent: 'Urgent only', 'not-urgent': 'Not urgent' }),
    select('age', 'Reported', Object.fromEntries(Object.entries(AGE_FILTERS).map(([k, v]) => [k, v.label]))));
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLSelectElement;
    filters[target.name as keyof typeof filters] = target.value;
    redraw();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  const table = el('table', { class: 'concerns' },
    el('caption', { class: 'hint' }, 'Newest first. Times are since the concern was reported.'),
    el('thead', {}, el('tr', {}, ...['Reference', 'Concern', 'Status', 'Reported', 'Acknowledged', 'Assigned to'].map((h) => el('th', { scope: 'col' }, h)))),
    body);
  byId('content').replaceChildren(form, el('div', { class: 'list-bar no-print' }, count, refresh), table);
  redraw();
  say(data.concerns.length ? '' : 'No concerns have been reported.');
}

function select(name: keyof typeof filters, label: string, options: Record<string, string>): HTMLElement {
  const id = `filter-${name}`;
  const control = el('select', { id, name }, ...Object.entries(options).map(([value, text]) => el('option', { value }, text)));
  control.value = filters[name] in options ? filters[name] : Object.keys(options)[0];
  filters[name] = control.value;
  return el('div', {}, el('label', { for: id }, label), control);
}

function matches(c: ConcernSummary, now: Date): boolean {
  const status = filters.status === 'all' || (filters.status === 'not-closed' ? c.status !== 'closed' : c.status === filters.status);
  const category = filters.category === 'all' || c.category === filters.category;
  const urgency = filters.urgency === 'all' || (filters.urgency === 'urgent') === c.urgent;
  return status && category && urgency && AGE_FILTERS[filters.age].test(ageInDays(c.createdAt, now));
}

function concernRow(c: ConcernSummary, now: Date): HTMLElement {
  const nowIso = now.toISOString();
  return el('tr', {},
    el('td', { class: 'reference' }, el('a', { href: `#${c.reference}` }, c.reference)),
    el('td', {}, c.categoryLabel, c.urgent ? el('span', { class: 'badge badge-urgent' }, 'Urgent') : null),
    el('td', {}, STATUS_LABELS[c.status]),
    el('td', {}, el('time', { datetime: c.createdAt, title: dateTime(c.createdAt) }, `${duration(c.createdAt, nowIso)} ago`)),
    el('td', {}, c.acknowledgedAt ? `after ${duration(c.createdAt, c.acknowledgedAt)}` : el('strong', {}, `not yet (${duration(c.createdAt, nowIso)})`)),
    el('td', {}, c.assignee?.name ?? '—'));
}

async function showConcern(reference: string): Promise<void> {
  say(`Loading ${reference}…`);
  let data: ConcernDetailResponse;
  try {
    data = await api<ConcernDetailResponse>(`/api/concerns/${encodeURIComponent(reference)}`, { signedIn: true });
  } catch (error) {
    return refused(error);
  }
  renderConcern(data);
  say('');
  byId('concern-heading').focus();
}

function renderConcern(data: ConcernDetailResponse, message?: { text: string; kind: 'info' | 'error' }): void {
  const { concern: c, details, viewer } = data;
  byId('viewer').textContent = `Signed in as ${viewer.name}`;
  const facts: Array<[string, string | undefined]> = [
    ['What happened', details.whatHappened],
    ['When', details.when],
    ['Where or which platform', details.where],
    ['People involved', details.peopleInvolved || 'Not given'],
    ['What the reporter has done', details.actionsTaken || 'Not given'],
    ['Spoken to the DSL in person', details.spokenToDsl === undefined ? undefined : details.spokenToDsl ? 'Yes' : 'No'],
    ['Reported by', `${c.reporter.name}, ${dateTime(c.createdAt)}`],
    ['Acknowledged', c.acknowledgedAt ? `${c.acknowledgedBy?.name ?? ''}, ${dateTime(c.acknowledgedAt)} (after ${duration(c.createdAt, c.acknowledgedAt)})` : 'Not yet'],
    ['Assigned to', c.assignee?.name ?? 'Nobody yet'],
    ['Outcome', c.outcome],
  ];
  const parts: Array<HTMLElement | null> = [
    el('p', { class: 'no-print' }, el('a', { href: '#' }, '← All concerns')),
    el('h2', { id: 'concern-heading', tabindex: '-1' }, `${c.reference}: ${c.categoryLabel}`),
    el('p', {}, el('span', { class: 'badge' }, STATUS_LABELS[c.status]), ' ', c.urgent ? el('span', { class: 'badge badge-urgent' }, 'Urgent') : null),
    el('p', { class: 'print-only' }, `Printed from PolicyGuide by ${viewer.name} on ${dateTime(new Date().toISOString())}.`),
    message ? el('p', { class: message.kind === 'error' ? 'error' : 'hint', role: 'alert' }, message.text) : null,
    el('h3', {}, 'Details'),
    el('dl', { class: 'details' }, ...facts.filter(([, v]) => v !== undefined).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v!)])),
    c.status === 'closed' ? null : actions(data),
    el('h3', {}, 'Chronology'),
    el('ol', { class: 'chronology' }, ...data.chronology.map(chronologyEntry)),
    el('h3', {}, 'Next steps the reporter was given'),
    el('ul', {}, ...data.nextSteps.map((s) => el('li', {}, s))),
    printButton(),
  ];
  byId('content').replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

function chronologyEntry(e: AuditEntry): HTMLElement {
  return el('li', {},
    el('time', { datetime: e.at }, dateTime(e.at)),
    el('span', {}, `${AUDIT_LABELS[e.action] ?? e.action} — ${e.actor.name}`),
    e.note ? el('p', { class: 'note' }, e.note) : null);
}

function printButton(): HTMLElement {
  const button = el('button', { type: 'button', class: 'secondary no-print' }, 'Print for the child-protection file');
  button.addEventListener('click', () => window.print());
  return el('p', {}, button);
}

function actions(data: ConcernDetailResponse): HTMLElement {
  const { concern: c, viewer } = data;
  const run = (action: 'acknowledge' | 'assign' | 'note' | 'close', body?: object) => () => void act(data, action, body);
  const buttons: HTMLElement[] = [];
  if (c.status === 'open') buttons.push(button('Acknowledge', run('acknowledge')));
  if (c.assignee?.userId !== viewer.userId) buttons.push(button('Assign to me', run('assign'), 'secondary'));
  const note = textForm('note', 'Add a note', 'Add note', (text) => act(data, 'note', { note: text }));
  const close = textForm('outcome', 'Outcome (what was decided and done)', 'Close the concern', (text) => act(data, 'close', { outcome: text }));
  return el('section', { class: 'panel actions', 'aria-labelledby': 'actions-heading' },
    el('h3', { id: 'actions-heading' }, 'Actions'),
    buttons.length ? el('div', { class: 'row' }, ...buttons) : null,
    note, close);
}

function button(label: string, onClick: () => void, kind = ''): HTMLElement {
  const b = el('button', { type: 'button', class: kind || undefined }, label);
  b.addEventListener('click', onClick);
  return b;
}

function textForm(name: string, label: string, submit: string, onSubmit: (text: string) => Promise<void>): HTMLElement {
  const id = `action-${name}`;
  const area = el('textarea', { id, name, maxlength: '2000', rows: '3' });
  const form = el('form', {}, el('label', { for: id }, label), area, el('div', { class: 'row' }, el('button', { type: 'submit' }, submit)));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void onSubmit(area.value);
  });
  return form;
}

async function act(data: ConcernDetailResponse, action: string, body?: object): Promise<void> {
  say('Saving…');
  try {
    const result = await api<ConcernActionResponse>(`/api/concerns/${encodeURIComponent(data.concern.reference)}/${action}`, { method: 'POST', body: body ?? {}, signedIn: true });
    renderConcern({ ...data, ...result }, { text: 'Saved.', kind: 'info' });
  } catch (error) {
    // A refusal (already acknowledged, closed…) still carries the concern as it now stands.
    const current = error instanceof ApiError ? (error.body as Partial<ConcernActionResponse>) : {};
    renderConcern(current.concern ? { ...data, ...(current as ConcernActionResponse) } : data, { text: (error as Error).message, kind: 'error' });
  }
  say('');
  byId('concern-heading').focus();
}

void start();
