/** The architecture diagram: drawn from the plan's resources, laid out by Graphviz, self-contained. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderSvg } from '../src/shared/graphviz.js';
import { architectureDot } from '../src/core/report/diagram.js';
import type { ResolvedResources } from '../src/core/formats/resources.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { planOk, repoRoot } from './helpers.js';
import { LARGE_CONFIG } from './diagram-configs.js';
import { FLOWS, type Flow } from '../src/core/report/diagram-legend.js';
import { runCli } from './support/cli.js';

function dotOf(config: string): string {
  const { files } = planOk(config);
  const dot = files.find((f) => f.path === 'report/diagram.dot')?.content;
  assert.ok(dot);
  return dot;
}

const baseline = dotOf('{}');

/** The edges of a graph: their ends and the flow their colour and style draw. */
function edgesOf(dot: string): { from: string; to: string; flow: Flow | undefined; attributes: string }[] {
  return dot
    .split('\n')
    .filter((line) => line.includes(' -> '))
    .map((line) => {
      const [, from = '', to = '', attributes = ''] =
        /^\s*("[^"]+") -> ("[^"]+") \[(.*)\];$/.exec(line) ?? [];
      const flow = (Object.keys(FLOWS) as Flow[]).find(
        (name) =>
          attributes.includes(`color="${FLOWS[name].color}"`) &&
          (FLOWS[name].style === undefined
            ? !attributes.includes('style=')
            : attributes.includes(`style=${FLOWS[name].style}`)),
      );
      return { from, to, flow, attributes };
    });
}

/** The edges of one flow, as `from -> to`. */
const flowsOf = (dot: string, flow: Flow) =>
  edgesOf(dot)
    .filter((e) => e.flow === flow)
    .map((e) => `${e.from} -> ${e.to}`);

