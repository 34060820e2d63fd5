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

/** restify handler: the security headers every tab page and tab API response carries. */
export function securityHeaders(_req: Request, res: Response, next: Next): void {
  res.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.header('X-Content-Type-Options', 'nosniff');
  res.header('Referrer-Policy', 'no-referrer');
  // Concerns must not linger in shared caches or the back/forward cache of a shared staff-room PC.
  res.header('Cache-Control', 'no-store');
  next();
}
