/**
 * What kustomizations do to the objects of the files they list, besides their
 * namespace (./kustomize-namespaces.ts): `images`, `replicas`, `namePrefix` and
 * `nameSuffix`, applied as kustomize does (kubectl.docs.kubernetes.io/references/
 * kustomize/kustomization/images, /replicas, /nameprefix, /namesuffix), from the
 * innermost kustomization out. So an overlay that pins a base's image tag or
 * raises its replicas is judged as it builds, not as the base is written.
 *
 * What verify does not apply (patches, components, replacements, generators'
 * hashes) it says in a note on each file whose objects it would change, naming
 * the kustomization: deciding which findings a patch could change would take
 * applying it, and a note is what a reader needs to render and verify the build.
 */
import type { Json } from '../arm-values.js';
import { isObject } from '../arm-values.js';
import type { Diagnostic } from '../diagnostics.js';
import type { KubeObject, Source } from './inventory.js';
import type { Kustomization } from './kustomize-namespaces.js';
import { kustomizations, MOST_BUILDS } from './kustomize-namespaces.js';
import { normal } from './kustomize-patches.js';

/** The fields a kustomization may hold whose effect verify does not apply. */
const UNAPPLIED = [
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'components',
  'replacements',
  'vars',
  'helmCharts',
  'transformers',
] as const;

/** The fields whose effect verify applies. */
const TRANSFORMS = ['images', 'replicas', 'namePrefix', 'nameSuffix'] as const;

/** The kinds whose `spec.replicas` the `replicas` field sets (kustomization/replicas). */
const SCALED = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/**
 * The kinds whose names keep no prefix or suffix: kustomize's prefix and suffix
 * transformers skip them (github.com/kubernetes-sigs/kustomize,
 * api/internal/builtins/PrefixTransformer.go, prefixFieldSpecsToSkip).
 */
const NOT_RENAMED = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

/**
 * Each chain of kustomizations (innermost first) that builds each file, by the file's name;
 * undefined when there are more than MOST_BUILDS of them.
 */
function chains(
  sources: readonly Source[],
  found: ReadonlyMap<string, Kustomization>,
): Map<string, Kustomization[][]> | undefined {
  const byPath = new Map(sources.map((s) => [normal(s.name), s.name]));
  const nested = new Set([...found.values()].flatMap((k) => k.listed.filter((path) => found.has(path))));
  const built = new Map<string, Kustomization[][]>();
  // A list, not recursion: folders nest deep. Each entry carries its chain, outermost first;
  // a folder already in its own chain (a ring) is not walked again.
  const pending: Array<readonly [string, readonly string[]]> = [...found.keys()]
    .filter((folder) => !nested.has(folder))
    .map((folder) => [folder, []] as const);
  let walked = 0;
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    walked += 1;
    if (walked > MOST_BUILDS) return undefined;
    const [folder, outer] = next;
    const kustomization = found.get(folder);
    if (!kustomization || outer.includes(folder)) continue;
    const chain = [...outer, folder];
    for (const listed of kustomization.listed) {
      const file = byPath.get(listed);
      if (file === undefined) pending.push([listed, chain]);
      else
        built.set(file, [
          ...(built.get(file) ?? []),
          chain
            .map((f) => found.get(f))
            .filter((k): k is Kustomization => k !== undefined)
            .reverse(),
        ]);
    }
  }
  return built;
}

/** An image reference's parts: `name[:tag][@digest]`, the tag after the last `/`. */
function imageParts(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const named = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? undefined : image.slice(at + 1);
  const colon = named.lastIndexOf(':');
  const tagged = colon > named.lastIndexOf('/');
  return {
    name: tagged ? named.slice(0, colon) : named,
    ...(tagged ? { tag: named.slice(colon + 1) } : {}),
    ...(digest === undefined ? {} : { digest }),
  };
}

/**
 * `image` as an `images` entry rewrites it when its name matches: newName
 * replaces the name; newTag the tag, digest the digest, either dropping the old
 * pair ("newTag: Override the image tag or digest"), both when both are given.
 */
export function retagged(image: string, entry: Json): string {
  const { name, tag, digest } = imageParts(image);
  if (name !== entry['name']) return image;
  const newName = typeof entry['newName'] === 'string' ? entry['newName'] : name;
  const newTag = entry['newTag'] === undefined ? undefined : String(entry['newTag']);
  const newDigest = typeof entry['digest'] === 'string' ? entry['digest'] : undefined;
  const [keptTag, keptDigest] =
    newTag === undefined && newDigest === undefined ? [tag, digest] : [newTag, newDigest];
  return `${newName}${keptTag === undefined ? '' : `:${keptTag}`}${keptDigest === undefined ? '' : `@${keptDigest}`}`;
}

