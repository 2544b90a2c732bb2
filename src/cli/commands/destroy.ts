/**
 * `baseplate destroy`: shows what it will delete and what it leaves, asks for
 * confirmation (`--yes` to skip; required where nobody can answer), deletes in
 * reverse order, and says what Azure keeps (soft-deleted vaults) afterwards.
 */
import { clientCache } from '../../deploy/clients.js';
import type { AzureClients } from '../../deploy/clients.js';
import type { DestroyPlan, SoftDeletedVault } from '../../deploy/destroy.js';
import { destroy, destroyPlan, keptVaults } from '../../deploy/destroy.js';
import { AzureOperationError } from '../../deploy/errors.js';
import { azureHttpLog } from '../azure-log.js';
import { createView, viewIo } from '../deploy-view.js';
import { ExitCode, UsageError } from '../exit-codes.js';
import type { AzureIo } from '../azure.js';
import type { Io } from '../io.js';
import { debug, paint } from '../io.js';
import type { DataFormat } from '../output-format.js';
import { DESTROY_FORMATS, formatOf, printData } from '../output-format.js';
import { sourceMappedStack } from '../stack-trace.js';
import { azurePlan, failureData } from './deploy.js';

export interface DestroyOptions {
  readonly config?: string;
  readonly subscription?: string;
  readonly yes?: boolean;
  /** Purge the soft-deleted Key Vaults (refused by Azure while purge protection holds them). */
  readonly purge?: boolean;
  /** Delete groups that also hold resources Baseplate did not create. */
  readonly deleteUnplanned?: boolean;
  /** `-o`: table (default), json or yaml. */
  readonly output?: string;
  /** `--json`, the same as `-o json`. */
  readonly json?: boolean;
}

export async function destroyCommand(
  options: DestroyOptions,
  io: AzureIo,
  env: NodeJS.ProcessEnv = io.env ?? process.env,
): Promise<ExitCode> {
  const format = formatOf(options, DESTROY_FORMATS);
  const data = format === 'json' || format === 'yaml' ? format : undefined;
  // Findings do not matter when taking a design down.
  const planned = await azurePlan({ ...options, ignoreFindings: 'silently' }, io, env);
  if (typeof planned === 'number') return planned;
  const clientsFor = clientCache(planned.connection);
  // With data on stdout, what it will delete, the question and the progress go to stderr.
  const shown = data ? viewIo(io) : io;
  const restoreLog = await azureHttpLog(io);
  try {
    const plan = await destroyPlan(planned.stages, clientsFor, {
      deleteUnplanned: options.deleteUnplanned === true,
    });
    const doomed = plan.groups.filter((g) => g.exists && !g.leftAlone);
    const alsoDeleted = plan.atSubscription.filter((r) => !r.leftAlone);
    shown.out(
      [
        doomed.length > 0
          ? 'baseplate destroy deletes these resource groups and everything in them:'
          : 'Nothing to delete: none of the resource groups of this design exists.',
        ...doomed.map((g) => `  - ${g.name} (subscription ${g.subscriptionId})`),
        ...plan.nodeGroups.map(
          (g) => `  - ${g.name} (the cluster's node resource group; AKS deletes it with the cluster)`,
        ),
        ...(doomed.length > 0 ? alsoDeleted.map((r) => `  - the ${r.description}`) : []),
        ...plan.groups.filter((g) => g.leftAlone).map((g) => `Left alone: ${g.name}: ${g.leftAlone ?? ''}`),
        ...plan.atSubscription
          .filter((r) => r.leftAlone)
          .map((r) => `Left alone: ${r.description}: ${r.leftAlone ?? ''}`),
        ...(plan.handedOff.length > 0
          ? [
              `Left alone: what the hub owner applied (${plan.handedOff.join(', ')}); ask the network team to remove the spoke's peering and DNS links.`,
            ]
          : []),
        '',
      ].join('\n'),
    );
    if (doomed.length === 0) return await keptOnly(plan, clientsFor, options, io, shown, data);
    if (!options.yes) {
      if (!io.ask)
        throw new UsageError(
          'destroy deletes resource groups: confirm with --yes when no one is at a terminal.',
        );
      const answer = await io.ask(
        `Type "${doomed[0]?.name ?? ''}" to delete ${doomed.length} resource group(s): `,
      );
      if (answer.trim() !== doomed[0]?.name) {
        io.err('Not confirmed; nothing was deleted.\n');
        return ExitCode.usage;
      }
    }
    const view = createView(shown, shown.live === true);
    const outcome = await destroy(plan, clientsFor, view.listener, { purge: options.purge === true });
    view.finish();
    if (data) {
      printData(io, data, {
        ok: true,
        deleted: outcome.deleted,
        deletedAtSubscription: outcome.deletedAtSubscription,
        softDeletedVaults: outcome.softDeletedVaults,
        remainingNodeGroups: outcome.remainingNodeGroups,
      });
      return ExitCode.ok;
    }
    io.out(
      [
        `Deleted ${outcome.deleted.length} resource group(s): ${outcome.deleted.join(', ')}.`,
        ...outcome.deletedAtSubscription.map((d) => `Deleted the ${d}.`),
        ...outcome.softDeletedVaults.map(keptVaultLine),
        ...outcome.remainingNodeGroups.map((g) =>
          paint(
            io,
            'yellow',
            `Resource group ${g} is still there: AKS deletes it with the cluster; delete it by hand if it stays.`,
          ),
        ),
        '',
      ].join('\n'),
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof AzureOperationError) {
      debug(io, sourceMappedStack(error.stack ?? error.message));
      io.err(
        `${paint(io, 'red', `${error.what} failed`, 'err')}:\n${error.failures.map((f) => `  ${f.code}: ${f.message}\n`).join('')}`,
      );
      if (data) printData(io, data, failureData(error));
      return ExitCode.azure;
    }
    throw error;
  } finally {
    restoreLog();
  }
}

