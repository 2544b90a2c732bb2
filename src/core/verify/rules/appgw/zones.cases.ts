import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { GATEWAY, gateway } from '../azure-builders.js';
import rule from './zones.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's gateway", input: baseline() },
    { title: 'two zones', input: template(gateway({}, 'agw', { zones: ['1', '2'] })) },
  ],
  fail: [
    {
      title: 'a gateway in one zone',
      input: baseline((p) => (p.resource(GATEWAY)['zones'] = ['1'])),
      message: 'fewZones',
    },
    { title: 'no zones', input: template(gateway({})), message: 'fewZones' },
  ],
  notApplicable: [{ title: 'no gateway', input: template(cluster({})) }],
  unknown: [{ title: 'zones from a parameter', input: template(gateway({}, 'agw', { zones: HIDDEN })) }],
});
