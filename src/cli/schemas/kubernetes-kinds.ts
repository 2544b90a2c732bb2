/**
 * The table of Kubernetes' built-in kinds: "apiVersion Kind" → the
 * kubernetes-models module that exports the kind's class. A kind is looked up
 * in it by that key and never by a module path made from the input, so an
 * apiVersion such as `../../x` is simply a kind the table does not hold.
 *
 * Made from what the package exports: each group version's folder holds one
 * module per type, and the kinds are the classes that carry a static
 * `apiVersion` and `kind` (the spec, status and other parts do not). The build
 * writes the table into the validators' manifest (./generate.ts), since reading
 * every module takes most of a second; without it (a build that stopped at
 * tsc), it is made here on first use.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const loadModule = createRequire(import.meta.url);

const PACKAGE = 'kubernetes-models';

/** The group version folders under the package: `v1` (the core group) and `<group>/<version>`. */
function groupVersions(root: string): string[] {
  const folders = readdirSync(root, { withFileTypes: true }).filter(
    (entry) => entry.isDirectory() && !entry.name.startsWith('_'),
  );
  return folders
    .flatMap((group) =>
      /^v[0-9]/.test(group.name)
        ? [group.name]
        : readdirSync(join(root, group.name), { withFileTypes: true })
            .filter((version) => version.isDirectory())
            .map((version) => `${group.name}/${version.name}`),
    )
    .sort();
}

/** Every built-in kind kubernetes-models has, "apiVersion Kind" → module specifier, in key order. */
export function builtInKinds(): Record<string, string> {
  const root = dirname(loadModule.resolve(PACKAGE));
  const table = new Map<string, string>();
  for (const folder of groupVersions(root)) {
    for (const file of readdirSync(join(root, folder)).sort()) {
      const name = file.endsWith('.js') ? file.slice(0, -'.js'.length) : undefined;
      if (name === undefined || name === 'index') continue;
      const specifier = `${PACKAGE}/${folder}/${name}`;
      const model = (loadModule(specifier) as Record<string, unknown>)[name] as
        { apiVersion?: unknown; kind?: unknown } | undefined;
      // The class is named after its kind, which is how a check picks it from the module.
      if (typeof model?.apiVersion === 'string' && model.kind === name)
        table.set(`${model.apiVersion} ${model.kind}`, specifier);
    }
  }
  return Object.fromEntries([...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
