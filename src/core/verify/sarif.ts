/**
 * SARIF 2.1.0, so findings show in code-scanning views (GitHub, Azure DevOps).
 * One run: the rules as the tool's rule descriptors, each failing or unknown
 * outcome a result at its file.
 */
import type { Diagnostic, Severity } from '../diagnostics.js';
import type { Rule } from './rule.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  info: 'note',
};

export function sarifLog(
  rules: readonly Rule[],
  diagnostics: readonly Diagnostic[],
  suppressed: ReadonlyArray<{ readonly finding: Diagnostic; readonly reason: string }> = [],
  version?: string,
): unknown {
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
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
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.title,
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.why },
              help: { text: `${rule.fix} (spec "${rule.spec.section}": "${rule.spec.quote}")` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { area: rule.area },
            })),
          },
        },
        results: [
          ...diagnostics.map((d) => ({ d, reason: undefined as string | undefined })),
          ...suppressed.map(({ finding, reason }) => ({ d: finding, reason })),
        ].map(({ d, reason }) => ({
          ruleId: d.code,
          ...(index.has(d.code) ? { ruleIndex: index.get(d.code) } : {}),
          level: LEVEL[d.severity],
          message: { text: d.fix ? `${d.message}. Fix: ${d.fix}` : d.message },
          ...(d.file
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: d.file },
                      ...(d.position
                        ? { region: { startLine: d.position.line, startColumn: d.position.column } }
                        : {}),
                    },
                  },
                ],
              }
            : {}),
          // Accepted on purpose, in the configuration: code-scanning views show it as dismissed.
          ...(reason === undefined ? {} : { suppressions: [{ kind: 'external', justification: reason }] }),
        })),
      },
    ],
  };
}
