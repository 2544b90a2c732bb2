/**
 * ARM template functions, evaluated offline (learn.microsoft.com, "ARM template
 * functions" and its pages per group: array, comparison, deployment, lambda,
 * logical, numeric, object, resource, scope, string). What only deployment
 * knows is an Unknown: `reference()` and `list*()` (runtime properties),
 * `newGuid()`, `utcNow()`, `uniqueString()`/`guid()` (their hash is not
 * documented), the subscription, group, tenant and deployment names and IDs;
 * and a function given an unknown argument answers unknown, except where the
 * answer does not depend on it (`if` on a known condition, `and(false, …)`,
 * an array built around an unknown item). The few functions whose answer
 * depends on the evaluation context (parameters, variables, copyIndex, if,
 * lambda, user-defined functions) are in evaluate.ts.
 */
import { base64Decode, base64Encode } from '../../base64.js';
import type { Lambda, Value, ValueObject } from './value.js';
import {
  bounded,
  isLambda,
  isUnknown,
  isValueObject,
  keyOf,
  LIMITS,
  TemplateError,
  Unknown,
  unknownIn,
} from './value.js';
import type { Budget } from './value.js';

export interface Call {
  /** The call as written, `[reference('x')]`: what an unknown answer stands for. */
  readonly text: string;
  readonly budget: Budget;
}

type Builtin = (args: readonly Value[], call: Call) => Value;

const unknownCall = (call: Call) => new Unknown(`[${call.text}]`);

/**
 * A resource ID built on a name only deployment knows, written with its arguments' values:
 * `[resourceId('…/registries', variables('acr'))]` reads as `[resourceId('…/registries', concat('acr',
 * uniqueString(…)))]`, so that it names the registry whose name reads `[concat('acr', uniqueString(…))]`
 * however the template spells either.
 */
function unknownId(args: readonly Value[], call: Call): Unknown {
  const written: string[] = [];
  for (const arg of args)
    if (typeof arg === 'string') written.push(`'${arg.replace(/'/g, "''")}'`);
    else if (isUnknown(arg) && !arg.placeholder) written.push(arg.text.slice(1, -1));
    else return unknownCall(call);
  return new Unknown(`${call.text.slice(0, call.text.indexOf('('))}(${written.join(', ')})`);
}

/** Placeholders of the deployment's scope, as Baseplate writes them in resource IDs. */
export const SUBSCRIPTION_ID = new Unknown('<subscription-id>');
export const RESOURCE_GROUP = new Unknown('<resource-group>');
const TENANT_ID = new Unknown('<tenant-id>');

/** A string argument: placeholders (`<subscription-id>`) stand in, other unknowns make the answer unknown. */
type Text = { readonly known: true; readonly text: string; readonly placeholder: boolean };

function textOf(value: Value, call: Call): Text | Unknown {
  if (isUnknown(value))
    return value.placeholder ? { known: true, text: value.text, placeholder: true } : value;
  if (typeof value === 'string') return { known: true, text: value, placeholder: false };
  if (typeof value === 'number') return { known: true, text: String(value), placeholder: false };
  if (typeof value === 'boolean') return { known: true, text: value ? 'True' : 'False', placeholder: false };
  const inside = unknownIn(value, call.budget);
  if (inside) return inside;
  return { known: true, text: serialise(value, call.budget), placeholder: false };
}

/** Joins strings, placeholders kept (so the answer stays unresolved), any other unknown made the answer. */
function joined(values: readonly Value[], call: Call, join: (texts: readonly string[]) => string): Value {
  const texts: string[] = [];
  let placeholder = false;
  for (const value of values) {
    const text = textOf(value, call);
    // The whole call names the value best: `[format('acr{0}', uniqueString(…))]` rather than its unknown part.
    if (isUnknown(text)) return unknownCall(call);
    placeholder ||= text.placeholder;
    texts.push(text.text);
  }
  const result = bounded(join(texts));
  return placeholder ? new Unknown(result) : result;
}

