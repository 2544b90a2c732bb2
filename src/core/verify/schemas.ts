/**
 * Schema validation as findings of `verify`: ARM templates against the official
 * ARM schemas, Kubernetes objects against the Kubernetes schemas and the CRDs,
 * each with unknown property names rejected. A hand-written template's misspelt
 * property is caught before Azure sees it.
 *
 * The validators are data the shell hands in (the core reads no file): the CLI
 * compiles them from `schemas/` (src/cli/schemas/), the web page bundles the
 * same generated ones (src/web/schema-validators.ts). One function turns their
 * answers into findings, so `plan`, `verify` and the page agree.
 */
import type { Json } from '../arm-values.js';
import { isObject } from '../arm-values.js';
import type { Diagnostic } from '../diagnostics.js';
import type { Source } from './inventory.js';
import { chartRoots, notReadable, parseJson, tooDeep, yamlDocuments } from './inventory.js';
import { kustomizePatches } from './kustomize-patches.js';

/** Where an ARM template deploys; its `$schema` says which. */
export type TemplateScope = 'resourceGroup' | 'subscription';

/**
 * A validator's answer: a problem, one line; or what it could not check for
 * want of a schema (a type, API version or kind none is bundled for). Schemas
 * are evidence, not verdicts: the latter is a note, never an error.
 */
export type SchemaProblem =
  | string
  | { readonly notChecked: string }
  /**
   * A field a built-in Kubernetes kind's bundled schema does not have: a
   * misspelling, or a field a newer Kubernetes added to the same API version
   * (the schemas are of one release). A warning: the cluster may know it.
   */
  | { readonly unknownField: string };

export interface SchemaValidators {
  /** Problems of an ARM template deployed at `scope`; [] when valid. */
  readonly template: (template: Json, scope: TemplateScope) => readonly SchemaProblem[];
  /** Problems of a Kubernetes object (it has an apiVersion and a kind); [] when valid. */
  readonly object: (object: Json) => readonly SchemaProblem[];
  /**
   * Files found valid before, each by its format and text (the CLI keeps them
   * between runs: src/cli/schemas/kept-validations.ts). A known file is not read
   * again; each file found valid here is told to `valid`.
   */
  readonly known?: { readonly has: (text: string) => boolean; readonly valid: (text: string) => void };
}

function finding(code: string, file: string, label: string, problem: SchemaProblem): Diagnostic {
  if (typeof problem !== 'string' && 'unknownField' in problem)
    return {
      code,
      severity: 'warning',
      kind: 'finding',
      message: `${label}${problem.unknownField} (not in the bundled Kubernetes schemas: misspelt, or added by a newer Kubernetes)`,
      file,
      fix: 'Correct the field name; if a newer Kubernetes than the bundled schemas added it, your cluster decides.',
    };
  if (typeof problem !== 'string')
    return {
      code: 'schema/not-checked',
      severity: 'info',
      kind: 'finding',
      message: `${label}${problem.notChecked}: its properties are not checked against a schema (the rules still judge it)`,
      file,
      fix: 'Nothing to fix: a resource type or API version Baseplate bundles no schema for is not checked, neither passed nor failed.',
    };
  return {
    code,
    severity: 'error',
    kind: 'finding',
    message: `${label}${problem}`,
    file,
    fix: 'Correct the property: it is not what the official schema allows.',
  };
}

/** Kinds whose schema is not shipped: kustomize's own file. */
const NOT_VALIDATED = new Set(['kustomize.config.k8s.io/v1beta1 Kustomization']);

/** The scope a template's `$schema` names; undefined for JSON that is no template. */
function templateScope(value: Json): TemplateScope | undefined {
  const schema = String(value['$schema'] ?? '');
  if (/subscriptionDeploymentTemplate/i.test(schema)) return 'subscription';
  return /deploymentTemplate/i.test(schema) ? 'resourceGroup' : undefined;
}

/** The schema findings of every source; what cannot be parsed is the inventory's to report. */
export function schemaFindings(sources: readonly Source[], validators: SchemaValidators): Diagnostic[] {
  const out: Diagnostic[] = [];
  const charts = chartRoots(sources);
  const patches = kustomizePatches(sources);
  for (const { name, text } of sources) {
    // Bicep and Helm templates are the inventory's to name (not read), not schema-checked as they stand;
    // a kustomize patch is part of an object, never one as it stands.
    if (notReadable(name, charts) || patches.has(name)) continue;
    const yaml = /\.ya?ml$/i.test(name);
    // The same text is read otherwise as YAML than as JSON: the format is part of what was found valid.
    const known = `${yaml ? 'yaml' : 'json'}\n${text}`;
    if (validators.known?.has(known)) continue;
    const found = yaml ? yamlFindings(name, text, validators) : jsonFindings(name, text, validators);
    if (found.length === 0) validators.known?.valid(known);
    out.push(...found);
  }
  return out;
}

function yamlFindings(name: string, text: string, validators: SchemaValidators): Diagnostic[] {
  return yamlDocuments(name, text).flatMap((document) =>
    'value' in document && !tooDeep(document.value) ? objectFindings(name, document.value, validators) : [],
  );
}

/** The findings of a Kubernetes object (or a List of them); none for anything else. */
function objectFindings(name: string, value: unknown, validators: SchemaValidators): Diagnostic[] {
  if (isObject(value) && value['kind'] === 'List' && Array.isArray(value['items']))
    return value['items'].flatMap((item) => objectFindings(name, item, validators));
  if (!isObject(value) || typeof value['kind'] !== 'string' || typeof value['apiVersion'] !== 'string')
    return [];
  if (NOT_VALIDATED.has(`${value['apiVersion']} ${value['kind']}`)) return [];
  const label = `${value['kind']} ${String((value['metadata'] as Json | undefined)?.['name'] ?? '')}`;
  return validators.object(value).map((problem) => finding('schema/kubernetes', name, `${label}: `, problem));
}

function jsonFindings(name: string, text: string, validators: SchemaValidators): Diagnostic[] {
  let value: unknown;
  try {
    value = parseJson(text);
  } catch {
    return [];
  }
  // Too deep to judge: the inventory names it.
  if (tooDeep(value)) return [];
  const scope = isObject(value) ? templateScope(value) : undefined;
  if (!isObject(value) || !scope) return objectFindings(name, value, validators);
  return validators.template(value, scope).map((problem) => finding('schema/arm', name, '', problem));
}
