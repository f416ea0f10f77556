/**
 * Reading report.html in tests without a DOM. The page escapes every `<` of a
 * value, so every literal `<` outside the style sheet and the script starts a
 * tag of ours; every attribute value is double-quoted with `"` escaped inside.
 */

export interface Tag {
  name: string;
  attributes: [string, string | null][];
}

const TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>/"]+(?:="[^"]*")?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>/"]+)(?:="([^"]*)")?/g;

function between(page: string, start: string, end: string): string {
  const from = page.indexOf(start);
  if (from === -1) throw new Error(`not on the page: ${start}`);
  const to = page.indexOf(end, from + start.length);
  if (to === -1) throw new Error(`no ${end} after ${start}`);
  return page.slice(from + start.length, to);
}

/** The text of the page's `<script>` element. */
export function scriptText(page: string): string {
  return between(page, '<script>', '</script>');
}

/** The text of the page's `<style>` element. */
export function styleText(page: string): string {
  return between(page, '<style>', '</style>');
}

/** The page without the contents of its style sheet and script. */
export function markupOnly(page: string): string {
  return page.replace(styleText(page), '').replace(scriptText(page), '');
}

/** Every tag of the page with its attributes, style sheet and script left out. */
export function tagsOf(page: string): Tag[] {
  return [...markupOnly(page).matchAll(TAG)].map((match) => ({
    name: match[1]!.toLowerCase(),
    attributes: [...(match[2] ?? '').matchAll(ATTRIBUTE)].map(
      (attribute): [string, string | null] => [
        attribute[1]!.toLowerCase(),
        attribute[2] ?? null,
      ],
    ),
  }));
}

/** The Content-Security-Policy of the page's meta element, entities decoded. */
export function cspOf(page: string): string {
  const meta = tagsOf(page).find((tag) =>
    tag.attributes.some(
      ([name, value]) => name === 'http-equiv' && value === 'Content-Security-Policy',
    ),
  );
  const content = meta?.attributes.find(([name]) => name === 'content')?.[1];
  if (content === undefined || content === null) throw new Error('no CSP meta');
  return content
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

/** `data-figure` name → the figure's text, as written. */
export function figuresOf(page: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of page.matchAll(/data-figure="([^"]+)">([^<]*)</g)) {
    found.set(match[1]!, match[2]!);
  }
  return found;
}

/** The markup of the section with this id. */
export function sectionOf(page: string, id: string): string {
  return between(page, `<section id="${id}"`, '</section>');
}

/** The markup of the chart figure with this id. */
export function chartOf(page: string, id: string): string {
  return between(page, `<figure class="chart" id="${id}">`, '</figure>');
}

/** The body rows of the table with this id, each as its markup. */
export function bodyRowsOf(page: string, tableId: string): string[] {
  const body = between(
    between(page, `<table id="${tableId}">`, '</table>'),
    '<tbody>',
    '</tbody>',
  );
  return [...body.matchAll(/<tr>(.*?)<\/tr>/gs)].map((match) => match[1]!);
}

/** The cells of a row, their tags removed (entities are left as written). */
export function cellsOf(row: string): string[] {
  return [...row.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((match) =>
    match[1]!.replace(/<[^>]+>/g, ''),
  );
}

/** How many times `needle` occurs in `text`. */
export function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}
