import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import rule from './gateway-ports.js';

const GATEWAY = 'Microsoft.Network/applicationGateways';
const frontendPorts = (p: Baseline) => p.properties(GATEWAY)['frontendPorts'] as Json[];

export default casesOf(rule, {
  pass: [{ title: "the baseline's gateway, on 443", input: baseline() }],
  fail: [
    {
      title: 'Application Gateway also on 80',
      input: baseline((p) => frontendPorts(p).push({ name: 'http', properties: { port: 80 } })),
      message: 'openOn',
    },
    {
      title: 'Application Gateway on 80 only',
      input: baseline((p) => ((frontendPorts(p)[0] as Json)['properties'] = { port: 80 })),
      message: 'openOn',
    },
  ],
  notApplicable: [{ title: 'no Application Gateway', input: template(cluster({})) }],
  unknown: [
    {
      title: 'a frontend port from a parameter',
      input: baseline((p) => ((frontendPorts(p)[0] as Json)['properties'] = { port: HIDDEN })),
      message: 'unresolved',
    },
    {
      title: 'a frontend port item from a parameter',
      input: baseline((p) => (frontendPorts(p) as unknown[]).push(HIDDEN)),
      message: 'unresolved',
    },
    {
      title: 'the frontend port list from a parameter',
      input: baseline((p) => (p.properties(GATEWAY)['frontendPorts'] = HIDDEN)),
      message: 'unresolved',
    },
  ],
});
