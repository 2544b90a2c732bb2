/**
 * The installed package's root folder, where package.json, schemas/ and
 * build/web/ are. Found by walking up from this module, since it runs both
 * compiled in place (build/src/cli/) and bundled (build/cli/).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGE_NAME } from '../core/package-name.js';

function findRoot(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    )
      return folder;
    if (dirname(folder) === folder)
      throw new Error('baseplate: cannot find its package.json above its modules');
  }
}

export const PACKAGE_ROOT = findRoot();

export const PACKAGE_VERSION = (
  JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }
).version;
