/**
 * How deep a YAML text nests, found in one pass over its characters before any
 * parser sees it. The yaml package parses nesting recursively and keeps state
 * per level: 2 KB of `[` ran it out of stack (inside V8's regular-expression
 * compiler, which aborts the process rather than throwing) and 2 MB of them
 * took 12 s and 1.7 GB. A text this scan finds deeper than the limit is
 * refused before it is parsed.
 *
 * The count is an upper bound of the depth the parser builds, close enough for
 * a limit far above what manifests use (a few dozen levels): each open block
 * indentation, each `- ` or `? ` that starts a collection on a line, and each
 * open flow `[` or `{`. Quoted scalars, comments and block scalars (`|`, `>`)
 * hold no structure and are skipped.
 */

/** Where a text first nests deeper than the limit: its 1-based line and column. */
export interface TooDeep {
  readonly line: number;
  readonly column: number;
}

const FLOW_OPEN = new Set(['[', '{']);
const FLOW_CLOSE = new Set([']', '}']);

/** The first place `text` nests more than `limit` levels, or undefined when it never does. */
export function yamlTooDeep(text: string, limit: number): TooDeep | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote: '"' | "'" | undefined;
  /** The indentation of the line that starts a block scalar, while its lines are skipped. */
  let blockScalar: number | undefined;
  let line = 0;
  for (let start = 0; start <= text.length; line += 1) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    while (i < end && text[i] === ' ') i += 1;
    const indent = i - start;
    const blank = i === end || text[i] === '#' || text[i] === '\r';
    if (blockScalar !== undefined && (blank || indent > blockScalar)) {
      start = end + 1;
      continue;
    }
    blockScalar = undefined;
    if (flow === 0 && quote === undefined && !blank) {
      if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i))) indents.length = 0;
      while (indents.length > 0 && (indents.at(-1) ?? 0) > indent) indents.pop();
      if ((indents.at(-1) ?? -1) < indent) indents.push(indent);
    }
    let depth = indents.length;
    /** At the start of a value: where a collection, a quote or a block scalar may begin. */
    let valueStart = true;
    for (; i < end; i += 1) {
      const c = text[i] ?? '';
      const next = text[i + 1];
      const spaced = next === undefined || next === ' ' || next === '\n' || next === '\r';
      if (quote === '"') {
        if (c === '\\') i += 1;
        else if (c === '"') quote = undefined;
        continue;
      }
      if (quote === "'") {
        if (c === "'" && next === "'") i += 1;
        else if (c === "'") quote = undefined;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\r') continue;
      if (c === '#' && (i === start || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if (valueStart && (c === '"' || c === "'")) {
        quote = c;
        valueStart = false;
      } else if (FLOW_OPEN.has(c) && (valueStart || flow > 0)) {
        flow += 1;
        valueStart = true;
      } else if (FLOW_CLOSE.has(c) && flow > 0) {
        flow -= 1;
        valueStart = false;
      } else if (flow > 0 && (c === ',' || (c === ':' && spaced))) {
        valueStart = true;
      } else if (flow === 0 && valueStart && (c === '-' || c === '?') && spaced) {
        depth += 1;
      } else if (flow === 0 && c === ':' && spaced) {
        valueStart = true;
      } else if (flow === 0 && valueStart && (c === '|' || c === '>')) {
        blockScalar = indent;
        break;
      } else {
        valueStart = false;
      }
      if (depth + flow > limit) return { line: line + 1, column: i - start + 1 };
    }
    start = end + 1;
  }
  return undefined;
}
