/**
 * The images the GitOps repository runs (gitops/images.json), imported into the
 * spoke's registry through its import API before Flux starts: the cluster pulls
 * only from its own registry (spec: "Container Registry"), and the import is a
 * Resource Manager operation, so it works with the registry's public access off
 * and without Docker on the deploying machine.
 */
import type { Step } from '../deploy.js';
import { requestFailure } from '../errors.js';
import type { DeployStage } from '../stages.js';

export interface ImageList {
  readonly registries: readonly {
    readonly registry: string;
    readonly images: readonly { readonly source: string; readonly target: string }[];
  }[];
}

/** `docker.io/library/traefik:v3.7.13` → its registry and the image within it. */
export function importSource(source: string): { registryUri: string; sourceImage: string } {
  const slash = source.indexOf('/');
  return { registryUri: source.slice(0, slash), sourceImage: source.slice(slash + 1) };
}

/** Before each bootstrap stage: the images into the registries of that stage's resource group. */
export function importImages(images: ImageList, stages: readonly DeployStage[]): Step {
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
          listener({
            kind: 'step',
            stage: stage.name,
            message: `importing ${image.source} into ${registry} as ${image.target}`,
          });
          try {
            // Force: a re-run re-points the tag at the same image, so it converges.
            await clients.registry.registries.importImage(stage.resourceGroup ?? '', registry, {
              source: importSource(image.source),
              targetTags: [image.target],
              mode: 'Force',
            });
          } catch (error) {
            throw requestFailure(`importing ${image.source} into ${registry}`, error);
          }
        }
      }
    },
  };
}
