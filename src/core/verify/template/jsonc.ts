/**
 * JSON as ARM reads a template: a byte order mark, `//` and `/* *\/` comments
 * and strings broken over lines are allowed (learn.microsoft.com, "Understand
 * the structure and syntax of ARM templates", Comments and Multi-line strings).
 * Trailing commas before `]` or `}` are accepted too: the documentation is
 * silent on them, but the Resource Manager's JSON reader (Json.NET) skips them,
 * and refusing a template ARM deploys would leave it unchecked. By hand, in
 * linear passes, no regular expression over the input.
 */

/** Comments blanked (newlines kept, so positions hold) and line breaks inside strings escaped. */
function withoutComments(bare: string): string {
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  let i = 0;
  const cut = (from: number, to: number, replacement: string) => {
    parts.push(bare.slice(start, from), replacement);
    start = to;
  };
  while (i < bare.length) {
    const c = bare[i];
    if (inString) {
      if (c === '\\') i += 2;
      else {
        if (c === '"') inString = false;
        else if (c === '\n' || c === '\r') cut(i, i + 1, c === '\n' ? '\\n' : '\\r');
        i += 1;
      }
    } else if (c === '"') {
      inString = true;
      i += 1;
    } else if (c === '/' && bare[i + 1] === '/') {
      const end = bare.indexOf('\n', i);
      const stop = end < 0 ? bare.length : end;
      cut(i, stop, '');
      i = stop;
    } else if (c === '/' && bare[i + 1] === '*') {
      const end = bare.indexOf('*/', i + 2);
      const stop = end < 0 ? bare.length : end + 2;
      cut(i, stop, bare.slice(i, stop).replace(/[^\n]/g, ' '));
      i = stop;
    } else i += 1;
  }
  parts.push(bare.slice(start));
  return parts.join('');
}

/** Commas with only blanks before a closing `]` or `}` made blanks. */
function withoutTrailingCommas(text: string): string {
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  let comma = -1;
  /** The last character outside strings that is not blank: a comma after `[`, `{` or `,` is an error, not trailing. */
  let previous = '';
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] ?? '';
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (c === '"') inString = true;
    if (c === ',' && previous !== '[' && previous !== '{' && previous !== ',') comma = i;
    else if ((c === ']' || c === '}') && comma >= 0) {
      parts.push(text.slice(start, comma), ' ');
      start = comma + 1;
      comma = -1;
    } else comma = -1;
    previous = c;
  }
  parts.push(text.slice(start));
  return parts.join('');
}

/** The text as strict JSON. */
export function jsonText(text: string): string {
  return withoutTrailingCommas(withoutComments(text.replace(/^\uFEFF/, '')));
}

/** JSON with ARM's allowances; JSON without them (what most files are) is parsed as it is. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return JSON.parse(jsonText(text)) as unknown;
  }
}
