import { stringify } from 'yaml';

/**
 * The one serializer for every JSON and YAML artifact. Same value, same bytes: header
 * keys first (`$schema`, `apiVersion`, `kind`, `metadata`, `type`, `name`), the
 * rest in code-point order, `undefined` dropped, two-space indent, LF, a final
 * newline. Anything that is not plain data is refused rather than guessed at.
 *
 * JSON is JSON.stringify (two spaces) of a lean canonical copy; YAML is
 * written in one pass over the value, with no document of nodes, to the bytes
 * the `yaml` package's `stringify` (YAML 1.1, no line folding) gives for the
 * canonical copy. `canonicalize` still makes that copy for what these do not
 * take, and says what is wrong with a value that is not plain data.
 */
const HEADER_KEYS = ['$schema', 'contentVersion', 'apiVersion', 'kind', 'metadata', 'type', 'name', 'on'];
const HEADER_RANK = new Map(HEADER_KEYS.map((key, rank) => [key, rank]));

function compareKeys(a: string, b: string): number {
  const ha = HEADER_RANK.get(a);
  const hb = HEADER_RANK.get(b);
  if (ha !== undefined || hb !== undefined) return (ha ?? Infinity) - (hb ?? Infinity);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deep copy with canonical key order; throws on values JSON cannot carry faithfully. */
export function canonicalize(value: unknown, path = '$'): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      if (item === undefined) throw new TypeError(`${path}[${i}]: undefined in an array`);
      return canonicalize(item, `${path}[${i}]`);
    });
  }
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${path}: only plain objects are serialized, not ${value.constructor.name}`);
    }
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => compareKeys(a, b));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonicalize(v, `${path}.${k}`)]));
  }
  throw new TypeError(`${path}: a ${typeof value} cannot be serialized`);
}

/** Thrown at what the quick ways do not take; the value then goes the canonical way. */
const UNTAKEN: unique symbol = Symbol('untaken');

type Data = Readonly<Record<string, unknown>>;

/** A plain object, or undefined for an array or a scalar; anything else is not taken. */
function plainObject(value: unknown): Data | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw UNTAKEN;
  return value as Data;
}

/**
 * The keys of a plain object in the order of its canonical copy: the defined
 * ones, header keys first, the rest in code-point order, and (as in any
 * JavaScript object) those that are array indices before all, in numeric order.
 */
function canonicalKeys(value: Data): string[] {
  const keys = Object.keys(value);
  let defined = 0;
  let index = false;
  let headers = false;
  for (const key of keys) {
    if (value[key] === undefined) continue;
    keys[defined++] = key;
    const first = key.charCodeAt(0);
    if (first >= 48 && first <= 57) index = true;
    if (HEADER_RANK.has(key)) headers = true;
  }
  keys.length = defined;
  if (defined > 16) keys.sort(compareKeys);
  else if (headers) {
    // Objects have few keys: sorted by insertion in place, with none of the built-in sort's work arrays.
    for (let i = 1; i < defined; i += 1) {
      const key = keys[i] as string;
      let j = i - 1;
      for (; j >= 0 && compareKeys(keys[j] as string, key) > 0; j -= 1) keys[j + 1] = keys[j] as string;
      keys[j + 1] = key;
    }
  } else {
    // Without header keys the order is code-point order: the same sort, comparing strings alone.
    for (let i = 1; i < defined; i += 1) {
      const key = keys[i] as string;
      let j = i - 1;
      for (; j >= 0 && (keys[j] as string) > key; j -= 1) keys[j + 1] = keys[j] as string;
      keys[j + 1] = key;
    }
  }
  // What counts as an array index is the engine's to say: let it order such keys as it would the copy's.
  return index ? Object.keys(Object.fromEntries(keys.map((key) => [key, true]))) : keys;
}

/**
 * The canonical copy, made lean: each object's defined keys in canonical
 * order, by assignment. JSON.stringify then writes it in native code, faster
 * than any writer here (and a copy of one pass costs less than canonicalize's
 * entries, filters and fromEntries).
 */
function leanCopy(value: unknown, stand?: Stand): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw UNTAKEN;
      return value;
    case 'object': {
      if (value === null) return null;
      if (stand) {
        const other = stand(value);
        if (other !== ITSELF) return leanCopy(other);
      }
      if (Array.isArray(value)) {
        const copy: unknown[] = [];
        for (let i = 0; i < value.length; i += 1) {
          const item: unknown = value[i];
          // A hole or undefined: the canonical way says which.
          if (item === undefined) throw UNTAKEN;
          copy.push(leanCopy(item, stand));
        }
        return copy;
      }
      const object = plainObject(value) as Data;
      const copy: Record<string, unknown> = {};
      for (const key of canonicalKeys(object)) {
        const item = leanCopy(object[key], stand);
        // Assigned, `__proto__` would set the prototype rather than make a property.
        if (key === '__proto__')
          Object.defineProperty(copy, key, {
            value: item,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else copy[key] = item;
      }
      return copy;
    }
    default:
      throw UNTAKEN;
  }
}

/** What a `Stand` gives for a node that stands for nothing but itself. */
export const ITSELF: unique symbol = Symbol('itself');

/**
 * Nodes of a value that stand for others (an ARM expression, say, for its
 * text): the other, already as it is to be written, or ITSELF.
 */
export type Stand = (node: object) => unknown;

/**
 * `toJson(whole())`, where `whole()` makes the value with the nodes `stand`
 * replaces replaced, in one copy rather than two: the canonical copy is made
 * from `value`, replacing as it goes. `whole` is called only for a value the
 * quick way does not take.
 */
export function toJsonStanding(value: unknown, stand: Stand, whole: () => unknown): string {
  try {
    return `${JSON.stringify(leanCopy(value, stand), null, 2)}\n`;
  } catch (failure) {
    if (failure !== UNTAKEN) throw failure;
    return toJson(whole());
  }
}

export function toJson(value: unknown): string {
  try {
    return `${JSON.stringify(leanCopy(value), null, 2)}\n`;
  } catch (failure) {
    if (failure !== UNTAKEN) throw failure;
    return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
  }
}

/** How many items toJsonList writes at once. */
const CHUNK = 64;

/**
 * `toJson({ [key]: items })`, written a few items at a time: each item read
 * from `items` (made as it is read, say) is dropped once its canonical copy is
 * made, and the copies once their chunk is written, so a long list (every
 * resource of a plan) never lives whole as copies beside its text.
 */
export function toJsonList(
  key: string,
  items: Iterable<unknown>,
  /** Nodes of the items that stand for others, and each item with them replaced (see toJsonStanding). */
  standing?: { readonly stand: Stand; readonly whole: (item: unknown) => unknown },
): string {
  // A chunk written as the whole list would be: its items, at their place between these two.
  const head = `{\n  ${JSON.stringify(key)}: [\n`;
  const tail = '\n  ]\n}';
  const written: string[] = [];
  const seen: unknown[] = [];
  let chunk: unknown[] = [];
  const flush = () => {
    if (chunk.length === 0) return;
    written.push(JSON.stringify({ [key]: chunk }, null, 2).slice(head.length, -tail.length));
    chunk = [];
  };
  // Read by hand: a for-of loop would close the iterator on the way out, and the rest is needed.
  const iterator = items[Symbol.iterator]();
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    try {
      if (next.value === undefined) throw UNTAKEN;
      chunk.push(leanCopy(next.value, standing?.stand));
      seen.push(next.value);
    } catch (failure) {
      if (failure !== UNTAKEN) throw failure;
      // What the quick way does not take goes the canonical way with every item.
      const whole = standing?.whole ?? ((item: unknown) => item);
      const all = [...seen, next.value];
      for (let rest = iterator.next(); !rest.done; rest = iterator.next()) all.push(rest.value);
      return toJson({ [key]: all.map(whole) });
    }
    if (chunk.length === CHUNK) flush();
  }
  flush();
  if (written.length === 0) return toJson({ [key]: [] });
  return `${head}${written.join(',\n')}${tail}\n`;
}

/*
 * YAML as the `yaml` package writes the canonical copy with the options below:
 * block collections (an empty one as `{}` or `[]`), two spaces a level, a
 * sequence indented under its key, and each string in the first of plain,
 * quoted or literal block style that reads back as the same string. What
 * follows is that package's string styling (its stringifyString) for this one
 * case, line folding off; the tests hold the two to the same bytes.
 */
const YAML_OPTIONS = { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false } as const;

/** Characters only double quotes can carry: controls and unpaired surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** What a plain scalar cannot start with, hold or end with. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** Plain scalars that YAML 1.1 reads as something other than a string: null, booleans, numbers, times. */
const NOT_STRING = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
  /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
  /^[-+]?0b[0-1_]+$/,
  /^[-+]?0[0-7_]+$/,
  /^[-+]?[0-9][0-9_]*$/,
  /^[-+]?0x[0-9a-fA-F_]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
  /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/,
];
/**
 * Newlines before more text, each followed by the block's indentation. Made as
 * the package makes it: with a lookbehind, or without where a browser has none
 * (a literal would fail to load there).
 */
const BLOCK_END_NEWLINES = (() => {
  try {
    return new RegExp('(^|(?<!\\n))\\n+(?!\\n|$)', 'g');
  } catch {
    return /\n+(?!\n|$)/g;
  }
})();

/** YAML's short forms of some `\u` escapes. */
const SHORT_ESCAPES = new Map([
  ['0000', '\\0'],
  ['0007', '\\a'],
  ['000b', '\\v'],
  ['001b', '\\e'],
  ['0085', '\\N'],
  ['00a0', '\\_'],
  ['2028', '\\L'],
  ['2029', '\\P'],
]);

function doubleQuoted(value: string, indent: string, key: boolean): string {
  const json = JSON.stringify(value);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // A space before a line break is escaped, or folding would eat it.
      str += `${json.slice(start, i)}\\ `;
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch !== '\\') continue;
    const next = json[i + 1];
    if (next === 'u') {
      str += json.slice(start, i);
      const code = json.substr(i + 2, 4);
      str += SHORT_ESCAPES.get(code) ?? (code.startsWith('00') ? `\\x${code.slice(2)}` : json.substr(i, 6));
      i += 5;
      start = i + 1;
    } else if (next === 'n') {
      if (key || json[i + 2] === '"' || json.length < 40) i += 1;
      else {
        // A line break is written as an empty line: folding eats the first.
        str += `${json.slice(start, i)}\n\n`;
        while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
          str += '\n';
          i += 2;
        }
        str += lineIndent;
        // A space after a line break is escaped, or folding would eat it.
        if (json[i + 2] === ' ') str += '\\';
        i += 1;
        start = i + 1;
      }
    } else i += 1;
  }
  return start ? str + json.slice(start) : json;
}

function singleQuoted(value: string, indent: string, key: boolean): string {
  if ((key && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) return doubleQuoted(value, indent, key);
  const lineIndent = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return `'${value.replace(/'/g, "''").replace(/\n+/g, `$&\n${lineIndent}`)}'`;
}