/** JSON of a value with no unknown in it, built without recursion and bounded in length. */
export function serialise(value: Value, budget: Budget): string {
  const out: string[] = [];
  let length = 0;
  const stack: Array<Value | { raw: string }> = [value];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    budget.spend();
    let piece: string | undefined;
    if (item !== null && typeof item === 'object' && 'raw' in item && typeof item.raw === 'string')
      piece = item.raw;
    else if (Array.isArray(item)) {
      const parts: Array<Value | { raw: string }> = [{ raw: '[' }];
      (item as Value[]).forEach((v, i) => parts.push(...(i > 0 ? [{ raw: ',' }] : []), v));
      parts.push({ raw: ']' });
      stack.push(...parts.reverse());
    } else if (isValueObject(item)) {
      const parts: Array<Value | { raw: string }> = [{ raw: '{' }];
      Object.entries(item).forEach(([k, v], i) =>
        parts.push({ raw: `${i > 0 ? ',' : ''}${JSON.stringify(k)}:` }, v),
      );
      parts.push({ raw: '}' });
      stack.push(...parts.reverse());
    } else piece = isUnknown(item) || isLambda(item) ? 'null' : JSON.stringify(item);
    if (piece !== undefined) {
      out.push(piece);
      length += piece.length;
      if (length > LIMITS.stringLength)
        throw new TemplateError(`builds a string of more than ${LIMITS.stringLength} characters`);
    }
  }
  return out.join('');
}

/** Deep equality; undefined when an unknown decides it. */
function equal(a: Value, b: Value, budget: Budget): boolean | undefined {
  const stack: Array<[Value, Value]> = [[a, b]];
  let unsure = false;
  for (let pair = stack.pop(); pair !== undefined; pair = stack.pop()) {
    budget.spend();
    const [x, y] = pair;
    if (isUnknown(x) || isUnknown(y)) {
      unsure = true;
      continue;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      (x as Value[]).forEach((v, i) => stack.push([v, (y as Value[])[i] ?? null]));
    } else if (isValueObject(x) && isValueObject(y)) {
      const keys = Object.keys(x);
      if (keys.length !== Object.keys(y).length) return false;
      for (const k of keys) {
        const other = keyOf(y, k);
        if (other === undefined) return false;
        stack.push([x[k] ?? null, y[other] ?? null]);
      }
    } else if (typeof x === 'string' && typeof y === 'string') {
      // Whether ARM compares strings in any case is not documented: a difference of case only is not decided.
      if (x !== y) {
        if (x.toLowerCase() === y.toLowerCase()) unsure = true;
        else return false;
      }
    } else if (x !== y) return false;
  }
  return unsure ? undefined : true;
}

const isArray = (value: Value): value is readonly Value[] => Array.isArray(value);

function needArray(value: Value): readonly Value[] {
  if (!isArray(value)) throw new TypeError('expects an array');
  return value;
}
function needString(value: Value): string {
  if (typeof value !== 'string') throw new TypeError('expects a string');
  return value;
}
function needNumber(value: Value): number {
  if (typeof value !== 'number') throw new TypeError('expects an integer');
  return value;
}
function needObject(value: Value): ValueObject {
  if (!isValueObject(value)) throw new TypeError('expects an object');
  return value;
}
function needLambda(value: Value): Lambda {
  if (!isLambda(value)) throw new TypeError('expects a lambda');
  return value;
}

/** Union of arrays (distinct items) and objects (merged, nested objects and arrays too; docs, union). */
function union(values: readonly Value[], budget: Budget): Value {
  if (values.every(isArray)) {
    const out: Value[] = [];
    for (const item of values.flat())
      if (!out.some((kept) => equal(kept, item, budget) === true)) out.push(item);
    return bounded(out);
  }
  if (values.every(isValueObject)) {
    const out: Record<string, Value> = {};
    for (const object of values)
      for (const [k, v] of Object.entries(object)) {
        const key = keyOf(out, k) ?? k;
        const before = out[key];
        out[key] =
          before !== undefined &&
          ((isArray(before) && isArray(v)) || (isValueObject(before) && isValueObject(v)))
            ? union([before, v], budget)
            : v;
      }
    return out;
  }
  throw new TypeError('expects arrays or objects');
}

