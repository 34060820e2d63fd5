import {
  AdaptiveCard,
  CardObject,
  GlobalRegistry,
  SerializationContext,
  ValidationEvent,
  Versions,
} from 'adaptivecards';

export const UNEXPANDED_BINDING = 'an unexpanded ${…} binding is left in the card';

/**
 * Every problem the adaptivecards package finds in a card at schema 1.5 (what Teams renders):
 * parse events (errors AND warnings, e.g. unknown element types) and validateProperties()
 * failures. The package ignores unknown properties, so those (a typo such as "wrapp", or a
 * property newer than 1.5) are checked here against its own schema for each element type.
 * `expect(validateCard(card)).toEqual([])` shows them all.
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
  problems.push(...unknownProperties(json, 'card'));
  // An expression the templating could not bind would show "${…}" to staff.
  if (JSON.stringify(json).includes('${')) problems.push(UNEXPANDED_BINDING);
  return problems;
}

// Collections the package parses itself rather than declaring as properties; `msteams` is Teams' own card extension.
const STRUCTURAL_KEYS = new Set(['body', 'items', 'actions', 'columns', 'card', 'facts', 'choices', 'fallback', 'msteams', 'inlines']);

function knownProperties(type: string): Set<string> | undefined {
  const instance: CardObject | undefined =
    type === 'AdaptiveCard'
      ? new AdaptiveCard()
      : (GlobalRegistry.elements.createInstance(type, Versions.v1_5) ?? GlobalRegistry.actions.createInstance(type, Versions.v1_5));
  if (!instance) return undefined;
  const schema = instance.getSchema();
  const names = new Set(STRUCTURAL_KEYS);
  for (let i = 0; i < schema.getCount(); i++) {
    const property = schema.getItemAt(i);
    if (property.targetVersion.compareTo(Versions.v1_5) <= 0) names.add(property.name);
  }
  return names;
}

function unknownProperties(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => unknownProperties(item, `${path}[${i}]`));
  if (typeof node !== 'object' || node === null) return [];
  const object = node as Record<string, unknown>;
  const problems: string[] = [];
  const known = typeof object.type === 'string' ? knownProperties(object.type) : undefined;
  for (const [key, value] of Object.entries(object)) {
    if (known && !known.has(key)) problems.push(`unknown property "${key}" on ${String(object.type)} at ${path}`);
    // Action data is the bot's own payload, not card schema.
    if (key !== 'data') problems.push(...unknownProperties(value, `${path}.${key}`));
  }
  return problems;
}
