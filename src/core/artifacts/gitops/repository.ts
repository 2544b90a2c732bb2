/**
 * The Flux GitOps repository (spec "Cluster bootstrapping", "Workload
 * deployment"): shared bases, and one path per cluster whose Flux Kustomizations
 * apply them in order (baseline settings → ingress controller → workload) with
 * the cluster's own values. Environments are cluster paths over the same bases:
 * a change is promoted by a commit and rolled back by reverting it.
 */
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import type { Design, SpokeDesign } from '../../design/design.js';
import { toJson, toYaml } from '../../serialize.js';
import type { OutputFile } from '../output-file.js';
import { FLUX_CONFIGURATION } from '../platform/bootstrap.js';
import { spokeScope } from '../network/common.js';
import { baselineManifests, groupBindings } from './baseline.js';
import type { ImageList } from '../../formats/images.js';
import { IMAGES_PATH } from '../../formats/images.js';
import type { ImageImport } from './images.js';
import { IMAGES, imagesFor } from './images.js';
import { TRAEFIK_IMAGE, traefikManifests } from './traefik.js';
import { WORKLOAD_IMAGE, workloadManifests } from './workload.js';
import type { AnyManifest, FluxKustomization, Manifest } from './objects.js';
import { metadata } from './objects.js';
import { networkPolicyMetrics } from './network-policy-metrics.js';
import { gitopsReadme } from './readme.js';
import { SETTINGS_CONFIG_MAP, clusterSettings } from './settings.js';

const ROOT = 'gitops';

/** A folder that `kubectl kustomize` builds: its files and the kustomization.yaml listing them. */
export interface Folder {
  readonly path: string;
  /** Puts every object of the folder in this namespace. */
  readonly namespace?: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly objects: readonly AnyManifest[] }>;
}

function folderFiles(folder: Folder): OutputFile[] {
  const files = folder.files.filter((file) => file.objects.length > 0);
  return [
    ...files.map((file) => ({ path: `${ROOT}/${folder.path}/${file.name}`, content: toYaml(file.objects) })),
    {
      path: `${ROOT}/${folder.path}/kustomization.yaml`,
      content: toYaml([
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          namespace: folder.namespace,
          resources: files.map((file) => file.name),
        },
      ]),
    },
  ];
}

interface Layer {
  readonly name: string;
  readonly path: string;
  readonly dependsOn?: string;
  readonly why: string;
  /** The layer's logical image name and where this cluster pulls it from. */
  readonly image?: { readonly name: string; readonly newName: string; readonly newTag: string };
}

function imageFor(loginServer: string, logical: string, image: ImageImport): Layer['image'] {
  const [repository = '', tag = ''] = image.target.split(':');
  return { name: logical, newName: `${loginServer}/${repository}`, newTag: tag };
}

function layers(withWorkload: boolean, loginServer: string): Layer[] {
  return [
    {
      name: 'baseline',
      path: './infrastructure/baseline',
      why: 'Namespaces, quotas, default-deny network policies, monitoring settings.',
    },
    {
      name: 'ingress',
      path: './infrastructure/traefik',
      dependsOn: 'baseline',
      why: 'Traefik, the internal ingress controller.',
      image: imageFor(loginServer, TRAEFIK_IMAGE, IMAGES.ingress),
    },
    ...(withWorkload
      ? [
          {
            name: 'workload',
            path: './workloads/aspnetapp',
            dependsOn: 'ingress',
            why: 'The sample workload; promote it by changing its tag here.',
            image: imageFor(loginServer, WORKLOAD_IMAGE, IMAGES.workload),
          },
        ]
      : []),
  ];
}

function fluxKustomization(layer: Layer): Manifest<FluxKustomization> {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: metadata(layer.name, 'flux-system', {}, { 'baseplate.io/purpose': layer.why }),
    spec: {
      interval: '10m',
      path: layer.path,
      prune: true,
      wait: true,
      timeout: '5m',
      sourceRef: { kind: 'GitRepository', name: FLUX_CONFIGURATION },
      dependsOn: layer.dependsOn ? [{ name: layer.dependsOn }] : undefined,
      postBuild: { substituteFrom: [{ kind: 'ConfigMap', name: SETTINGS_CONFIG_MAP }] },
      images: layer.image ? [layer.image] : undefined,
    },
  };
}

function clusterFolder(design: Design, spoke: SpokeDesign): Folder {
  const settings = clusterSettings(spoke, spokeScope(spoke));
  const settingsMap: Manifest<ConfigMap> = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: metadata(SETTINGS_CONFIG_MAP, 'flux-system'),
    data: {
      ...settings.planned,
      // Filled in by the bootstrap stage's Flux configuration at deployment.
      ...Object.fromEntries(Object.keys(settings.deployTime).map((name) => [name, `\${${name}}`])),
    },
  };
  const { entra } = spoke.cluster;
  return {
    path: spoke.gitopsPath,
    files: [
      { name: 'cluster-settings.yaml', objects: [settingsMap] },
      {
        name: 'layers.yaml',
        objects: layers(spoke.workload.enabled, settings.planned['REGISTRY_LOGIN_SERVER'] ?? '').map(
          fluxKustomization,
        ),
      },
      { name: 'metrics.yaml', objects: networkPolicyMetrics(design, spoke) },
      {
        name: 'rbac.yaml',
        objects: !entra.azureRbac ? groupBindings(entra.adminGroupObjectIds, entra.readerGroupObjectIds) : [],
      },
    ],
  };
}

export function gitopsRepository(design: Design): OutputFile[] {
  const baseline: Folder = {
    path: 'infrastructure/baseline',
    files: [{ name: 'baseline.yaml', objects: baselineManifests(design) }],
  };
  const traefik: Folder = {
    path: 'infrastructure/traefik',
    files: [{ name: 'traefik.yaml', objects: traefikManifests(design.workloadNamespace) }],
  };
  const workload: Folder = {
    path: 'workloads/aspnetapp',
    namespace: design.workloadNamespace,
    files: [{ name: 'aspnetapp.yaml', objects: workloadManifests() }],
  };
  const withWorkload = (spoke: SpokeDesign) => spoke.workload.enabled;
  const imports = design.spokes.map((spoke) => ({
    registry: spoke.names.registry,
    loginServer: `${spoke.names.registry.toLowerCase()}.azurecr.io`,
    images: imagesFor(spoke),
  }));
  return [
    ...folderFiles(baseline),
    ...folderFiles(traefik),
    ...(design.spokes.some(withWorkload) ? folderFiles(workload) : []),
    ...design.spokes.flatMap((spoke) => folderFiles(clusterFolder(design, spoke))),
    { path: IMAGES_PATH, content: toJson({ registries: imports } satisfies ImageList) },
    {
      path: `${ROOT}/README.md`,
      content: gitopsReadme(
        design,
        design.spokes.map((spoke) => spoke.names.cluster),
        [...new Set(imports.flatMap((registry) => registry.images.map((i) => `${i.source} → ${i.target}`)))],
      ),
    },
  ];
}
