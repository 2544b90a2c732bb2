/**
 * The images the GitOps repository runs (gitops/images.json), imported into the
 * spoke's registry through its import API before Flux starts: the cluster pulls
 * only from its own registry (spec: "Container Registry"), and the import is a
 * Resource Manager operation, so it works with the registry's public access off
 * and without Docker on the deploying machine.
 */
import type { ImageList } from '../../core/index.js';
import type { Step } from '../deploy.js';
import { requestFailure } from '../errors.js';
import { importImage } from '../rest.js';
import type { DeployStage } from '../stages.js';

/** `docker.io/library/traefik:v3.7.13` → its registry and the image within it. */
export function importSource(source: string): { registryUri: string; sourceImage: string } {
  const slash = source.indexOf('/');
  return { registryUri: source.slice(0, slash), sourceImage: source.slice(slash + 1) };
}

/** A Docker Hub account: anonymous pulls are rate-limited per address, and Azure's import shares its addresses. */
export interface RegistryCredentials {
  readonly username: string;
  readonly password: string;
}

/**
 * Before each bootstrap stage: the images into the registries of that stage's
 * resource group. The tags are pinned versions, so a tag already in the registry
 * is the image wanted: it is kept, not downloaded again (NoForce).
 */
export function importImages(
  images: ImageList,
  stages: readonly DeployStage[],
  dockerHub?: RegistryCredentials,
): Step {
  const registriesOf = (stage: DeployStage) =>
    stages
      .flatMap((s) => s.resources)
      .filter((r) => r.type === 'Microsoft.ContainerRegistry/registries')
      .filter((r) =>
        r.id.toLowerCase().includes(`/resourcegroups/${(stage.resourceGroup ?? '').toLowerCase()}/`),
      )
      .map((r) => r.name);
  return {
    when: 'before',
    applies: (stage) => stage.name.startsWith('bootstrap-'),
    async run({ stage, clients, listener }) {
      for (const registry of registriesOf(stage)) {
        const list = images.registries.find((r) => r.registry === registry)?.images ?? [];
        for (const image of list) {
          const source = importSource(image.source);
          const credentials =
            dockerHub && source.registryUri === 'docker.io' ? { credentials: dockerHub } : {};
          try {
            await importImage(clients, stage.resourceGroup ?? '', registry, {
              source: { ...source, ...credentials },
              targetTags: [image.target],
              mode: 'NoForce',
            });
            listener({
              kind: 'step',
              stage: stage.name,
              message: `imported ${image.source} into ${registry} as ${image.target}`,
            });
          } catch (error) {
            if (!alreadyThere(error))
              throw requestFailure(`importing ${image.source} into ${registry}`, error);
            listener({
              kind: 'step',
              stage: stage.name,
              message: `${image.target} is in ${registry} already`,
            });
          }
        }
      }
    },
  };
}

/** Azure's answer to a NoForce import over an existing tag: "Tag x already exists in target registry." */
function alreadyThere(error: unknown): boolean {
  return error instanceof Error && /already exists in target registry/i.test(error.message);
}
