/**
 * The security and identity teams' part: the policy assignments with their
 * effects and exemptions, the managed identities and every role assignment
 * with its scope, the findings, every rule with what it found (passed, failed,
 * unknown before deployment, or not applicable) and the findings accepted on
 * purpose with their reasons.
 */
import { BUILT_IN_ROLES } from '../../artifacts/platform/roles.js';
import type { FindingsReport, RuleSummary } from '../../formats/findings.js';
import { byText, escape, h3, html, lines, none, paragraph, section, table } from './markup.js';
import type { Resources } from './resources.js';
import { lastSegment, ofType, readablePrincipal, readableScope, textAt, valueAt } from './resources.js';

const parameter = (assignment: unknown, name: string): unknown =>
  valueAt(assignment, `properties.parameters.${name}.value`);

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Where a resource without a `scope` applies: the group or subscription its ID names. */
const scopeOf = (r: { readonly id: string; readonly [key: string]: unknown }) =>
  typeof r['scope'] === 'string'
    ? r['scope']
    : r.id.replace(/\/providers\/Microsoft\.Authorization\/.*$/i, '');

export function policySection(resources: Resources): string {
  const assignments = ofType(resources, 'Microsoft.Authorization/policyAssignments').map((a) => {
    const raw = parameter(a, 'effect');
    const effect = typeof raw === 'string' ? raw : 'as the definition sets';
    const mode = textAt(a.properties, 'enforcementMode') ?? 'Default';
    const excluded = asList(parameter(a, 'excludedNamespaces'));
    const only = asList(parameter(a, 'namespaces'));
    return [
      textAt(a.properties, 'displayName') ?? a.name,
      mode === 'DoNotEnforce' ? `${effect} (not enforced)` : effect,
      readableScope(scopeOf(a)),
      lines([
        ...(excluded.length ? [`exempt namespaces: ${excluded.join(', ')}`] : []),
        ...(only.length ? [`only namespaces: ${only.join(', ')}`] : []),
      ]),
    ];
  });
  const exemptions = ofType(resources, 'Microsoft.Authorization/policyExemptions').map((e) => [
    textAt(e.properties, 'displayName') ?? e.name,
    lastSegment(textAt(e.properties, 'policyAssignmentId') ?? ''),
    textAt(e.properties, 'exemptionCategory') ?? '',
    readableScope(scopeOf(e)),
    textAt(e.properties, 'description') ?? '',
  ]);
  return section(
    'policies',
    'Azure Policy assignments',
    (assignments.length
      ? table(['Policy', 'Effect', 'Scope', 'Exemptions'], assignments, { rowHeaders: true })
      : none('No policy assignment.')) +
      h3('Policy exemptions') +
      (exemptions.length
        ? table(['Exemption', 'Of assignment', 'Category', 'Scope', 'Why'], exemptions, { rowHeaders: true })
        : none('None: only the namespaces listed beside each assignment are exempt.')),
  );
}

/** A built-in role's name by its definition's GUID. */
const roleName = (id: string): string | undefined =>
  Object.entries(BUILT_IN_ROLES).find(([, guid]) => guid === id)?.[0];

export function identitySection(resources: Resources): string {
  const credentials = ofType(
    resources,
    'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
  );
  const identities = ofType(resources, 'Microsoft.ManagedIdentity/userAssignedIdentities').map((id) => [
    id.name,
    String(id['comments'] ?? ''),
    lines(
      credentials
        .filter((c) => c.name.split('/')[0] === id.name)
        .map((c) => `workload identity: ${textAt(c.properties, 'subject') ?? ''}`),
    ),
  ]);
  const assignments = ofType(resources, 'Microsoft.Authorization/roleAssignments').map((a) => {
    const roleId = lastSegment(textAt(a.properties, 'roleDefinitionId') ?? '');
    const description = (textAt(a.properties, 'description') ?? '').replace(/^\[baseplate\] [^:]+: /, '');
    return [
      readablePrincipal(textAt(a.properties, 'principalId') ?? '', textAt(a.properties, 'principalType')),
      roleName(roleId) ?? roleId,
      readableScope(scopeOf(a)),
      description || String(a['comments'] ?? ''),
    ];
  });
  // The administrators: the groups aadProfile names, and the principals given Cluster Admin on the cluster (Azure RBAC's).
  const clusterAdmins = (cluster: string): string[] =>
    ofType(resources, 'Microsoft.Authorization/roleAssignments')
      .filter(
        (a) =>
          lastSegment(textAt(a.properties, 'roleDefinitionId') ?? '') ===
            BUILT_IN_ROLES['Azure Kubernetes Service RBAC Cluster Admin'] &&
          scopeOf(a).toLowerCase().endsWith(`/managedclusters/${cluster.toLowerCase()}`),
      )
      .map((a) =>
        readablePrincipal(textAt(a.properties, 'principalId') ?? '', textAt(a.properties, 'principalType')),
      );
  const clusters = ofType(resources, 'Microsoft.ContainerService/managedClusters').map((c) => {
    const administrators = [
      ...asList(valueAt(c.properties, 'aadProfile.adminGroupObjectIDs')),
      ...clusterAdmins(c.name).map((principal) => `${principal} (Cluster Admin role)`),
    ];
    return [
      c.name,
      valueAt(c.properties, 'disableLocalAccounts') === true ? 'disabled' : 'enabled',
      valueAt(c.properties, 'aadProfile.enableAzureRBAC') === true ? 'Azure RBAC' : 'Kubernetes RBAC',
      administrators.length > 0 ? lines(administrators) : 'none',
      valueAt(c.properties, 'securityProfile.workloadIdentity.enabled') === true ? 'on' : 'off',
    ];
  });
  return section(
    'identities',
    'Identities and role assignments',
    h3('Managed identities') +
      (identities.length
        ? table(['Identity', 'What it is for', 'Signs in as'], identities, { rowHeaders: true })
        : none()) +
      h3('Role assignments, each at its narrowest scope') +
      (assignments.length
        ? table(['Principal', 'Role', 'Scope', 'Why'], assignments, { rowHeaders: true })
        : none('No role assignment.')) +
      h3('Cluster sign-in') +
      (clusters.length
        ? table(
            ['Cluster', 'Local accounts', 'Authorization', 'Administrators', 'Workload identity'],
            clusters,
            {
              rowHeaders: true,
            },
          )
        : none()),
  );
}

