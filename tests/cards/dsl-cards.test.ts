import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConcernDetailsCard } from '../../src/cards/concern-details';
import { renderConcernEscalatedCard } from '../../src/cards/concern-escalated';
import { renderConcernRefusedCard } from '../../src/cards/concern-refused';
import { renderDslAlertCard } from '../../src/cards/dsl-alert';
import type { ConcernReport } from '../../src/reports/model';
import { cardText } from '../support/bot-http';
import { mayRepeatLine } from '../support/dslActivities';
import { validateCard } from '../support/validate-card';
import { draft, tempReportStore } from '../reports/support/reportFixtures';

const dsl = { userId: 'aad-dsl-1', name: 'Dee Lead' };
const teamsAppId = '5f1c0a4e-0000-4000-8000-000000000001';
const injected = '${reporter.name} {{x}} $when ${1+1}';

function actionTitles(card: Record<string, unknown>): string[] {
  return ((card.actions ?? []) as { title: string }[]).map((a) => a.title);
}

describe('the DSL cards', () => {
  let t: ReturnType<typeof tempReportStore>;
  beforeEach(() => { t = tempReportStore(); });
  afterEach(() => t.cleanup());

  it('every variant of the alert, details, refusal and escalation cards is valid Adaptive Card 1.5', async () => {
    const open = await t.store.createReport(draft({ category: 'indecent-images', spokenToDsl: true }));
    const head = await t.store.createReport(draft({ category: 'allegation-about-adult', headIsSubject: false }));
    const { reference } = await t.store.createReport(draft());
    await t.store.assign(reference, dsl);
    const closed = (await t.store.close(reference, dsl, 'Parents informed')) as { report: ConcernReport };
    const cards = {
      open: renderDslAlertCard({ report: open, handlerIds: [dsl.userId], canAct: true, teamsAppId }),
      head: renderDslAlertCard({ report: head, handlerIds: ['aad-head'], canAct: true, teamsAppId }),
      closed: renderDslAlertCard({ report: closed.report, handlerIds: [dsl.userId], canAct: true, teamsAppId }),
      notice: renderDslAlertCard({ report: open, handlerIds: [], canAct: false, notice: 'Please write the outcome before closing the concern.', teamsAppId }),
      reminder: renderDslAlertCard({ report: open, handlerIds: [dsl.userId], canAct: true, reminder: { minutes: 10, mentions: [{ id: dsl.userId, name: dsl.name }] }, teamsAppId }),
      details: renderConcernDetailsCard({ report: closed.report, details: (await t.store.readDetails(reference, dsl))!, trail: await t.store.auditTrail(reference) }),
      refused: renderConcernRefusedCard({ reason: 'Sorry.' }),
      escalated: renderConcernEscalatedCard({ report: open }),
      repeat: renderDslAlertCard({ report: open, handlerIds: [dsl.userId], canAct: true, mayRepeat: true, teamsAppId }),
      repeatedReminder: renderDslAlertCard({ report: open, handlerIds: [dsl.userId], canAct: true, mayRepeat: true, reminder: { minutes: 10, mentions: [] }, teamsAppId }),
      repeatedEscalation: renderConcernEscalatedCard({ report: open, mayRepeat: true }),
    };
    for (const [name, card] of Object.entries(cards)) expect({ name, problems: validateCard(card) }).toEqual({ name, problems: [] });
    expect(actionTitles(cards.open)).toEqual(['Acknowledge', 'Assign to me', 'Add note', 'Close', 'View details']);
    expect(actionTitles(cards.closed)).toEqual(['View details']);
    expect(actionTitles(cards.notice)).toEqual(['View details']);
    expect(cards.open.refresh).toMatchObject({ action: { type: 'Action.Execute', verb: 'concern.refresh' }, userIds: [dsl.userId] });
    expect(cardText(cards.head)).toContain('for the Headteacher only');
    expect(cards.reminder.msteams).toMatchObject({ entities: [{ type: 'mention', text: '<at>Dee Lead</at>', mentioned: { id: dsl.userId } }] });
    expect(cardText(cards.repeat)).toContain(mayRepeatLine(open.reference));
    expect(cardText(cards.repeatedReminder)).toContain(mayRepeatLine(open.reference));
    expect(cardText(cards.open)).not.toContain('may repeat');
    expect(cardText(cards.repeatedEscalation)).toContain(`This may repeat a message already sent to you about ${open.reference}: PolicyGuide was interrupted while sending it.`);
    expect(cardText(cards.escalated)).not.toContain('may repeat');
  });

  it('"Open in Concerns tab" deep-links to the Concerns personal tab at that concern, for everyone who sees the card', async () => {
    const report = await t.store.createReport(draft());
    for (const canAct of [true, false]) {
      const card = renderDslAlertCard({ report, handlerIds: [dsl.userId], canAct, teamsAppId });
      // In the body (an ActionSet), not among the card's actions: Teams shows at most five of those.
      const open = ((card.body as { type: string; actions?: { type: string; title: string; url?: string }[] }[])
        .flatMap((element) => (element.type === 'ActionSet' ? element.actions ?? [] : []))
        .find((a) => a.title === 'Open in Concerns tab'));
      expect(open?.type).toBe('Action.OpenUrl');
      const url = new URL(open!.url!);
      // Teams opens the app's static tab with entityId "concerns" and hands the tab subEntityId as page.subPageId.
      expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${teamsAppId}/concerns`);
      expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: report.reference });
    }
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../appPackage/manifest.json'), 'utf8')) as { staticTabs: { entityId: string; scopes: string[] }[] };
    expect(manifest.staticTabs).toContainEqual(expect.objectContaining({ entityId: 'concerns', scopes: ['personal'] }));
  });

  it('the alert card carries none of the report free text; the details card carries all of it', async () => {
    const report = await t.store.createReport(draft());
    const details = (await t.store.readDetails(report.reference, dsl))!;
    const alert = JSON.stringify(renderDslAlertCard({ report, handlerIds: [dsl.userId], canAct: true, teamsAppId }));
    const full = cardText(renderConcernDetailsCard({ report, details, trail: await t.store.auditTrail(report.reference) }));
    for (const text of [details.whatHappened, details.when, details.where, details.peopleInvolved, details.actionsTaken]) {
      expect(alert).not.toContain(text);
      expect(full).toContain(text);
    }
  });

  it('a ${…} typed into any field shows literally on every card, never evaluated', async () => {
    const report = await t.store.createReport(draft({
      whatHappened: injected, when: injected, where: injected, peopleInvolved: injected, actionsTaken: injected,
      reporter: { userId: 'aad-x', name: injected },
    }));
    await t.store.addNote(report.reference, dsl, injected);
    const details = (await t.store.readDetails(report.reference, dsl))!;
    const texts = [
      cardText(renderDslAlertCard({ report, handlerIds: [], canAct: true, teamsAppId })),
      cardText(renderConcernDetailsCard({ report, details, trail: await t.store.auditTrail(report.reference) })),
    ];
    for (const text of texts) expect(text).toContain(injected);
    expect(texts[1]!.split(injected).length - 1).toBeGreaterThanOrEqual(7);
  });
});
