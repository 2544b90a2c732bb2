/** Which packages ask for a Node that package.json's `engines` does not promise (test/engines.test.ts, test/install.test.ts). */
import semver from 'semver';

export type Engines = { readonly node?: string } | readonly string[];

/** A package as the lock or its own package.json describes it. */
export interface PackageEntry {
  readonly version?: string;
  readonly engines?: Engines;
}

/** The Node range a package's `engines` asks for: the object form, or the old array form (`["node >= 14"]`). */
export function nodeRange(engines: Engines | undefined): string | undefined {
  if (Array.isArray(engines))
    return (engines as readonly string[])
      .map((entry) => /^node\s*(.*)$/.exec(entry.trim())?.[1])
      .find((range) => range !== undefined);
  return (engines as { readonly node?: string } | undefined)?.node;
}

/**
 * The packages (by path; '' is the project itself, skipped) whose `engines.node`
 * leaves out some Node version `ours` admits, each as "path@version wants node
 * RANGE". `installed` reads a package's own package.json, which wins over the
 * lock's copy (a stale lock could hide it).
 */
export function excluding(
  ours: string,
  packages: Readonly<Record<string, PackageEntry>>,
  installed: (path: string) => PackageEntry | undefined = () => undefined,
): string[] {
  return Object.entries(packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, entry]) => {
      const own = installed(path);
      const range = nodeRange(own ? own.engines : entry.engines);
      const admitted = range === undefined || semver.subset(ours, range);
      return admitted ? [] : [`${path}@${own?.version ?? entry.version ?? '?'} wants node ${range}`];
    });
}