/** .NET composite formatting as `format()` uses it: `{0}`, `{0,-5}`, `{{`; number format strings are not read. */
function format(template: string, args: readonly Value[], call: Call): Value {
  const out: Array<string | Value> = [];
  let i = 0;
  let start = 0;
  while (i < template.length) {
    const c = template[i];
    if ((c === '{' || c === '}') && template[i + 1] === c) {
      out.push(template.slice(start, i + 1));
      i += 2;
      start = i;
    } else if (c === '{') {
      const close = template.indexOf('}', i);
      if (close < 0) throw new TypeError('an unclosed {');
      out.push(template.slice(start, i));
      const spec = template.slice(i + 1, close);
      const [indexAndAlign = '', formatString] = spec.split(':');
      const [indexText = '', alignText] = indexAndAlign.split(',');
      const index = Number(indexText.trim());
      if (!Number.isInteger(index) || index < 0 || index >= args.length) throw new TypeError('a bad index');
      const arg = args[index] ?? null;
      if (formatString !== undefined && formatString !== '') return unknownCall(call);
      const text = textOf(arg, call);
      if (isUnknown(text)) return text;
      const width = alignText === undefined ? 0 : Number(alignText.trim());
      if (!Number.isInteger(width) || Math.abs(width) > 1000) throw new TypeError('a bad alignment');
      const padded = width < 0 ? text.text.padEnd(-width) : text.text.padStart(width);
      out.push(text.placeholder ? new Unknown(padded) : padded);
      i = close + 1;
      start = i;
    } else if (c === '}') throw new TypeError('an unopened }');
    else i += 1;
  }
  out.push(template.slice(start));
  return joined(out as Value[], call, (t) => t.join(''));
}

/**
 * `/subscriptions/<sub>/resourceGroups/<group>/providers/ns/type/name/…` from a
 * resource type and one name per type segment; the leading arguments before the
 * type are the optional scope (subscription, group), counted from the end.
 */
function resourcePath(type: string, names: readonly string[]): string {
  const [namespace = '', ...types] = type.split('/');
  if (types.length !== names.length) throw new TypeError('needs one name per type segment');
  return [namespace, ...types.flatMap((t, i) => [t, names[i] ?? ''])].join('/');
}

/** Splits arguments into the scope before the type and the names after it. */
function typeAndNames(args: readonly string[], maxScope: number): { scope: string[]; path: string } {
  for (let typeAt = 0; typeAt <= Math.min(maxScope, args.length - 1); typeAt += 1) {
    const type = args[typeAt] ?? '';
    const names = args.slice(typeAt + 1);
    if (type.includes('/') && type.split('/').length - 1 === names.length)
      return { scope: args.slice(0, typeAt), path: resourcePath(type, names) };
  }
  throw new TypeError('has no resource type with one name per segment');
}

function resourceIdFunction(build: (args: readonly string[]) => string): Builtin {
  return (args, call) => joined(args, call, (texts) => build(texts));
}

/**
 * `uri(base, relative)` (docs, string functions, uri): a relative URI replaces
 * what follows the base's last `/`; one from the root keeps the base's scheme
 * and host; an absolute one stands alone.
 */
function combineUri(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative)) return relative;
  const origin = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(base)?.[0];
  if (origin === undefined) throw new TypeError('expects an absolute base URI');
  if (relative.startsWith('/')) return `${origin}${relative}`;
  const rest = base.slice(origin.length);
  return `${origin}${rest.slice(0, rest.lastIndexOf('/') + 1) || '/'}${relative}`;
}

