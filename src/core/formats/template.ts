/**
 * azure/NN-<stage>.json and .parameters.json, as `deploy` reads them back:
 * Azure's own formats (deploymentTemplate.json and deploymentParameters.json of
 * schema.management.azure.com, vendored under schemas/arm/), so no schema of
 * Baseplate's. Written by artifacts/arm/emit.ts.
 */

// Types, not interfaces: a template is sent to Resource Manager as a plain JSON record.
export type TemplateFile = {
  readonly $schema: string;
  readonly contentVersion: string;
  readonly parameters?: Readonly<
    Record<string, { readonly type: string; readonly defaultValue?: unknown; readonly metadata?: object }>
  >;
  readonly resources: readonly Readonly<Record<string, unknown>>[];
  readonly outputs?: Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
};

export type ParametersFile = {
  readonly $schema: string;
  readonly contentVersion: string;
  readonly parameters: Readonly<Record<string, { readonly value: unknown }>>;
};
