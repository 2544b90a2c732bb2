/**
 * The public images each cluster needs, imported into its own registry before
 * bootstrap (spec "Container image reference": images come from the workload's
 * registry, and Azure Policy denies any other source).
 */
import type { SpokeDesign } from '../../design/design.js';
import { TRAEFIK_VERSION } from './traefik.js';
import { WORKLOAD_SOURCE } from './workload.js';

export interface ImageImport {
  /** Pinned by exact tag. */
  readonly source: string;
  /** Repository and tag in the registry. */
  readonly target: string;
}

export const IMAGES = {
  ingress: { source: `docker.io/library/traefik:${TRAEFIK_VERSION}`, target: `traefik:${TRAEFIK_VERSION}` },
  workload: {
    source: `${WORKLOAD_SOURCE.repository}:${WORKLOAD_SOURCE.tag}`,
    target: `dotnet/samples:${WORKLOAD_SOURCE.tag}`,
  },
} as const satisfies Record<string, ImageImport>;

export function imagesFor(spoke: SpokeDesign): ImageImport[] {
  return [IMAGES.ingress, ...(spoke.workload.enabled ? [IMAGES.workload] : [])];
}
