import { stringify } from 'yaml';

/**
 * The one serializer for every JSON and YAML artifact. Same value, same bytes: header
 * keys first (`$schema`, `apiVersion`, `kind`, `metadata`, `type`, `name`), the
 * rest in code-point order, `undefined` dropped, two-space indent, LF, a final
 * newline. Anything that is not plain data is refused rather than guessed at.
 */
const HEADER_KEYS = ['$schema', 'contentVersion', 'apiVersion', 'kind', 'metadata', 'type', 'name', 'on'];

function compareKeys(a: string, b: string): number {
  const ha = HEADER_KEYS.indexOf(a);
  const hb = HEADER_KEYS.indexOf(b);
  if (ha !== -1 || hb !== -1) return (ha === -1 ? Infinity : ha) - (hb === -1 ? Infinity : hb);
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

export function toJson(value: unknown): string {
  return `${JSON.stringify(canonicalize(value), null, 2)}\n`;
}

/**
 * YAML documents for Kubernetes and workflows, from the same canonical form.
 * YAML 1.1 quoting, as Kubernetes reads it: `on`, `yes` and `no` stay strings.
 */
export function toYaml(documents: readonly unknown[]): string {
  return documents
    .map((document) =>
      stringify(canonicalize(document), { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false }),
    )
    .join('---\n');
}
