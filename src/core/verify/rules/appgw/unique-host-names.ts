/** No public host name is served by two application gateways: DNS leads a name to one of them only. */
import { at, isUnresolved } from '../../../arm-values.js';
import type { AzureResource, Inventory } from '../../inventory.js';
import type { Outcome, Say } from '../../rule.js';
import { defineRule, unresolved } from '../../rule.js';
import { label, lastSegment, objectsIn, ofType, outcome } from '../select.js';
import { wildcardMatches } from '../wildcards.js';

const MESSAGES = { shared: 'serves {hosts}' } as const;

/** The host names a gateway's listeners serve: `hostNames`, or the older single `hostName`. */
function servedHostNames(gateway: AzureResource): unknown[] {
  const listeners = at(gateway.body, 'properties.httpListeners');
  return objectsIn(listeners).flatMap((listener) => {
    const many = at(listener, 'properties.hostNames');
    const one = at(listener, 'properties.hostName');
    return [...(Array.isArray(many) ? many : many === undefined ? [] : [many]), ...(one ? [one] : [])];
  });
}

/** A listener host name as a matcher: a wildcard (`*` any run, `?` one character) matches what it stands for, in any case. */
export function hostPattern(name: string): (text: string) => boolean {
  const pattern = name.toLowerCase();
  return (written) => wildcardMatches(pattern, written.toLowerCase(), { anyOne: true });
}

const isWildcard = (name: string) => /[*?]/.test(name);

/** A host name only deployment knows: an expression, or not a string at all. */
const unresolvedHost = (host: unknown) => typeof host !== 'string' || isUnresolved(host);

/**
 * Each gateway's host names shared with another gateway among the inputs: two
 * names are shared when equal in any case, or when a wildcard of one matches the
 * other. Exact names are looked up, so many gateways stay linear; only wildcards,
 * which are few, are compared with every name.
 */
function sharedHostNames(inventory: Inventory, say: Say<typeof MESSAGES>): Outcome[] {
  const gateways = ofType(inventory, 'Microsoft.Network/applicationGateways').map((gateway) => {
    const hosts = servedHostNames(gateway);
    return {
      gateway,
      // A template and a resource list may both hold the same gateway: another is one of another name.
      name: lastSegment(gateway.name).toLowerCase(),
      hosts,
      resolved: hosts.filter((h): h is string => !unresolvedHost(h)),
      hidden: hosts.find(unresolvedHost),
    };
  });
  const exact = new Map<string, Set<string>>();
  const wildcards: { name: string; host: string; pattern: (text: string) => boolean }[] = [];
  for (const { name, resolved } of gateways)
    for (const host of resolved) {
      if (isWildcard(host)) wildcards.push({ name, host, pattern: hostPattern(host) });
      else exact.set(host.toLowerCase(), (exact.get(host.toLowerCase()) ?? new Set()).add(name));
    }
  /** The gateways (by name) other than `self` serving a name that can match `host`. */
  const servers = (self: string, host: string): Set<string> => {
    const found = new Set([...(exact.get(host.toLowerCase()) ?? [])].filter((name) => name !== self));
    const pattern = hostPattern(host);
    for (const wildcard of wildcards)
      if (wildcard.name !== self && (wildcard.pattern(host) || pattern(wildcard.host)))
        found.add(wildcard.name);
    if (isWildcard(host))
      for (const [name, names] of exact)
        if (pattern(name)) for (const other of names) if (other !== self) found.add(other);
    return found;
  };
  return gateways.map(({ gateway, name, resolved, hidden }) => {
    const shared = resolved.flatMap((host) => {
      const also = servers(name, host);
      const named = gateways.filter((o) => also.has(o.name)).map((o) => lastSegment(o.gateway.name));
      return named.length > 0 ? [`${host} (also ${[...new Set(named)].join(', ')})`] : [];
    });
    if (shared.length > 0)
      return outcome('fail', label(gateway), say('shared', { hosts: shared.join(', ') }), gateway.source);
    // A name hidden behind an expression, here or on another gateway, may be a shared one.
    const behind = hidden ?? gateways.find((o) => o.name !== name && o.hidden !== undefined)?.hidden;
    return behind === undefined
      ? outcome('pass', label(gateway), undefined, gateway.source)
      : outcome('unknown', label(gateway), unresolved(behind), gateway.source);
  });
}

export default defineRule({
  ref: 'BP1046',
  id: 'appgw/unique-host-names',
  title: 'No public host name is served by two application gateways',
  severity: 'error',
  pillar: 'Reliability',
  area: 'ingress',
  spec: {
    section: 'Ingress traffic flow',
    quote: 'That name is associated with a DNS A record to the public IP address of Application Gateway.',
  },
  why: "A DNS name leads to one gateway: the other's listener waits for traffic that never comes, and whichever A record is written last takes the clients of both clusters.",
  fix: 'Give each spoke its own public host names (spokes[].ingress.hostNames), or suppress the finding with the reason where a global load balancer in front deliberately sends one name to both.',
  messages: MESSAGES,
  check: sharedHostNames,
});
