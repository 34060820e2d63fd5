/**
 * Teams deep links to the app's personal tabs, declared in the app manifest by entityId. Teams
 * passes `subEntityId` to the tab (app.getContext().page.subPageId): the Policy tab scrolls to that
 * clause, the Concerns tab opens that concern.
 */
export const POLICY_TAB_ENTITY_ID = 'policy';
export const CONCERNS_TAB_ENTITY_ID = 'concerns';

function personalTabLink(teamsAppId: string, entityId: string, subEntityId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${entityId}?context=${context}`;
}

export function policyClauseLink(teamsAppId: string, clauseId: string): string {
  return personalTabLink(teamsAppId, POLICY_TAB_ENTITY_ID, clauseId);
}

/** The concern in the Concerns tab; the tab itself shows it only to those who may handle it. */
export function concernTabLink(teamsAppId: string, reference: string): string {
  return personalTabLink(teamsAppId, CONCERNS_TAB_ENTITY_ID, reference);
}
