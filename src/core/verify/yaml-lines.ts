/**
 * A quick reader for the YAML that Baseplate's serializer writes: block maps
 * and sequences indented two spaces a level, `{}` and `[]`, plain, quoted and
 * literal block scalars, documents between `---` lines. It gives what the
 * `yaml` package's `parseAllDocuments(text, { merge: true })` and `toJS()`
 * give for such text (YAML 1.2 core schema: `0o17` is a number, `yes` a
 * string), and gives up (undefined) at anything else: comments, anchors,
 * tags, flow collections with items, folded or multi-line flow scalars, other
 * indentation, tabs or carriage returns in the structure, duplicate keys,
 * merge keys. The inventory then reads the file with the package, which also
 * says where an invalid file goes wrong; the tests hold the two to the same
 * values.
 */

/** How deep a collection this reader takes: 200 levels of two columns, far past anything Baseplate writes. */
const MAX_COLUMN = 400;

/** Given up: the text is not of the kind this reader takes. */
const GIVE_UP: unique symbol = Symbol('give up');

/** What the core schema reads plain scalars as, first match first; anything else is a string. */
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXPONENT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/**
 * Plain text that could be read otherwise: an indicator first (`-`, `?` and
 * `:` only before a space), `: ` or ` #` inside, space or `:` last, and
 * characters only quotes carry.
 */
/* eslint-disable no-control-regex -- control characters are what it looks for */
const NOT_PLAIN =
  /^[,[\]{}#&*!|>'"%@`\t ]|^[-?:](?:[\t ]|$)|[:\t ]$|: |:\t|\t#| #|[\x00-\x08\x0a-\x1f\x7f-\x9f\u{D800}-\u{DFFF}\uFEFF]/u;
/* eslint-enable no-control-regex */

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};

