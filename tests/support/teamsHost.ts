import type { Frame, Page } from 'playwright-core';

/**
 * A stand-in for the Teams web client: a page at https://teams.microsoft.com (served by
 * playwright, never fetched) that frames a tab and answers the teams-js messages a tab sends
 * (initialize, getContext, authentication.getAuthToken, settings.*). It exercises the real
 * teams-js bundle, the real frame-ancestors CSP and the real token path. Every message is
 * recorded (calls()); ones it does not know are left unanswered.
 */
/**
 * Chromium args for a browser that opens tabs in the stand-in host: Chromium refuses to let a
 * public origin (teams.microsoft.com) frame a loopback one (the test server). In real use the
 * tab is served from a public https address, so this check never applies.
 */
export const TEAMS_HOST_BROWSER_ARGS = ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessRespectPreflightResults'];

export const TEAMS_HOST_URL = 'https://teams.microsoft.com/_test/host.html';

export interface TeamsHostOptions {
  /** Legacy-context subEntityId; teams-js gives it to the tab as context.page.subPageId. */
  subEntityId?: string;
  /** Token returned by authentication.getAuthToken; without one the host refuses the request. */
  token?: string;
  /** "content" for a tab, "settings" for a channel tab's configuration page. */
  frameContext?: 'content' | 'settings';
  userObjectId?: string;
}

export interface TeamsHost {
  frame: Frame;
  /** Messages the tab sent to the host, by teams-js function name ("settings.setSettings"…). */
  calls(): Promise<Array<{ func: string; args: unknown[] }>>;
  /** An event from Teams to the tab, e.g. "settings.save" when the person selects Save. */
  sendToTab(func: string, args?: unknown[]): Promise<void>;
}

export async function openInTeams(page: Page, tabUrl: string, options: TeamsHostOptions = {}): Promise<TeamsHost> {
  const settings = {
    context: {
      subEntityId: options.subEntityId ?? '',
      frameContext: options.frameContext ?? 'content',
      theme: 'default',
      locale: 'en-gb',
      tid: '11111111-1111-1111-1111-111111111111',
      userObjectId: options.userObjectId ?? '',
      hostClientType: 'web',
      entityId: 'policy',
    },
    frameContext: options.frameContext ?? 'content',
    token: options.token ?? null,
    runtime: JSON.stringify({ apiVersion: 4, supports: { app: {}, pages: { config: {} }, authentication: {} } }),
  };
  const html = `<!doctype html><html lang="en"><head><title>Teams (test host)</title></head><body>
<iframe id="tab" title="tab" src="${tabUrl}" style="width:100%;height:900px;border:0"></iframe>
<script>
const settings = ${JSON.stringify(settings)};
window.teamsCalls = [];
window.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || typeof m.func !== 'string') return;
  window.teamsCalls.push({ func: m.func, args: m.args || [] });
  const reply = (args) => event.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, '*');
  if (m.func === 'initialize') reply([settings.frameContext, 'web', settings.runtime, '2.0.0']);
  else if (m.func === 'getContext') reply([settings.context]);
  else if (m.func === 'authentication.getAuthToken') reply(settings.token ? [true, settings.token] : [false, 'resourceDisabled']);
  else if (m.func === 'settings.setSettings') reply([true]);
});
</script></body></html>`;
  await page.route(TEAMS_HOST_URL, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
  await page.goto(TEAMS_HOST_URL);
  const frame = await (await page.waitForSelector('#tab')).contentFrame();
  if (!frame) throw new Error('the tab frame did not load');
  return {
    frame,
    calls: () => page.evaluate(() => (window as unknown as { teamsCalls: Array<{ func: string; args: unknown[] }> }).teamsCalls),
    sendToTab: (func, args = []) =>
      page.evaluate(([f, a]) => (document.getElementById('tab') as HTMLIFrameElement).contentWindow!.postMessage({ func: f, args: a }, '*'), [func, args] as const),
  };
}
