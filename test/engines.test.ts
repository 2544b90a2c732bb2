/**
 * Baseplate supports Node 20 (the machines') and Node 24 (the current LTS):
 * package.json's engines says so, and no installed package may ask for more.
 * npm only warns (EBADENGINE) when one does; this makes it a failure.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';
import { repoRoot } from './helpers.js';

const read = <T>(file: string) => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as T;
const manifest = read<{ engines: { node: string } }>('package.json');
const lock = read<{ packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }> }>(
  'package-lock.json',
);

describe('engines', () => {
  it('names Node 20 and Node 24, and the Node running the tests', () => {
    for (const version of ['20.19.0', '24.0.0', process.versions.node])
      assert.ok(
        semver.satisfies(version, manifest.engines.node),
        `${version} is outside ${manifest.engines.node}`,
      );
  });

  it('is asked for by no installed package beyond what package.json promises', () => {
    const stricter = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return range && !semver.subset(manifest.engines.node, range) ? [`${path} wants node ${range}`] : [];
      });
    assert.deepEqual(stricter, []);
  });
});
