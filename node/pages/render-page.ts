import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

// Scripts and styles come only from the node itself: no inline script, no inline style, so an
// injected string can never run. The page's data travels in a JSON block, which CSP does not run.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Answers with a rendered page and the headers every page carries. */
export function renderPage(
  c: Context,
  page: string | Promise<string>,
  status: ContentfulStatusCode = 200,
): Response | Promise<Response> {
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  // Query codes travel in tracking URLs: never leak them to another site.
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  return c.html(page, status);
}
