/**
 * The configuration's settings as the design hands them on, resolved (every
 * default filled in). The types come from the configuration schema, their one
 * source; the artifacts name them from here and never import the configuration.
 */
import type { Config, SpokeConfig } from '../config/schema/index.js';

export type ClusterSettings = SpokeConfig['cluster'];
export type WorkloadSettings = SpokeConfig['workload'];
export type MonitoringSettings = Config['monitoring'];
export type GitopsSettings = Config['gitops'];
export type UpgradeSettings = Config['upgrades'];
export type MaintenanceWindowSettings = UpgradeSettings['nodeOsWindow'];
export type PolicySettings = Config['policy'];
export type CostSettings = Config['cost'];
export type FirewallSettings = Config['hub']['firewall'];

/** Tags every resource of a place carries: the configured ones, the workload and the environment. */
export type Tags = Readonly<Record<string, string>>;
