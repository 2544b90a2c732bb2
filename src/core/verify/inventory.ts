/**
 * What the rules read: Azure resources and Kubernetes objects, taken from
 * artifacts (never from Baseplate's model), so the same rules audit what
 * Baseplate did not write. Sources: ARM templates (array or symbolic-name
 * `resources`, nested deployments), resource lists (`resources.json`, `az
 * resource show` / `az aks show` output, alone or in arrays), and Kubernetes
 * YAML with any number of documents. A value ARM computes at deployment that
 * cannot be resolved here stays an expression string; the rules report such
 * values as unknown.
 */
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { duplicateKeys } from '../config/load.js';
import type { Json } from '../arm-values.js';
import { isObject, parameterOf } from '../arm-values.js';
import type { Diagnostic } from '../diagnostics.js';
import { kustomizePatches } from './kustomize-patches.js';
import { yamlTooDeep } from './yaml-depth.js';
import { quickYaml } from './yaml-lines.js';

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
}

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly body: Json;
  readonly source: string;
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

/**
 * `[resourceId('type', 'name', …)]` with literal arguments (an optional group and
 * subscription first), as the ID it resolves to; anything else stays as written.
 */
function resolveResourceId(value: string): string {
  const inner = /^\[resourceId\((.*)\)\]$/.exec(value)?.[1];
  if (inner === undefined) return value;
  const args = inner.split(',').map((a) => /^\s*'([^']*)'\s*$/.exec(a)?.[1]);
  if (args.some((a) => a === undefined)) return value;
  const literals = args as string[];
  const typeAt = literals.findIndex((a) => a.includes('/'));
  if (typeAt < 0) return value;
  const [subscription, group] =
    typeAt === 2
      ? literals
      : typeAt === 1
        ? ['<subscription-id>', literals[0]]
        : ['<subscription-id>', '<resource-group>'];
  const [namespace, ...types] = (literals[typeAt] ?? '').split('/');
  const names = literals.slice(typeAt + 1);
  const path = [namespace, ...types.flatMap((t, i) => [t, names[i] ?? ''])].join('/');
  return `/subscriptions/${subscription ?? ''}/resourceGroups/${group ?? ''}/providers/${path}`;
}

/** `[parameters('x')]` with the template's default or the parameters file's value, literal `resourceId` calls resolved. */
function resolveParameters(value: unknown, parameters: Readonly<Record<string, unknown>>): unknown {
  if (typeof value === 'string') {
    const name = parameterOf(value);
    return name !== undefined && name in parameters ? parameters[name] : resolveResourceId(value);
  }
  if (Array.isArray(value)) return value.map((item) => resolveParameters(item, parameters));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveParameters(v, parameters)]));
  }
  return value;
}

function templateResources(
  template: Json,
  source: string,
  given: Readonly<Record<string, unknown>>,
): AzureResource[] {
  const declared = isObject(template['parameters']) ? template['parameters'] : {};
  const parameters: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(declared)) {
    if (name in given) parameters[name] = given[name];
    else if (isObject(definition) && 'defaultValue' in definition)
      parameters[name] = definition['defaultValue'];
  }
  const raw = template['resources'];
  // Compiled Bicep with symbolic names writes `resources` as an object keyed by name.
  const list = Array.isArray(raw) ? raw : isObject(raw) ? Object.values(raw) : [];
  return list.filter(isObject).flatMap((resource): AzureResource[] => {
    const body = resolveParameters(resource, parameters) as Json;
    // A reference to a resource deployed elsewhere, or one this deployment skips, is not judged here.
    if (body['existing'] === true || body['condition'] === false) return [];
    const type = String(body['type'] ?? '');
    const nested = isObject(body['properties']) ? body['properties']['template'] : undefined;
    if (type.toLowerCase() === 'microsoft.resources/deployments' && isObject(nested)) {
      const inner = isObject((body['properties'] as Json)['parameters'])
        ? Object.fromEntries(
            Object.entries((body['properties'] as Json)['parameters'] as Json).map(([k, v]) => [
              k,
              isObject(v) ? v['value'] : v,
            ]),
          )
        : {};
      return templateResources(nested, source, inner);
    }
    return [{ type, name: String(body['name'] ?? ''), id: undefined, body, source }];
  });
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

function listed(value: Json, source: string): AzureResource {
  // `az aks show` and some other commands flatten `properties` into the resource.
  const body = isObject(value['properties'])
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
  };
}

