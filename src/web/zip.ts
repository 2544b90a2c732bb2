/**
 * The plan as one zip, the same bytes every time for the same files: entries
 * sorted by path under `out/` (where `baseplate plan` writes by default), a
 * fixed timestamp, Unix permissions 0644. fflate writes it (small, pure
 * JavaScript, the same in the browser and Node).
 */
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { OutputFile } from '../core/index.js';

/** The folder the zip unpacks to: `plan`'s default `--out`. */
const ZIP_ROOT = 'out';

/** 1980-01-01 00:00, the first time a zip can hold; built from local parts, as zip times are local. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

export function zipOf(files: readonly OutputFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    entries[`${ZIP_ROOT}/${file.path}`] = [
      strToU8(file.content),
      { level: 9, mtime: FIXED_TIME, os: 3, attrs: 0o644 << 16 },
    ];
  }
  return zipSync(entries);
}
