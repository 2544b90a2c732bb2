/**
 * Workloads pull images only from the container registries among the inputs.
 *
 * Where the cluster's images come from: the spec pulls them only from the
 * Azure Container Registry it deploys ("Container image reference"), importing
 * public images into it. The registries a workload may pull from are the
 * registries among the inputs; an image's registry is read as the container
 * runtime reads a reference (distribution/reference: a first path component
 * with a dot or a port, or `localhost`, is a registry host; anything else is
 * Docker Hub), after the image overrides of the Flux Kustomization that
 * applies the manifest (fluxcd.io "Kustomization", `spec.images`).
 */
import type { Inventory, Json, KubeObject } from '../../inventory.js';
import { at, isObject, literalString } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { allContainers, lastSegment, ofKind, ofType } from '../select.js';
import { perPod, substituted } from './pods.js';

const REGISTRIES = 'Microsoft.ContainerRegistry/registries';

/** The registry host of an image reference, in lower case; Docker Hub when it names none. */
export function registryOf(image: string): string {
  const slash = image.indexOf('/');
  const first = slash < 0 ? '' : image.slice(0, slash);
  return first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first.toLowerCase()
    : 'docker.io';
}

/** An image reference without its tag or digest: what a Kustomization's `images[].name` matches. */
function imageName(image: string): string {
  const bare = image.split('@')[0] ?? image;
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  return colon > slash ? bare.slice(0, colon) : bare;
}

/** The login servers of the registries among the inputs; undefined for a registry named by an expression. */
function loginServers(inventory: Inventory): Array<string | undefined> {
  return ofType(inventory, REGISTRIES).map((registry) => {
    const server = literalString(at(registry.body, 'properties.loginServer'));
    if (server !== undefined && !substituted(server)) return server.toLowerCase();
    // A registry's login server is its name in lower case under azurecr.io (public cloud).
    const name = literalString(lastSegment(registry.name));
    return name === undefined || substituted(name) ? undefined : `${name.toLowerCase()}.azurecr.io`;
  });
}

/** The folder (no leading `./`, no trailing `/`) a Flux Kustomization applies. */
const folderOf = (path: unknown) =>
  String(path ?? '')
    .replace(/^\.?\/+/, '')
    .replace(/\/+$/, '');

/** Whether a file lies in a folder of the repository, the file named from anywhere above the repository's root. */
function inFolder(source: string, folder: string): boolean {
  return folder === '' || source.startsWith(`${folder}/`) || source.includes(`/${folder}/`);
}

/** The image overrides (`spec.images`) of the Flux Kustomizations that apply `object`'s file. */
function overridesFor(inventory: Inventory, object: KubeObject): Json[] {
  return ofKind(inventory, 'Kustomization')
    .filter((k) => k.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/'))
    .filter((k) => inFolder(object.source, folderOf(at(k.body, 'spec.path'))))
    .flatMap((k) => {
      const images = at(k.body, 'spec.images');
      return Array.isArray(images) ? images.filter(isObject) : [];
    });
}

/** The image a container runs once Flux has applied its Kustomization's overrides. */
function effectiveImage(image: string, overrides: readonly Json[]): string {
  const override = overrides.find((o) => o['name'] === imageName(image));
  const renamed = override ? literalString(override['newName']) : undefined;
  return renamed ?? image;
}

export default defineRule({
  ref: 'BP1107',
  id: 'k8s/approved-registries',
  title: "Workloads pull images only from the deployment's container registries",
  severity: 'warning',
  pillar: 'Security',
  area: 'registry',
  spec: {
    section: 'Container image reference',
    quote:
      'In this reference implementation, the cluster only pulls images from the Container Registry instance that deploys.',
  },
  why: 'An image pulled from a public registry is a dependency nobody scanned or controls: it can vanish, change under its tag or be rate-limited, and the firewall should not let the nodes reach it anyway.',
  fix: 'Import the image into the Azure Container Registry (az acr import) and reference it there, directly or through the Flux Kustomization images override.',
  messages: { unapproved: '{images}' },
  check: (inventory, say) => {
    const servers = loginServers(inventory);
    const known = new Set(servers.filter((s): s is string => s !== undefined));
    return perPod(
      inventory,
      ({ object, pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        const overrides = overridesFor(inventory, object);
        for (const container of allContainers(pod)) {
          const written = container['image'];
          if (typeof written !== 'string') continue;
          const image = effectiveImage(written, overrides);
          if (substituted(image)) {
            unknown.push(image);
            continue;
          }
          const registry = registryOf(image);
          if (known.has(registry)) continue;
          // Without a registry among the inputs (or with one named by an expression), which is approved is not known.
          if (servers.length === 0 || servers.includes(undefined))
            unknown.push(`${image}, with no container registry among the inputs to compare it with`);
          else problems.push(`${String(container['name'])}: ${image} is from ${registry}`);
        }
        return { problems, unknown };
      },
      (images) => say('unapproved', { images }),
    );
  },
});
