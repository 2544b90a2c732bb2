/**
 * Region and edge labels drawn over the lines. Graphviz writes a region (a
 * cluster) before the nodes and edges in it, so an edge that enters a region
 * through its top is painted across the region's title; edges cross other
 * edges' labels the same way. Cartographers' answer, kept here: each such label
 * is painted again at the end, over every line, inside a halo of the page's
 * colour (the region's fill), so the line passes under it. The first copy stays where Graphviz put
 * it, so the drawing's structure (a region's title inside its group) is
 * unchanged for tools that read it.
 */

/** The halo: a stroke painted under the glyphs (SVG 2 paint-order), wide enough to part a line from the text. */
const halo = (colour: string) =>
  `stroke="${colour}" stroke-width="3" stroke-linejoin="round" paint-order="stroke"`;
/**
 * A region's fill, the halo's colour there. An edge's label is haloed in the page's white: the
 * drawing writes no edge labels today, and every region of it fills with a colour of its own.
 */
const FILL = /^<(?:path|polygon) fill="(#[0-9a-f]{6})"/m;

/**
 * A top-level region or edge group of Graphviz's SVG, with the text elements in it. Graphviz
 * nests groups inside one only for a URL or tooltip (`<g id="a_edge1">`), which Baseplate's
 * drawing never sets (test/diagram.test.ts holds it to that): the group ends at the first `</g>`.
 */
const GROUP = /<g id="((?:clust|edge)\d+)" class="(cluster|edge)">\n([\s\S]*?)\n<\/g>\n/g;
const TEXT = /<text /g;

/** Gives each region and edge label an id, and paints it again, haloed, after everything else. */
export function labelsOverLines(svg: string): string {
  const copies: string[] = [];
  const named = svg.replace(GROUP, (_group: string, id: string, kind: string, body: string) => {
    const colour = kind === 'cluster' ? (FILL.exec(body)?.[1] ?? '#ffffff') : '#ffffff';
    let n = 0;
    const labelled = body.replace(TEXT, () => {
      const label = `${id}-label${String(++n)}`;
      // The halo, then the glyphs again on it: a renderer without paint-order strokes over the glyphs.
      copies.push(`<use xlink:href="#${label}" ${halo(colour)}/>`, `<use xlink:href="#${label}"/>`);
      return `<text id="${label}" `;
    });
    return `<g id="${id}" class="${kind}">\n${labelled}\n</g>\n`;
  });
  if (copies.length === 0) return svg;
  // The graph's own group closes last: the copies go just inside it, so they share its transform.
  const end = named.lastIndexOf('</g>\n</svg>');
  if (end < 0) return svg;
  // Copies for the eye only: clicks and tooltips reach the regions and edges, and screen readers skip them.
  return `${named.slice(0, end)}<g id="baseplate-labels" class="labels" pointer-events="none" aria-hidden="true">\n${copies.join('\n')}\n</g>\n${named.slice(end)}`;
}
