/**
 * Diagrams laid out before, kept by their graph. Starting Graphviz and laying
 * out the architecture diagram takes longer than the rest of a plan, and most
 * plans draw the graph the one before drew: a tag, a policy or an alert moves
 * no box or arrow. A layout depends on the graph and the Graphviz build alone,
 * so the SVG kept for the same graph and build is the one Graphviz would draw
 * again. Each plan's inputs also remember the graph they drew, so that a plan
 * whose graph is kept does not start Graphviz at all: starting it costs the
 * plan time even when it lays out nothing. Kept in Baseplate's cache folder
 * (../cache-folder.ts), the most recent few only.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from '../../core/index.js';
import { keep, oldest } from '../cache-folder.js';
import type { DiagramLayouts } from './layout.js';

export interface KeptLayoutOptions {
  /** The cache folder; undefined: nothing kept. */
  readonly folder: string | undefined;
  /** Which Graphviz lays out (the build of its file); undefined: nothing kept. */
  readonly engine: string | undefined;
  /** Which Baseplate draws the graph from the inputs (the build of its file). */
  readonly planner: string | undefined;
  /** How many layouts, and how many plans' inputs, stay kept. */
  readonly limit?: number;
}

const LAYOUT = 'layout-';
const PLAN = 'plan-';

/** `start` (the layout step, started on call) behind the kept diagrams. */
export function keptLayouts(start: () => Layout, options: KeptLayoutOptions): DiagramLayouts {
  const { folder, engine, planner, limit = 16 } = options;
  if (folder === undefined || engine === undefined || planner === undefined) return { forPlan: start };
  const hash = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');
  const layoutPath = (graph: string) => join(folder, `${LAYOUT}${graph}.svg`);
  return {
    forPlan(inputs) {
      const planPath = join(folder, `${PLAN}${hash(planner, engine, inputs)}`);
      const drew = readKept(planPath);
      // Graphviz starts now, while the plan runs, unless these inputs drew a graph that is kept.
      const started = drew !== undefined && existsSync(layoutPath(drew)) ? undefined : start();
      return async (dot) => {
        const graph = hash(engine, dot);
        let svg = readKept(layoutPath(graph));
        if (svg === undefined) {
          svg = await (started ?? start())(dot);
          keep(layoutPath(graph), svg, oldest(folder, LAYOUT, limit));
        }
        if (drew !== graph) keep(planPath, graph, oldest(folder, PLAN, limit));
        return svg;
      };
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
