/**
 * The report's HTML building blocks: escaped text, tables, sections. Every
 * value passes through `escape`, so nothing the configuration holds becomes
 * markup.
 */

export const escape = (text: unknown): string =>
  String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

/** Markup already built (escaped where it holds text), as a table cell takes it. */
export interface Html {
  readonly html: string;
}

export const html = (markup: string): Html => ({ html: markup });

const cell = (value: unknown): string =>
  typeof value === 'object' && value !== null && 'html' in value ? (value as Html).html : escape(value);

/** A table; a row's first cell may be a header of its row (`rowHeaders`). */
export function table(
  headers: readonly string[],
  rows: ReadonlyArray<readonly unknown[]>,
  options: { readonly className?: string; readonly rowHeaders?: boolean; readonly caption?: string } = {},
): string {
  const head = headers.map((h) => `<th scope="col">${escape(h)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((value, i) =>
            i === 0 && options.rowHeaders ? `<th scope="row">${cell(value)}</th>` : `<td>${cell(value)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('\n');
  const attributes = options.className ? ` class="${options.className}"` : '';
  const caption = options.caption ? `<caption>${escape(options.caption)}</caption>` : '';
  return `<table${attributes}>${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A section of the page: its heading first (the configurator takes what follows it). */
export function section(id: string, title: string, content: string): string {
  return `<section id="${id}"><h2>${escape(title)}</h2>\n${content}\n</section>`;
}

/** A team's part of the report: it starts on a new page in print. */
export function part(id: string, title: string, lead: string, sections: readonly string[]): string {
  return `<div class="part" id="${id}"><h1 class="part-title">${escape(title)}</h1><p class="muted">${escape(lead)}</p>\n${sections.join('\n')}\n</div>`;
}

export const h3 = (title: string): string => `<h3>${escape(title)}</h3>`;
export const paragraph = (text: string, className?: string): string =>
  `<p${className ? ` class="${className}"` : ''}>${escape(text)}</p>`;
export const none = (text = 'None.'): string => paragraph(text, 'muted');
export const list = (items: readonly string[]): string =>
  items.length ? `<ul>${items.map((i) => `<li>${escape(i)}</li>`).join('')}</ul>` : none();

/** A link to a documentation page: its address shown, as a printed page needs it. */
export function link(url: string, text = url): Html {
  return html(`<a href="${escape(url)}">${escape(text)}</a>`);
}

/** Several lines in one cell. */
export const lines = (values: readonly unknown[]): Html => html(values.map(cell).join('<br>'));

/** Code-point order, as the serializer sorts: the same on every machine. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
