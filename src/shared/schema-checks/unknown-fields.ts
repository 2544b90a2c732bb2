/**
 * Unknown fields of a built-in Kubernetes object. kubernetes-models' validators
 * are the OpenAPI schemas compiled by Ajv, which leave objects open, where the
 * API server refuses a field its schema does not have (strict field validation,
 * kubectl's default `--validate=strict`:
 * kubernetes.io/docs/reference/using-api/api-concepts/#field-validation), as the
 * CRD check does (src/cli/schemas/crds.ts closes their objects).
 *
 * The field names a schema knows are those its validator reads: the compiled
 * code looks up every property the schema lists, present or not (`required`,
 * `properties`), and enumerates a map (`additionalProperties`). So the object
 * is validated through proxies that record what is read, and a field of an
 * object whose properties were looked up, but which was never read itself, is
 * unknown. An object nothing was looked up in is free-form
 * (`x-kubernetes-preserve-unknown-fields`) and an enumerated one a map: neither
 * has unknown fields.
 */
type Json = Record<string, unknown>;

/**
 * The fields the types declare that the validators never read: kubernetes-models
 * leaves properties named `description` and `x-kubernetes-…` out of its compiled
 * schemas (JSONSchemaProps of a CRD, PriorityClass), though they are fields.
 * test/kubernetes-schemas.test.ts measures the package and holds this to it.
 */
export const DECLARED_UNREAD = /^(?:description|x-kubernetes-[a-z-]+)$/;

interface Tracked {
  readonly path: string;
  readonly target: Json;
  readonly read: Set<string>;
  enumerated: boolean;
}

export interface FieldTracker {
  /** The value to validate in place of the object. */
  readonly value: unknown;
  /** One line per unknown field, as the CRD check words them; call after validating `value`. */
  unknown(): string[];
}

/** A tracker of the fields a validator reads in `object`. */
export function trackFields(object: unknown): FieldTracker {
  const nodes: Tracked[] = [];
  const proxies = new WeakMap<object, unknown>();
  const track = (value: unknown, path: string): unknown => {
    if (!value || typeof value !== 'object') return value;
    const known = proxies.get(value);
    if (known) return known;
    const child = (target: object, key: string | symbol, receiver: unknown): unknown => {
      const v: unknown = Reflect.get(target, key, receiver);
      return typeof key === 'string' && Object.hasOwn(target, key) ? track(v, `${path}/${key}`) : v;
    };
    let proxy: unknown;
    if (Array.isArray(value)) proxy = new Proxy(value, { get: child });
    else {
      const node: Tracked = { path, target: value as Json, read: new Set(), enumerated: false };
      nodes.push(node);
      proxy = new Proxy(value, {
        get(target, key, receiver) {
          if (typeof key === 'string') node.read.add(key);
          return child(target, key, receiver);
        },
        has(target, key) {
          if (typeof key === 'string') node.read.add(key);
          return Reflect.has(target, key);
        },
        getOwnPropertyDescriptor(target, key) {
          if (typeof key === 'string') node.read.add(key);
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
        ownKeys(target) {
          node.enumerated = true;
          return Reflect.ownKeys(target);
        },
      });
    }
    proxies.set(value, proxy);
    return proxy;
  };
  return {
    value: track(object, ''),
    unknown: () =>
      nodes
        .filter((node) => node.read.size > 0 && !node.enumerated)
        .flatMap((node) =>
          Object.keys(node.target)
            .filter((key) => !node.read.has(key) && !DECLARED_UNREAD.test(key))
            .map((key) => `${node.path || '/'} must NOT have additional properties: "${key}"`),
        ),
  };
}
