import { CardFactory, type TurnContext } from 'botbuilder';
import { renderReportInPersonCard } from '../cards/report-in-person';

/**
 * Where every route to reporting a concern arrives: `report` typed, or a card's "Report a concern"
 * button (context.activity.value.question then holds the question that led here). For now it says
 * how to report in person; the reporting dialog replaces this body.
 */
export async function startConcernReport(context: TurnContext): Promise<void> {
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(renderReportInPersonCard())] });
}
