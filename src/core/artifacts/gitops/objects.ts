/**
 * Kubernetes objects as typed data (the API's own types, from kubernetes-types),
 * and the custom resources of Flux, Traefik and the Secrets Store CSI driver
 * that the repository uses, typed by hand from their CRDs (schemas/k8s/).
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** Every object names its API version and kind, and has a name. */
export type Manifest<T> = T & {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta & { readonly name: string };
};

export type AnyManifest = Manifest<object>;

/** Labels Baseplate puts on everything it manages. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'baseplate' } as const;

export function metadata(
  name: string,
  namespace?: string,
  labels: Record<string, string> = {},
  annotations?: Record<string, string>,
): ObjectMeta & { name: string } {
  return { name, namespace, labels: { ...labels, ...MANAGED_BY }, annotations };
}

/** Flux: kustomize.toolkit.fluxcd.io/v1 Kustomization (the fields used). */
export interface FluxKustomization {
  readonly spec: {
    readonly interval: string;
    readonly path: string;
    readonly prune: boolean;
    readonly wait?: boolean;
    readonly timeout?: string;
    readonly sourceRef: { readonly kind: 'GitRepository'; readonly name: string };
    readonly dependsOn?: ReadonlyArray<{ readonly name: string }>;
    readonly postBuild?: {
      readonly substituteFrom?: ReadonlyArray<{ readonly kind: 'ConfigMap'; readonly name: string }>;
    };
    readonly images?: ReadonlyArray<{
      readonly name: string;
      readonly newName?: string;
      readonly newTag?: string;
    }>;
  };
}

/** Traefik: traefik.io/v1alpha1 Middleware (the fields used). */
export interface TraefikMiddleware {
  readonly spec: {
    readonly ipAllowList?: { readonly sourceRange: readonly string[] };
    readonly compress?: Record<string, never>;
  };
}

/** Traefik: traefik.io/v1alpha1 TLSOption. */
export interface TraefikTlsOption {
  readonly spec: {
    readonly minVersion: string;
    readonly cipherSuites: readonly string[];
    readonly sniStrict: boolean;
  };
}

/** Secrets Store CSI driver: secrets-store.csi.x-k8s.io/v1 SecretProviderClass, Azure provider. */
export interface SecretProviderClass {
  readonly spec: {
    readonly provider: 'azure';
    readonly parameters: Record<string, string>;
  };
}
