/** Every rule, in the order the report lists them. */
import type { Rule } from '../rule.js';
import { CLUSTER_RULES } from './cluster.js';
import { CONTINUITY_RULES } from './continuity.js';
import { GOVERNANCE_RULES } from './governance.js';
import { KUBERNETES_RULES } from './kubernetes.js';
import { NETWORK_RULES } from './network.js';
import { OBSERVABILITY_RULES } from './observability.js';
import { OPERATING_SYSTEM_RULES } from './operating-system.js';
import { PLATFORM_RULES } from './platform.js';
import { REACHABILITY_RULES } from './reachability.js';
import { SERVICE_RULES } from './services.js';

export const RULES: readonly Rule[] = [
  ...NETWORK_RULES,
  ...CLUSTER_RULES,
  ...OPERATING_SYSTEM_RULES,
  ...SERVICE_RULES,
  ...PLATFORM_RULES,
  ...OBSERVABILITY_RULES,
  ...GOVERNANCE_RULES,
  ...KUBERNETES_RULES,
  ...CONTINUITY_RULES,
  ...REACHABILITY_RULES,
];
