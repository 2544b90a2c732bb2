/**
 * Azure's naming rules for the resource types Baseplate names.
 *
 * Source: Microsoft Learn "Naming rules and restrictions for Azure resources"
 * (MicrosoftDocs/azure-docs articles/azure-resource-manager/management/resource-name-rules.md),
 * the Azure Firewall FAQ (firewall names at most 50 characters) and the AKS REST
 * API patterns (managed cluster, agent pool). Where the page gives no rule
 * (IP group, WAF policy, DNS prefix) the common 1–80 network rule, 1–128 and
 * 1–54 are used.
 */
export type Uniqueness = 'global' | 'subscription' | 'resource group' | 'parent resource';

export interface NameRule {
  readonly what: string;
  readonly min: number;
  readonly max: number;
  readonly pattern: RegExp;
  /** The allowed characters and shape, in words, for messages. */
  readonly shape: string;
  readonly unique: Uniqueness;
}

/** Letters, digits, `_ . -`; starts with a letter or digit, ends with one or `_`. */
const NETWORK = /^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$/;
const NETWORK_SHAPE = 'letters, digits, _ . -; starting with a letter or digit, ending with one or _';

function network(what: string, min: number, max: number): NameRule {
  return { what, min, max, pattern: NETWORK, shape: NETWORK_SHAPE, unique: 'resource group' };
}

export const NAME_RULES = {
  resourceGroup: {
    what: 'resource group',
    min: 1,
    max: 90,
    pattern: /^[-\w.()]*[-\w()]$/,
    shape: 'letters, digits, _ ( ) . -; not ending with a period',
    unique: 'subscription',
  },
  virtualNetwork: network('virtual network', 2, 64),
  subnet: { ...network('subnet', 1, 80), unique: 'parent resource' },
  networkSecurityGroup: network('network security group', 1, 80),
  routeTable: network('route table', 1, 80),
  publicIp: network('public IP address', 1, 80),
  firewall: network('Azure Firewall', 1, 50),
  firewallPolicy: network('firewall policy', 1, 80),
  ipGroup: network('IP group', 1, 80),
  bastion: network('Bastion host', 1, 80),
  applicationGateway: network('application gateway', 1, 80),
  wafPolicy: {
    what: 'WAF policy',
    min: 1,
    max: 128,
    pattern: /^[A-Za-z0-9_-]+$/,
    shape: 'letters, digits, _ -',
    unique: 'resource group',
  },
  privateEndpoint: network('private endpoint', 2, 64),
  managedCluster: {
    what: 'AKS cluster',
    min: 1,
    max: 63,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?$/,
    shape: 'letters, digits, _ -; starting and ending with a letter or digit',
    unique: 'resource group',
  },
  dnsPrefix: {
    what: 'AKS DNS prefix',
    min: 1,
    max: 54,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    shape: 'letters, digits, -; starting and ending with a letter or digit',
    unique: 'resource group',
  },
  containerRegistry: {
    what: 'container registry',
    min: 5,
    max: 50,
    pattern: /^[A-Za-z0-9]+$/,
    shape: 'letters and digits only',
    unique: 'global',
  },
  keyVault: {
    what: 'Key Vault',
    min: 3,
    max: 24,
    pattern: /^[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/,
    shape: 'letters, digits, -; starting with a letter, ending with a letter or digit, no "--"',
    unique: 'global',
  },
  logAnalyticsWorkspace: {
    what: 'Log Analytics workspace',
    min: 4,
    max: 63,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    shape: 'letters, digits, -; starting and ending with a letter or digit',
    unique: 'resource group',
  },
  userAssignedIdentity: {
    what: 'managed identity',
    min: 3,
    max: 128,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
    shape: 'letters, digits, _ -; starting with a letter or digit',
    unique: 'resource group',
  },
  dataCollectionRule: {
    what: 'data collection rule',
    min: 1,
    max: 64,
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/,
    shape: 'letters, digits, _ . -; starting with a letter or digit',
    unique: 'resource group',
  },
  dataCollectionEndpoint: {
    what: 'data collection endpoint',
    min: 3,
    max: 44,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    shape: 'letters, digits, -; starting and ending with a letter or digit',
    unique: 'resource group',
  },
  monitorWorkspace: {
    what: 'Azure Monitor workspace',
    min: 4,
    max: 44,
    pattern: /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$/,
    shape: 'letters, digits, -; starting and ending with a letter or digit',
    unique: 'resource group',
  },
  actionGroup: {
    what: 'action group',
    min: 1,
    max: 260,
    pattern: /^[^:<>+/&%\\?|]+$/,
    shape: 'any characters but : < > + / & % \\ ? |',
    unique: 'resource group',
  },
} as const satisfies Record<string, NameRule>;

export type NameKind = keyof typeof NAME_RULES;

/** Why `name` breaks the rule, or undefined when it is valid. */
export function nameProblem(kind: NameKind, name: string): string | undefined {
  const rule: NameRule = NAME_RULES[kind];
  if (name.length < rule.min || name.length > rule.max) {
    return `${rule.what} names are ${rule.min}–${rule.max} characters; "${name}" has ${name.length}`;
  }
  if (!rule.pattern.test(name)) return `${rule.what} names allow ${rule.shape}; "${name}" does not fit`;
  return undefined;
}
