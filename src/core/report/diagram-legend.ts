/**
 * The architecture diagram's styles, and its legend drawn from them: each flow
 * is drawn with the style its legend row shows, so the two cannot disagree.
 */

/** The traffic the diagram draws as edges. */
export type Flow =
  'ingress' | 'egress' | 'peering' | 'onPremises' | 'notConnected' | 'privateLink' | 'management' | 'logs';

interface FlowStyle {
  readonly color: string;
  /** Graphviz's edge style; solid when undefined. */
  readonly style?: 'dashed' | 'dotted' | 'bold';
  readonly penwidth?: number;
  /** Traffic both ways: an arrow at each end. */
  readonly both?: boolean;
  /**
   * Whether the edge orders its ends left to right. Logs and management do
   * not: what they lead to (workspaces, API servers) would take a column of
   * its own at the right, and the drawing must stay narrow to stay legible.
   */
  readonly ranks?: false;
  /** What the legend says it is. */
  readonly meaning: string;
}

export const FLOWS: Readonly<Record<Flow, FlowStyle>> = {
  ingress: { color: '#2b6cb0', penwidth: 1.6, meaning: 'ingress: clients to the workload' },
  egress: { color: '#c05621', penwidth: 1.4, meaning: 'egress: route to the firewall, out' },
  peering: { color: '#718096', style: 'bold', both: true, meaning: 'virtual network peering' },
  onPremises: { color: '#2c7a7b', penwidth: 1.4, both: true, meaning: 'on-premises connection' },
  notConnected: { color: '#2c7a7b', style: 'dashed', meaning: 'range kept free, not connected' },
  privateLink: { color: '#4a5568', style: 'dashed', meaning: 'Private Link to a service' },
  management: { color: '#4a5568', style: 'dotted', ranks: false, meaning: 'nodes to the API server' },
  logs: { color: '#805ad5', style: 'dotted', ranks: false, meaning: 'diagnostic logs' },
};

interface RegionStyle {
  readonly fill: string;
  readonly border: string;
  readonly meaning: string;
}

export const REGIONS = {
  hub: { fill: '#eef3fb', border: '#5b7db1', meaning: 'hub virtual network' },
  spoke: { fill: '#eef8f0', border: '#4f9a61', meaning: 'spoke virtual network' },
  subnet: { fill: '#ffffff', border: '#9aa5b1', meaning: 'subnet, with its range' },
  other: { fill: '#f0fbfa', border: '#2c7a7b', meaning: 'on-premises or other network' },
  service: { fill: '#fffaf0', border: '#4a5568', meaning: 'service outside the networks' },
  monitoring: { fill: '#f7f5ff', border: '#4a5568', meaning: 'Log Analytics workspace' },
  apiServer: { fill: '#fefcbf', border: '#4a5568', meaning: 'AKS API server' },
} as const satisfies Record<string, RegionStyle>;

/** The regions and filled kinds of node the legend can explain. */
export type Region = keyof typeof REGIONS;

/** Escapes text for a Graphviz HTML-like label. */
const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A row: a sample (a line in the flow's style, or a filled box) and what it means. */
function row(sample: string, meaning: string): string {
  return `<TR>${sample}<TD ALIGN="LEFT">${html(meaning)}</TD></TR>`;
}

function flowSample(style: FlowStyle): string {
  // A cell whose bottom border is the edge: its colour, its dashes or dots, its weight.
  const weight = style.style === 'bold' || (style.penwidth ?? 1) > 1 ? 3 : 2;
  const dashes = style.style === 'dashed' || style.style === 'dotted' ? ` STYLE="${style.style}"` : '';
  return `<TD WIDTH="36" HEIGHT="10" FIXEDSIZE="TRUE" SIDES="B" BORDER="${String(weight)}" COLOR="${style.color}"${dashes}></TD>`;
}

function regionSample(style: RegionStyle): string {
  return `<TD WIDTH="36" HEIGHT="14" FIXEDSIZE="TRUE" BORDER="1" COLOR="${style.border}" BGCOLOR="${style.fill}"></TD>`;
}

/**
 * The legend as one node (an HTML-like table Graphviz sizes like any label):
 * the regions and kinds of node the diagram holds and the flows it draws, in
 * a fixed order.
 */
export function legendNode(node: string, flows: ReadonlySet<Flow>, regions: ReadonlySet<Region>): string {
  const shown = (Object.keys(REGIONS) as Region[])
    .filter((region) => regions.has(region))
    .map((r) => REGIONS[r]);
  const rows = [
    '<TR><TD COLSPAN="2" ALIGN="LEFT"><B>Legend</B></TD></TR>',
    ...shown.map((r) => row(regionSample(r), r.meaning)),
    ...(Object.keys(FLOWS) as Flow[])
      .filter((flow) => flows.has(flow))
      .map((flow) => row(flowSample(FLOWS[flow]), FLOWS[flow].meaning)),
  ];
  return `  ${node} [shape=plain, label=<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" COLOR="#a0aec0" BGCOLOR="#ffffff">${rows.join('')}</TABLE>>];`;
}
