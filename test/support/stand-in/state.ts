/**
 * What the Resource Manager stand-in remembers between requests, so that a second
 * deploy sees the first one's resources, and the knobs tests turn to make Azure
 * misbehave (faults, failing resources, small quotas, restricted sizes, …).
 */

/** The stand-in's Entra tenant. */
export const TENANT = '00000000-0000-0000-0000-000000007e4a';

export interface StoredResource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** The body as put: location, tags, sku, properties… */
  body: Record<string, unknown>;
}

/** Common-types ErrorDetail, as Resource Manager sends errors. */
export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
  readonly details?: readonly ErrorDetail[];
}

export interface OperationState {
  readonly resourceId: string;
  readonly resourceType: string;
  readonly resourceName: string;
  state: 'Running' | 'Succeeded' | 'Failed' | 'Canceled';
  /** The resource provider's answer when it failed: BadRequest (refused) or Conflict (ended Failed). */
  statusCode?: string;
  error?: ErrorDetail;
}

export interface DeploymentState {
  readonly id: string;
  readonly name: string;
  /** `/subscriptions/s` or `/subscriptions/s/resourceGroups/rg`. */
  readonly scope: string;
  state: 'Running' | 'Succeeded' | 'Failed' | 'Canceled';
  pollsLeft: number;
  /** The put's Deployment.tags, returned as given. */
  readonly tags: Record<string, string>;
  /** The put's body: template and parameters (secure values included: this is Azure's side). */
  readonly request: { template: Template; parameters: Record<string, { value?: unknown }> };
  operations: OperationState[];
  outputs: Record<string, { type: string; value: unknown }>;
  error?: ErrorDetail;
  puts: number;
  /** Its place among every deployment started, for what happened since (principal replication). */
  readonly sequence: number;
  /** properties.templateHash: of the template as put (template-hash.ts). */
  readonly templateHash: string;
  /** When it ended, on the stand-in's clock. */
  timestamp?: string;
}

export interface Template {
  readonly parameters?: Record<string, { type: string; defaultValue?: unknown }>;
  readonly resources?: readonly TemplateResource[];
  readonly outputs?: Record<string, { type: string; value: unknown }>;
}

export interface TemplateResource {
  readonly type: string;
  readonly name: string;
  readonly [key: string]: unknown;
}

/** A request answered wrongly, once per entry, in order: the faults the issue names. */
export interface Fault {
  readonly method: string;
  /** Tested against the path, without the query. */
  readonly path: RegExp;
  readonly fault:
    | 'throttle'
    | 'server-error'
    | 'html-5xx'
    | 'another-operation'
    | 'reset'
    | 'hang'
    | 'lost-response'
    | 'gateway-timeout';
  /** Seconds in Retry-After of a throttle, a gateway's page or another operation in progress. */
  readonly retryAfter?: number;
  /** The status of a gateway's page (502 when absent). */
  readonly status?: number;
}

/** A resource type whose operation fails when deployed. */
export interface ResourceFailure {
  readonly type: string;
  readonly code: string;
  readonly message: string;
  /**
   * How it fails: the resource provider refuses the request (`refused`, the
   * default: BadRequest with its error), or takes it and its operation reaches
   * the terminal state Failed (`terminal`: Conflict, ResourceDeploymentFailure
   * with the cause in its details, as AKS and VM failures are reported).
   */
  readonly kind?: 'refused' | 'terminal';
  /** How many deployments fail before it succeeds. */
  times: number;
}

export interface Sku {
  resourceType: string;
  name: string;
  family: string;
  locations: string[];
  locationInfo: { location: string; zones: string[] }[];
  capabilities: { name: string; value: string }[];
  restrictions: {
    type: 'Location' | 'Zone';
    values: string[];
    restrictionInfo: { locations?: string[]; zones?: string[] };
    reasonCode: string;
  }[];
}

export interface Usage {
  unit: 'Count';
  currentValue: number;
  limit: number;
  name: { value: string; localizedValue: string };
}

export interface DeletedVault {
  readonly name: string;
  readonly location: string;
  readonly vaultId: string;
  readonly scheduledPurgeDate: string;
  readonly body: Record<string, unknown>;
}

export interface Request {
  readonly method: string;
  readonly path: string;
}