function quoted(value: string, indent: string, key: boolean): string {
  return value.includes('"') && !value.includes("'")
    ? singleQuoted(value, indent, key)
    : doubleQuoted(value, indent, key);
}

/** A literal block scalar (`|`), its chomping from how the string ends. */
function literalBlock(text: string, indent: string): string {
  // A block cannot end in whitespace after its last line break.
  if (/\n[\t ]+$/.test(text)) return quoted(text, indent, false);
  let value = text;
  let endStart = value.length;
  while (endStart > 0) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') break;
    endStart -= 1;
  }
  let end = value.substring(endStart);
  const endNewline = end.indexOf('\n');
  const chomp = endNewline === -1 ? '-' : value === end || endNewline !== end.length - 1 ? '+' : '';
  if (end) {
    value = value.slice(0, -end.length);
    if (end.endsWith('\n')) end = end.slice(0, -1);
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // An indentation indicator when the text starts with a space.
  let startsWithSpace = false;
  let startEnd = 0;
  let startNewline = -1;
  for (; startEnd < value.length; startEnd += 1) {
    const ch = value[startEnd];
    if (ch === ' ') startsWithSpace = true;
    else if (ch === '\n') startNewline = startEnd;
    else break;
  }
  let start = value.substring(0, startNewline < startEnd ? startNewline + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startsWithSpace ? '2' : '') + chomp;
  return `|${header}\n${indent}${start}${value.replace(/\n+/g, `$&${indent}`)}${end}`;
}

