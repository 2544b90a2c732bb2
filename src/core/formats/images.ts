/**
 * gitops/images.json: the public images each spoke's registry imports before
 * Flux starts (the cluster pulls only from its own registry). Written by
 * artifacts/gitops/repository.ts; read by `deploy` (src/deploy/steps/images.ts).
 * Its JSON Schema is schemas/output/images.schema.json.
 */
import type { ImageImport } from '../artifacts/gitops/images.js';

export const IMAGES_PATH = 'gitops/images.json';

export interface ImageList {
  readonly registries: readonly {
    readonly registry: string;
    readonly loginServer: string;
    readonly images: readonly ImageImport[];
  }[];
}
