import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './defender.js';

const on = (enabled: unknown) => ({ securityProfile: { defender: { securityMonitoring: { enabled } } } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's cluster", input: baseline() },
    { title: 'security monitoring on', input: template(cluster(on(true))) },
  ],
  fail: [
    { title: 'no Defender profile', input: template(cluster({})), message: 'off' },
    { title: 'security monitoring off', input: template(cluster(on(false))), message: 'off' },
    {
      title: "the baseline's cluster without its Defender profile",
      input: baseline((p) => delete (p.cluster()['securityProfile'] as Record<string, unknown>)['defender']),
      message: 'off',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: template(resource('Microsoft.Network/applicationGateways', 'agw', {})) },
    { title: 'a dev cluster', input: template(cluster({}, { tags: { environment: 'dev' } })) },
  ],
  unknown: [{ title: 'the switch from a parameter', input: template(cluster(on(HIDDEN))) }],
});
