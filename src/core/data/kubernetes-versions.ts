/**
 * The Kubernetes minor versions AKS supports (community support, N-2), from the
 * AKS release calendar (learn.microsoft.com/azure/aks/supported-kubernetes-versions)
 * as of November 2026: 1.34 reaches its end of life this month, 1.36 is the newest
 * generally available. Update with the calendar.
 */
export const SUPPORTED_KUBERNETES_MINORS = ['1.34', '1.35', '1.36'] as const;
export const KUBERNETES_VERSIONS_AS_OF = '2026-11';

/** `1.35.2` → `1.35`; undefined for something else. */
export function minorOf(version: string): string | undefined {
  return /^(\d+\.\d+)(\.\d+)?$/.exec(version)?.[1];
}
