import { AdaptiveCard, SerializationContext, ValidationEvent, Versions } from 'adaptivecards';

/**
 * Every problem the adaptivecards package finds in a card at schema 1.5 (what Teams renders):
 * parse events (errors AND warnings, e.g. unknown elements or properties, wrong versions) and
 * validateProperties() failures. `expect(validateCard(card)).toEqual([])` shows them all.
 */
export function validateCard(json: unknown): string[] {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null) return ['not a JSON object'];
  const card = new AdaptiveCard();
  const context = new SerializationContext(Versions.v1_5);
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse ${ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate ${ValidationEvent[e.event]}: ${e.message}`);
  }
  const version = (json as { version?: unknown }).version;
  if (version !== '1.5') problems.push(`version is ${String(version)}, expected "1.5"`);
  // An expression the templating could not bind would show "${…}" to staff.
  if (JSON.stringify(json).includes('${')) problems.push('an unexpanded ${…} binding is left in the card');
  return problems;
}