/** A string at `indent` (never the document's own level), as a map key or as a value. */
function yamlString(value: string, indent: string, key: boolean): string {
  // The merge key is written as itself, key or value (the package takes the string for one).
  if (value === '<<') return value;
  if (CONTROL.test(value)) return doubleQuoted(value, indent, key);
  if (key && value.includes('\n')) return quoted(value, indent, key);
  if (NOT_PLAIN.test(value))
    return key || !value.includes('\n') ? quoted(value, indent, key) : literalBlock(value, indent);
  if (!key && value.includes('\n')) return literalBlock(value, indent);
  // A key of the top map that starts like a document marker is quoted.
  if (key && indent === '  ' && DOCUMENT_MARKER.test(value)) return quoted(value, indent, key);
  return NOT_STRING.some((test) => test.test(value)) ? quoted(value, indent, key) : value;
}

function yamlScalar(value: unknown, indent: string): string {
  switch (typeof value) {
    case 'string':
      return yamlString(value, indent, false);
    case 'number':
      if (!Number.isFinite(value)) throw UNTAKEN;
      return Object.is(value, -0) ? '-0' : JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      throw UNTAKEN;
  }
}

/**
 * Writes a value that follows `key:` or `- ` onto `out`: a scalar after a
 * space, an empty collection as `{}` or `[]`, any other on the next lines at
 * `indent` (a sequence item's map or sequence starts on the same line).
 */
