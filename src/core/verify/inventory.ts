/**
 * What the rules read: Azure resources and Kubernetes objects, taken from
 * artifacts (never from Baseplate's model), so the same rules audit what
 * Baseplate did not write. Sources: ARM templates (array or symbolic-name
 * `resources`, nested deployments), resource lists (`resources.json`, `az
 * resource show` / `az aks show` output, alone or in arrays), and Kubernetes
 * YAML with any number of documents. Templates are evaluated
 * (./template/evaluate.ts); a value only deployment knows stays an unresolved
 * string, which the rules report as unknown.
 */
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { duplicateKeys } from '../config/load.js';
import type { Json } from '../arm-values.js';
import { isObject, isUnresolved } from '../arm-values.js';
import type { Diagnostic } from '../diagnostics.js';
import type { LinkedTemplate } from './template/evaluate.js';
import { evaluateTemplate } from './template/evaluate.js';
import { parseJson } from './template/jsonc.js';
import { TemplateError, Unknown } from './template/value.js';
import { inKustomizeNamespaces, kustomizeNamespaces } from './kustomize-namespaces.js';
import { kustomizePatches } from './kustomize-patches.js';
import { inKustomizeBuilds, unappliedNotes } from './kustomize-transforms.js';
import { platformNotes } from './platform-namespaces.js';
import { yamlTooDeep } from './yaml-depth.js';
import { quickYaml } from './yaml-lines.js';

export { parseJson } from './template/jsonc.js';

export type { Json } from '../arm-values.js';

export interface Source {
  readonly name: string;
  readonly text: string;
  /** Found in a folder rather than named: a file that holds nothing the rules read is skipped quietly. */
  readonly optional?: boolean;
}

export interface AzureResource {
  readonly type: string;
  readonly name: string;
  readonly id?: string;
  /** The whole resource as written: properties, sku, identity, scope … */
  readonly body: Json;
  readonly source: string;
  /** Where its file holds it, as a JSON path (`$.resources[2]`); a finding's JSON path starts here. */
  readonly path?: string;
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly body: Json;
  readonly source: string;
  /** Where its file (or its YAML document) holds it, as a JSON path: `$`, or `$.items[3]` in a List. */
  readonly path?: string;
  /** In YAML, the line its document starts on: what tells apart the documents of one file. */
  readonly line?: number;
}

export interface Inventory {
  readonly azure: readonly AzureResource[];
  readonly kubernetes: readonly KubeObject[];
  /** Inputs that could not be read: each names its file and position. */
  readonly problems: readonly Diagnostic[];
}

function unreadable(source: string, message: string, line?: number, column?: number): Diagnostic {
  return {
    code: 'verify/input',
    severity: 'error',
    kind: 'input',
    message,
    file: source,
    position: line !== undefined && column !== undefined ? { line, column } : undefined,
    fix: 'Give an ARM template, a resource list, `az … show` output or Kubernetes YAML.',
  };
}

/**
 * How deep values may nest. Templates and manifests nest a few dozen levels; the
 * rules walk values recursively, so a file nested thousands deep (hostile, or a
 * generator gone wrong) is refused before it reaches them.
 */
export const MAX_DEPTH = 256;

/** True when `value` nests objects or arrays more than MAX_DEPTH levels (counted without recursion). */
export function tooDeep(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= MAX_DEPTH) return true;
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 });
  }
  return false;
}

/** A file of a kind `verify` does not read itself, with what to give it instead: a warning, the run goes on. */
function notRead(source: string, message: string, fix: string): Diagnostic {
  return { code: 'verify/not-read', severity: 'warning', kind: 'input', message, file: source, fix };
}

/** The chart folders (`<root>/`) whose Chart.yaml is among the sources: their templates/ are Helm's, not YAML. */
export function chartRoots(sources: readonly Source[]): readonly string[] {
  return sources
    .filter((s) => /(^|\/)Chart\.ya?ml$/.test(s.name))
    .map((s) => s.name.slice(0, s.name.lastIndexOf('/') + 1));
}

