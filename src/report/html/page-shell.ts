/**
 * The frame of report.html: one file that fetches nothing. Its
 * Content-Security-Policy forbids every fetch (`default-src 'none'`) and lets
 * run only the style sheet and the script written here, each pinned by its
 * SHA-256, so that markup slipped in through a value could neither run nor
 * load anything even if escaping failed.
 */
import { createHash } from 'node:crypto';
import { CLIENT_SCRIPT } from './client-script.js';
import { PAGE_CSS } from './page-css.js';
import { markup, trustedMarkup, type SafeHtml } from './safe-html.js';

/** `'sha256-…'`: a CSP source that allows exactly this inline text. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The policy of the page, one directive per fetch kind that matters. */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(PAGE_CSS)}`,
    `script-src ${cspHash(CLIENT_SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export interface PageParts {
  title: string;
  header: SafeHtml;
  main: SafeHtml;
  footer: SafeHtml;
}

/** The whole document around its header, main content and footer. */
export function pageShell(parts: PageParts): string {
  return markup`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${parts.title}</title>
<style>${trustedMarkup(PAGE_CSS)}</style>
<script>${trustedMarkup(CLIENT_SCRIPT)}</script>
</head>
<body>
<header class="page">
${parts.header}
</header>
<main>
${parts.main}
</main>
<footer>
${parts.footer}
</footer>
</body>
</html>
`.toString();
}