/** The pools a graph draws, by their node IDs. */
const poolsOf = (dot: string) => [...dot.matchAll(/^\s+("pool:[^"]+") \[label/gm)].map((m) => m[1] ?? '');

describe('architecture diagram', () => {
  it('draws the hub and the spoke as regions, their subnets with their ranges, and what runs in them', () => {
    for (const region of [
      /subgraph "cluster:vnet-bu0001a0008-hub-prod-eus2" \{\n\s+label="Hub vnet-bu0001a0008-hub-prod-eus2\\n10\.200\.0\.0\/24"/,
      /label="Spoke vnet-bu0001a0008-00-prod-eus2\\n10\.240\.0\.0\/16"/,
      /label="AzureFirewallSubnet\\n10\.200\.0\.0\/26"/,
      /label="snet-nodes\\n10\.240\.0\.0\/22"/,
    ])
      assert.match(baseline, region);
    // What a flow needs said is said in the nodes it joins: the route of the pool, the hops of the TLS.
    assert.match(
      baseline,
      /label="User pool npuser01\\n2–5 × Standard_DS4_v2\\nzones 1,2,3\\negress 0\.0\.0\.0\/0 → 10\.200\.0\.4"/,
    );
    assert.match(
      baseline,
      /label="Azure Firewall Standard\\nafw-bu0001a0008-hub-prod-eus2\\nout to allowed FQDNs only\\nSNAT: 3 public IPs"/,
    );
    assert.match(baseline, /label="Application Gateway WAF_v2\\n[^"]+\\nin: HTTPS 443, TLS 1\.2\+, WAF"/);
    assert.match(
      baseline,
      /label="internal load balancer\\n10\.240\.4\.4 → Traefik\\nHTTPS, 2nd certificate"/,
    );
    assert.match(baseline, /label="Container Registry\\ncrbu0001a000800prod\w+", shape=cylinder/);
  });

  it('draws the flows of the spec in their styles: ingress, every egress, Private Link, peering, management', () => {
    const has = (flow: Flow, from: RegExp, to: RegExp) =>
      assert.ok(
        edgesOf(baseline).some((e) => e.flow === flow && from.test(e.from) && to.test(e.to)),
        `${flow}: ${String(from)} -> ${String(to)}`,
      );
    has('ingress', /"internet"/, /"gateway:agw-/);
    has('ingress', /"gateway:agw-/, /"ilb:10\.240\.4\.4"/);
    has('ingress', /"ilb:10\.240\.4\.4"/, /"pool:.*:npuser01"/);
    has('egress', /"internet"/, /"firewall:afw-/);
    has('privateLink', /"endpoint:pe-.*-registry"/, /"service:crbu/);
    has('peering', /"firewall:|"bastion:/, /"pool:|"endpoint:|"gateway:/);
    has('management', /"pool:.*:npsystem"/, /"api:aks-/);
    // Egress is drawn from the firewall with its arrow back: the firewall ranks left of the pools.
    for (const e of edgesOf(baseline).filter((edge) => edge.flow === 'egress'))
      assert.match(e.attributes, /dir=back/, `${e.from} -> ${e.to}`);
    // No edge carries a label: Graphviz would place it over the regions' labels.
    assert.doesNotMatch(baseline, / -> [^\n]*label=/);
    assert.ok(
      edgesOf(baseline).every((e) => e.flow !== undefined),
      'every edge in a style of the legend',
    );
  });

  it("draws every pool's egress to the firewall that its subnet's route leads to, and no pool twice", () => {
    const large = dotOf(LARGE_CONFIG);
    const pools = poolsOf(large);
    assert.equal(pools.length, 3 * 1 + 5 + 1, 'a system pool a spoke and five user pools');
    const egress = flowsOf(large, 'egress');
    assert.deepEqual(
      egress.filter((e) => e.includes('"pool:')).sort(),
      pools.map((pool) => `"firewall:afw-bu0001a0008-hub-prod-eus2" -> ${pool}`).sort(),
    );
    assert.deepEqual(
      egress.filter((e) => !e.includes('"pool:')),
      ['"internet" -> "firewall:afw-bu0001a0008-hub-prod-eus2"'],
    );
    assert.match(
      large,
      /label="User pool npbatch\\n0–10 × Standard_D8s_v5\\nzones 1,2,3, Spot\\negress 0\.0\.0\.0\/0 → 10\.200\.0\.4"/,
    );
  });

  it('has a legend of the regions and of every flow it draws, in the styles it draws them', () => {
    for (const dot of [baseline, dotOf(LARGE_CONFIG)]) {
      const legend = /^\s+"legend" \[shape=plain, label=<(.*)>\];$/m.exec(dot)?.[1] ?? '';
      assert.match(legend, /<B>Legend<\/B>/);
      for (const region of ['hub virtual network', 'spoke virtual network', 'subnet, with its range'])
        assert.ok(legend.includes(region), region);
      const drawn = new Set(edgesOf(dot).map((e) => e.flow));
      for (const flow of Object.keys(FLOWS) as Flow[]) {
        const { meaning, color } = FLOWS[flow];
        const row = new RegExp(
          `<TR><TD [^>]*COLOR="${color}"[^>]*></TD><TD ALIGN="LEFT">${meaning}</TD></TR>`,
        );
        if (drawn.has(flow)) assert.match(legend, row, flow);
        else assert.doesNotMatch(legend, row, `${flow} is not drawn, so not explained`);
      }
    }
    assert.doesNotMatch(baseline, /on-premises or other network/, 'no connected network, no such region');
    assert.match(
      dotOf(LARGE_CONFIG),
      /BGCOLOR="#f0fbfa"><\/TD><TD ALIGN="LEFT">on-premises or other network</,
    );
    // Each filled kind of node it draws: the workspaces, and an API server outside the spokes.
    assert.match(baseline, /BGCOLOR="#f7f5ff"><\/TD><TD ALIGN="LEFT">Log Analytics workspace</);
    assert.match(baseline, /BGCOLOR="#fefcbf"><\/TD><TD ALIGN="LEFT">AKS API server</);
    const integrated = dotOf(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true, vnetIntegration: true } } }]',
    );
    assert.doesNotMatch(integrated, />AKS API server</, 'inside its subnet it is a plain box');
  });

  it('draws the on-premises and other networks with their ranges, and how the spokes reach them', () => {
    const large = dotOf(LARGE_CONFIG);
    assert.match(
      large,
      /"other:0" \[label="on-premises\\n10\.0\.0\.0\/12\\n172\.31\.0\.0\/24\\nreached through the hub’s gateway"/,
    );
    assert.match(large, /"other:1" \[label="partner network\\n100\.64\.10\.0\/24\\n/);
    // The hub offers its gateway (hub.gatewayTransit): the network team's gateway sits in GatewaySubnet.
    assert.match(
      large,
      /label="GatewaySubnet\\n10\.200\.0\.64\/27";[^\n]*\n\s+"vpn-gateway" \[label="VPN \/ ExpressRoute gateway\\n\(network team’s\)"/,
    );
    assert.deepEqual(flowsOf(large, 'onPremises'), [
      '"other:0" -> "vpn-gateway"',
      '"other:1" -> "vpn-gateway"',
    ]);
    assert.match(large, /"other:0" -> "vpn-gateway" \[[^\]]*dir=both/);
    // Without the gateway the ranges are only kept free: drawn, and said to be unconnected.
    const config = readFileSync(join(repoRoot, 'test', 'cases', 'two-spokes', 'baseplate.yaml'), 'utf8');
    const unconnected = dotOf(config);
    assert.match(
      unconnected,
      /"other:0" \[label="on-premises\\n10\.0\.0\.0\/12\\n172\.31\.0\.0\/24\\nnot connected: hub\.gatewayTransit off"/,
    );
    assert.deepEqual(flowsOf(unconnected, 'notConnected'), [
      '"other:0" -> "empty:vnet-bu0001a0008-hub-prod-eus2/gatewaysubnet"',
    ]);
    assert.deepEqual(flowsOf(unconnected, 'onPremises'), []);
    assert.doesNotMatch(baseline, /"other:/, 'none configured, none drawn');
  });

  it('is drawn from the resources: a second spoke adds a region, its pools and its load balancer', () => {
    const two = dotOf(`
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`);
    assert.match(two, /label="Spoke vnet-bu0001a0008-01-prod-eus2\\n10\.241\.0\.0\/16"/);
    assert.equal((two.match(/label="internal load balancer/g) ?? []).length, 2);
    assert.equal(flowsOf(two, 'peering').length, 2);
    // Each gateway leads to its own spoke's load balancer, and that to its own cluster's pool.
    assert.deepEqual(flowsOf(two, 'ingress').sort(), [
      '"gateway:agw-bu0001a0008-00-prod-eus2" -> "ilb:10.240.4.4"',
      '"gateway:agw-bu0001a0008-01-prod-eus2" -> "ilb:10.241.4.4"',
      '"ilb:10.240.4.4" -> "pool:aks-bu0001a0008-00-prod-eus2:npuser01"',
      '"ilb:10.241.4.4" -> "pool:aks-bu0001a0008-01-prod-eus2:npuser01"',
      '"internet" -> "gateway:agw-bu0001a0008-00-prod-eus2"',
      '"internet" -> "gateway:agw-bu0001a0008-01-prod-eus2"',
    ]);
    // Without the Application Gateway among the resources, the ingress flow is not drawn.
    const resources = JSON.parse(
      planOk('{}').files.find((f) => f.path === 'azure/resources.json')?.content ?? '{}',
    ) as ResolvedResources;
    const without = architectureDot(
      inventoryFrom([
        {
          name: 'resources.json',
          text: JSON.stringify({
            resources: resources.resources.filter((r) => r.type !== 'Microsoft.Network/applicationGateways'),
          }),
        },
      ]),
    );
    assert.deepEqual(flowsOf(without, 'ingress'), []);
    assert.doesNotMatch(without, /ingress: clients to the workload/, 'nor explained');
  });

  it('draws a hub someone else owns as what the spoke peers with and sends its egress to', () => {
    const config = readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8');
    const existing = dotOf(config);
    assert.doesNotMatch(existing, /label="Hub vnet/);
    assert.match(existing, /"remote:vnet-hub-eastus2" \[label="Hub \(existing\)/);
    assert.match(existing, /egress 0\.0\.0\.0\/0 → 10\.100\.0\.4"/);
    assert.deepEqual(flowsOf(existing, 'egress').sort(), [
      '"internet" -> "remote:vnet-hub-eastus2"',
      '"remote:vnet-hub-eastus2" -> "pool:aks-bu0001a0008-00-prod-eus2:npsystem"',
      '"remote:vnet-hub-eastus2" -> "pool:aks-bu0001a0008-00-prod-eus2:npuser01"',
    ]);
    // Connected networks are the existing hub's to route: drawn as not routed by this plan.
    const withOther = dotOf(
      `${config}\notherNetworks: [{ name: on-premises, addressPrefixes: [10.0.0.0/12] }]\n`,
    );
    assert.match(withOther, /"other:0" \[label="on-premises\\n10\.0\.0\.0\/12\\nnot routed by this plan"/);
    assert.deepEqual(flowsOf(withOther, 'notConnected'), ['"other:0" -> "remote:vnet-hub-eastus2"']);
  });

  it('puts a VNet-integrated API server in its subnet, and sends each pool to the existing hub once', () => {
    const integrated = dotOf(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { apiServer: { private: true, vnetIntegration: true } } }]',
    );
    assert.match(
      integrated,
      /label="snet-apiserver\\n10\.240\.4\.16\/28";[^\n]*\n\s+"api:aks-bu0001a0008-00-prod-eus2" \[label="AKS API server\\naks-bu0001a0008-00-prod-eus2\\n\(private\)"/,
    );
    const config = readFileSync(
      join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'),
      'utf8',
    ).replace(
      /spokes:[\s\S]*?(?=\n\w|$)/,
      'spokes:\n  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }\n  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }\n',
    );
    const two = dotOf(config);
    const fromHub = flowsOf(two, 'egress').filter((e) => e.includes('"pool:'));
    assert.equal(fromHub.length, 4, two);
    assert.equal(new Set(fromHub).size, 4, 'each pool once');
    assert.equal(flowsOf(two, 'peering').length, 2);
  });

  it('is laid out by Graphviz into a self-contained SVG, the same every time', async () => {
    const svg = await renderSvg(baseline);
    assert.equal(await renderSvg(baseline), svg, 'deterministic');
    const [, width, height] = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg) ?? [];
    assert.ok(Number(width) > 500 && Number(height) > 300, `${width}×${height}`);
    assert.doesNotMatch(svg, /<script|@import|@font-face|url\(|<image/i);
    assert.doesNotMatch(
      svg.replace(/xmlns(:xlink)?="[^"]+"/g, '').replace(/<!DOCTYPE[^>]+>/, ''),
      /https?:\/\//,
    );
    // Graphviz placed every region and node: each appears as a titled group.
    const titles = svg.replace(/&#45;/g, '-');
    assert.match(titles, /<title>cluster:vnet-bu0001a0008-hub-prod-eus2<\/title>/);
    assert.match(titles, /<title>pool:aks-bu0001a0008-00-prod-eus2:npuser01<\/title>/);
    await assert.rejects(renderSvg('digraph { a -> }'), /Graphviz could not lay out the diagram/);
  });

  it("paints each region's and edge's label again after every line, haloed in the region's fill", async () => {
    const svg = await renderSvg(
      'digraph { subgraph cluster_a { label="Region A"; style=filled; fillcolor="#eef3fb"; a } b; a -> b [label="flow"] }',
    );
    const ids = [...svg.matchAll(/<text id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(ids, ['clust1-label1', 'edge1-label1'], 'the region and the edge labels, not the nodes');
    const at = svg.indexOf('<g id="baseplate-labels"');
    const labels = svg.slice(at);
    assert.ok(at > svg.lastIndexOf('class="edge"'), 'painted after every edge');
    assert.match(
      labels,
      /^<g id="baseplate-labels" class="labels" pointer-events="none" aria-hidden="true">/,
    );
    // The halo, then the glyphs again on it.
    assert.match(
      labels,
      /<use xlink:href="#clust1-label1" stroke="#eef3fb" [^>]*paint-order="stroke"\/>\n<use xlink:href="#clust1-label1"\/>/,
    );
    assert.match(labels, /<use xlink:href="#edge1-label1" stroke="#ffffff" [^>]*paint-order="stroke"\/>/);
    // Inside the graph's group, under its transform: the graph group closes after the copies.
    assert.ok(svg.lastIndexOf('</g>\n</g>\n</svg>') > at, 'the copies sit inside the graph group');
    assert.doesNotMatch(
      await renderSvg('digraph { a -> b }'),
      /<use /,
      'a drawing without labels is left alone',
    );
    // Graphviz nests groups in a region or edge only for a URL or tooltip: Baseplate's drawing sets none.
    assert.doesNotMatch(baseline, /\b(URL|href|tooltip)=/);
  });
});

describe('plan writes report/diagram.svg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-diagram-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('beside the DOT it was laid out from', async () => {
    const run = await runCli(['plan', '--out', 'out'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const svg = readFileSync(join(dir, 'out', 'report', 'diagram.svg'), 'utf8');
    assert.match(svg, /^<\?xml|^<svg|<!DOCTYPE svg/);
    assert.match(svg, /Azure Firewall Standard/);
    assert.equal(readFileSync(join(dir, 'out', 'report', 'diagram.dot'), 'utf8'), baseline);
  });
});