/** Why `name` is not read, and what to give instead; undefined for a file `verify` reads. */
export function notReadable(name: string, charts: readonly string[]): Diagnostic | undefined {
  if (/\.bicep$/i.test(name))
    return notRead(
      name,
      'is Bicep, which verify does not compile: it was not checked',
      `Compile it (az bicep build --file ${name}) and verify the JSON template it writes.`,
    );
  if (/\.ya?ml$/i.test(name) && charts.some((root) => name.startsWith(`${root}templates/`)))
    return notRead(
      name,
      'is a Helm chart template, not YAML until Helm renders it: it was not checked',
      'Render the chart (helm template <release> <chart> > rendered.yaml) and verify the output.',
    );
  return undefined;
}

/** A parameter value given on the command line, as `az deployment group create --parameters` takes them. */
export type GivenParameter =
  /** From a parameters file or inline JSON: the value as written. */
  | { readonly name: string; readonly value: unknown }
  /** `name=value`: text, read by the type the template declares for it. */
  | { readonly name: string; readonly text: string };

export interface InventoryOptions {
  /** `verify --parameters`, in order (a later value wins), over any `<template>.parameters.json` beside a template. */
  readonly parameters?: readonly GivenParameter[];
}

/** `name=value` text as the declared type reads it (ints, bools, arrays and objects as JSON), as az does. */
function typed(text: string, definition: unknown): unknown {
  const type = isObject(definition) ? String(definition['type'] ?? '').toLowerCase() : '';
  if (type === 'int' && /^-?\d+$/.test(text)) return Number(text);
  if (type === 'bool' && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (type === 'array' || type === 'object' || type === 'secureobject') {
    try {
      return parseJson(text);
    } catch {
      return text;
    }
  }
  return text;
}

/** The parameter values of a parameters file (`{ parameters: { x: { value } } }`); a Key Vault reference is unknown. */
export function parameterValues(file: unknown): Record<string, unknown> | undefined {
  if (!isObject(file)) return undefined;
  const parameters = isObject(file['parameters']) ? file['parameters'] : undefined;
  if (!parameters) return undefined;
  return Object.fromEntries(
    Object.entries(parameters).map(([k, v]) => [
      k,
      isObject(v) && 'value' in v ? v['value'] : new Unknown(`[parameters('${k}')]`),
    ]),
  );
}

/** What reading a template needs besides the template. */
interface TemplateContext {
  readonly parameterFiles: ReadonlyMap<string, Record<string, unknown>>;
  readonly given: readonly GivenParameter[];
  readonly linked: (from: string, relativePath: string) => LinkedTemplate | undefined;
  readonly problems: Diagnostic[];
}

/** The resources `template` deploys, evaluated (./template/evaluate.ts); a template past a limit is a problem of its file. */
function templateResources(template: Json, source: string, context: TemplateContext): AzureResource[] {
  const declared = isObject(template['parameters']) ? template['parameters'] : {};
  const parameters: Record<string, unknown> = {
    ...(context.parameterFiles.get(source.replace(/\.json$/, '.parameters.json')) ?? {}),
  };
  for (const given of context.given) {
    const name =
      Object.keys(declared).find((k) => k.toLowerCase() === given.name.toLowerCase()) ?? given.name;
    parameters[name] = 'text' in given ? typed(given.text, declared[name]) : given.value;
  }
  try {
    const evaluation = evaluateTemplate(template, { source, parameters, linked: context.linked });
    for (const note of evaluation.notes)
      context.problems.push({
        code: 'verify/not-read',
        severity: 'info',
        kind: 'input',
        message: note.message,
        file: note.source,
      });
    return evaluation.resources.map((r) => ({ ...r, id: undefined }));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    context.problems.push(unreadable(source, `${error.message}: its resources were not read`));
    return [];
  }
}

/** Keys of a resource's envelope; everything else of a flattened resource belongs in `properties`. */
const ENVELOPE = new Set([
  'id',
  'name',
  'type',
  'location',
  'identity',
  'sku',
  'tags',
  'zones',
  'kind',
  'etag',
  'systemData',
  'extendedLocation',
  'managedBy',
  'plan',
  'resourceGroup',
  'apiVersion',
  'scope',
  'dependsOn',
  'stage',
]);

function listed(value: Json, source: string, path: string): AzureResource {
  // `az aks show` and some other commands flatten `properties` into the resource; properties
  // only deployment knows (an expression) stay as they are, never read as absent.
  const body =
    isObject(value['properties']) || isUnresolved(value['properties'])
      ? value
      : {
          ...Object.fromEntries(Object.entries(value).filter(([k]) => ENVELOPE.has(k))),
          properties: Object.fromEntries(Object.entries(value).filter(([k]) => !ENVELOPE.has(k))),
        };
  return {
    type: String(value['type'] ?? ''),
    name: String(value['name'] ?? ''),
    id: typeof value['id'] === 'string' ? value['id'] : undefined,
    body,
    source,
    path,
  };
}

/**
 * The resources of a JSON value. In a list, an item that is no resource (null,
 * a number, an object with no type and name) is left out and its place added to
 * `skipped`, so that one stray item does not hide the others; a list with no
 * resource at all is no resource list.
 */
function fromJson(
  value: unknown,
  source: string,
  context: TemplateContext,
  skipped: string[] = [],
  at = '',
): AzureResource[] | undefined {
  if (Array.isArray(value)) {
    const found: AzureResource[] = [];
    const stray: string[] = [];
    value.forEach((item, index) => {
      const read = fromJson(item, source, context, skipped, `${at}[${index}]`);
      if (read === undefined) stray.push(`${at}[${index}]`);
      else found.push(...read);
    });
    if (value.length > 0 && stray.length === value.length) return undefined;
    skipped.push(...stray);
    return found;
  }
  if (!isObject(value)) return undefined;
  const schema = String(value['$schema'] ?? '');
  if (schema.includes('deploymentParameters')) return [];
  if (/deploymenttemplate/i.test(schema) || 'contentVersion' in value || 'languageVersion' in value)
    return templateResources(value, source, context);
  if (Array.isArray(value['resources']))
    return fromJson(value['resources'], source, context, skipped, `${at}.resources`);
  if (Array.isArray(value['value'])) return fromJson(value['value'], source, context, skipped, `${at}.value`);
  if (typeof value['type'] === 'string' && typeof value['name'] === 'string')
    return [listed(value, source, `$${at}`)];
  return undefined;
}

/** Items of a resource list that are no resource: a warning, the others are judged. */
function strayItems(source: string, places: readonly string[]): Diagnostic {
  const shown = places.length > 5 ? [...places.slice(0, 5), `${places.length - 5} more`] : places;
  return {
    code: 'verify/input',
    severity: 'warning',
    kind: 'input',
    message: `holds items that are no Azure resource (no type and name), which were not read: ${shown.join(', ')}`,
    file: source,
    fix: 'Give each item of the list its type and name, or remove it.',
  };
}

/** The Kubernetes objects of a JSON value: an object, or a `kind: List` of them. */
function kubeObjectsOf(value: unknown, source: string): KubeObject[] {
  if (!isObject(value)) return [];
  const list = value['kind'] === 'List' && Array.isArray(value['items']);
  const items = list ? (value['items'] as unknown[]) : [value];
  return items.flatMap((item, i) => {
    const object = isObject(item) ? kubeObject(item, source, list ? `$.items[${i}]` : '$') : undefined;
    return object ? [object] : [];
  });
}

function kubeObject(value: Json, source: string, path: string): KubeObject | undefined {
  const metadata = value['metadata'];
  if (typeof value['apiVersion'] !== 'string' || typeof value['kind'] !== 'string' || !isObject(metadata))
    return undefined;
  return {
    apiVersion: value['apiVersion'],
    kind: value['kind'],
    name: String(metadata['name'] ?? ''),
    namespace: typeof metadata['namespace'] === 'string' ? metadata['namespace'] : undefined,
    body: value,
    source,
    path,
  };
}

/**
 * How far aliases may expand: the uses of an anchor times the nodes it holds,
 * as the yaml package counts them (its `maxAliasCount`). Its default, 100,
 * refuses ordinary files that name one anchor a hundred times; this still
 * stops a "billion laughs" document, whose expansion grows exponentially.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * Each document of a YAML text as a value, or the problem that keeps it from
 * being read. What Baseplate's serializer writes is read by the quick reader;
 * anything else (and anything wrong, which the package locates) by the yaml
 * package, to the same values. A text nested deeper than MAX_DEPTH is refused
 * before the package parses it (it recurses per level), and keys written twice
 * are found in one pass per map (the package's own check is quadratic: 40 s
 * for a ConfigMap of 50,000 keys).
 */
export function yamlDocuments(
  name: string,
  text: string,
): Array<{ value: unknown; line: number } | { problem: Diagnostic }> {
  const bare = text.replace(/^\uFEFF/, '');
  const quick = quickYaml(bare);
  if (quick) {
    // The quick reader's documents are the text between lines of `---`, the first on line 1.
    const starts = [1];
    bare.split('\n').forEach((line, i) => line === '---' && starts.push(i + 2));
    return quick.map((value, i) => ({ value, line: starts[i] ?? 1 }));
  }
  const deep = yamlTooDeep(bare, MAX_DEPTH);
  if (deep)
    return [
      {
        problem: unreadable(
          name,
          `nests values more than ${MAX_DEPTH} levels deep, which verify does not read`,
          deep.line,
          deep.column,
        ),
      },
    ];
  const lineCounter = new LineCounter();
  return parseAllDocuments(bare, { merge: true, uniqueKeys: false, lineCounter }).map((document) => {
    const [error] = [...document.errors, ...duplicateKeys(document)].sort((a, b) => a.pos[0] - b.pos[0]);
    if (error) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      // The position is the diagnostic's own; the package repeats it in its message.
      const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      return { problem: unreadable(name, `is not valid YAML: ${message}`, line, col) };
    }
    const start = document.contents?.range[0] ?? document.range[0];
    try {
      return {
        value: document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) as unknown,
        line: lineCounter.linePos(start).line,
      };
    } catch (failure) {
      const message = String((failure as Error).message);
      return {
        problem: unreadable(
          name,
          /resource exhaustion/.test(message)
            ? `uses aliases that expand to more than ${MAX_ALIAS_EXPANSION} values (an alias bomb?), which verify does not read`
            : `is not valid YAML: ${message}`,
        ),
      };
    }
  });
}

