/**
 * Diagrams laid out before, kept by their graph. Starting Graphviz and laying
 * out the architecture diagram takes longer than the rest of a plan, and most
 * plans draw the graph the one before drew: a tag, a policy or an alert moves
 * no box or arrow. A layout depends on the graph and the Graphviz build alone,
 * so the SVG kept for the same graph and build is the one Graphviz would draw
 * again. Graphviz starts only for a graph not kept: started early, in case, it
 * slowed the plans whose graph is kept more than it sped those whose graph
 * changed (`npm run bench`, "configuration edited" and "diagram changed"). Kept
 * in Baseplate's cache folder (../cache-folder.ts), the most recent few only.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from '../../core/index.js';
import { keep, oldest } from '../cache-folder.js';
import type { DiagramLayouts } from './layout.js';

export interface KeptLayoutOptions {
  /** The cache folder; undefined: nothing kept. */
  readonly folder: string | undefined;
  /** Which Graphviz lays out (the build of its file); undefined: nothing kept. */
  readonly engine: string | undefined;
  /** How many layouts stay kept. */
  readonly limit?: number;
}

const LAYOUT = 'layout-';

/** `start` (the layout step, started on call) behind the kept diagrams. */
export function keptLayouts(start: () => Layout, options: KeptLayoutOptions): DiagramLayouts {
  const { folder, engine, limit = 16 } = options;
  if (folder === undefined || engine === undefined) return { forPlan: start };
  return {
    forPlan: () => async (dot) => {
      const path = join(
        folder,
        `${LAYOUT}${createHash('sha256').update(`${engine}\0${dot}`).digest('hex')}.svg`,
      );
      const kept = readKept(path);
      if (kept !== undefined) return kept;
      const svg = await start()(dot);
      const older = oldest(folder, LAYOUT, limit);
      // `plan-` files: which graph each plan's inputs drew, kept by earlier versions and read by none now.
      keep(path, svg, (name) => name.startsWith('plan-') || older(name));
      return svg;
    },
  };
}

function readKept(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
