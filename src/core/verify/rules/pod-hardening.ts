/**
 * Rules on what a workload's pods may take from their node, after the
 * Kubernetes Pod Security Standards, "Baseline" profile
 * (kubernetes.io/docs/concepts/security/pod-security-standards): "Minimally
 * restrictive policy which prevents known privilege escalations." Each control
 * the Baseline profile names and k8s/restricted-security-context does not judge
 * is a rule of its own, so a workload that needs one exception (a CSI driver's
 * hostPath) suppresses that one: host namespaces, hostPath volumes, capabilities
 * added beyond the Baseline list, seccomp Unconfined. And secrets written as
 * literal environment values, which the spec keeps in Key Vault.
 */
import type { Inventory, Json } from '../inventory.js';
import type { Outcome, Rule } from '../rule.js';
import { at, isObject, isUnresolved } from '../../arm-values.js';
import { SYSTEM_NAMESPACES } from './kubernetes.js';
import type { Workload } from './select.js';
import { allContainers, kubeLabel, outcome, workloads } from './select.js';

/**
 * A value only known once something renders the manifest: Flux's post-build
 * substitution (`${VAR}`, fluxcd.io "Kustomization", Post build variable
 * substitution), or an expression or placeholder as ARM writes them.
 */
export function substituted(value: unknown): boolean {
  return isUnresolved(value) || (typeof value === 'string' && /\$\{[^}]+\}/.test(value));
}

/** What one workload's pods break: problems found, and values that could not be judged. */
export interface PodVerdict {
  readonly problems: readonly string[];
  readonly unknown: readonly string[];
}

/** Judges every workload outside the platform's namespaces: a fail names its problems, an unknown what it depends on. */
export function perPod(inventory: Inventory, judge: (workload: Workload) => PodVerdict): Outcome[] {
  return workloads(inventory)
    .filter((w) => !SYSTEM_NAMESPACES.has(w.object.namespace ?? ''))
    .map((workload) => {
      const { object } = workload;
      const { problems, unknown } = judge(workload);
      if (problems.length > 0) return outcome('fail', kubeLabel(object), problems.join('; '), object.source);
      if (unknown.length > 0)
        return outcome('unknown', kubeLabel(object), `depends on ${unknown.join(', ')}`, object.source);
      return outcome('pass', kubeLabel(object), undefined, object.source);
    });
}

/** A verdict from values that must not be `true` (or a value that stands for one). */
function flags(entries: ReadonlyArray<readonly [string, unknown]>): PodVerdict {
  return {
    problems: entries.filter(([, v]) => v === true).map(([name]) => `${name}: true`),
    unknown: entries.filter(([, v]) => substituted(v)).map(([name, v]) => `${name}: ${String(v)}`),
  };
}

/** The capabilities the Baseline profile lets a container add (Pod Security Standards, Baseline, "Capabilities"). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** Every container of a pod: init and ephemeral ones run on the node as much as the others. */
function everyContainer(pod: Json): Json[] {
  const ephemeral = pod['ephemeralContainers'];
  return [...allContainers(pod), ...(Array.isArray(ephemeral) ? ephemeral.filter(isObject) : [])].filter(
    isObject,
  );
}

/**
 * The words of an environment variable's name (`dbPassword`, `DB_PASSWORD`,
 * `db-password` → DB, PASSWORD), in upper case.
 */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