/** A kustomize patch is merged into the object it targets: a note that it is not judged alone. */
function patchNote(source: string, kustomization: string): Diagnostic {
  return {
    code: 'verify/not-read',
    severity: 'info',
    kind: 'input',
    message: `is a patch that ${kustomization} applies: part of an object, not judged alone`,
    file: source,
    fix: 'Render the overlay (kustomize build <folder> > rendered.yaml) and verify the output to judge the patched objects.',
  };
}

/**
 * A Flux HelmRelease installs a chart whose objects are not among the inputs:
 * a note, as for a chart folder (notReadable), so that its silence is not
 * read as a pass (fluxcd.io, "Helm Releases": spec.chart, spec.values).
 */
function helmReleaseNotes(objects: readonly KubeObject[]): Diagnostic[] {
  return objects
    .filter((o) => o.kind === 'HelmRelease' && o.apiVersion.startsWith('helm.toolkit.fluxcd.io/'))
    .map((o) => ({
      code: 'verify/not-read',
      severity: 'info',
      kind: 'input',
      message: `HelmRelease ${o.name} installs a chart whose objects are not among the inputs: they were not checked`,
      file: o.source,
      ...(o.line === undefined ? {} : { position: { line: o.line, column: 1 } }),
      fix: `Render its chart with these values (helm template ${o.name} <chart> --values <its spec.values> > rendered.yaml) and verify the output.`,
    }));
}