function fromJson(
  value: unknown,
  source: string,
  parameterFiles: ReadonlyMap<string, Json>,
): AzureResource[] | undefined {
  if (Array.isArray(value)) {
    const all = value.map((item) => fromJson(item, source, parameterFiles));
    return all.every((r) => r !== undefined) ? all.flat() : undefined;
  }
  if (!isObject(value)) return undefined;
  const schema = String(value['$schema'] ?? '');
  if (schema.includes('deploymentParameters')) return [];
  if (/deploymenttemplate/i.test(schema) || 'contentVersion' in value || 'languageVersion' in value) {
    const given = parameterFiles.get(source.replace(/\.json$/, '.parameters.json')) ?? {};
    return templateResources(value, source, given);
  }
  if (Array.isArray(value['resources'])) return fromJson(value['resources'], source, parameterFiles);
  if (Array.isArray(value['value'])) return fromJson(value['value'], source, parameterFiles);
  if (typeof value['type'] === 'string' && typeof value['name'] === 'string') return [listed(value, source)];
  return undefined;
}

/** The Kubernetes objects of a JSON value: an object, or a `kind: List` of them. */
function kubeObjectsOf(value: unknown, source: string): KubeObject[] {
  if (!isObject(value)) return [];
  const items = value['kind'] === 'List' && Array.isArray(value['items']) ? value['items'] : [value];
  return items.flatMap((item) => {
    const object = isObject(item) ? kubeObject(item, source) : undefined;
    return object ? [object] : [];
  });
}

function kubeObject(value: Json, source: string): KubeObject | undefined {
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
  };
}

/** JSON as ARM reads it: a byte order mark and comments are allowed. */
function jsonText(text: string): string {
  const bare = text.replace(/^\uFEFF/, '');
  // Copied in runs between the comments, never a character at a time.
  const parts: string[] = [];
  let start = 0;
  let inString = false;
  let i = 0;
  while (i < bare.length) {
    const c = bare[i];
    if (inString) {
      if (c === '\\') i += 2;
      else {
        if (c === '"') inString = false;
        i += 1;
      }
    } else if (c === '"') {
      inString = true;
      i += 1;
    } else if (c === '/' && bare[i + 1] === '/') {
      parts.push(bare.slice(start, i), '\n');
      const end = bare.indexOf('\n', i);
      i = (end < 0 ? bare.length : end) + 1;
      start = i;
    } else if (c === '/' && bare[i + 1] === '*') {
      const end = bare.indexOf('*/', i + 2);
      const stop = end < 0 ? bare.length : end + 2;
      parts.push(bare.slice(start, i), bare.slice(i, stop).replace(/[^\n]/g, ' '));
      i = stop;
      start = i;
    } else i += 1;
  }
  parts.push(bare.slice(start));
  return parts.join('');
}

/** JSON with comments allowed; JSON without them (what most files are) is parsed as it is. */
export function parseJson(text: string): unknown {
  try {
    // Valid JSON holds no comment: read without one, it is the same text.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch {
    return JSON.parse(jsonText(text)) as unknown;
  }
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
): Array<{ value: unknown } | { problem: Diagnostic }> {
  const bare = text.replace(/^\uFEFF/, '');
  const quick = quickYaml(bare);
  if (quick) return quick.map((value) => ({ value }));
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
    try {
      return { value: document.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION }) as unknown };
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

/** Reads every source; what cannot be read is a problem naming its file, and the others are still read. */
export function inventoryFrom(sources: readonly Source[]): Inventory {
  const azure: AzureResource[] = [];
  const kubernetes: KubeObject[] = [];
  const problems: Diagnostic[] = [];
  const parameterFiles = new Map<string, Json>();
  for (const { name, text } of sources.filter((s) => s.name.endsWith('.parameters.json'))) {
    try {
      const file = JSON.parse(text) as unknown;
      if (isObject(file) && isObject(file['parameters'])) {
        parameterFiles.set(
          name,
          Object.fromEntries(
            Object.entries(file['parameters']).map(([k, v]) => [k, isObject(v) ? v['value'] : undefined]),
          ),
        );
      }
    } catch {
      // Reported below with the other JSON sources.
    }
  }
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
        const objects =
          isObject(value) && value['kind'] === 'List' && Array.isArray(value['items'])
            ? value['items']
            : [value];
        for (const item of objects) {
          // kustomize's own kustomization.yaml (no metadata) is read but holds nothing the rules judge.
          if (isObject(item) && item['kind'] === 'Kustomization' && !isObject(item['metadata'])) read += 1;
          const object = isObject(item) ? kubeObject(item, name) : undefined;
          if (!object) continue;
          read += 1;
          if (object.kind !== 'Kustomization' || object.apiVersion.startsWith('kustomize.toolkit.fluxcd.io'))
            kubernetes.push(object);
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
    const resources = fromJson(value, name, parameterFiles);
    if (resources !== undefined) azure.push(...resources);
    else if (!optional) problems.push(unreadable(name, 'holds neither Azure resources nor a template'));
  }
  return { azure: withoutListedStages(azure), kubernetes, problems };
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
