/**
 * Is the planned Kubernetes version one AKS offers in the region, and a step AKS takes
 * from the running cluster's version? From Microsoft.ContainerService/locations/{region}/
 * kubernetesVersions. Research: docs/research/deploy.md §5.5; the skip rule is the
 * managedClusters kubernetesVersion doc ("Kubernetes minor versions cannot be skipped",
 * except from an unsupported version, Learn "Upgrade an AKS cluster").
 */
import type { ExistingCluster } from './creation-only.js';
import { clusterProperties } from './creation-only.js';
import type { PreflightProblem } from './problem.js';
import { listText } from './problem.js';

/** One entry of the versions list (`values`); the REST KubernetesVersion (rest.ts) fits. */
export interface KubernetesVersionInfo {
  readonly version?: string;
  readonly isPreview?: boolean;
  /** Keyed by patch version, e.g. "1.34.2". */
  readonly patchVersions?: Readonly<Record<string, unknown>>;
}

/** "1.36.2" → [1, 36, 2]; undefined unless numbers separated by dots. */
export function parseVersion(version: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(version.trim()) ? version.trim().split('.').map(Number) : undefined;
}

/** "1.36.2" → "1.36". */
export function minorOf(version: string): string | undefined {
  const parts = parseVersion(version);
  return parts && parts.length >= 2 ? `${parts[0]}.${parts[1]}` : undefined;
}

/** Numeric, component by component (1.9 < 1.10); a missing component counts as 0. */
export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a) ?? [];
  const y = parseVersion(b) ?? [];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * The version to send so a deployment never asks for less than the cluster runs: the
 * planned one, unless lower than `current`; then `current` at the planned precision
 * (a minor stays a minor, which AKS reads as "this minor's latest patch"). Planned
 * "1.36" on a cluster at 1.36.2 is not lower.
 */
export function notLower(planned: string, current: string | undefined): string {
  if (current === undefined) return planned;
  const minor = minorOf(planned);
  const currentMinor = minorOf(current);
  if (minor === undefined || currentMinor === undefined) return planned;
  const byMinor = compareVersions(minor, currentMinor);
  if (byMinor > 0) return planned;
  if (byMinor < 0) return planned === minor ? currentMinor : current;
  return planned !== minor && compareVersions(planned, current) < 0 ? current : planned;
}

const sortVersions = (versions: readonly string[]) => [...versions].sort(compareVersions);

function offeredProblem(planned: string, versions: readonly KubernetesVersionInfo[], region: string) {
  const minor = minorOf(planned);
  const offered = versions.filter((v) => v.version !== undefined && v.isPreview !== true);
  const supported = sortVersions(offered.flatMap((v) => (v.version === undefined ? [] : [v.version])));
  const entry = offered.find(
    (v) => v.version !== undefined && minor !== undefined && compareVersions(v.version, minor) === 0,
  );
  const fix = `Set cluster.kubernetesVersion (spokes[].cluster.kubernetesVersion) to one of ${listText(supported)}.`;
  if (!entry) {
    const preview = versions.some(
      (v) =>
        v.isPreview === true &&
        v.version !== undefined &&
        minor !== undefined &&
        compareVersions(v.version, minor) === 0,
    );
    return {
      message: `Kubernetes ${planned} is ${preview ? 'only in preview' : 'not offered'} in ${region}; AKS there offers ${supported.length === 0 ? 'no generally available version' : listText(supported)}.`,
      fix,
    };
  }
  // A pinned patch must be one of the minor's patches, when Azure lists them.
  const patches = Object.keys(entry.patchVersions ?? {});
  if (planned !== minor && patches.length > 0 && !patches.some((p) => compareVersions(p, planned) === 0))
    return {
      message: `Kubernetes ${planned} is not offered in ${region}; its patches there are ${listText(sortVersions(patches))}.`,
      fix: `Set cluster.kubernetesVersion to ${minor ?? planned} (AKS picks its latest patch) or one of ${listText(sortVersions(patches))}.`,
    };
  return undefined;
}

/**
 * Problems with the planned version: not offered (or preview only) in the region; on
 * an existing cluster, a lower minor than it runs, or a skipped minor.
 */
export function kubernetesVersionProblems(
  planned: string,
  versions: readonly KubernetesVersionInfo[],
  region: string,
  existing?: ExistingCluster,
): PreflightProblem[] {
  const minor = minorOf(planned);
  if (minor === undefined) return [];
  const problems: PreflightProblem[] = [];
  const offered = offeredProblem(planned, versions, region);
  if (offered) problems.push({ check: 'kubernetes-version', ...offered });
  const running = existing && clusterProperties(existing);
  const current = running?.currentKubernetesVersion ?? running?.kubernetesVersion;
  const currentMinor = current === undefined ? undefined : minorOf(current);
  if (current === undefined || currentMinor === undefined) return problems;
  const name = existing?.name === undefined ? 'The cluster' : `Cluster ${existing.name}`;
  if (compareVersions(minor, currentMinor) < 0) {
    problems.push({
      check: 'kubernetes-version',
      message: `${name} runs Kubernetes ${current}; the plan asks for ${planned}, and AKS never downgrades.`,
      fix: `Set cluster.kubernetesVersion (spokes[].cluster.kubernetesVersion) to at least ${currentMinor}.`,
    });
    return problems;
  }
  const [major, from] = parseVersion(currentMinor) ?? [];
  const [plannedMajor, to] = parseVersion(minor) ?? [];
  const supported = versions.some(
    (v) => v.isPreview !== true && v.version !== undefined && compareVersions(v.version, currentMinor) === 0,
  );
  if (major === plannedMajor && from !== undefined && to !== undefined && to > from + 1 && supported) {
    const steps = Array.from({ length: to - from - 1 }, (_, i) => `${major}.${from + 1 + i}`);
    problems.push({
      check: 'kubernetes-version',
      message: `${name} runs Kubernetes ${current}; the plan asks for ${planned}, but AKS upgrades one minor version at a time.`,
      fix: `Deploy with cluster.kubernetesVersion ${listText(steps)} first${steps.length > 1 ? ', in turn' : ''}, then ${planned}.`,
    });
  }
  return problems;
}