/** The public cloud's `environment()` (learn.microsoft.com, "ARM template functions - deployment", environment). */
const PUBLIC_CLOUD: ValueObject = {
  name: 'AzureCloud',
  gallery: 'https://gallery.azure.com/',
  graph: 'https://graph.windows.net/',
  portal: 'https://portal.azure.com',
  graphAudience: 'https://graph.windows.net/',
  activeDirectoryDataLake: 'https://datalake.azure.net/',
  batch: 'https://batch.core.windows.net/',
  media: 'https://rest.media.azure.net',
  sqlManagement: 'https://management.core.windows.net:8443/',
  vmImageAliasDoc:
    'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
  resourceManager: 'https://management.azure.com/',
  authentication: {
    loginEndpoint: 'https://login.microsoftonline.com/',
    audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
    tenant: 'common',
    identityProvider: 'AAD',
  },
  suffixes: {
    acrLoginServer: '.azurecr.io',
    azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
    azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
    azureFrontDoorEndpointSuffix: 'azurefd.net',
    keyvaultDns: '.vault.azure.net',
    sqlServerHostname: '.database.windows.net',
    storage: 'core.windows.net',
  },
};

const compare =
  (test: (order: number) => boolean): Builtin =>
  ([a = null, b = null]) => {
    if (typeof a === 'number' && typeof b === 'number') return test(a - b);
    if (typeof a === 'string' && typeof b === 'string') return test(a < b ? -1 : a > b ? 1 : 0);
    throw new TypeError('compares two integers or two strings');
  };

const sizeOf = (value: Value): number => {
  if (isArray(value) || typeof value === 'string') return value.length;
  if (isValueObject(value)) return Object.keys(value).length;
  if (value === null) return 0;
  throw new TypeError('expects an array, object or string');
};

/** Applies a lambda, paying for the call. */
const apply = (lambda: Lambda, args: readonly Value[], call: Call): Value => {
  call.budget.spend();
  return lambda.apply(args);
};

/**
 * The functions whose arguments may hold unknowns in their items: they build or
 * take apart arrays and objects, or answer without the unknown part. All others
 * answer unknown when any argument holds one.
 */
