/**
 * The vendored spec (docs/spec/), read as the coverage tests need it: its
 * section headings, and its text for finding quotes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.js';

const lines = readFileSync(join(repoRoot, 'docs', 'spec', 'aks-baseline-architecture.txt'), 'utf8').split(
  '\n',
);

/** Lines that stand alone like headings but are callouts, the product list or an example. */
const NOT_HEADINGS = new Set(['Note', 'Warning', 'Tradeoff', 'Important']);

/**
 * The headings: short lines that end without punctuation and start no
 * sentence, outside the product list under the title and the YAML example.
 */
export function specHeadings(): string[] {
  const firstParagraph = lines.findIndex((l) => l.length > 200);
  return lines.filter((line, i) => {
    if (i > 0 && i < firstParagraph) return false;
    if (line.trim() === '' || line !== line.trimStart() || line.length > 90) return false;
    if (/[.:,;?)"]$/.test(line) || /^[a-z]/.test(line) || /: /.test(line)) return false;
    if (NOT_HEADINGS.has(line) || line.startsWith('For more information')) return false;
    return true;
  });
}

/** Whitespace and typographic quotes as one, so quotes match however they were typed. */
export function normalized(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').toLowerCase();
}

/** The text of a section: from its heading to the next heading. */
function sectionText(heading: string): string {
  const headings = specHeadings();
  const start = lines.indexOf(heading);
  if (start < 0) return '';
  const next = lines.findIndex((line, i) => i > start && headings.includes(line));
  return normalized(lines.slice(start + 1, next < 0 ? undefined : next).join('\n'));
}

/** Whether every part of a quote (parts cut by "…") is in the section, in order. */
export function quoted(quote: string, heading: string): boolean {
  const text = sectionText(heading);
  let from = 0;
  for (const part of quote.split('…').map((p) => normalized(p).trim())) {
    if (part === '') continue;
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}