function keptVaultLine(vault: SoftDeletedVault): string {
  return `Key Vault ${vault.name} is soft-deleted${vault.scheduledPurgeDate ? ` until ${vault.scheduledPurgeDate.slice(0, 10)}` : ''}: its name stays reserved; deploying again needs it recovered into its resource group, once that exists again (baseplate deploy tells you how), or purged (--purge, where purge protection allows).`;
}

/**
 * Nothing left to delete: what Azure still keeps of an earlier destroy (soft-deleted
 * vaults, which would stop the next deploy at preflight), purged after confirmation
 * when asked.
 */
async function keptOnly(
  plan: DestroyPlan,
  clientsFor: (subscriptionId: string) => AzureClients,
  options: DestroyOptions,
  io: AzureIo,
  /** Where the view goes: stderr when stdout carries `data`. */
  shown: Io,
  data: DataFormat | undefined,
): Promise<ExitCode> {
  const view = createView(shown, shown.live === true);
  const kept = await keptVaults(plan.vaults, clientsFor, view.listener, { purge: false });
  view.finish();
  if (kept.length === 0 || !options.purge) {
    if (data) printData(io, data, { ok: true, deleted: [], softDeletedVaults: kept });
    else io.out(kept.map((vault) => `${keptVaultLine(vault)}\n`).join(''));
    return ExitCode.ok;
  }
  const first = kept[0]?.name ?? '';
  if (!options.yes) {
    if (!io.ask)
      throw new UsageError(
        'destroy --purge purges Key Vaults: confirm with --yes when no one is at a terminal.',
      );
    const answer = await io.ask(`Type "${first}" to purge ${kept.length} soft-deleted Key Vault(s): `);
    if (answer.trim() !== first) {
      io.err('Not confirmed; nothing was purged.\n');
      return ExitCode.usage;
    }
  }
  const purging = plan.vaults.filter((vault) => kept.some((k) => k.name === vault.name));
  const still = await keptVaults(purging, clientsFor, view.listener, { purge: true });
  view.finish();
  const purged = purging.filter((v) => !still.some((k) => k.name === v.name)).map((v) => v.name);
  if (data) {
    printData(io, data, { ok: true, deleted: [], purgedVaults: purged, softDeletedVaults: still });
    return ExitCode.ok;
  }
  io.out([...purged.map((name) => `Purged Key Vault ${name}.`), ...still.map(keptVaultLine), ''].join('\n'));
  return ExitCode.ok;
}
