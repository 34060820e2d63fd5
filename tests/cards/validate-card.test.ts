import { validateCard } from '../support/validate-card';

// The card checks are only as good as the validator: it must catch what Teams would mis-render.
describe('validateCard', () => {
  const card = (body: unknown[], extra: Record<string, unknown> = {}) => ({ type: 'AdaptiveCard', version: '1.5', body, ...extra });

  it('accepts a plain 1.5 card', () => {
    expect(validateCard(card([{ type: 'TextBlock', text: 'Hello', wrap: true }]))).toEqual([]);
  });

  it.each([
    ['an unknown element type', card([{ type: 'Fancy' }]), 'UnknownElementType'],
    ['a misspelt property', card([{ type: 'TextBlock', text: 'a', wrapp: true }]), 'unknown property "wrapp"'],
    ['the wrong schema version', card([], { version: '1.6' }), 'expected "1.5"'],
    ['an unbound template expression', card([{ type: 'TextBlock', text: '${summary}' }]), 'unexpanded'],
  ])('reports %s', (_what, json, message) => {
    expect(validateCard(json).join('\n')).toContain(message);
  });
});
