import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { renderConcernDetailsCard } from '../cards/concern-details';
import { renderConcernRefusedCard } from '../cards/concern-refused';
import { renderDslAlertCard } from '../cards/dsl-alert';
import type { AdaptiveCardJson } from '../cards/template';
import type { Config } from '../config';
import {
  acknowledgeConcern,
  addConcernNote,
  assignConcernToMe,
  closeConcern,
  handlerIdsFor,
  mayHandle,
  viewConcernDetails,
  type ActionResult,
  type ConcernContext,
} from '../reports/concernActions';
import type { Person } from '../reports/model';
import type { ReportStore } from '../reports/reportStore';

export interface ConcernCardActionDeps {
  store: ReportStore;
  /** Read on every press: who may act is never cached. */
  safeguarding: () => Config['safeguarding'];
  /** For the alert card's deep link into the Concerns tab. */
  teamsAppId: string;
}

/**
 * Answers an alert card's Universal Action (`adaptiveCard/action` invoke) with the card to show
 * the person who pressed: the refreshed alert, the details (to that person only), or a polite
 * refusal. Everybody else's copy is updated through the outbox (`alert-update`).
 */
export async function answerConcernCardAction(
  context: TurnContext,
  invoke: AdaptiveCardInvokeValue,
  deps: ConcernCardActionDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const data = (invoke.action?.data ?? {}) as Record<string, unknown>;
  const reference = typeof data.reference === 'string' ? data.reference.slice(0, 40) : '';
  // A card sent as a possible repeat keeps saying so when refreshed or pressed (its data says which it is).
  const mayRepeat = data.mayRepeat === true;
  const actor: Person = { userId: context.activity.from?.aadObjectId ?? '', name: context.activity.from?.name ?? 'Someone' };
  const roles = deps.safeguarding();
  const ctx: ConcernContext = { store: deps.store, roles };
  const alert = (result: ActionResult, notice?: string): AdaptiveCardJson => {
    if (result.kind === 'not-found') return renderConcernRefusedCard({ reason: result.reason });
    // Refused without the report: this person may not act on it, so they see nothing of it.
    if (result.kind === 'refused' && !result.report) return renderConcernRefusedCard({ reason: result.reason });
    const report = result.report!;
    const reason = result.kind === 'refused' ? result.reason : notice;
    return renderDslAlertCard({ report, handlerIds: handlerIdsFor(report, roles), canAct: mayHandle(actor, report, roles), notice: reason, mayRepeat, teamsAppId: deps.teamsAppId });
  };

  switch (invoke.action?.verb) {
    case 'concern.refresh': {
      const report = await deps.store.findReport(reference);
      return cardResponse(report ? alert({ kind: 'ok', report }) : alert({ kind: 'not-found', reason: 'This concern could not be found.' }));
    }
    case 'concern.acknowledge':
      return cardResponse(alert(await acknowledgeConcern(ctx, reference, actor), 'Acknowledged. The reporter has been told.'));
    case 'concern.assign':
      return cardResponse(alert(await assignConcernToMe(ctx, reference, actor), 'Assigned to you.'));
    case 'concern.note':
      return cardResponse(alert(await addConcernNote(ctx, reference, actor, data.note), 'Note added to the record.'));
    case 'concern.close':
      return cardResponse(alert(await closeConcern(ctx, reference, actor, data.outcome), 'Closed. The reporter has been told.'));
    case 'concern.details': {
      const result = await viewConcernDetails(ctx, reference, actor);
      return cardResponse(result.kind === 'ok' ? renderConcernDetailsCard(result) : renderConcernRefusedCard({ reason: result.reason }));
    }
    default:
      return cardResponse(renderConcernRefusedCard({ reason: 'Sorry, this button is not recognised. Please try again from the latest card.' }));
  }
}

function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
}
