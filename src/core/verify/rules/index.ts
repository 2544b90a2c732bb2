/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
import { CLUSTER_RULES } from './cluster.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { NETWORK_RULES } from './network.js';
import { PLATFORM_RULES } from './platform.js';
import { REACHABILITY_RULES } from './reachability.js';
import { SERVICE_RULES } from './services.js';

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...CLUSTER_RULES,
  ...SERVICE_RULES,
  ...PLATFORM_RULES,
  ...KUBERNETES_RULES,
  ...REACHABILITY_RULES,
];
