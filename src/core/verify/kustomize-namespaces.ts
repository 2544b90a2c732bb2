/**
 * The namespace a kustomization puts the objects of its files in. Its
 * `namespace` field "Will override the existing namespace if it is set on a
 * resource, or add it if it is not set on a resource"
 * (kubectl.docs.kubernetes.io/references/kustomize/kustomization/namespace),
 * for every object it builds: those of the files among its `resources` (and the
 * older `bases`), and those of the folders listed there, whose own
 * kustomization's namespace it overrides in turn. Cluster-scoped objects keep
 * none. So verifying one folder places its objects where verifying the whole
 * repository, or a cluster, does.
 */
import type { Json } from '../arm-values.js';
import { isObject } from '../arm-values.js';
import type { KubeObject, Source } from './inventory.js';
import { yamlDocuments } from './inventory.js';
import { KUSTOMIZATION, normal } from './kustomize-patches.js';

/**
 * The built-in kinds kustomize leaves without a namespace: the cluster-scoped
 * entries of kyaml's table (github.com/kubernetes-sigs/kustomize,
 * kyaml/openapi/openapi.go, precomputedIsNamespaceScoped). Any other kind, a
 * custom resource's included, is namespaced to kustomize.
 */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CSIDriver',
  'CSINode',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PodSecurityPolicy',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

/**
 * How many ways of building their files the kustomizations among the inputs may have: each folder
 * listed by two others doubles them, so layers of them would take a run past any time. Beyond it,
 * verify applies none of their transforms and says so.
 */
export const MOST_BUILDS = 10_000;

export interface Kustomization {
  /** Its file. */
  readonly file: string;
  /** The kustomization as written: ./kustomize-transforms.ts reads its other fields. */
  readonly fields: Json;
  readonly namespace?: string;
  /** What `resources` and `bases` list, as paths from the top. */
  readonly listed: readonly string[];
}

/** The folder of a source's name, without its trailing `/` ('' at the top). */
const folderOf = (name: string): string => name.slice(0, Math.max(name.lastIndexOf('/'), 0));

/** The kustomizations among `sources`, by their folder. */
export function kustomizations(sources: readonly Source[]): Map<string, Kustomization> {
  const found = new Map<string, Kustomization>();
  for (const { name, text } of sources) {
    if (!KUSTOMIZATION.test(name)) continue;
    const folder = normal(folderOf(name));
    for (const document of yamlDocuments(name, text)) {
      if (!('value' in document) || !isObject(document.value)) continue;
      const { namespace, resources, bases } = document.value;
      const listed = [resources, bases]
        .flatMap((list) => (Array.isArray(list) ? list : []))
        .filter((entry): entry is string => typeof entry === 'string' && entry !== '')
        .map((entry) => normal(folder === '' ? entry : `${folder}/${entry}`));
      found.set(folder, {
        file: name,
        fields: document.value,
        ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}),
        listed,
      });
    }
  }
  return found;
}

/**
 * Each source kustomizations among `sources` put in a namespace (by its name), with those
 * namespaces: one base listed by two overlays is built in each overlay's namespace.
 */
export function kustomizeNamespaces(sources: readonly Source[]): ReadonlyMap<string, readonly string[]> {
  const placed = new Map<string, string[]>();
  const found = kustomizations(sources);
  if (![...found.values()].some((k) => k.namespace !== undefined)) return placed;
  const byPath = new Map(sources.map((s) => [normal(s.name), s.name]));
  // The outermost kustomizations decide: start from those no other lists.
  const nested = new Set([...found.values()].flatMap((k) => k.listed.filter((path) => found.has(path))));
  // Each kustomization once for each namespace it is built under: a folder listed from many
  // places (or a ring of them) is not walked again. A list, not recursion: folders nest deep.
  const done = new Set<string>();
  const reached = new Set<string>();
  let walked = 0;
  const place = (start: string, into: Map<string, string[]>): void => {
    const pending: Array<readonly [string, string | undefined]> = [[start, undefined]];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      const [folder, outer] = next;
      const kustomization = found.get(folder);
      const namespace = outer ?? kustomization?.namespace;
      const key = `${folder}\0${namespace ?? ''}`;
      if (!kustomization || done.has(key)) continue;
      done.add(key);
      reached.add(folder);
      walked += 1;
      if (walked > MOST_BUILDS) return;
      for (const listed of kustomization.listed) {
        const file = byPath.get(listed);
        if (file === undefined) pending.push([listed, namespace]);
        else if (namespace !== undefined) {
          const namespaces = into.get(file) ?? [];
          if (!namespaces.includes(namespace)) into.set(file, [...namespaces, namespace]);
        }
      }
    }
  };
  for (const folder of found.keys()) if (!nested.has(folder)) place(folder, placed);
  // Kustomizations that list each other in a ring have no outermost: walked from one of its folders.
  for (const folder of found.keys()) if (!reached.has(folder)) place(folder, placed);
  // Past the bound none is applied (kustomize-transforms.ts says so in a note).
  return walked > MOST_BUILDS ? new Map() : placed;
}

/** `objects` in the namespaces their kustomizations put them in: one copy for each. */
export function inKustomizeNamespaces(
  objects: readonly KubeObject[],
  placed: ReadonlyMap<string, readonly string[]>,
): KubeObject[] {
  if (placed.size === 0) return [...objects];
  return objects.flatMap((object) => {
    const namespaces = placed.get(object.source);
    if (namespaces === undefined || CLUSTER_SCOPED.has(object.kind)) return [object];
    // The body's too: a rule reading metadata.namespace sees what kustomize builds.
    return namespaces.map((namespace) =>
      object.namespace === namespace
        ? object
        : {
            ...object,
            namespace,
            body: {
              ...object.body,
              metadata: { ...(isObject(object.body['metadata']) ? object.body['metadata'] : {}), namespace },
            },
          },
    );
  });
}
