/**
 * The files a kustomization names as patches. A patch is part of an object
 * (a Deployment with only `spec.replicas`, say) that kustomize merges into the
 * object it targets; read alone it is no object, and a schema or a rule would
 * judge what no cluster holds. Kustomize's fields: `patches[].path`, the older
 * `patchesStrategicMerge[]` (a path, or the patch itself inline) and
 * `patchesJson6902[].path` (kubectl.docs.kubernetes.io, "Kustomization file":
 * patches, patchesStrategicMerge, patchesJson6902).
 */
import { isObject } from '../arm-values.js';
import type { Source } from './inventory.js';
import { yamlDocuments } from './inventory.js';

/** The names kustomize looks for a folder's kustomization under. */
export const KUSTOMIZATION = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** `a/./b/../c` as `a/c`; a path that climbs above its start keeps its `..`. */
export function normal(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || (part === '' && parts.length > 0)) continue;
    if (part === '..' && parts.length > 0 && parts.at(-1) !== '..' && parts.at(-1) !== '') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** Each patch file among `sources` (by its name), with the kustomization that names it. */
export function kustomizePatches(sources: readonly Source[]): ReadonlyMap<string, string> {
  const named = new Map<string, string>();
  for (const { name, text } of sources) {
    if (!KUSTOMIZATION.test(name)) continue;
    const folder = name.slice(0, name.lastIndexOf('/') + 1);
    for (const document of yamlDocuments(name, text)) {
      if (!('value' in document) || !isObject(document.value)) continue;
      const { patches, patchesStrategicMerge, patchesJson6902 } = document.value;
      const paths = [
        ...(Array.isArray(patches) ? patches : []).map((p) => (isObject(p) ? p['path'] : undefined)),
        ...(Array.isArray(patchesJson6902) ? patchesJson6902 : []).map((p) =>
          isObject(p) ? p['path'] : undefined,
        ),
        // An entry of several lines is the patch itself, not a file.
        ...(Array.isArray(patchesStrategicMerge) ? patchesStrategicMerge : []).filter(
          (p) => typeof p === 'string' && !p.includes('\n'),
        ),
      ];
      for (const path of paths)
        if (typeof path === 'string' && path !== '') named.set(normal(`${folder}${path}`), name);
    }
  }
  const patches = new Map<string, string>();
  if (named.size === 0) return patches;
  for (const { name } of sources) {
    const by = named.get(normal(name));
    if (by !== undefined) patches.set(name, by);
  }
  return patches;
}
