import { baseline, casesOf, cluster, template } from '../cases.js';
import rule from './single-os.js';

const NEVER =
  "A pool's operating system is read as written, and one that names none runs Ubuntu (an osType or osSKU from an expression is read so too): the user pools run one family or several.";

export default casesOf(rule, {
  pass: [
    { title: "the baseline's user pool", input: baseline() },
    {
      title: 'a system pool on another operating system than the user pools',
      input: template(
        cluster({
          agentPoolProfiles: [
            { name: 'sys', mode: 'System', osSKU: 'AzureLinux' },
            { name: 'user', mode: 'User', osSKU: 'Ubuntu' },
          ],
        }),
      ),
    },
    {
      title: 'Mariner and AzureLinux are one family',
      input: template(
        cluster({
          agentPoolProfiles: [
            { name: 'a', mode: 'User', osSKU: 'CBLMariner' },
            { name: 'b', mode: 'User', osSKU: 'AzureLinux' },
          ],
        }),
      ),
    },
  ],
  fail: [
    {
      title: 'a second user pool on Ubuntu beside Azure Linux',
      input: baseline((p) =>
        (p.cluster()['agentPoolProfiles'] as unknown[]).push({
          ...p.pool(1),
          name: 'npuser02',
          osSKU: 'Ubuntu',
        }),
      ),
      message: 'several',
    },
  ],
  notApplicable: [{ title: 'no node pool', input: template(cluster({})) }],
  unknown: { never: NEVER },
});
