/**
 * No credential in the configuration: every value of it is written in plain text
 * into templates, scripts, the report and share links. Secrets are given at
 * deployment (BASEPLATE_* variables, secure template parameters).
 */
import { credentialIn } from '../credential-text.js';
import type { ConfigPath, Diagnostic } from '../diagnostics.js';
import { inputError } from '../diagnostics.js';

/** Every string the user wrote (before defaults), checked for credential shapes; the value is never echoed. */
export function checkCredentials(input: unknown, at: ConfigPath = []): Diagnostic[] {
  if (typeof input === 'string') {
    const found = credentialIn(input);
    if (!found) return [];
    return [
      inputError(
        'config/credential',
        at,
        `holds ${found.kind}: Baseplate writes configuration values in plain text into templates, scripts, the report and share links`,
        'Remove it. Credentials are given at deployment, in BASEPLATE_* variables or secure template parameters, never in the configuration.',
      ),
    ];
  }
  if (Array.isArray(input)) return input.flatMap((item: unknown, i) => checkCredentials(item, [...at, i]));
  if (typeof input === 'object' && input !== null)
    return Object.entries(input).flatMap(([key, value]) => checkCredentials(value, [...at, key]));
  return [];
}
