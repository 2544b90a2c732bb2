/**
 * A worker thread that lays out diagrams with Graphviz. Starting Graphviz
 * (compiling its WebAssembly) and its first layout cost about as much as the
 * plan itself; here they run on another core while the main thread loads the
 * core and plans, so `plan` waits only for the diagram's own layout.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg } from '../../shared/graphviz.js';
import type { LayoutReply, LayoutRequest } from './layout.js';

/** Clusters, records and labelled edges like the architecture diagram's: laying it out once warms up the engine's hot paths. */
const WARM_UP = `digraph warm {
  graph [rankdir=LR, compound=true, newrank=true, fontname="Helvetica,Arial,sans-serif", fontsize=12];
  node [fontname="Helvetica,Arial,sans-serif", fontsize=10, style="filled", shape=box];
  subgraph "cluster:hub" { label="Hub\\n10.0.0.0/24"; style="rounded,filled";
    subgraph "cluster:hub/a" { label="AzureFirewallSubnet"; "fw" [label="Firewall\\nafw"]; }
    subgraph "cluster:hub/b" { label="GatewaySubnet"; "gw" [label="reserved", shape=plaintext]; } }
  subgraph "cluster:spoke" { label="Spoke\\n10.1.0.0/16"; style="rounded,filled";
    subgraph "cluster:spoke/a" { label="nodes"; "aks" [label="AKS\\naks"]; "pool" [label="pool"]; }
    subgraph "cluster:spoke/b" { label="gateway"; "agw" [label="Application Gateway"]; } }
  "internet" [shape=ellipse]; "internet" -> "agw" [label="HTTPS"]; "agw" -> "aks" [label="TLS", lhead="cluster:spoke/a"];
  "aks" -> "fw" [label="egress", style=dashed]; "pool" -> "fw"; "fw" -> "internet" [label="SNAT"];
}`;

const port = parentPort;
if (port) {
  const ready = renderSvg(WARM_UP).then(
    () => undefined,
    () => undefined,
  );
  port.on('message', (request: LayoutRequest) => {
    void ready
      .then(() => renderSvg(request.dot))
      .then(
        (svg): LayoutReply => ({ id: request.id, svg }),
        (error: unknown): LayoutReply => ({
          id: request.id,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .then((reply) => port.postMessage(reply));
  });
}
