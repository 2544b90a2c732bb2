/**
 * The ARM template expressions the stand-in evaluates as Resource Manager does
 * (Learn "Template functions"): parameters(), resourceId(), subscriptionResourceId(),
 * format(), guid(), subscription(), resourceGroup(), utcNow() (parameter defaults
 * only), and reference() for the runtime values the stand-in knows (a managed
 * identity's principalId). An expression using anything else is kept as written,
 * as the stand-in always did: it judges what it can evaluate and no more.
 */
import { createHash } from 'node:crypto';

export interface Evaluation {
  /** `/subscriptions/{s}` or `/subscriptions/{s}/resourceGroups/{rg}`: where the deployment runs. */
  readonly scope: string;
  readonly tenantId: string;
  /** The values given, then the declared defaults. */
  readonly parameter: (name: string) => unknown;
  /** The stand-in's time: utcNow(). */
  readonly now: number;
  /** reference(id): the resource's runtime properties, when the stand-in has them. */
  readonly reference: (id: string) => Record<string, unknown> | undefined;
}

class Unsupported extends Error {}

type Token = { kind: 'name' | 'string' | 'number' | 'punct'; text: string };

function tokens(text: string): Token[] {
  const found: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) i += 1;
    else if (c === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Unsupported('unterminated string');
        if (text.charAt(i) === "'") {
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += text.charAt(i);
        i += 1;
      }
      found.push({ kind: 'string', text: value });
    } else if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][\w]*/.exec(text.slice(i))?.[0] ?? c;
      found.push({ kind: 'name', text: name });
      i += name.length;
    } else if (/[0-9-]/.test(c)) {
      const number = /^-?\d+/.exec(text.slice(i))?.[0] ?? c;
      found.push({ kind: 'number', text: number });
      i += number.length;
    } else {
      found.push({ kind: 'punct', text: c });
      i += 1;
    }
  }
  return found;
}

/** The value of `[...]`, or the text as it is when it is a literal or uses what the stand-in does not evaluate. */
export function evaluateText(text: string, context: Evaluation): unknown {
  if (!text.startsWith('[') || !text.endsWith(']') || text.startsWith('[[')) return text;
  try {
    const list = tokens(text.slice(1, -1));
    let at = 0;
    const peek = () => list[at];
    const take = (expected?: string): Token => {
      const token = list[at];
      if (!token || (expected !== undefined && token.text !== expected))
        throw new Unsupported(expected ?? 'end');
      at += 1;
      return token;
    };
    const expression = (): unknown => {
      const token = take();
      let value: unknown;
      if (token.kind === 'string') value = token.text;
      else if (token.kind === 'number') value = Number(token.text);
      else if (token.kind === 'name') {
        take('(');
        const args: unknown[] = [];
        while (peek()?.text !== ')') {
          args.push(expression());
          if (peek()?.text === ',') take(',');
        }
        take(')');
        value = call(token.text, args, context);
      } else throw new Unsupported(token.text);
      // Property access: .name or ['name'].
      for (;;) {
        if (peek()?.text === '.') {
          take('.');
          value = property(value, take().text);
        } else if (peek()?.text === '[') {
          take('[');
          const key = expression();
          take(']');
          value = property(value, String(key));
        } else return value;
      }
    };
    const value = expression();
    if (at !== list.length) throw new Unsupported('trailing');
    return value;
  } catch (error) {
    if (error instanceof Unsupported) return text;
    throw error;
  }
}

function property(value: unknown, name: string): unknown {
  if (typeof value !== 'object' || value === null) throw new Unsupported(name);
  const found = Object.entries(value).find(([key]) => key.toLowerCase() === name.toLowerCase());
  if (!found) throw new Unsupported(name);
  return found[1];
}

function strings(args: readonly unknown[]): string[] {
  if (!args.every((a) => typeof a === 'string')) throw new Unsupported('not a string');
  return args as string[];
}

