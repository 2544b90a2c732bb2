/**
 * The validators the page bundles, made by scripts/build-web.ts from the
 * build's generated ones (src/cli/schemas/generate.ts): those of the ARM types
 * at the API versions Baseplate writes, those of every vendored CRD, and the
 * built-in Kubernetes kinds Baseplate writes.
 */
declare module 'baseplate:schema-validators' {
  /** The ARM catalog (schemas/arm/resource-types.json) of those types and versions only. */
  export const catalog: unknown;
  /** The "type@apiVersion" of the types checked against their documented shape. */
  export const documented: readonly string[];
  /** Schema key → its validator's module, loaded when first asked for. */
  export const arm: Readonly<Record<string, () => unknown>>;
  /** CRD key ("group/version Kind") → its validator's module. */
  export const crds: Readonly<Record<string, () => unknown>>;
  /** Built-in kind ("apiVersion Kind") → its kubernetes-models module, for the kinds Baseplate writes. */
  export const kinds: Readonly<Record<string, () => unknown>>;
}
