/**
 * Markup built so that no value can break out of the text it is written in:
 * the `markup` tag escapes every interpolated string and number with
 * `escape-html`, and only markup already built by `markup` (or a constant of
 * this folder, through `trustedMarkup`) passes unchanged.
 *
 * The tag is not called `html` on purpose: prettier reformats templates tagged
 * `html` as HTML, which would change the script (and so its CSP hash) and pad
 * every table row with indentation.
 */
import escapeHtml from 'escape-html';

/** Markup that is safe to write as is. */
export class SafeHtml {
  readonly #markup: string;

  constructor(text: string) {
    this.#markup = text;
  }

  toString(): string {
    return this.#markup;
  }
}

/** What the `markup` tag accepts: text is escaped, `SafeHtml` is kept, lists are joined. */
export type HtmlValue =
  SafeHtml | string | number | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return escapeHtml(String(value));
  return value.map(render).join('');
}

/** Builds markup from a template; every value is escaped unless it is `SafeHtml`. */
export function markup(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let text = strings[0] ?? '';
  for (let index = 0; index < values.length; index += 1) {
    text += render(values[index]) + (strings[index + 1] ?? '');
  }
  return new SafeHtml(text);
}

/**
 * Wraps markup written in this folder (the style sheet, the script). Never call
 * it with a value from the model: that is what `markup` is for.
 */
export function trustedMarkup(constant: string): SafeHtml {
  return new SafeHtml(constant);
}