const STRUCTURAL: Readonly<Record<string, Builtin>> = {
  createarray: (args) => bounded([...args]),
  array: ([value = null]) => (isArray(value) ? value : [value]),
  createobject: (args, call) => {
    if (args.length % 2 !== 0) throw new TypeError('takes pairs of key and value');
    const out: Record<string, Value> = {};
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i] ?? null;
      if (isUnknown(key)) return key;
      out[needString(key)] = args[i + 1] ?? null;
    }
    call.budget.spend(args.length);
    return out;
  },
  concat: (args, call) => {
    if (args.some(isUnknown) && args.some(isArray)) return args.find(isUnknown) ?? unknownCall(call);
    if (args.length > 0 && args.every((a) => isArray(a) || a === null))
      return bounded(args.flatMap((a) => (isArray(a) ? a : [])));
    return joined(args, call, (t) => t.join(''));
  },
  union: (args, call) => args.find(isUnknown) ?? union(args, call.budget),
  coalesce: (args) => {
    for (const arg of args) if (arg !== null) return arg;
    return null;
  },
  first: ([value = null]) => {
    if (isUnknown(value)) return value;
    if (isArray(value)) return value[0] ?? null;
    return needString(value).slice(0, 1);
  },
  last: ([value = null]) => {
    if (isUnknown(value)) return value;
    if (isArray(value)) return value[value.length - 1] ?? null;
    return needString(value).slice(-1);
  },
  take: ([value = null, count = null]) => {
    if (isUnknown(value)) return value;
    if (isUnknown(count)) return count;
    const n = Math.max(0, needNumber(count));
    return isArray(value) ? value.slice(0, n) : needString(value).slice(0, n);
  },
  skip: ([value = null, count = null]) => {
    if (isUnknown(value)) return value;
    if (isUnknown(count)) return count;
    const n = Math.max(0, needNumber(count));
    return isArray(value) ? value.slice(n) : needString(value).slice(n);
  },
  length: ([value = null]) => (isUnknown(value) ? value : sizeOf(value)),
  empty: ([value = null]) => (isUnknown(value) ? value : sizeOf(value) === 0),
  objectkeys: ([value = null]) => (isUnknown(value) ? value : Object.keys(needObject(value))),
  items: ([value = null]) =>
    isUnknown(value)
      ? value
      : // "sorted alphabetically by key" (docs, object functions, items)
        Object.keys(needObject(value))
          .sort()
          .map((key) => ({ key, value: (value as ValueObject)[key] ?? null })),
  tryget: ([value = null, ...keys]) => {
    let node: Value = value;
    for (const key of keys) {
      if (isUnknown(node)) return node;
      if (isUnknown(key)) return key;
      if (isArray(node) && typeof key === 'number') node = node[key] ?? null;
      else if (isValueObject(node) && typeof key === 'string') {
        const found = keyOf(node, key);
        node = found === undefined ? null : (node[found] ?? null);
      } else return null;
    }
    return node;
  },
  shallowmerge: ([list = null]) => {
    if (isUnknown(list)) return list;
    const out: Record<string, Value> = {};
    for (const item of needArray(list)) {
      if (isUnknown(item)) return item;
      Object.assign(out, needObject(item));
    }
    return out;
  },
  contains: ([container = null, item = null], call) => {
    if (isUnknown(container)) return container;
    if (isArray(container)) {
      let unsure = false;
      for (const candidate of container) {
        const same = equal(candidate, item, call.budget);
        if (same === true) return true;
        if (same === undefined) unsure = true;
      }
      return unsure ? unknownCall(call) : false;
    }
    if (isUnknown(item)) return item;
    if (isValueObject(container)) return keyOf(container, needString(item)) !== undefined;
    const text = textOf(item, call);
    if (isUnknown(text) || text.placeholder) return unknownCall(call);
    return needString(container).includes(text.text);
  },
  and: (args, call) => {
    if (args.some((a) => a === false)) return false;
    return args.some(isUnknown) ? unknownCall(call) : args.every((a) => a === true);
  },
  or: (args, call) => {
    if (args.some((a) => a === true)) return true;
    return args.some(isUnknown) ? unknownCall(call) : false;
  },
  equals: ([a = null, b = null], call) => equal(a, b, call.budget) ?? unknownCall(call),
  map: ([list = null, lambda = null], call) => {
    if (isUnknown(list)) return list;
    const f = needLambda(lambda);
    return needArray(list).map((item, i) => apply(f, [item, i], call));
  },
  mapvalues: ([object = null, lambda = null], call) => {
    if (isUnknown(object)) return object;
    const f = needLambda(lambda);
    return Object.fromEntries(Object.entries(needObject(object)).map(([k, v]) => [k, apply(f, [v], call)]));
  },
  filter: ([list = null, lambda = null], call) => {
    if (isUnknown(list)) return list;
    const f = needLambda(lambda);
    const out: Value[] = [];
    for (const [i, item] of needArray(list).entries()) {
      const keep = apply(f, [item, i], call);
      if (isUnknown(keep)) return unknownCall(call);
      if (keep === true) out.push(item);
    }
    return out;
  },
  reduce: ([list = null, initial = null, lambda = null], call) => {
    if (isUnknown(list)) return list;
    const f = needLambda(lambda);
    let current = initial;
    for (const [i, item] of needArray(list).entries()) current = apply(f, [current, item, i], call);
    return current;
  },
  sort: ([list = null, lambda = null], call) => {
    if (isUnknown(list)) return list;
    const f = needLambda(lambda);
    // Insertion sort: each comparison is the template's lambda, and an unknown one leaves the order unknown.
    const out: Value[] = [];
    for (const item of needArray(list)) {
      let at = out.length;
      while (at > 0) {
        const before = apply(f, [item, out[at - 1] ?? null], call);
        if (isUnknown(before)) return unknownCall(call);
        if (before !== true) break;
        at -= 1;
      }
      out.splice(at, 0, item);
    }
    return out;
  },
  toobject: ([list = null, keyLambda = null, valueLambda], call) => {
    if (isUnknown(list)) return list;
    const keyOfItem = needLambda(keyLambda);
    const out: Record<string, Value> = {};
    for (const item of needArray(list)) {
      const key = apply(keyOfItem, [item], call);
      if (isUnknown(key)) return key;
      out[needString(key)] = valueLambda === undefined ? item : apply(needLambda(valueLambda), [item], call);
    }
    return out;
  },
  groupby: ([list = null, lambda = null], call) => {
    if (isUnknown(list)) return list;
    const f = needLambda(lambda);
    const out: Record<string, Value[]> = {};
    for (const item of needArray(list)) {
      const key = apply(f, [item], call);
      if (isUnknown(key)) return key;
      (out[needString(key)] ??= []).push(item);
    }
    return out;
  },
  // The scope of the deployment: names and IDs only deployment knows, as placeholders.
  resourcegroup: () => ({
    id: new Unknown('/subscriptions/<subscription-id>/resourceGroups/<resource-group>'),
    name: RESOURCE_GROUP,
    type: 'Microsoft.Resources/resourceGroups',
    location: new Unknown('<location>'),
    properties: { provisioningState: 'Succeeded' },
  }),
  subscription: () => ({
    id: new Unknown('/subscriptions/<subscription-id>'),
    subscriptionId: SUBSCRIPTION_ID,
    tenantId: TENANT_ID,
    displayName: new Unknown('<subscription-name>'),
  }),
  tenant: () => ({
    id: new Unknown('/tenants/<tenant-id>'),
    tenantId: TENANT_ID,
    displayName: new Unknown('<tenant-name>'),
  }),
  deployment: () => ({
    name: new Unknown('<deployment-name>'),
    location: new Unknown('<deployment-location>'),
    properties: { templateHash: new Unknown('<template-hash>') },
  }),
  environment: () => PUBLIC_CLOUD,
  null: () => null,
  true: () => true,
  false: () => false,
};

