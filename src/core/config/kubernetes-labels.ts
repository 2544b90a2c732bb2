/**
 * Node labels as Kubernetes and AKS accept them. Kubernetes, "Labels and
 * Selectors", Syntax and character set:
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * and Learn, "Use labels in an AKS cluster", Unavailable labels:
 * https://learn.microsoft.com/azure/aks/use-labels#unavailable-labels
 */
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError, listed } from '../diagnostics.js';

/** "63 characters or less, beginning and ending with an alphanumeric character ([a-z0-9A-Z]) with dashes (-), underscores (_), dots (.), and alphanumerics between." */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const MAX_NAME = 63;

/** "a DNS subdomain: a series of DNS labels separated by dots (.), not longer than 253 characters in total" (RFC 1123, lower case). */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_PREFIX = 253;

/**
 * AKS: "The following prefixes are AKS reserved prefixes and can't be used for any
 * node: kubernetes.azure.com/, kubernetes.io/". Kubernetes reserves the whole of
 * its kubernetes.io and k8s.io namespaces ("Well-Known Labels, Annotations and Taints").
 */
const RESERVED = ['kubernetes.io', 'k8s.io', 'kubernetes.azure.com'];

/** Problems listed for one map of labels, as for tags. */
const LISTED_PER_MAP = 5;

const KEY_FIX =
  'Write a key such as team or example.com/team: an optional DNS-subdomain prefix (lower case, at most 253 characters) and "/", then a name of 1–63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit.';

export function checkLabels(labels: Readonly<Record<string, string>>, at: ConfigPath): Diagnostic[] {
  const problems = Object.entries(labels).flatMap(([key, value]) => {
    const here = [...at, key];
    const keyProblem = labelKeyProblem(key);
    const valueProblem = labelValueProblem(value);
    return [
      ...(keyProblem
        ? [inputError('config/label-key', here, `is not a label key: ${keyProblem}`, KEY_FIX)]
        : []),
      ...(valueProblem
        ? [
            inputError(
              'config/label-value',
              here,
              `has a value Kubernetes refuses: ${valueProblem}`,
              'Write at most 63 letters, digits, "-", "_" or ".", beginning and ending with a letter or digit, or nothing.',
              value,
            ),
          ]
        : []),
    ];
  });
  return listed(problems, LISTED_PER_MAP);
}

/** Why `key` is not a valid label key, or undefined when it is. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'it has more than one "/"';
  const [prefix, name] = parts.length === 2 ? parts : [undefined, key];
  if (name === undefined || name === '') return 'its name, after the prefix, is empty';
  if (name.length > MAX_NAME) return `its name has ${name.length} characters; at most ${MAX_NAME}`;
  if (!NAME.test(name))
    return 'its name must begin and end with a letter or digit and hold only letters, digits, "-", "_" and "."';
  if (prefix === undefined) return undefined;
  if (prefix.length > MAX_PREFIX) return `its prefix has ${prefix.length} characters; at most ${MAX_PREFIX}`;
  if (!SUBDOMAIN.test(prefix))
    return 'its prefix must be a DNS subdomain: lower-case letters, digits, "-" and ".", each part beginning and ending with a letter or digit';
  const reserved = RESERVED.find((domain) => prefix === domain || prefix.endsWith(`.${domain}`));
  if (reserved)
    return `its prefix is in ${reserved}, which ${reserved === 'kubernetes.azure.com' ? 'AKS' : 'Kubernetes'} reserves for itself; AKS refuses it on a node pool`;
  return undefined;
}

/** Why `value` is not a valid label value, or undefined when it is. */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > MAX_NAME) return `it has ${value.length} characters; at most ${MAX_NAME}`;
  if (!NAME.test(value))
    return 'it must begin and end with a letter or digit and hold only letters, digits, "-", "_" and "."';
  return undefined;
}