function plainScalar(text: string): unknown {
  if (text === '' || NOT_PLAIN.test(text)) throw GIVE_UP;
  if (NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text[0] === 't' || text[0] === 'T';
  if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
  if (DECIMAL.test(text)) return parseInt(text, 10);
  if (HEX.test(text)) return parseInt(text.slice(2), 16);
  if (SPECIAL_FLOAT.test(text))
    return text.slice(-3).toLowerCase() === 'nan'
      ? Number.NaN
      : text[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  if (EXPONENT.test(text) || FLOAT.test(text)) return parseFloat(text);
  return text;
}

/** A double-quoted scalar that starts at `from` and ends on the same line: its value and where it ends. */
function doubleQuoted(line: string, from: number): [string, number] {
  let value = '';
  let i = from + 1;
  for (;;) {
    const ch = line[i];
    if (ch === undefined) throw GIVE_UP;
    if (ch === '"') return [value, i + 1];
    if (ch !== '\\') {
      value += ch;
      i += 1;
      continue;
    }
    const next = line[i + 1] ?? '';
    const escape = ESCAPES[next];
    if (escape !== undefined && Object.hasOwn(ESCAPES, next)) {
      value += escape;
      i += 2;
      continue;
    }
    const length = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    const code = line.substr(i + 2, length);
    if (length === 0 || code.length !== length || !/^[0-9a-fA-F]+$/.test(code)) throw GIVE_UP;
    const point = parseInt(code, 16);
    if (point > 0x10ffff) throw GIVE_UP;
    value += String.fromCodePoint(point);
    i += 2 + length;
  }
}

/** A single-quoted scalar that starts at `from` and ends on the same line. */
function singleQuoted(line: string, from: number): [string, number] {
  let value = '';
  let i = from + 1;
  for (;;) {
    const end = line.indexOf("'", i);
    if (end < 0) throw GIVE_UP;
    value += line.slice(i, end);
    if (line[end + 1] !== "'") return [value, end + 1];
    value += "'";
    i = end + 2;
  }
}

const indentOf = (line: string): number => {
  let n = 0;
  while (line.charCodeAt(n) === 32) n += 1;
  return n;
};

class Reader {
  readonly #lines: readonly string[];
  /** The line being read. */
  #at = 0;
  /** Where the current document's lines end. */
  #end = 0;

  constructor(lines: readonly string[]) {
    this.#lines = lines;
  }

  documents(): unknown[] {
    const out: unknown[] = [];
    while (this.#at < this.#lines.length) {
      this.#end = this.#at;
      while (this.#end < this.#lines.length && this.#lines[this.#end] !== '---') this.#end += 1;
      const line = this.#lines[this.#at] ?? '';
      // An empty document, or text at the document's own level that is not a collection.
      if (this.#at === this.#end || indentOf(line) !== 0) throw GIVE_UP;
      out.push(this.#node(0, true));
      if (this.#at !== this.#end) throw GIVE_UP;
      // Past the `---`; a last `---` would start an empty document.
      this.#at = this.#end + 1;
      if (this.#end < this.#lines.length && this.#at === this.#lines.length) throw GIVE_UP;
    }
    return out;
  }

  #line(): string {
    return this.#at < this.#end ? (this.#lines[this.#at] ?? '') : '';
  }

  /** Whether the next line continues a collection at column `indent`: exactly that far in. */
  #continues(indent: number): boolean {
    if (this.#at >= this.#end) return false;
    const line = this.#line();
    const depth = indentOf(line);
    if (depth > indent || line.length === depth) throw GIVE_UP;
    return depth === indent;
  }

  /** A map or sequence starting at `column` of the current line, its further lines at that indentation. */
  #node(column: number, alone: boolean): unknown {
    // Deeper nesting than Baseplate writes goes to the package, which refuses it from about 950 levels
    // (RESOURCE_EXHAUSTION) rather than running out of stack.
    if (column > MAX_COLUMN) throw GIVE_UP;
    const line = this.#line();
    const rest = line.slice(column);
    if (rest === '-' || rest.startsWith('- ')) return this.#sequence(column);
    if (this.#key(line, column) !== undefined) return this.#map(column);
    if (alone) throw GIVE_UP;
    return this.#value(line, column, column - 2);
  }

  /** A map key at `column`: the key and the column after its `:`, or undefined when none starts there. */
  #key(line: string, column: number): [string, number] | undefined {
    const first = line[column];
    let key: string;
    let end: number;
    if (first === '"') [key, end] = doubleQuoted(line, column);
    else if (first === "'") [key, end] = singleQuoted(line, column);
    else {
      const colon = line.indexOf(': ', column);
      end = colon >= 0 ? colon : line.endsWith(':') ? line.length - 1 : -1;
      if (end < 0) return undefined;
      key = line.slice(column, end);
      // A plain key is a string (not `null`, `1` or `true`), and not the merge key.
      if (key === '<<' || plainScalar(key) !== key) throw GIVE_UP;
    }
    if (line[end] !== ':' || (end + 1 < line.length && line[end + 1] !== ' ')) {
      if (first === '"' || first === "'") return undefined;
      throw GIVE_UP;
    }
    // The package refuses a key whose text, quotes and escapes included, runs past 1,024 characters.
    if (end - column > 1024) throw GIVE_UP;
    return [key, end + 1];
  }

  #map(column: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let line = this.#line();
    let from = column;
    for (;;) {
      const found = this.#key(line, from);
      if (!found) throw GIVE_UP;
      const [key, after] = found;
      let value: unknown;
      if (after === line.length) {
        // The value is a collection on the lines below, two spaces in.
        this.#at += 1;
        if (!this.#continues(column + 2)) throw GIVE_UP;
        value = this.#node(column + 2, true);
      } else value = this.#value(line, after + 1, column);
      if (Object.hasOwn(map, key)) throw GIVE_UP;
      if (key in map)
        Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
      else map[key] = value;
      if (!this.#continues(column)) return map;
      line = this.#line();
      from = column;
    }
  }

  #sequence(column: number): unknown[] {
    if (column > MAX_COLUMN) throw GIVE_UP;
    const list: unknown[] = [];
    for (;;) {
      const line = this.#line();
      if (line.length === column + 1) throw GIVE_UP;
      const item = column + 2;
      const rest = line.slice(item);
      list.push(rest === '-' || rest.startsWith('- ') ? this.#sequence(item) : this.#node(item, false));
      if (!this.#continues(column)) return list;
      if (!this.#line().startsWith('- ', column)) throw GIVE_UP;
    }
  }

  /** A scalar, `{}` or `[]` from `from` to the end of the line, inside a collection at column `parent`. */
  #value(line: string, from: number, parent: number): unknown {
    const first = line[from];
    let value: unknown;
    let end = line.length;
    if (first === '"') [value, end] = doubleQuoted(line, from);
    else if (first === "'") [value, end] = singleQuoted(line, from);
    else if (first === '|') return this.#literal(line.slice(from + 1), parent);
    else {
      const text = line.slice(from);
      value = text === '{}' ? {} : text === '[]' ? [] : plainScalar(text);
    }
    if (end !== line.length) throw GIVE_UP;
    this.#at += 1;
    return value;
  }

  /** A literal block scalar: its lines two spaces in from `parent`, then its chomping. */
  #literal(header: string, parent: number): string {
    if (header !== '' && header !== '-' && header !== '+') throw GIVE_UP;
    const indent = parent + 2;
    const lines: string[] = [];
    let content = false;
    this.#at += 1;
    for (; this.#at < this.#end; this.#at += 1) {
      const line = this.#lines[this.#at] ?? '';
      const depth = indentOf(line);
      if (depth === line.length) {
        // A line of spaces: empty, unless it holds spaces of the text; before the text, no deeper than it.
        if (depth > indent) throw GIVE_UP;
        lines.push('');
        continue;
      }
      if (depth < indent) break;
      if (!content && depth !== indent) throw GIVE_UP;
      content = true;
      lines.push(line.slice(indent));
    }
    if (!content) throw GIVE_UP;
    let last = lines.length;
    while (last > 0 && lines[last - 1] === '') last -= 1;
    const text = lines.slice(0, last).join('\n');
    return header === '-' ? text : header === '+' ? `${lines.join('\n')}\n` : `${text}\n`;
  }
}

/** The documents of the text as JavaScript values, or undefined when it is not of the kind this reader takes. */
export function quickYaml(text: string): unknown[] | undefined {
  if (text.includes('\r') || text === '') return undefined;
  const lines = text.split('\n');
  // The text's last line break ends its last line rather than starting another.
  if (lines.at(-1) === '') lines.pop();
  // A document marker with more on its line, or a document end.
  for (const line of lines)
    if ((line.startsWith('---') && line !== '---') || line.startsWith('...')) return undefined;
  try {
    return new Reader(lines).documents();
  } catch (failure) {
    if (failure === GIVE_UP) return undefined;
    throw failure;
  }
}