/** Reads every source; what cannot be read is a problem naming its file, and the others are still read. */
export function inventoryFrom(sources: readonly Source[], options: InventoryOptions = {}): Inventory {
  const azure: AzureResource[] = [];
  const kubernetes: KubeObject[] = [];
  const problems: Diagnostic[] = [];
  const parameterFiles = new Map<string, Record<string, unknown>>();
  for (const { name, text } of sources.filter((s) => s.name.endsWith('.parameters.json'))) {
    try {
      const values = parameterValues(parseJson(text));
      if (values) parameterFiles.set(name, values);
    } catch {
      // Reported below with the other JSON sources.
    }
  }
  const byName = new Map(sources.map((s) => [s.name, s]));
  /** Files a linked deployment read: their resources are those it deployed, not read again on their own. */
  const linkedFiles = new Set<string>();
  const context: TemplateContext = {
    parameterFiles,
    given: options.parameters ?? [],
    problems,
    linked: (from, relativePath) => {
      const name = relativeTo(from, relativePath);
      const found = byName.get(name);
      if (found === undefined) return undefined;
      try {
        const template = parseJson(found.text);
        if (tooDeep(template)) return undefined;
        linkedFiles.add(name);
        return { name, template };
      } catch {
        return undefined;
      }
    },
  };
  const standalone = new Map<string, readonly AzureResource[]>();
  // Stage templates last: one that a resources.json read before lists is only checked to be JSON
  // (the list stands for its resources: withoutListedStages), its resources not read again.
  const ordered = [
    ...sources.filter((s) => stageOf(s.name) === undefined),
    ...sources.filter((s) => stageOf(s.name) !== undefined),
  ];
  let listed: ReadonlySet<string> | undefined;
  const charts = chartRoots(sources);
  const patches = kustomizePatches(sources);
  for (const { name, text, optional } of ordered) {
    const skipped = notReadable(name, charts);
    if (skipped) {
      problems.push(skipped);
      continue;
    }
    const patching = patches.get(name);
    if (patching !== undefined) {
      problems.push(patchNote(name, patching));
      continue;
    }
    const stage = stageOf(name);
    const standsListed = stage !== undefined && (listed ??= listedStages(azure)).has(stage);
    if (/\.ya?ml$/i.test(name)) {
      let read = 0;
      for (const document of yamlDocuments(name, text)) {
        if ('problem' in document) {
          problems.push(document.problem);
          continue;
        }
        const { value } = document;
        if (value === null || value === undefined) continue;
        if (tooDeep(value)) {
          problems.push(
            unreadable(name, `nests values more than ${MAX_DEPTH} levels deep, which verify does not read`),
          );
          continue;
        }
        // `kind: List` (kubectl get -o yaml) holds its objects in `items`.
        const list = isObject(value) && value['kind'] === 'List' && Array.isArray(value['items']);
        const objects = list ? (value['items'] as unknown[]) : [value];
        for (const [i, item] of objects.entries()) {
          // kustomize's own kustomization.yaml (no metadata) is read but holds nothing the rules judge.
          if (isObject(item) && item['kind'] === 'Kustomization' && !isObject(item['metadata'])) read += 1;
          const object = isObject(item) ? kubeObject(item, name, list ? `$.items[${i}]` : '$') : undefined;
          if (!object) continue;
          read += 1;
          if (object.kind !== 'Kustomization' || object.apiVersion.startsWith('kustomize.toolkit.fluxcd.io'))
            kubernetes.push({ ...object, line: document.line });
        }
      }
      if (read === 0 && !optional && !problems.some((p) => p.file === name))
        problems.push(unreadable(name, 'holds no Kubernetes object (apiVersion, kind and metadata)'));
      continue;
    }
    let value: unknown;
    try {
      value = parseJson(text);
    } catch (error) {
      // JSON is YAML: the YAML parser says where the text goes wrong, which JSON.parse does not on every Node.
      // Not when it nests too deep for the YAML parser: the message of JSON.parse does then.
      const [located] = yamlTooDeep(text, MAX_DEPTH) ? [] : parseDocument(text).errors;
      const position = located?.linePos?.[0];
      const message = (located?.message ?? String((error as Error).message)).split('\n')[0] ?? '';
      problems.push(unreadable(name, `is not valid JSON: ${message}`, position?.line, position?.col));
      continue;
    }
    if (standsListed) continue;
    if (tooDeep(value)) {
      problems.push(
        unreadable(name, `nests values more than ${MAX_DEPTH} levels deep, which verify does not read`),
      );
      continue;
    }
    // Kubernetes objects written as JSON (kubectl get -o json), one or a List.
    const objects = kubeObjectsOf(value, name);
    if (objects.length > 0) {
      kubernetes.push(...objects);
      continue;
    }
    const stray: string[] = [];
    const resources = fromJson(value, name, context, stray);
    if (resources !== undefined) {
      azure.push(...resources);
      standalone.set(name, resources);
      if (stray.length > 0) problems.push(strayItems(name, stray));
    } else if (!optional) problems.push(unreadable(name, 'holds neither Azure resources nor a template'));
  }
  const readAgain = new Set([...linkedFiles].flatMap((file) => standalone.get(file) ?? []));
  const built = inKustomizeBuilds(inKustomizeNamespaces(kubernetes, kustomizeNamespaces(sources)), sources);
  return {
    azure: withoutListedStages(readAgain.size > 0 ? azure.filter((r) => !readAgain.has(r)) : azure),
    kubernetes: built,
    problems: [...problems, ...unappliedNotes(sources), ...helmReleaseNotes(built), ...platformNotes(built)],
  };
}

