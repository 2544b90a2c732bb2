import type { Json } from '../../inventory.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import rule from './single-os.js';

const two = (...agentPoolProfiles: Json[]) => template(cluster({ agentPoolProfiles }));

export default casesOf(rule, {
  pass: [
    { title: "the baseline's user pool", input: baseline() },
    {
      title: 'an osType from a parameter with a literal osSKU: the osSKU names the system',
      input: two({ name: 'a', mode: 'User', osType: HIDDEN, osSKU: 'Ubuntu' }, { name: 'b', mode: 'User' }),
    },
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
    {
      title: 'two families among known user pools, whatever a third from a parameter runs',
      input: two(
        { name: 'a', mode: 'User', osSKU: 'AzureLinux' },
        { name: 'b', mode: 'User', osSKU: 'Ubuntu' },
        { name: 'c', mode: 'User', osSKU: HIDDEN },
      ),
      message: 'several',
    },
  ],
  notApplicable: [
    { title: 'no node pool', input: template(cluster({})) },
    {
      title: 'a sole pool naming no mode: the System pool AKS requires',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osSKU: 'Ubuntu' }] })),
    },
  ],
  unknown: [
    {
      title: 'an osSKU from a parameter beside an Ubuntu pool',
      input: two({ name: 'a', mode: 'User', osSKU: HIDDEN }, { name: 'b', mode: 'User', osSKU: 'Ubuntu' }),
    },
    {
      title: 'an osType from a parameter, naming no osSKU',
      input: two({ name: 'a', mode: 'User', osType: HIDDEN }, { name: 'b', mode: 'User' }),
    },
    {
      title: 'a pool on another family naming no mode beside a user pool (it may be a system pool)',
      input: two({ name: 'a', osSKU: 'AzureLinux' }, { name: 'b', mode: 'User', osSKU: 'Ubuntu' }),
    },
    {
      title: 'a pool on another family whose mode is from a parameter (it may be a system pool)',
      input: two(
        { name: 'a', mode: HIDDEN, osSKU: 'AzureLinux' },
        { name: 'b', mode: 'User', osSKU: 'Ubuntu' },
      ),
    },
  ],
});