/** The findings that stand, by severity, with their spec citation, the setting behind them and the fix. */
export function findingsSection(report: FindingsReport): string {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const found = report.findings;
  const bySeverity = (['error', 'warning', 'info'] as const).map((severity) => {
    const list = found.filter((f) => f.severity === severity);
    const items = list.map((f) => {
      const spec = rules.get(f.code)?.spec;
      return `<li class="${severity}"><strong>${escape(f.code)}</strong> ${escape(f.message)}${
        spec ? `<br><span class="muted">Spec "${escape(spec.section)}": “${escape(spec.quote)}”</span>` : ''
      }${f.setting ? `<br>Setting: ${escape(f.setting.path.join('.'))}` : ''}${f.fix ? `<br>Fix: ${escape(f.fix)}` : ''}</li>`;
    });
    return `<h3 class="${severity}">${severity} (${list.length})</h3>${items.length ? `<ul>${items.join('\n')}</ul>` : '<p class="muted">None.</p>'}`;
  });
  return section('findings', 'Findings', bySeverity.join('\n'));
}

type Verdict = 'failed' | 'unknown before deployment' | 'passed' | 'not applicable';

/** What a rule found: failed over unknown over passed; nothing to check is not applicable. */
export function verdict(rule: Pick<RuleSummary, 'passed' | 'failed' | 'unknown'>): Verdict {
  if (rule.failed > 0) return 'failed';
  if (rule.unknown > 0) return 'unknown before deployment';
  if (rule.passed > 0) return 'passed';
  return 'not applicable';
}

const VERDICTS: readonly Verdict[] = ['failed', 'unknown before deployment', 'passed', 'not applicable'];

/** Every rule and what it found, failures first; the counts are of the things each looked at. */
export function rulesSection(report: FindingsReport): string {
  const counts = VERDICTS.map((v) => `${report.rules.filter((r) => verdict(r) === v).length} ${v}`);
  const rows = [...report.rules]
    .sort((a, b) => VERDICTS.indexOf(verdict(a)) - VERDICTS.indexOf(verdict(b)) || byText(a.ref, b.ref))
    .map((r) => [
      html(`${escape(r.ref)}<br><span class="muted">${escape(r.id)}</span>`),
      r.title,
      r.area,
      r.severity,
      html(`<span class="verdict-${verdict(r).split(' ')[0] ?? ''}">${escape(verdict(r))}</span>`),
      `${r.passed} / ${r.failed} / ${r.unknown}`,
    ]);
  return section(
    'rules',
    'Rules checked',
    paragraph(`${report.rules.length} rules: ${counts.join(', ')}.`) +
      table(['Rule', 'Checks that', 'Area', 'Severity', 'Outcome', 'Passed / failed / unknown'], rows, {
        rowHeaders: true,
      }),
  );
}

export function suppressionsSection(report: FindingsReport): string {
  const rows = report.suppressed.map((s) => [s.finding.code, s.finding.message, s.reason, `the ${s.by}`]);
  return section(
    'suppressions',
    'Findings accepted on purpose',
    rows.length
      ? table(['Rule', 'Finding', 'Reason', 'Written in'], rows, { rowHeaders: true })
      : none('None: no finding is suppressed (verify.suppress in the configuration, or an annotation).'),
  );
}
