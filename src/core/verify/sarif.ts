/**
 * SARIF 2.1.0, so findings show in code-scanning views (GitHub, Azure DevOps).
 * One run: the rules as the tool's rule descriptors, each failing or unknown
 * outcome a result at its file. Relative paths stay relative (%SRCROOT%: the
 * folder `verify` ran in, or the output folder of `plan`), as code-scanning
 * uploads expect; a fingerprint of rule and target lets those views follow a
 * finding across commits.
 *
 * A rule's descriptor is named by its opaque ID (`id`, the rule's `ref`) and its
 * readable name (`name`, the finding's code), and carries the rule's page as
 * its `help` and its messages as `messageStrings`. `helpUri` only when the
 * caller says where docs/rules/ is published (`--rule-docs-url`): SARIF asks for
 * an absolute URI there (the schema's `format: "uri"`, schemas/sarif/), and
 * the package itself names no address.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import { settingText } from '../diagnostics.js';
import type { Rule } from './rule.js';
import { COMMON_MESSAGES } from './rule.js';
import { ruleHelp } from './rule-help.js';
import type { Suppressed } from './verify.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

/** The findings that come from reading and validating the inputs rather than from a rule, at their usual severity. */
const INPUT_CHECKS: Record<string, readonly [title: string, severity: Severity]> = {
  'verify/input': [
    'An input can be read: JSON, YAML, an ARM template, a resource list or Kubernetes objects',
    'error',
  ],
  'schema/arm': ['ARM resources match the official Azure resource schemas', 'error'],
  'schema/kubernetes': [
    'Kubernetes objects match the official Kubernetes and custom resource schemas',
    'error',
  ],
  'schema/not-checked': [
    'A resource type, API version or Kubernetes kind no bundled schema covers is not checked',
    'info',
  ],
  'verify/not-read': [
    'A file verify does not read as it stands (Bicep, a Helm template, a kustomize patch)',
    'warning',
  ],
  'verify/suppression': ['A suppression written in the input names a rule and gives a reason', 'warning'],
  'verify/rule-failed': ['A rule failed on the input and was not applied: a bug to report', 'warning'],
};

/** A file path as a SARIF URI: relative ones by segment, percent-encoded; absolute ones as file URIs. */
export function artifactLocation(path: string): { uri: string; uriBaseId?: string } {
  const slashed = path.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  if (/^[A-Za-z]:\//.test(slashed)) return { uri: `file:///${encoded.replace('%3A', ':')}` };
  if (slashed.startsWith('/')) return { uri: `file://${encoded}` };
  return { uri: encoded.replace(/^\.\//, ''), uriBaseId: '%SRCROOT%' };
}

/** FNV-1a, 32 bits, as hex: stable, and enough to tell findings apart. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** A message template as SARIF writes it: `{name}` placeholders numbered `{0}`, `{1}` … in order (§3.11.5). */
function positional(template: string): string {
  let n = 0;
  return template.replace(/\{\w+\}/g, () => `{${n++}}`);
}

export interface SarifOptions {
  /** The tool's version. */
  readonly version?: string;
  /** The absolute URL docs/rules/ is published at (the caller checks it is one): each descriptor's `helpUri` is its page there. */
  readonly ruleDocsUrl?: string;
}

export function sarifLog(
  rules: readonly Rule[],
  diagnostics: readonly Diagnostic[],
  suppressed: readonly Suppressed[] = [],
  { version, ruleDocsUrl }: SarifOptions = {},
): unknown {
  const checks = Object.entries(INPUT_CHECKS).map(([id, [title, severity]]) => ({
    id,
    name: title,
    shortDescription: { text: title },
    defaultConfiguration: { level: LEVEL[severity] },
  }));
  const descriptors = [
    ...rules.map((rule) => {
      const help = ruleHelp(rule);
      const id = rule.ref;
      return {
        id,
        name: rule.id,
        shortDescription: { text: rule.title },
        fullDescription: { text: rule.why },
        ...(ruleDocsUrl ? { helpUri: `${ruleDocsUrl.replace(/\/?$/, '/')}${id}.md` } : {}),
        help: { text: help.text, markdown: help.markdown },
        messageStrings: Object.fromEntries(
          Object.entries({ ...rule.messages, ...COMMON_MESSAGES }).map(([key, template]) => [
            key,
            { text: positional(template) },
          ]),
        ),
        defaultConfiguration: { level: LEVEL[rule.severity] },
        properties: { tags: [rule.area, rule.pillar] },
      };
    }),
    ...checks,
  ];
  const index = new Map(descriptors.map((rule, i) => [rule.id, i]));
  /** A finding's code (a rule's readable name, or an input check's) → the ID of its descriptor. */
  const ids = new Map(rules.map((rule) => [rule.id, rule.ref]));
  const ruleOf = (code: string) => {
    const id = ids.get(code) ?? code;
    return { ruleId: id, ...(index.has(id) ? { ruleIndex: index.get(id) } : {}) };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'baseplate',
            version,
            informationUri:
              'https://learn.microsoft.com/azure/architecture/reference-architectures/containers/aks/baseline-aks',
            rules: descriptors,
          },
        },
        results: [
          ...diagnostics.map((d) => ({ d, accepted: undefined as Suppressed | undefined })),
          ...suppressed.map((accepted) => ({ d: accepted.finding, accepted })),
        ].map(({ d, accepted }) => ({
          ...ruleOf(d.code),
          level: LEVEL[d.severity],
          message: { text: d.fix ? `${d.message}. Fix: ${d.fix}` : d.message },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: artifactLocation(d.file),
                      ...(d.position
                        ? { region: { startLine: d.position.line, startColumn: d.position.column } }
                        : {}),
                    },
                    // Where in the JSON the finding rests (SARIF 2.1.0 §3.33: a property of the document).
                    ...(d.jsonPath
                      ? { logicalLocations: [{ fullyQualifiedName: d.jsonPath, kind: 'property' }] }
                      : {}),
                  },
                ],
              }
            : {}),
          // On plan's own output, the configuration setting that decides the finding. A property bag
          // (SARIF 2.1.0 §3.8), not a location: the configuration lies outside the output folder the
          // locations are relative to.
          // And the rule's message the finding says (the descriptor's messageStrings), with its arguments:
          // beside the text, which says more (the target, what the rule expects, the fix).
          ...(d.setting || d.said
            ? {
                properties: {
                  ...(d.setting ? { setting: settingText(d.setting) } : {}),
                  ...(d.said ? { messageId: d.said.id, messageArguments: d.said.args } : {}),
                },
              }
            : {}),
          // The target is what the message names before its first colon; the code is the readable
          // name, which fingerprinted findings before rules had opaque IDs, so views still follow them.
          partialFingerprints: {
            'baseplateFinding/v1': fingerprint(`${d.code}|${d.file ?? ''}|${d.message.split(': ')[0] ?? ''}`),
          },
          // Accepted on purpose: code-scanning views show it as dismissed. SARIF 2.1.0 §3.35.2: `inSource`
          // when the analysed file says so itself (an annotation, a resource's metadata), `external` otherwise.
          ...(accepted === undefined
            ? {}
            : {
                suppressions: [
                  {
                    kind: accepted.by === 'configuration' ? 'external' : 'inSource',
                    justification: accepted.reason,
                  },
                ],
              }),
        })),
      },
    ],
  };
}