/** `relativePath` from the folder of the source `from`, `.` and `..` resolved, as a source name. */
function relativeTo(from: string, relativePath: string): string {
  const parts = folderOf(from)
    .split('/')
    .filter((p) => p !== '');
  for (const part of relativePath.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return `${from.startsWith('/') ? '/' : ''}${parts.join('/')}`;
}

/** The stage a stage template's name stands for (`<folder>/<stage>`), as resources.json names it; undefined for any other file. */
function stageOf(source: string): string | undefined {
  if (source.endsWith('.parameters.json')) return undefined;
  const found = /^(.*?)(?:network-team\/)?\d+-([^/]+)\.json$/.exec(source);
  return found ? `${found[1] ?? ''}${found[2] ?? ''}` : undefined;
}

/** The stages (`<folder>/<stage>`) a resources.json among `azure` lists. */
function listedStages(azure: readonly AzureResource[]): ReadonlySet<string> {
  const listed = new Set<string>();
  for (const r of azure) {
    const stage = r.body['stage'];
    if (typeof stage === 'string') listed.add(`${folderOf(r.source)}${stage}`);
  }
  return listed;
}

/** The folder of a source's name, with its trailing `/` ('' at the top). */
const folderOf = (name: string): string => name.slice(0, name.lastIndexOf('/') + 1);

/**
 * Baseplate's `azure/resources.json` lists the resources of the stage templates
 * beside it (`NN-<stage>.json`, the hub owner's under `network-team/`), each item
 * naming its `stage`, with the parameters resolved. Read together (`verify out/`
 * reads the folder, `plan` its files), the list stands for those templates, so
 * that no resource is judged twice and both give the same findings.
 */
function withoutListedStages(azure: readonly AzureResource[]): AzureResource[] {
  const listed = listedStages(azure);
  if (listed.size === 0) return [...azure];
  return azure.filter((r) => {
    if (typeof r.body['stage'] === 'string') return true;
    const stage = stageOf(r.source);
    return stage === undefined || !listed.has(stage);
  });
}