export class StandInState {
  /** The stand-in's time (its clock's): for dates Azure stamps or judges. */
  now: () => number = () => 0;
  readonly tenant = TENANT;
  /** Deployments started so far. */
  deploymentCount = 0;
  /**
   * Principals of identities and clusters (resource ID, lower case, `#kubelet`/`#omsagent` for a
   * cluster's), with the deployment that created them (authorization.ts).
   */
  readonly principals = new Map<string, { id: string; createdIn: number }>();
  principalCount = 0;
  /** Deployments after a principal's creation for which it has not replicated, principalType or not. */
  principalReplicationLag = 0;
  /**
   * Whether RoleAssignmentExists names the existing assignment's ID; many real answers say
   * only "The role assignment already exists." (Azure/bicep#8774, Azure/bicep#5694).
   */
  roleAssignmentExistsNamesId = true;
  /** Called as each deployment starts: a test's way to change Azure between deploy's reads and its put. */
  onDeploymentStart?: (deployment: DeploymentState) => void;
  /** Namespace (lower case) → registration state; absent means Registered. */
  readonly providers = new Map<string, string>();
  readonly resourceGroups = new Map<string, { id: string; name: string; location: string; tags: unknown }>();
  readonly resources = new Map<string, StoredResource>();
  readonly deployments = new Map<string, DeploymentState>();
  readonly deletedVaults = new Map<string, DeletedVault>();
  /** Registry names someone else owns. */
  readonly takenNames = new Set<string>();
  readonly imports: { registry: string; source: string; targets: string[]; mode?: string }[] = [];
  /** Tags in each registry (registry ID, lower case → tags). */
  readonly tags = new Map<string, Set<string>>();
  /** Import sources that fail, with the message Azure gives. */
  readonly importFailures = new Map<string, string>();
  /** Resource types Azure Policy denies: a deployment put with one is rejected (400 with details). */
  denied: string[] = [];
  /** Subscriptions the caller may not read (403), e.g. the connectivity subscription of a landing zone. */
  readonly forbidden = new Set<string>();
  readonly requests: Request[] = [];
  faults: Fault[] = [];
  failures: ResourceFailure[] = [];
  /** Polls a deployment stays Running before it ends. */
  pollsUntilDone = 3;
  /** Deployments (by name) someone cancels (in the portal, az deployment … cancel) when next read while running. */
  readonly cancels = new Set<string>();
  /** Seconds in each Retry-After of a long-running operation. */
  retryAfterSeconds = 1;
  /** Items per page of a list: the rest follows through nextLink. */
  pageSize = 10;
  /** nextLinks without the api-version, as some services give them (Azure/azure-sdk-for-net#43270). */
  pagesWithoutApiVersion = false;
  /** Tokens Resource Manager refuses as expired (401 ExpiredAuthenticationToken). */
  readonly expiredTokens = new Set<string>();
  /** Requests a resource group created from now on stays unknown to (replication); 0: known at once. */
  groupReplicationLag = 0;
  /** Resource groups not replicated yet (ID, lower case → requests left). */
  readonly unreplicated = new Map<string, number>();
  /** Values of template outputs, by output name (the stand-in does not evaluate expressions). */
  outputs: Record<string, unknown> = {};
  skus: Sku[] = [];
  usages: Usage[] = [];
  kubernetesVersions: { version: string; isPreview?: boolean }[] = [];
  /** Scope (lower case) → the caller's permissions there; absent scopes inherit from their parents, then `*`. */
  readonly permissions = new Map<string, { actions: string[]; notActions: string[] }[]>();
  /** Flux configurations report this many Pending polls, then Compliant (or `fluxState` for ever). */
  fluxPendingPolls = 1;
  fluxState: 'Compliant' | 'Non-Compliant' = 'Compliant';
  /** Each gateway server's health in the next backend health answers, one a poll, the last kept (backend-health.ts). */
  backendHealth: string[] = ['Up'];
  /** The probe log of a server not up; Learn's TCP connect error when empty. */
  backendProbeLog = '';

  /** An empty subscription again, and no request or misbehaviour remembered: what each test starts from. */
  startOver(): void {
    this.resourceGroups.clear();
    this.resources.clear();
    this.deployments.clear();
    this.requests.length = 0;
    this.faults = [];
    this.failures = [];
    this.denied = [];
    this.backendHealth = ['Up'];
    this.backendProbeLog = '';
  }

  resourcesUnder(prefix: string): StoredResource[] {
    const lower = `${prefix.toLowerCase()}/`;
    return [...this.resources.values()].filter((r) => r.id.toLowerCase().startsWith(lower));
  }

  resource(id: string): StoredResource | undefined {
    return this.resources.get(id.toLowerCase());
  }
}

/** `Microsoft.Network/virtualNetworks/subnets` + `vnet/snet` → its ID below `scope`. */
export function childId(scope: string, type: string, name: string): string {
  const [namespace, ...types] = type.split('/');
  const names = name.split('/');
  return [scope, 'providers', namespace, ...types.flatMap((t, i) => [t, names[i] ?? ''])].join('/');
}