/** Names whose last word says the value is a credential; KEY_VAULT_NAME or TOKEN_PATH name something else. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWD',
  'PWD',
  'SECRET',
  'TOKEN',
  'KEY',
  'APIKEY',
  'CREDENTIAL',
  'CREDENTIALS',
  'CONNECTIONSTRING',
]);

export function namesSecret(name: string): boolean {
  const split = words(name);
  const last = split.at(-1) ?? '';
  return SECRET_WORDS.has(last) || (last === 'STRING' && split.at(-2) === 'CONNECTION');
}

const BASELINE = {
  section: 'Policy management',
  quote: 'Azure Policy provides two built-in initiatives: basic and restricted.',
};

export const POD_HARDENING_RULES: readonly Rule[] = [
  {
    id: 'k8s/host-namespaces',
    title: "No workload shares its node's network, process or IPC namespace",
    severity: 'error',
    area: 'workload',
    spec: BASELINE,
    why: 'The Pod Security Standards Baseline profile forbids hostNetwork, hostPID and hostIPC ("Sharing the host namespaces must be disallowed"): a pod on the host network bypasses every network policy and sees the node\'s traffic; one in the host PID namespace sees and signals every process of the node.',
    fix: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them false); expose ports through a Service instead.',
    check: (inventory) =>
      perPod(inventory, ({ pod }) =>
        flags([
          ['hostNetwork', pod['hostNetwork']],
          ['hostPID', pod['hostPID']],
          ['hostIPC', pod['hostIPC']],
        ]),
      ),
  },
  {
    id: 'k8s/host-path',
    title: 'No workload mounts a path of its node (hostPath)',
    severity: 'error',
    area: 'workload',
    spec: BASELINE,
    why: 'The Pod Security Standards Baseline profile forbids hostPath volumes ("HostPath volumes must be forbidden"): a pod that mounts the container runtime\'s socket or the node\'s file system controls the node and every pod on it.',
    fix: 'Replace the hostPath volume with a persistent volume claim, an emptyDir or a CSI volume.',
    check: (inventory) =>
      perPod(inventory, ({ pod }) => {
        const volumes = pod['volumes'];
        if (substituted(volumes)) return { problems: [], unknown: [`volumes: ${String(volumes)}`] };
        const mounted = (Array.isArray(volumes) ? volumes.filter(isObject) : []).filter(
          (v) => v['hostPath'] !== undefined,
        );
        return {
          problems: mounted.map(
            (v) =>
              `volume ${String(v['name'])} mounts the node's ${String(at(v, 'hostPath.path') ?? 'path')}`,
          ),
          unknown: [],
        };
      }),
  },
  {
    id: 'k8s/added-capabilities',
    title: 'No container adds a capability beyond the Baseline list (such as SYS_ADMIN or NET_ADMIN)',
    severity: 'error',
    area: 'workload',
    spec: BASELINE,
    why: 'The Pod Security Standards Baseline profile forbids "Adding additional capabilities beyond those listed below": SYS_ADMIN alone is nearly root on the node, NET_ADMIN rewrites its network, SYS_PTRACE reads other processes.',
    fix: `Remove the capability from securityContext.capabilities.add; only ${[...BASELINE_CAPABILITIES].join(', ')} may be added.`,
    check: (inventory) =>
      perPod(inventory, ({ pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        for (const container of everyContainer(pod)) {
          const added = at(container, 'securityContext.capabilities.add');
          if (substituted(added)) unknown.push(`${String(container['name'])}: ${String(added)}`);
          for (const capability of Array.isArray(added) ? added : []) {
            if (substituted(capability)) unknown.push(`${String(container['name'])}: ${String(capability)}`);
            else if (!BASELINE_CAPABILITIES.has(String(capability).toUpperCase().replace(/^CAP_/, '')))
              problems.push(`${String(container['name'])} adds ${String(capability)}`);
          }
        }
        return { problems, unknown };
      }),
  },
  {
    id: 'k8s/seccomp-unconfined',
    title: 'No pod or container runs without a seccomp profile (Unconfined)',
    severity: 'error',
    area: 'workload',
    spec: BASELINE,
    why: 'The Pod Security Standards Baseline profile forbids seccomp type Unconfined ("Seccomp profile must not be explicitly set to Unconfined"): without the filter, every system call of the kernel is open to the container.',
    fix: 'Set securityContext.seccompProfile.type to RuntimeDefault (or Localhost with a profile) on the pod, and remove Unconfined from every container.',
    check: (inventory) =>
      perPod(inventory, ({ pod }) => {
        const types: Array<readonly [string, unknown]> = [
          ['the pod', at(pod, 'securityContext.seccompProfile.type')],
          ...everyContainer(pod).map(
            (c) => [String(c['name']), at(c, 'securityContext.seccompProfile.type')] as const,
          ),
        ];
        return {
          problems: types.filter(([, t]) => t === 'Unconfined').map(([who]) => `${who}: seccomp Unconfined`),
          unknown: types.filter(([, t]) => substituted(t)).map(([who, t]) => `${who}: ${String(t)}`),
        };
      }),
  },
  {
    id: 'k8s/env-secrets',
    title: 'No container carries a secret as a literal environment value',
    severity: 'warning',
    area: 'secrets',
    spec: {
      section: 'Add secret management',
      quote: 'Store secrets in a managed key store, such as Key Vault.',
    },
    why: "A password, token or key written as an env value is in Git and in the pod spec every reader of the namespace can see; it is never rotated. Judged by the variable's name (its last word PASSWORD, SECRET, TOKEN, KEY, CREDENTIALS or CONNECTION_STRING): a warning, as a name is not proof.",
    fix: 'Keep the value in Key Vault and read it through the Secrets Store CSI driver (a mounted file, or env valueFrom a synced Secret), never as value.',
    check: (inventory) =>
      perPod(inventory, ({ pod }) => {
        const problems: string[] = [];
        const unknown: string[] = [];
        for (const container of allContainers(pod)) {
          const env = container['env'];
          for (const variable of Array.isArray(env) ? env.filter(isObject) : []) {
            const name = String(variable['name'] ?? '');
            const value = variable['value'];
            if (!namesSecret(name) || value === undefined || value === null || value === '') continue;
            if (substituted(value)) unknown.push(`${String(container['name'])}: ${name}=${String(value)}`);
            else problems.push(`${String(container['name'])}: ${name} is a literal value`);
          }
        }
        return { problems, unknown };
      }),
  },
];
