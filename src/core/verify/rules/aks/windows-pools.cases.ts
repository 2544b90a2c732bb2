import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './windows-pools.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's Linux pools", input: baseline() },
    {
      title: 'a pool naming no operating system (Linux)',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a' }] })),
    },
    {
      title: 'an osType from a parameter with a Linux osSKU',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osType: HIDDEN, osSKU: 'AzureLinux' }] })),
    },
  ],
  fail: [
    {
      title: 'a Windows pool beside the baseline pools',
      input: baseline((p) =>
        (p.cluster()['agentPoolProfiles'] as unknown[]).push({
          ...p.pool(1),
          name: 'npwin',
          osType: 'Windows',
          osSKU: 'Windows2022',
        }),
      ),
      message: 'windows',
    },
    {
      title: 'a Windows pool declared as a resource of its own',
      input: template(
        cluster({ agentPoolProfiles: [{ name: 'sys', mode: 'System' }] }),
        resource('Microsoft.ContainerService/managedClusters/agentPools', 'aks/win', { osType: 'Windows' }),
      ),
      message: 'windows',
    },
    {
      title: 'a Linux osType with a Windows osSKU',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osSKU: 'Windows2019' }] })),
      message: 'windows',
    },
    {
      title: 'a Windows osType with an osSKU from a parameter',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osType: 'Windows', osSKU: HIDDEN }] })),
      message: 'windows',
    },
  ],
  notApplicable: [{ title: 'no node pool', input: template(cluster({})) }],
  unknown: [
    {
      title: 'an osType from a parameter, naming no osSKU',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osType: HIDDEN }] })),
    },
    {
      title: 'an osSKU from a parameter',
      input: template(cluster({ agentPoolProfiles: [{ name: 'a', osType: 'Linux', osSKU: HIDDEN }] })),
    },
  ],
});
