/**
 * Whether a firewall's allow rules let HTTPS reach a host name: an application
 * rule's target FQDN, exact or with a leading `*.` wildcard (Azure Firewall FAQ,
 * "How do wildcards work in target URLs and target FQDNs in application rules?"),
 * which covers names several labels deep, as Microsoft's own lists rely on
 * (`*.metrics.ingest.monitor.azure.com` for `<endpoint>.<region>-1.metrics.ingest…`);
 * or a network rule on TCP 443 to the host, to `*` or to a service tag that
 * covers it.
 */
import type { FirewallAllowance } from './azure-reachability.js';

/** `*.monitor.azure.com` covers `a.b.monitor.azure.com`; `*` covers everything. */
function covers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === '*' || p === h) return true;
  return p.startsWith('*.') && h.endsWith(p.slice(1));
}

/** HTTPS on 443: an application rule's `Https/443`, or a network rule's TCP (or any protocol) to 443 or `*`. */
function https(port: string): boolean {
  const [protocols = '', number = ''] = port.split('/');
  const protocol = protocols.toLowerCase().split('+');
  return (
    (protocol.includes('https') && number === '443') ||
    ((protocol.includes('tcp') || protocol.includes('any')) && (number === '443' || number === '*'))
  );
}

/**
 * Whether an allowance lets HTTPS reach `host`; the first one found answers (with
 * a rule collection per spoke, the list grows with the landing zone). `serviceTags`
 * are the tags whose addresses hold it (the caller knows which service the host
 * belongs to).
 */
export function allowsHttps(
  allowances: readonly FirewallAllowance[],
  host: string,
  serviceTags: readonly string[] = [],
): boolean {
  const tags = new Set(serviceTags.map((t) => t.toLowerCase()));
  return allowances.some(
    (a) =>
      a.ports.some(https) &&
      a.destinations.some((d) => covers(d, host) || tags.has(d.toLowerCase()) || d === '0.0.0.0/0'),
  );
}