/** Rewrites the image of every container and init container anywhere in `value`, as the images transformer does. */
function retagAll(value: unknown, entries: readonly Json[]): void {
  if (Array.isArray(value)) for (const item of value) retagAll(item, entries);
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(child))
      for (const container of child)
        if (isObject(container) && typeof container['image'] === 'string')
          container['image'] = entries.reduce(
            (image: string, entry) => retagged(image, entry),
            container['image'],
          );
    retagAll(child, entries);
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const entriesOf = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** `object` as one chain of kustomizations builds it (innermost first); itself when none changes it. */
function built(object: KubeObject, chain: readonly Kustomization[]): KubeObject {
  if (!chain.some((k) => TRANSFORMS.some((f) => f in k.fields))) return object;
  const body = JSON.parse(JSON.stringify(object.body)) as Json;
  const original = object.name;
  let name = object.name;
  for (const { fields } of chain) {
    retagAll(body, entriesOf(fields['images']));
    const count = entriesOf(fields['replicas']).findLast((r) => r['name'] === original || r['name'] === name);
    if (
      count !== undefined &&
      typeof count['count'] === 'number' &&
      SCALED.has(object.kind) &&
      isObject(body['spec'])
    )
      body['spec']['replicas'] = count['count'];
    if (!NOT_RENAMED.has(object.kind)) {
      const renamed = (n: string): string => `${text(fields['namePrefix'])}${n}${text(fields['nameSuffix'])}`;
      name = renamed(name);
      // The autoscaler's target is renamed with it, as kustomize's name references are.
      const target = isObject(body['spec']) ? body['spec']['scaleTargetRef'] : undefined;
      if (object.kind === 'HorizontalPodAutoscaler' && isObject(target) && typeof target['name'] === 'string')
        target['name'] = renamed(target['name']);
    }
  }
  if (isObject(body['metadata'])) body['metadata'] = { ...body['metadata'], name };
  return { ...object, name, body };
}

/** The namespace a chain puts its objects in: the outermost kustomization's that sets one. */
const namespaceOf = (chain: readonly Kustomization[]): string | undefined =>
  chain.findLast((k) => k.namespace !== undefined)?.namespace;

/**
 * `objects` (already in their kustomizations' namespaces) as the kustomizations
 * that list their files build them: one copy for each chain that builds the
 * object in its namespace, the same copy once.
 */
export function inKustomizeBuilds(objects: readonly KubeObject[], sources: readonly Source[]): KubeObject[] {
  const found = kustomizations(sources);
  if (found.size === 0) return [...objects];
  const builds = chains(sources, found);
  if (builds === undefined) return [...objects];
  // Chains that transform alike build alike: each file's distinct ones, found once, not per object.
  const distinct = new Map(
    [...builds].map(([file, all]) => {
      const byEffect = new Map<string, Kustomization[]>();
      for (const chain of all) {
        const effect = JSON.stringify(
          chain.map(({ namespace, fields }) => [namespace, ...TRANSFORMS.map((field) => fields[field])]),
        );
        if (!byEffect.has(effect)) byEffect.set(effect, chain);
      }
      return [file, [...byEffect.values()]] as const;
    }),
  );
  return objects.flatMap((object) => {
    const all = distinct.get(object.source);
    if (all === undefined) return [object];
    const here = all.filter((chain) => (namespaceOf(chain) ?? object.namespace) === object.namespace);
    const seen = new Set<string>();
    return (here.length > 0 ? here : all)
      .map((chain) => built(object, chain))
      .filter((copy) => {
        const text = JSON.stringify(copy.body);
        if (seen.has(text)) return false;
        seen.add(text);
        return true;
      });
  });
}

/** A note on each file whose objects a kustomization would change in a way verify does not apply. */
export function unappliedNotes(sources: readonly Source[]): Diagnostic[] {
  const found = kustomizations(sources);
  const builds = chains(sources, found);
  if (builds === undefined) {
    const [first] = found.values();
    return [
      {
        code: 'verify/not-read',
        severity: 'info',
        kind: 'input',
        message: `the kustomizations among the inputs list one another in more than ${MOST_BUILDS.toLocaleString('en-US')} ways: verify applies none of their namespaces, images, replicas, name prefixes or suffixes`,
        ...(first ? { file: first.file } : {}),
        fix: 'Render the overlays (kustomize build <folder> > rendered.yaml) and verify the output to judge the objects as built.',
      },
    ];
  }
  const notes: Diagnostic[] = [];
  for (const [file, all] of builds)
    for (const kustomization of new Set(all.flat())) {
      const fields = UNAPPLIED.filter((f) => f in kustomization.fields);
      if (fields.length === 0) continue;
      notes.push({
        code: 'verify/not-read',
        severity: 'info',
        kind: 'input',
        message: `is built by ${kustomization.file}, whose ${fields.join(', ')} verify does not apply: its objects are judged without them`,
        file,
        fix: 'Render the overlay (kustomize build <folder> > rendered.yaml) and verify the output to judge the objects as built.',
      });
    }
  return notes;
}
