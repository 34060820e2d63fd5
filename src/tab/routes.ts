import type { Server } from 'restify';
import type { AnswerEngine } from '../policy/engine';
import type { ReportStore } from '../reports/reportStore';
import { registerConcernRoutes } from './concernsApi';
import { policyHandler, searchHandler } from './policyApi';
import { safely } from './safely';
import { securityHeaders } from './securityHeaders';
import { tabAssets } from './tabAssets';
import { createTabAuth, type TabAuthConfig } from './tabAuth';

export interface TabDeps {
  engine: AnswerEngine;
  /** Read on every call (DSL list, Headteacher, Chair), never copied. */
  config: TabAuthConfig;
  reports: ReportStore;
  /** Today's date, for the review banner (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * The Teams tabs: static pages under /tabs/ (manifest: /tabs/policy.html, /tabs/concerns.html,
 * /tabs/concerns-config.html) and the JSON API they call. Throws TabAuthConfigError for a
 * production configuration without Teams sign-in.
 */
export function registerTabRoutes(server: Server, deps: TabDeps): void {
  const now = deps.now ?? (() => new Date());
  const auth = createTabAuth(deps.config);

  server.pre(securityHeaders);
  server.get('/tabs/:file', safely(async (req, res) => {
    const asset = (await tabAssets()).get(String(req.params.file));
    if (!asset) return void res.json(404, { error: 'Not found' });
    res.writeHead(200, { 'Content-Type': asset.contentType, 'Content-Length': asset.body.length });
    res.end(asset.body);
  }));
  server.get('/api/policy', policyHandler(deps.engine, now));
  server.get('/api/policy/search', searchHandler(deps.engine));
  registerConcernRoutes(server, auth, () => ({ store: deps.reports, roles: deps.config.safeguarding }));
}
