/** The operating system a node pool runs, by family, for the rules on the nodes' operating systems. */
import type { Pool } from '../select.js';

/** The operating system a pool runs, by family: AKS runs Ubuntu on a Linux pool that names none. */
export function family(pool: Pool): string {
  if (String(pool.body['osType'] ?? 'Linux').toLowerCase() === 'windows') return 'Windows';
  const sku = String(pool.body['osSKU'] ?? 'Ubuntu').toLowerCase();
  return /azurelinux|mariner/.test(sku) ? 'Azure Linux' : /windows/.test(sku) ? 'Windows' : 'Ubuntu';
}