/** `Microsoft.Network/virtualNetworks/subnets` + [vnet, snet] → `Microsoft.Network/virtualNetworks/vnet/subnets/snet`. */
function typedPath(type: string, names: readonly string[]): string {
  const [namespace, ...types] = type.split('/');
  return [namespace, ...types.flatMap((t, i) => [t, names[i] ?? ''])].join('/');
}

function call(name: string, args: readonly unknown[], context: Evaluation): unknown {
  const subscription = context.scope.split('/')[2] ?? '';
  const group = /\/resourceGroups\/([^/]+)/i.exec(context.scope)?.[1];
  switch (name.toLowerCase()) {
    case 'parameters': {
      const value = context.parameter(strings(args)[0] ?? '');
      if (value === undefined) throw new Unsupported('parameter not given');
      return value;
    }
    case 'resourceid': {
      // resourceId([subscriptionId], [resourceGroupName], resourceType, resourceName1, …).
      const texts = strings(args);
      const typeAt = texts.findIndex((t) => /^[^/]+\.[^/]+\/.+/.test(t));
      if (typeAt < 0 || typeAt > 2) throw new Unsupported('resourceId');
      const [sub, rg] =
        typeAt === 2 ? [texts[0], texts[1]] : typeAt === 1 ? [subscription, texts[0]] : [subscription, group];
      if (rg === undefined) throw new Unsupported('resourceId outside a group');
      return `/subscriptions/${sub}/resourceGroups/${rg}/providers/${typedPath(texts[typeAt] ?? '', texts.slice(typeAt + 1))}`;
    }
    case 'subscriptionresourceid': {
      const texts = strings(args);
      const typeAt = texts.findIndex((t) => /^[^/]+\.[^/]+\/.+/.test(t));
      if (typeAt < 0 || typeAt > 1) throw new Unsupported('subscriptionResourceId');
      const sub = typeAt === 1 ? texts[0] : subscription;
      return `/subscriptions/${sub}/providers/${typedPath(texts[typeAt] ?? '', texts.slice(typeAt + 1))}`;
    }
    case 'format': {
      const [pattern, ...rest] = args;
      if (typeof pattern !== 'string') throw new Unsupported('format');
      return pattern.replace(/\{(\d+)\}/g, (_, i: string) => String(rest[Number(i)] ?? ''));
    }
    case 'guid':
      return guid(strings(args));
    case 'subscription':
      return {
        id: `/subscriptions/${subscription}`,
        subscriptionId: subscription,
        tenantId: context.tenantId,
      };
    case 'resourcegroup':
      if (group === undefined) throw new Unsupported('resourceGroup outside a group');
      return { id: `/subscriptions/${subscription}/resourceGroups/${group}`, name: group };
    case 'utcnow': {
      const format = strings(args)[0] ?? 'yyyyMMddTHHmmssZ';
      const now = new Date(context.now);
      const two = (n: number) => String(n).padStart(2, '0');
      return format
        .replace('yyyy', String(now.getUTCFullYear()))
        .replace('MM', two(now.getUTCMonth() + 1))
        .replace('dd', two(now.getUTCDate()))
        .replace('HH', two(now.getUTCHours()))
        .replace('mm', two(now.getUTCMinutes()))
        .replace('ss', two(now.getUTCSeconds()));
    }
    case 'reference': {
      const found = context.reference(strings(args.slice(0, 1))[0] ?? '');
      if (!found) throw new Unsupported('reference to what the stand-in does not know');
      return found;
    }
    default:
      throw new Unsupported(name);
  }
}

/**
 * guid(): Learn "String functions for ARM templates" says only that the value is
 * a hash of the parameters, 36 characters, the same for the same parameters. The
 * stand-in makes a name-based (SHA-1) GUID of them, joined by '-'.
 */
export function guid(parts: readonly string[]): string {
  const hex = createHash('sha1').update(parts.join('-')).digest('hex');
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every string of a value evaluated, the rest as it is. */
export function evaluateValue(value: unknown, context: Evaluation): unknown {
  if (typeof value === 'string') return evaluateText(value, context);
  if (Array.isArray(value)) return value.map((item) => evaluateValue(item, context));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, evaluateValue(item, context)]),
    );
  }
  return value;
}
