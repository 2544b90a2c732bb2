/**
 * How deploy and destroy show their work. On a terminal: a live view of the
 * running stage, one line per resource with its state and duration, redrawn in
 * place. Elsewhere (CI, a log file): plain timestamped lines, one per change.
 */
import type { DeployEvent, Listener, ResourceProgress } from '../deploy/events.js';
import type { Io } from './io.js';
import { paint } from './io.js';
import { printable } from '../core/index.js';

const ESC = String.fromCharCode(27);

export interface View {
  readonly listener: Listener;
  /** Ends the live block so that what follows prints below it. */
  finish(): void;
}

/** `now`: the timestamps of the plain lines; the Io's clock, else the system's. */
export function createView(io: Io, live: boolean, now: () => Date = () => io.now?.() ?? new Date()): View {
  return live ? liveView(io) : plainView(io, now);
}

/**
 * The view on stderr, for a command whose stdout carries data (`-o json`): live
 * where stderr is a terminal, in stderr's colour.
 */
export function viewIo(io: Io): Io {
  return {
    ...io,
    out: (text) => io.err(text),
    color: io.errColor ?? false,
    live: io.errIsTTY === true,
    isTTY: io.errIsTTY ?? false,
  };
}

function plainView(io: Io, now: () => Date): View {
  /** The last state printed per resource: a line only when it changes. */
  const seen = new Map<string, string>();
  const line = (text: string) =>
    io.out(
      `${now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')} ${text}\n`,
    );
  return {
    listener: (event) => {
      switch (event.kind) {
        case 'stage':
          line(`${event.stage}: ${event.status}${event.detail ? ` (${event.detail})` : ''}`);
          break;
        case 'progress':
          for (const resource of event.resources) {
            const key = `${event.stage} ${resource.resourceId}`;
            if (resource.state === 'Waiting' || seen.get(key) === resource.state) continue;
            seen.set(key, resource.state);
            line(
              `${event.stage}: ${resource.resourceType} ${resource.resourceName} ${resource.state}${duration(resource)}`,
            );
          }
          break;
        case 'stage-done':
          line(`${event.stage}: done in ${event.seconds}s`);
          break;
        case 'step':
          line(`${event.stage ? `${event.stage}: ` : ''}${printable(event.message)}`);
          break;
        case 'warning':
          line(`warning: ${printable(event.message)}`);
          break;
      }
    },
    finish: () => undefined,
  };
}

function liveView(io: Io): View {
  let drawn = 0;
  const erase = () => {
    if (drawn > 0) io.out(`${ESC}[${drawn}A${ESC}[0J`);
    drawn = 0;
  };
  const draw = (lines: readonly string[]) => {
    erase();
    if (lines.length === 0) return;
    io.out(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  return {
    listener: (event: DeployEvent) => {
      switch (event.kind) {
        case 'stage':
          erase();
          io.out(
            `${paint(io, 'bold', event.stage)} ${event.status}${event.detail ? ` (${event.detail})` : ''}\n`,
          );
          break;
        case 'progress': {
          // Erasing counts lines: a wrapped or scrolled-off line would leave debris, so every line fits.
          const { columns, rows } = io.size?.() ?? { columns: 80, rows: 24 };
          const fit = (text: string, indent: number) => clip(text, columns - indent - 1);
          const room = Math.max(rows - 3, 2);
          const resources =
            event.resources.length > room ? event.resources.slice(0, room - 1) : event.resources;
          const hidden = event.resources.length - resources.length;
          draw([
            `  ${fit(`${event.stage}: ${event.state}`, 2)}`,
            ...resources.map(
              (r) =>
                `    ${mark(io, r.state)} ${fit(`${r.resourceType} ${r.resourceName}${duration(r)}`, 6)}`,
            ),
            ...(hidden > 0 ? [`    ${fit(`… and ${hidden} more`, 4)}`] : []),
          ]);
          break;
        }
        case 'stage-done':
          erase();
          io.out(`${paint(io, 'green', '✓')} ${event.stage} done in ${event.seconds}s\n`);
          break;
        case 'step':
          erase();
          io.out(`  ${printable(event.message)}\n`);
          break;
        case 'warning':
          erase();
          io.out(`${paint(io, 'yellow', 'warning:')} ${printable(event.message)}\n`);
          break;
      }
    },
    finish: erase,
  };
}

/** At most `width` characters, the end elided. */
function clip(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(width - 1, 0)).join('')}…`;
}

function mark(io: Io, state: string): string {
  const lower = state.toLowerCase();
  if (lower === 'succeeded') return paint(io, 'green', '✓');
  if (lower === 'failed') return paint(io, 'red', '✗');
  if (lower === 'waiting') return '·';
  return paint(io, 'blue', '…');
}

function duration(resource: ResourceProgress): string {
  return resource.seconds === undefined ? '' : ` (${Math.round(resource.seconds)}s)`;
}
