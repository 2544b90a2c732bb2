/**
 * The commands that take this design to Azure, for the configuration as it
 * stands: with Baseplate, or with the plain Azure CLI and the generated script.
 */
import type { Config } from '../core/index.js';
import { RUN_ANYWHERE } from '../core/index.js';

export function deployCommands(config: Config, fileName: string): string {
  const file = /^[\w./-]+$/.test(fileName) ? fileName : `'${fileName.replace(/'/g, "'\\''")}'`;
  const subscription = config.subscriptionId ? '' : ' --subscription <subscription-id>';
  const pfx = config.spokes.some((s) => s.ingress.certificates === 'pfx')
    ? ' --gateway-pfx <public.pfx> --ingress-pfx <ingress.pfx>'
    : '';
  return [
    `# Save this configuration as ${fileName}, then:`,
    `${RUN_ANYWHERE} plan --config ${file}            # writes out/, the files of the zip`,
    'az login',
    `${RUN_ANYWHERE} deploy --config ${file}${subscription} --what-if`,
    ...(pfx ? ['export BASEPLATE_PFX_PASSWORD=<password of the PFX files>'] : []),
    `${RUN_ANYWHERE} deploy --config ${file}${subscription}${pfx}`,
    '',
    '# Or with the Azure CLI alone, from the unpacked zip (stage by stage, in order):',
    'bash out/pipelines/deploy.sh what-if out/azure',
    'bash out/pipelines/deploy.sh create out/azure',
    ...(config.hub.existing
      ? ['', "# The hub is the landing zone's: hand out/azure/network-team/ to its owner (README there)."]
      : []),
  ].join('\n');
}
