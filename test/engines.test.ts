/**
 * Baseplate supports Node 20 (the machines') and Node 24 (the current LTS):
 * package.json's engines says so, and no installed package may ask for more.
 * npm only warns (EBADENGINE) when one does; this makes it a failure. (It did:
 * kubernetes-models 5 asks for Node 22, so it stays on 4.5.1, which asks for 14.)
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import semver from 'semver';
import { repoRoot } from './helpers.js';
import type { PackageEntry } from './support/engines.js';
import { excluding } from './support/engines.js';

type LockEntry = PackageEntry & { readonly dev?: boolean };

const read = <T>(file: string) => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as T;
const manifest = read<{ engines: { node: string } }>('package.json');
const lock = read<{ packages: Record<string, LockEntry> }>('package-lock.json');

/** The package.json installed at a lock path, when `npm ci` put it there (optional ones for other platforms are not). */
function installedManifest(path: string): LockEntry | undefined {
  const file = join(repoRoot, path, 'package.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as LockEntry) : undefined;
}

describe('engines', () => {
  it('names Node 20 and Node 24, and the Node running the tests', () => {
    for (const version of ['20.19.0', '24.0.0', process.versions.node])
      assert.ok(
        semver.satisfies(version, manifest.engines.node),
        `${version} is outside ${manifest.engines.node}`,
      );
  });

  it('is asked for by no package in package-lock.json beyond what package.json promises', () => {
    assert.ok(Object.keys(lock.packages).length > 100, 'the lock lists the installed tree');
    assert.deepEqual(excluding(manifest.engines.node, lock.packages), []);
  });

  it('is asked for by no installed package beyond what package.json promises', () => {
    const paths = Object.keys(lock.packages).filter((path) => installedManifest(path));
    assert.ok(paths.length > 100, 'node_modules holds the locked tree (run npm ci)');
    assert.deepEqual(excluding(manifest.engines.node, lock.packages, installedManifest), []);
  });

  it('flags a package that leaves out any version our range admits, in either engines form', () => {
    const ours = '^20.19.0 || ^22.13.0 || >=24';
    const packages: Record<string, LockEntry> = {
      '': { engines: { node: '>=99' } },
      'node_modules/any': {},
      'node_modules/old': { version: '1.0.0', engines: { node: '>=14' } },
      'node_modules/same': { engines: { node: '^20.19.0 || ^22.13.0 || >=24' } },
      'node_modules/twenty-two': { version: '5.1.0', engines: { node: '>=22' } },
      'node_modules/late-twenty': { version: '2.0.0', engines: { node: '>=20.19.5' } },
      'node_modules/no-24': { version: '3.0.0', engines: { node: '^20 || ^22' } },
      'node_modules/array': { version: '0.1.0', engines: ['node >= 22'] },
      'node_modules/array-ok': { engines: ['node >= 0.8', 'npm >= 1'] },
      'node_modules/stale': { version: '1.0.0', engines: { node: '>=14' } },
    };
    const installed = (path: string): LockEntry | undefined =>
      path === 'node_modules/stale' ? { version: '1.1.0', engines: { node: '>=22.12' } } : undefined;
    assert.deepEqual(excluding(ours, packages, installed), [
      'node_modules/twenty-two@5.1.0 wants node >=22',
      'node_modules/late-twenty@2.0.0 wants node >=20.19.5',
      'node_modules/no-24@3.0.0 wants node ^20 || ^22',
      'node_modules/array@0.1.0 wants node >= 22',
      'node_modules/stale@1.1.0 wants node >=22.12',
    ]);
  });
});
