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
import { runCli } from './support/cli.js';

function dotOf(config: string): string {
  const { files } = planOk(config);
  const dot = files.find((f) => f.path === 'report/diagram.dot')?.content;
  assert.ok(dot);
  return dot;
}

const baseline = dotOf('{}');

describe('architecture diagram', () => {
  it('draws the hub and the spoke as regions, their subnets with their ranges, and what runs in them', () => {
    for (const region of [
      /subgraph "cluster:vnet-bu0001a0008-hub-prod-eus2" \{\n\s+label="Hub vnet-bu0001a0008-hub-prod-eus2\\n10\.200\.0\.0\/24"/,
      /label="Spoke vnet-bu0001a0008-00-prod-eus2\\n10\.240\.0\.0\/16"/,
      /label="AzureFirewallSubnet\\n10\.200\.0\.0\/26"/,
      /label="snet-nodes\\n10\.240\.0\.0\/22"/,
    ])
      assert.match(baseline, region);
    assert.match(baseline, /label="User pool npuser01\\n2–5 × Standard_DS4_v2\\nzones 1,2,3"/);
    assert.match(baseline, /label="Azure Firewall \(Standard\)\\nafw-bu0001a0008-hub-prod-eus2"/);
    assert.match(baseline, /label="internal load balancer\\n10\.240\.4\.4 → Traefik"/);
    assert.match(baseline, /label="Container Registry\\ncrbu0001a000800prod\w+", shape=cylinder/);
  });

  it('labels the flows of the spec: ingress with its TLS hops, egress through the firewall, Private Link, peering', () => {
    const edges = baseline.split('\n').filter((l) => l.includes(' -> '));
    const edge = (from: RegExp, to: RegExp, label: RegExp) =>
      assert.ok(
        edges.some((e) => {
          const [left = '', right = ''] = e.split(' -> ');
          return from.test(left) && to.test(right) && label.test(right);
        }),
        `${String(from)} -> ${String(to)} ${String(label)}`,
      );
    edge(/"internet"/, /"gateway:agw-/, /HTTPS 443, TLS 1\.2\+/);
    edge(/"gateway:agw-/, /"ilb:10\.240\.4\.4"/, /HTTPS again/);
    edge(/"ilb:10\.240\.4\.4"/, /"pool:.*:npuser01"/, /Traefik → workload/);
    edge(/"pool:.*:npsystem"/, /"firewall:afw-/, /egress 0\.0\.0\.0\/0/);
    edge(/"firewall:afw-/, /"internet"/, /allowed FQDNs only/);
    edge(/"endpoint:pe-.*-registry"/, /"service:crbu/, /Private Link/);
    edge(/"pool:.*"/, /"firewall:|"bastion:/, /peering/);
    edge(/"pool:.*:npsystem"/, /"api:aks-/, /management/);
  });

  it('is drawn from the resources: a second spoke adds a region, its pools and its load balancer', () => {
    const two = dotOf(`
spokes:
  - { name: "00", addressSpace: 10.240.0.0/16, ingress: { hostNames: [app00.contoso.com] } }
  - { name: "01", addressSpace: 10.241.0.0/16, ingress: { hostNames: [app01.contoso.com] } }
`);
    assert.match(two, /label="Spoke vnet-bu0001a0008-01-prod-eus2\\n10\.241\.0\.0\/16"/);
    assert.equal((two.match(/label="internal load balancer/g) ?? []).length, 2);
    assert.equal((two.match(/\[label="peering"/g) ?? []).length, 2);
    // Each gateway leads to its own spoke's load balancer, and that to its own cluster's pool.
    assert.equal((two.match(/\[label="HTTPS again/g) ?? []).length, 2);
    assert.equal((two.match(/\[label="Traefik → workload/g) ?? []).length, 2);
    assert.match(two, /"gateway:agw-bu0001a0008-01-prod-eus2" -> "ilb:10\.241\.4\.4"/);
    assert.match(two, /"ilb:10\.241\.4\.4" -> "pool:aks-bu0001a0008-01-prod-eus2:npuser01"/);
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
    assert.doesNotMatch(without, /HTTPS 443/);
  });

  it('draws a hub someone else owns as what the spoke peers with and sends its egress to', () => {
    const config = readFileSync(join(repoRoot, 'test', 'cases', 'existing-hub', 'baseplate.yaml'), 'utf8');
    const existing = dotOf(config);
    assert.doesNotMatch(existing, /label="Hub vnet/);
    assert.match(existing, /"remote:vnet-hub-eastus2" \[label="Hub \(existing\)/);
    assert.match(existing, /-> "remote:vnet-hub-eastus2" \[label="egress 0\.0\.0\.0\/0 → 10\.100\.0\.4"/);
  });

  it('puts a VNet-integrated API server in its subnet, and sends each spoke to the existing hub once', () => {
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
    assert.equal((two.match(/\[label="egress 0\.0\.0\.0\/0 → /g) ?? []).length, 2, two);
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
});

describe('plan writes report/diagram.svg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baseplate-diagram-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('beside the DOT it was laid out from', async () => {
    const run = await runCli(['plan', '--out', 'out'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    const svg = readFileSync(join(dir, 'out', 'report', 'diagram.svg'), 'utf8');
    assert.match(svg, /^<\?xml|^<svg|<!DOCTYPE svg/);
    assert.match(svg, /Azure Firewall \(Standard\)/);
    assert.equal(readFileSync(join(dir, 'out', 'report', 'diagram.dot'), 'utf8'), baseline);
  });
});
