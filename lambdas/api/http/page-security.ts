/**
 * The Content-Security-Policy of the pages the API serves (the console at `/`, GraphiQL at GET
 * /graphql): scripts only from this origin's own files, never inline and never eval; requests
 * only to this origin; no framing, no forms posting elsewhere, no <base> rewriting.
 */
const COMMON = "default-src 'none'; script-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The console's own styles are one external file: no inline styles either. */
export const CONSOLE_CSP = `${COMMON}; style-src 'self'`;

/**
 * GraphiQL's editor and its popups add <style> elements at run time, so style-src has to allow
 * inline styles there; inline script stays forbidden.
 */
export const GRAPHIQL_CSP = `${COMMON}; style-src 'self' 'unsafe-inline'`;

export function htmlHeaders(csp: string): Record<string, string> {
  return { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache', 'x-frame-options': 'DENY' };
}
