/**
 * What the platform team runs and what the plan leaves out: the deployment
 * stages in order with the roles and steps each needs, and the spec
 * recommendations left out with their reasons.
 */
import { COVERAGE } from '../../coverage/table.js';
import type { DeploymentOrder } from '../../formats/deployment-order.js';
import { html, escape, lines, section, table } from './markup.js';
import { readableScope } from './resources.js';

/** Text whose long words (commands, addresses) may break anywhere rather than widen the table. */
const breakable = (items: readonly string[]) =>
  html(items.map((item) => `<span class="anywhere">${escape(item)}</span>`).join('<br>'));

export function stagesSection(order: DeploymentOrder): string {
  return section(
    'stages',
    'Deployment stages, in order',
    table(
      ['#', 'Stage', 'Where', 'Applied by', 'Azure roles of the deployer', 'Before it runs', 'After it runs'],
      order.stages.map((s) => [
        s.order,
        `${s.name}: ${s.description}`,
        s.resourceGroup ? `resource group ${s.resourceGroup}` : s.scope,
        s.appliedBy,
        lines(s.roles.map((r) => `${r.role} on ${readableScope(r.scope)}`)),
        breakable([...(s.prerequisites ?? []), ...s.dependsOn.map((d) => `after ${d}`)]),
        breakable(s.followUps ?? []),
      ]),
      { className: 'wide' },
    ),
  );
}

export function coverageSection(): string {
  const coverage = COVERAGE.flatMap((s) => s.recommendations.map((r) => ({ heading: s.heading, r })));
  const left = coverage.filter(({ r }) => r.leftOut);
  return section(
    'coverage',
    'Spec coverage',
    `<p>${coverage.length} recommendations of the spec: ${coverage.filter(({ r }) => r.rules?.length).length} verified by a rule, ${left.length} left out, each with its reason (docs/coverage.md has them all).</p>` +
      table(
        ['Section', 'Left out', 'Why'],
        left.map(({ heading, r }) => [
          heading,
          r.text,
          `${r.leftOut?.because ?? ''}: ${r.leftOut?.why ?? ''}`,
        ]),
      ),
  );
}
