/**
 * A design as a link: the YAML, deflated and base64url-encoded, in the URL's
 * fragment (`#config=…`), which browsers never send to a server.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

const KEY = 'config=';

export function fragmentOf(yaml: string): string {
  const bytes = deflateSync(strToU8(yaml), { level: 9 });
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `#${KEY}${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** The YAML a fragment carries; undefined when it carries none, an Error when it is damaged. */
export function yamlOf(fragment: string): string | undefined | Error {
  const hash = fragment.replace(/^#/, '');
  if (!hash.startsWith(KEY)) return undefined;
  try {
    const binary = atob(hash.slice(KEY.length).replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return strFromU8(inflateSync(bytes));
  } catch {
    return new Error('The link does not hold a readable configuration (it may have been cut short).');
  }
}
