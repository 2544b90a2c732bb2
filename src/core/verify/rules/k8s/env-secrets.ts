/** No container carries a secret as a literal environment value, judged by the variable's name. */
import { isObject } from '../../../arm-values.js';
import { defineRule } from '../../rule.js';
import { allContainers } from '../select.js';
import { perPod, substituted } from './pods.js';

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

export default defineRule({
  ref: 'BP1106',
  id: 'k8s/env-secrets',
  title: 'No container carries a secret as a literal environment value',
  severity: 'warning',
  pillar: 'Security',
  area: 'secrets',
  spec: {
    section: 'Add secret management',
    quote: 'Store secrets in a managed key store, such as Key Vault.',
  },
  why: "A password, token or key written as an env value is in Git and in the pod spec every reader of the namespace can see; it is never rotated. Judged by the variable's name (its last word PASSWORD, SECRET, TOKEN, KEY, CREDENTIALS or CONNECTION_STRING): a warning, as a name is not proof.",
  fix: 'Keep the value in Key Vault and read it through the Secrets Store CSI driver (a mounted file, or env valueFrom a synced Secret), never as value.',
  messages: { literal: '{variables}' },
  check: (inventory, say) =>
    perPod(
      inventory,
      ({ pod }) => {
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
      },
      (variables) => say('literal', { variables }),
    ),
});
