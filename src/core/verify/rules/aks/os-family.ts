/** The operating system a node pool runs, by family, for the rules on the nodes' operating systems. */
import { isUnresolved } from '../../../arm-values.js';
import type { Pool } from '../select.js';

/** A family, or the value only deployment knows that decides it. */
export type Family = { readonly known: string } | { readonly hidden: unknown; readonly path: string };

/**
 * The operating system a pool runs, by family: AKS runs Ubuntu on a Linux pool
 * that names none. An osSKU names the system whatever the osType; an osType
 * or osSKU only deployment knows leaves the family unknown, unless the other
 * settles it (a Windows osType, or a literal osSKU).
 */
export function family(pool: Pool): Family {
  const type = pool.body['osType'];
  const sku = pool.body['osSKU'];
  if (!isUnresolved(type) && String(type ?? 'Linux').toLowerCase() === 'windows') return { known: 'Windows' };
  if (isUnresolved(sku)) return { hidden: sku, path: `${pool.path}.osSKU` };
  if (isUnresolved(type) && sku === undefined) return { hidden: type, path: `${pool.path}.osType` };
  const name = String(sku ?? 'Ubuntu').toLowerCase();
  return {
    known: /azurelinux|mariner/.test(name) ? 'Azure Linux' : /windows/.test(name) ? 'Windows' : 'Ubuntu',
  };
}
