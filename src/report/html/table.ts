/**
 * The long tables of the page. Every row is written into the HTML, so a table
 * works without script and prints in full; the page's script then pages and
 * filters the rows of each `[data-paged]` block (see client-script.ts).
 */
import { formatCount } from './format.js';
import { markup, type HtmlValue, type SafeHtml } from './safe-html.js';

/**
 * How a column's cells are set: `number` right-aligned, `code` monospace and
 * wrapped anywhere (values of any length), `key` monospace on one line
 * (identifiers a person searches for and copies), `prose` for sentences, kept
 * wide enough to read when other columns do not wrap.
 */
export const CELL_STYLES = ['text', 'number', 'code', 'key', 'prose'] as const;
export type CellStyle = (typeof CELL_STYLES)[number];

export interface Column<Row> {
  header: string;
  cell: (row: Row) => HtmlValue;
  style?: CellStyle;
}

export interface PagedTableOptions {
  /** The table's element id (a constant of this folder). */
  id: string;
  caption: string;
  /** Label of the search box, e.g. `Filter tenants`. */
  searchLabel: string;
}

/** A cell for a value that may be missing: an em dash a person reads as "none". */
export function orNone(value: HtmlValue): HtmlValue {
  if (value === null || value === undefined || value === '') {
    return markup`<span class="none">—</span>`;
  }
  return value;
}

function headerRow<Row>(columns: readonly Column<Row>[]): SafeHtml {
  const cells = columns.map(
    (column) =>
      markup`<th scope="col" class="${column.style ?? 'text'}">${column.header}</th>`,
  );
  return markup`<tr>${cells}</tr>`;
}

function bodyRow<Row>(columns: readonly Column<Row>[], row: Row): SafeHtml {
  const cells = columns.map(
    (column) => markup`<td class="${column.style ?? 'text'}">${column.cell(row)}</td>`,
  );
  return markup`<tr>${cells}</tr>\n`;
}

/** The search box and pager, hidden until the script shows them. */
function controls(options: PagedTableOptions): SafeHtml {
  return markup`<div class="controls" hidden>
<label>${options.searchLabel} <input type="search" autocomplete="off" spellcheck="false" aria-controls="${options.id}"></label>
<span class="pager"><button type="button" data-page="previous">Previous</button>
<span data-pager-status aria-live="polite"></span>
<button type="button" data-page="next">Next</button></span>
</div>`;
}

/** A table with every row written, paged and filtered by the page's script. */
export function pagedTable<Row>(
  options: PagedTableOptions,
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): SafeHtml {
  const body = rows.map((row) => bodyRow(columns, row));
  return markup`<div class="paged" data-paged>
${controls(options)}
<div class="table-wrap"><table id="${options.id}">
<caption>${options.caption}</caption>
<thead>${headerRow(columns)}</thead>
<tbody>
${body}</tbody>
</table></div>
<p class="no-match" data-no-match hidden>No rows match the filter.</p>
</div>`;
}

/** A section of the page with its heading; `count` is shown after the title. */
export function section(
  id: string,
  title: string,
  count: number | null,
  body: HtmlValue,
): SafeHtml {
  const counted =
    count === null ? '' : markup` <span class="count">(${formatCount(count)})</span>`;
  return markup`<section id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}${counted}</h2>
${body}
</section>
`;
}

/** The sentence shown instead of an empty table. */
export function emptyNote(text: string): SafeHtml {
  return markup`<p class="empty">${text}</p>`;
}
