/**
 * The commented starter configuration that `baseplate init` writes: the fields a
 * team fills in first, each explained by the schema's own description, and a
 * pointer to the JSON Schema that lists every other option.
 */
import type { Node } from 'yaml';
import { Document, isMap, isScalar, isSeq } from 'yaml';
import { schemaAt } from './json-schema.js';
import type { ConfigInput, PresetName } from './schema/index.js';

const WIDTH = 100;

function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 2 > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => ` ${l}`).join('\n');
}

function describe(node: Node | null, path: ReadonlyArray<string | number>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const childPath = [...path, String(pair.key.value)];
      const description = schemaAt(childPath).find((n) => n.description)?.description;
      if (description) pair.key.commentBefore = wrap(description);
      describe(pair.value as Node | null, childPath);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => describe(item as Node | null, [...path, i]));
  }
}

/** What `init` writes: YAML with every field's description, or JSON for a `.json` file. */
export type StarterFormat = 'yaml' | 'json';

/** The format a file's name asks for: JSON for `.json`, YAML otherwise. */
export function starterFormat(fileName: string): StarterFormat {
  return /\.json$/i.test(fileName) ? 'json' : 'yaml';
}

/**
 * `suffix` makes the registry and Key Vault names globally unique; the CLI draws
 * it at random. `naming.environment` is left to the preset (baseline: prod, dev:
 * dev), so changing `preset` in the file changes the environment with it.
 */
export function starterConfig(preset: PresetName, suffix: string, format: StarterFormat = 'yaml'): string {
  const input: ConfigInput = {
    preset,
    naming: { businessUnit: 'bu0001', workload: 'a0008', suffix },
    location: 'eastus2',
    zones: [1, 2, 3],
    hub: { addressSpace: '10.200.0.0/24' },
    spokes: [
      {
        name: '00',
        addressSpace: '10.240.0.0/16',
        cluster: {
          entra: { adminGroupObjectIds: [], readerGroupObjectIds: [] },
          apiServer: { authorizedIpRanges: [] },
        },
        ingress: { hostNames: ['bicycle.contoso.com'], internalDomain: 'aks-ingress.contoso.com' },
      },
    ],
    monitoring: { alertEmails: [] },
    gitops: { repositoryUrl: 'https://github.com/contoso/aks-baseline-gitops', branch: 'main' },
  };
  // JSON holds no comments: the schema, which `$schema` points editors at, carries the descriptions.
  if (format === 'json')
    return `${JSON.stringify({ $schema: './baseplate.schema.json', ...input }, null, 2)}\n`;
  const doc = new Document(input);
  describe(doc.contents, []);
  doc.commentBefore = [
    ' yaml-language-server: $schema=baseplate.schema.json',
    ' Baseplate configuration: the AKS baseline architecture in one file.',
    ` Preset "${preset}". Every option not written here takes its default; baseplate.schema.json lists`,
    ' them all with their reasons, and your editor completes them from it. The preset gives',
    ' naming.environment (baseline: prod, dev: dev); write it to name another.',
    ' Preview with `baseplate plan`; nothing is deployed until `baseplate deploy`.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
