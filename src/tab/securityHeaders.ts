import type { Request, Response, Next } from 'restify';

/**
 * Hosts allowed to frame the tabs: Teams, Microsoft 365 and Outlook on the web, as listed in
 * Microsoft's tab requirements (learn.microsoft.com …/tabs/how-to/tab-requirements). Nothing
 * else may frame a page that shows safeguarding concerns (clickjacking).
 */
export const FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

// Everything the pages use comes from this server: scripts are bundled (no inline scripts, no
// CDN), styles are files. teams-js's optional download of its host list is refused by
// connect-src; it then uses the list built into the package.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
].join('; ');

const TAB_PATHS = /^\/(tabs\/|api\/policy(\/|$)|api\/concerns(\/|$))/;

/**
 * restify pre-handler: every tab page and tab API response carries these headers, including
 * errors answered before a route runs (a malformed JSON body, an unknown page).
 */
export function securityHeaders(req: Request, res: Response, next: Next): void {
  if (!TAB_PATHS.test(req.path())) return next();
  res.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  // Concerns must not linger in shared caches or the back/forward cache of a shared staff-room PC.
  res.header('Cache-Control', 'no-store');
  return next();
}