function writeYamlItem(value: unknown, indent: string, out: string[], newline: boolean): void {
  if (typeof value !== 'object' || value === null) {
    out.push(' ', yamlScalar(value, indent));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(' []');
    else {
      out.push(newline ? `\n${indent}` : ' ');
      writeYamlSequence(value, indent, out);
    }
    return;
  }
  const object = plainObject(value) as Data;
  const keys = canonicalKeys(object);
  if (keys.length === 0) out.push(' {}');
  else {
    out.push(newline ? `\n${indent}` : ' ');
    writeYamlMap(object, keys, indent, out);
  }
}

/** A sequence whose lines after the first start at `indent`. */
function writeYamlSequence(list: readonly unknown[], indent: string, out: string[]): void {
  const inner = `${indent}  `;
  for (let i = 0; i < list.length; i += 1) {
    const item: unknown = list[i];
    if (item === undefined) throw UNTAKEN;
    out.push(i === 0 ? '-' : `\n${indent}-`);
    writeYamlItem(item, inner, out, false);
  }
}

/** A map whose lines after the first start at `indent`. */
function writeYamlMap(object: Data, keys: readonly string[], indent: string, out: string[]): void {
  const inner = `${indent}  `;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i] as string;
    const written = yamlString(key, inner, true);
    // A longer key would be written as an explicit one (`? key`).
    if (written.length > 1024) throw UNTAKEN;
    out.push(i === 0 ? '' : `\n${indent}`, written, ':');
    writeYamlItem(object[key], inner, out, true);
  }
}

function yamlDocument(document: unknown): string {
  // Only maps and sequences: a scalar at the document's own level is styled by other rules.
  if (typeof document !== 'object' || document === null) throw UNTAKEN;
  const out: string[] = [];
  if (Array.isArray(document)) {
    if (document.length === 0) out.push('[]');
    else writeYamlSequence(document, '', out);
  } else {
    const object = plainObject(document) as Data;
    const keys = canonicalKeys(object);
    if (keys.length === 0) out.push('{}');
    else writeYamlMap(object, keys, '', out);
  }
  out.push('\n');
  return out.join('');
}

/**
 * YAML documents for Kubernetes and workflows, from the same canonical form.
 * YAML 1.1 quoting, as Kubernetes reads it: `on`, `yes` and `no` stay strings.
 */
export function toYaml(documents: readonly unknown[]): string {
  return documents
    .map((document) => {
      try {
        return yamlDocument(document);
      } catch (failure) {
        if (failure !== UNTAKEN) throw failure;
        return stringify(canonicalize(document), YAML_OPTIONS);
      }
    })
    .join('---\n');
}