const strictString = (f: (text: string, rest: readonly Value[]) => Value): Builtin => {
  return ([value = null, ...rest]) => f(needString(value), rest);
};

/** The functions that need every argument known (checked before they are called). */
const STRICT: Readonly<Record<string, Builtin>> = {
  // String functions (docs, string functions).
  tolower: strictString((t) => t.toLowerCase()),
  toupper: strictString((t) => t.toUpperCase()),
  trim: strictString((t) => t.trim()),
  replace: strictString((t, [a = null, b = null]) => bounded(t.split(needString(a)).join(needString(b)))),
  split: strictString((t, [delimiter = null]) => {
    const delimiters = isArray(delimiter) ? delimiter.map(needString) : [needString(delimiter)];
    let parts = [t];
    for (const d of delimiters) parts = parts.flatMap((p) => p.split(d));
    return bounded(parts);
  }),
  // "The comparison is case-insensitive" (docs, startsWith, endsWith, indexOf, lastIndexOf).
  startswith: strictString((t, [s = null]) => t.toLowerCase().startsWith(needString(s).toLowerCase())),
  endswith: strictString((t, [s = null]) => t.toLowerCase().endsWith(needString(s).toLowerCase())),
  indexof: ([value = null, item = null], call) =>
    isArray(value)
      ? value.findIndex((v) => equal(v, item, call.budget) === true)
      : needString(value).toLowerCase().indexOf(needString(item).toLowerCase()),
  lastindexof: ([value = null, item = null], call) =>
    isArray(value)
      ? value.findLastIndex((v) => equal(v, item, call.budget) === true)
      : needString(value).toLowerCase().lastIndexOf(needString(item).toLowerCase()),
  substring: strictString((t, [start = null, length]) => {
    const from = needNumber(start);
    const count = length === undefined ? t.length - from : needNumber(length);
    if (from < 0 || count < 0 || from + count > t.length) throw new TypeError('is out of range');
    return t.slice(from, from + count);
  }),
  padleft: ([value = null, width = null, pad = ' ']) => {
    const text = typeof value === 'number' ? String(value) : needString(value);
    const n = needNumber(width);
    if (n > LIMITS.stringLength) throw new TemplateError('pads a string beyond the limit');
    return text.padStart(n, needString(pad).slice(0, 1) || ' ');
  },
  join: ([list = null, delimiter = null]) =>
    bounded(
      needArray(list)
        .map((v) => (typeof v === 'number' ? String(v) : needString(v)))
        .join(needString(delimiter)),
    ),
  format: ([template = null, ...args], call) => format(needString(template), args, call),
  string: ([value = null], call) => {
    if (typeof value === 'string' || isUnknown(value)) return value;
    const text = textOf(value, call);
    return isUnknown(text) ? text : text.text;
  },
  json: strictString((t) => {
    const parsed = JSON.parse(t) as unknown;
    return (parsed ?? null) as Value;
  }),
  base64: strictString((t) => base64Encode(t)),
  base64tostring: strictString((t) => base64Decode(t)),
  base64tojson: strictString((t) => JSON.parse(base64Decode(t)) as Value),
  datauri: strictString((t) => `data:text/plain;charset=utf8;base64,${base64Encode(t)}`),
  datauritostring: strictString((t) => base64Decode(t.slice(t.indexOf(',') + 1))),
  uri: strictString((base, [relative = null]) => combineUri(base, needString(relative))),
  uricomponent: strictString((t) => encodeURIComponent(t)),
  uricomponenttostring: strictString((t) => decodeURIComponent(t)),
  // Numeric functions (docs, numeric functions): 64-bit integers, division truncated.
  add: ([a = null, b = null]) => needNumber(a) + needNumber(b),
  sub: ([a = null, b = null]) => needNumber(a) - needNumber(b),
  mul: ([a = null, b = null]) => needNumber(a) * needNumber(b),
  div: ([a = null, b = null]) => {
    if (needNumber(b) === 0) throw new TypeError('divides by zero');
    return Math.trunc(needNumber(a) / needNumber(b));
  },
  mod: ([a = null, b = null]) => {
    if (needNumber(b) === 0) throw new TypeError('divides by zero');
    return needNumber(a) % needNumber(b);
  },
  int: ([value = null]) => {
    const n = typeof value === 'string' ? Number(value) : needNumber(value);
    if (!Number.isFinite(n)) throw new TypeError('is not a number');
    return Math.trunc(n);
  },
  float: ([value = null]) => (typeof value === 'string' ? Number(value) : needNumber(value)),
  min: (args) =>
    Math.min(
      ...(args.length === 1 && isArray(args[0] ?? null) ? (args[0] as Value[]) : args).map(needNumber),
    ),
  max: (args) =>
    Math.max(
      ...(args.length === 1 && isArray(args[0] ?? null) ? (args[0] as Value[]) : args).map(needNumber),
    ),
  range: ([start = null, count = null]) => {
    const n = needNumber(count);
    // "The count can't exceed 10000" (docs, array functions, range).
    if (n < 0 || n > 10000) throw new TypeError('counts outside 0 … 10000');
    return Array.from({ length: n }, (_, i) => needNumber(start) + i);
  },
  intersection: (args, call) => {
    if (args.every(isArray)) {
      const [head = [], ...rest] = args as (readonly Value[])[];
      return head.filter((item) =>
        rest.every((other) => other.some((v) => equal(v, item, call.budget) === true)),
      );
    }
    const objects = args.map(needObject);
    const [head = {}, ...rest] = objects;
    return Object.fromEntries(
      Object.entries(head).filter(([k, v]) =>
        rest.every((other) => {
          const key = keyOf(other, k);
          return key !== undefined && equal(other[key] ?? null, v, call.budget) === true;
        }),
      ),
    );
  },
  flatten: ([list = null]) => bounded(needArray(list).flatMap((item) => needArray(item))),
  // Logical and comparison functions.
  not: ([value = null]) => {
    if (typeof value !== 'boolean') throw new TypeError('expects a boolean');
    return !value;
  },
  bool: ([value = null]) => {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    const lower = needString(value).toLowerCase();
    if (lower !== 'true' && lower !== 'false') throw new TypeError('is not true or false');
    return lower === 'true';
  },
  greater: compare((o) => o > 0),
  greaterorequals: compare((o) => o >= 0),
  less: compare((o) => o < 0),
  lessorequals: compare((o) => o <= 0),
  // Resource-ID family (docs, resource functions): scope arguments before the type are optional.
  resourceid: resourceIdFunction((args) => {
    const { scope, path } = typeAndNames(args, 2);
    const [subscription, group] =
      scope.length === 2
        ? scope
        : scope.length === 1
          ? [SUBSCRIPTION_ID.text, scope[0]]
          : [SUBSCRIPTION_ID.text, RESOURCE_GROUP.text];
    return `/subscriptions/${subscription ?? ''}/resourceGroups/${group ?? ''}/providers/${path}`;
  }),
  subscriptionresourceid: resourceIdFunction((args) => {
    const { scope, path } = typeAndNames(args, 1);
    return `/subscriptions/${scope[0] ?? SUBSCRIPTION_ID.text}/providers/${path}`;
  }),
  tenantresourceid: resourceIdFunction((args) => `/providers/${typeAndNames(args, 0).path}`),
  extensionresourceid: resourceIdFunction(([base = '', ...rest]) => {
    const { path } = typeAndNames(rest, 0);
    return `${base}/providers/${path}`;
  }),
  managementgroupresourceid: resourceIdFunction((args) => {
    const { scope, path } = typeAndNames(args, 1);
    return `/providers/Microsoft.Management/managementGroups/${scope[0] ?? '<management-group>'}/providers/${path}`;
  }),
};

