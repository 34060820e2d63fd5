/**
 * Teams deep links. The Policy personal tab is declared in the app manifest with entityId
 * "policy"; Teams passes `subEntityId` to the tab (app.getContext().page.subPageId), which
 * scrolls to that clause.
 */
export const POLICY_TAB_ENTITY_ID = 'policy';

export function policyClauseLink(teamsAppId: string, clauseId: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: clauseId }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${POLICY_TAB_ENTITY_ID}?context=${context}`;
}
