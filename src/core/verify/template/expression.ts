/**
 * The ARM template expression language, parsed: `[concat('a', parameters('b'))]`,
 * `[resourceGroup().location]`, `[variables('list')[0].name]`, `[ns.fn(1)]`
 * (learn.microsoft.com, "Syntax and expressions in ARM templates"). Tokenised
 * by hand in one pass (no regular expression runs on the input), and parsed
 * with a bound on nesting, so a template of ten thousand brackets is refused
 * rather than exhausting the stack.
 */
import { LIMITS, TemplateError } from './value.js';

export type Expression =
  | { readonly kind: 'string'; readonly value: string; readonly text: string }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | {
      readonly kind: 'call';
      /** As written: `concat`, or `namespace.member` for a user-defined function. */
      readonly name: string;
      readonly args: readonly Expression[];
      readonly text: string;
    }
  | { readonly kind: 'member'; readonly target: Expression; readonly name: string; readonly text: string }
  | {
      readonly kind: 'index';
      readonly target: Expression;
      readonly index: Expression;
      readonly text: string;
    };

type Token =
  | { readonly kind: 'string'; readonly value: string; readonly start: number }
  | { readonly kind: 'number'; readonly value: number; readonly start: number }
  | { readonly kind: 'name'; readonly value: string; readonly start: number }
  | { readonly kind: 'punct'; readonly value: string; readonly start: number };

/** A parse error: the expression is not valid; its value stays unknown (ARM would refuse the template). */
export class SyntaxProblem extends Error {}

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);

function tokens(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i += 1;
    } else if (c === "'") {
      // '' is a quote inside a string (ibid., Escape characters).
      const parts: string[] = [];
      let start = i + 1;
      let j = start;
      for (;;) {
        const end = text.indexOf("'", j);
        if (end < 0) throw new SyntaxProblem('a string is not closed');
        if (text[end + 1] === "'") {
          parts.push(text.slice(start, end + 1));
          j = end + 2;
          start = j;
        } else {
          parts.push(text.slice(start, end));
          out.push({ kind: 'string', value: parts.join(''), start: i });
          i = end + 1;
          break;
        }
      }
    } else if (isDigit(c) || (c === '-' && isDigit(text[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < text.length && (isDigit(text[j] ?? '') || text[j] === '.')) j += 1;
      out.push({ kind: 'number', value: Number(text.slice(i, j)), start: i });
      i = j;
    } else if (isNameStart(c)) {
      let j = i + 1;
      while (j < text.length && isNamePart(text[j] ?? '')) j += 1;
      out.push({ kind: 'name', value: text.slice(i, j), start: i });
      i = j;
    } else if ('(),.[]'.includes(c)) {
      out.push({ kind: 'punct', value: c, start: i });
      i += 1;
    } else throw new SyntaxProblem(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}

/** Parses the inside of `[...]` (the brackets removed). */
export function parseExpression(text: string): Expression {
  const list = tokens(text);
  let at = 0;
  const peek = (offset = 0): Token | undefined => list[at + offset];
  const isPunct = (value: string, offset = 0) => {
    const token = peek(offset);
    return token?.kind === 'punct' && token.value === value;
  };
  const expect = (value: string) => {
    if (!isPunct(value)) throw new SyntaxProblem(`expected ${value}`);
    at += 1;
  };
  const end = () => peek()?.start ?? text.length;

  const expression = (depth: number): Expression => {
    if (depth > LIMITS.expressionDepth)
      throw new TemplateError(
        `has an expression nested more than ${LIMITS.expressionDepth} levels deep, which verify does not read`,
      );
    const token = peek();
    if (token === undefined) throw new SyntaxProblem('the expression ends early');
    const start = token.start;
    at += 1;
    let node: Expression;
    if (token.kind === 'string' || token.kind === 'number') {
      node = { kind: token.kind, value: token.value, text: text.slice(start, end()).trimEnd() } as Expression;
    } else if (token.kind === 'name') {
      let name = token.value;
      // `namespace.member(` calls a user-defined function.
      if (isPunct('.') && peek(1)?.kind === 'name' && isPunct('(', 2)) {
        name = `${name}.${String(peek(1)?.value)}`;
        at += 2;
      }
      expect('(');
      const args: Expression[] = [];
      if (!isPunct(')')) {
        for (;;) {
          args.push(expression(depth + 1));
          if (isPunct(')')) break;
          expect(',');
        }
      }
      expect(')');
      node = { kind: 'call', name, args, text: text.slice(start, end()).trimEnd() };
    } else throw new SyntaxProblem(`unexpected ${token.value}`);
    // Property access and indexing, any number in a row, bounded like nesting.
    let chained = 0;
    for (;;) {
      if (isPunct('.') && peek(1)?.kind === 'name') {
        const name = String(peek(1)?.value);
        at += 2;
        node = { kind: 'member', target: node, name, text: text.slice(start, end()).trimEnd() };
      } else if (isPunct('[')) {
        at += 1;
        const index = expression(depth + 1);
        expect(']');
        node = { kind: 'index', target: node, index, text: text.slice(start, end()).trimEnd() };
      } else break;
      chained += 1;
      if (chained > LIMITS.expressionDepth)
        throw new TemplateError(
          `has an expression with more than ${LIMITS.expressionDepth} accesses in a row`,
        );
    }
    return node;
  };

  const node = expression(0);
  if (at < list.length) throw new SyntaxProblem(`unexpected ${String(peek()?.value)}`);
  return node;
}

/** The expression inside a string value, or undefined for a literal (`[[` escapes a literal `[`, ibid.). */
export function expressionText(value: string): string | undefined {
  return value.startsWith('[') && value.endsWith(']') && !value.startsWith('[[')
    ? value.slice(1, -1)
    : undefined;
}