/** What only deployment knows: runtime state, fresh or undocumented values. */
const RUNTIME = new Set([
  'reference',
  'references',
  'newguid',
  'utcnow',
  'uniquestring',
  'guid',
  'pickzones',
  'providers',
  'managementgroup',
  'datetimeadd',
  'datetimefromepoch',
  'datetimetoepoch',
  'resourceinfo',
]);

/**
 * Calls the built-in `name` (any case); undefined when there is none of that
 * name (the caller answers unknown: a function newer than this evaluator).
 */
export function callBuiltin(name: string, args: readonly Value[], call: Call): Value | undefined {
  const lower = name.toLowerCase();
  if (RUNTIME.has(lower) || lower.startsWith('list')) return unknownCall(call);
  const structural = STRUCTURAL[lower];
  if (structural) return structural(args, call);
  const strict = STRICT[lower];
  if (!strict) return undefined;
  const unknown =
    args.find(isUnknown) ?? args.map((a) => unknownIn(a, call.budget)).find((u) => u !== undefined);
  // String building keeps placeholders, so an ID or name with `<subscription-id>` in it stays readable.
  const builds = lower === 'format' || lower.endsWith('resourceid') || lower === 'string';
  if (unknown && !(builds && args.every((a) => !isUnknown(a) || a.placeholder)))
    // A name or ID built on an unknown reads best as the whole call: `[format('acr{0}', uniqueString(…))]`.
    return lower.endsWith('resourceid') ? unknownId(args, call) : builds ? unknownCall(call) : unknown;
  return strict(args, call);
}
