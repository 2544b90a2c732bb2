/**
 * What the network lets through, as verify computed it (report/findings.json,
 * `reachability`; src/core/verify/azure-reachability.ts and
 * network-policy.ts): where each subnet's internet traffic goes, what the
 * internet reaches, who reaches each API server and private endpoint, and
 * which workloads reach which — the last two as matrices.
 */
import type { FindingsReport } from '../../formats/findings.js';
import { byText, escape, h3, html, lines, none, paragraph, section, table } from './markup.js';
import { lastSegment } from './resources.js';

type Reachability = FindingsReport['reachability'];

/** A resource ID, or `ID (public IP ID)`, by the names in it. */
const named = (text: string) => text.replace(/\/subscriptions\/[^ ()]+/g, (id) => lastSegment(id));

/** A matrix: a row per `rows`, a column per `columns`, each cell what `at` says ('' for nothing). */
function matrix(
  corner: string,
  rows: readonly string[],
  columns: readonly string[],
  at: (row: string, column: string) => string,
): string {
  return table(
    [corner, ...columns],
    rows.map((row) => [
      row,
      ...columns.map((column) => {
        const value = at(row, column);
        return html(value ? escape(value) : '<span class="muted">—</span>');
      }),
    ]),
    { rowHeaders: true, className: 'matrix' },
  );
}

export function reachabilitySection(reach: Reachability): string {
  const { azure } = reach;
  const egress = table(
    ['Subnet', 'Internet egress', 'Why'],
    azure.subnets.map((s) => [s.subnet, s.egress, s.detail]),
    { rowHeaders: true },
  );
  const exposed = azure.exposed.length
    ? table(
        ['Resource (public IP)', 'Kind', 'Ports open to the internet'],
        azure.exposed.map((e) => [
          named(e.resource),
          e.kind,
          e.ports.length ? e.ports.join(', ') : 'none (egress only)',
        ]),
        { rowHeaders: true },
      )
    : none('Nothing of this plan is reachable from the internet.');
  const apiServers = azure.apiServers.length
    ? table(
        ['Cluster', 'API server', 'Reached from'],
        azure.apiServers.map((a) => [
          lastSegment(a.cluster),
          a.access,
          lines(
            a.ranges ??
              (a.access === 'private' ? ['its virtual network and those linked to its DNS zone'] : []),
          ),
        ]),
        { rowHeaders: true },
      )
    : none();
  const endpoints = azure.privateEndpoints;
  const endpointNames = endpoints.map((e) => lastSegment(e.endpoint));
  const reaching = [...new Set(endpoints.flatMap((e) => e.reachedFrom.map((r) => r.subnet)))].sort(byText);
  const endpointMatrix = endpoints.length
    ? paragraph(
        'HTTPS from each subnet (rows) to each private endpoint (columns): the path, and whether the subnet resolves the endpoint’s name to it.',
      ) +
      matrix('From subnet', reaching, endpointNames, (row, column) => {
        const found = endpoints
          .find((e) => lastSegment(e.endpoint) === column)
          ?.reachedFrom.find((r) => r.subnet === row);
        return found
          ? `✓ ${found.path}, ${found.dns === 'resolves' ? 'name resolves' : `name ${found.dns}`}`
          : '';
      })
    : none('No private endpoint.');
  const connections = reach.kubernetes;
  const froms = [...new Set(connections.map((c) => c.from))].sort(byText);
  const tos = [...new Set(connections.map((c) => c.to))].sort(byText);
  const workloads = connections.length
    ? paragraph(
        'What the NetworkPolicies let each source (rows) open to each destination (columns); an address range is outside the cluster.',
      ) +
      matrix('From \\ to', froms, tos, (from, to) => {
        const found = connections.find((c) => c.from === from && c.to === to);
        return found ? (found.ports === 'all' ? 'all ports' : found.ports.join(', ')) : '';
      })
    : none('No connection between workloads is allowed, or the plan has no workloads.');
  return section(
    'reachability',
    'Reachability, as verified',
    h3('Internet egress of each subnet') +
      egress +
      h3('Reachable from the internet') +
      exposed +
      h3('API servers') +
      apiServers +
      h3('Private endpoints') +
      endpointMatrix +
      h3('Between workloads (Kubernetes NetworkPolicies)') +
      workloads,
  );
}
