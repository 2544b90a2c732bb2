/**
 * The Kubernetes minor versions AKS supports (community support, N-2), from the
 * AKS release calendar (learn.microsoft.com/azure/aks/supported-kubernetes-versions)
 * as of November 2026: 1.34 reaches its end of life this month, 1.36 is the newest
 * generally available. Update with the calendar.
 */
export const SUPPORTED_KUBERNETES_MINORS = ['1.34', '1.35', '1.36'] as const;
export const KUBERNETES_VERSIONS_AS_OF = '2026-11';

/**
 * From this minor AKS Standard applies LocalDNS mode Preferred to node pools with
 * no LocalDNS profile of their own, and Preferred turns LocalDNS on wherever the
 * pool passes AKS's checks; a pool set to Disabled stays off (learn.microsoft.com/
 * azure/aks/dns-concepts and localdns-custom, note "Starting with Kubernetes 1.37",
 * read 2026-12-07).
 */
export const LOCAL_DNS_DEFAULT_FROM = '1.37';

/**
 * Where LocalDNS answers pods on each node: KubeDNS traffic (dnsPolicy
 * ClusterFirst) at the first, VnetDNS traffic at the second (localdns-custom,
 * "Verify LocalDNS operation"; its Cilium example allows 169.254.10.0/24).
 */
export const LOCAL_DNS_ADDRESSES = ['169.254.10.10', '169.254.10.11'] as const;

/** `1.35.2` → `1.35`; undefined for something else. */
export function minorOf(version: string): string | undefined {
  return /^(\d+\.\d+)(\.\d+)?$/.exec(version)?.[1];
}

/** Whether `version` (`1.37` or `1.37.1`) is at `minor` or later; undefined when it is not a version. */
export function atLeastMinor(version: string, minor: string): boolean | undefined {
  const own = minorOf(version);
  if (own === undefined) return undefined;
  const [major = 0, number = 0] = own.split('.').map(Number);
  const [wantedMajor = 0, wanted = 0] = minor.split('.').map(Number);
  return major > wantedMajor || (major === wantedMajor && number >= wanted);
}
