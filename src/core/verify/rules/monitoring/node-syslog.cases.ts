import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './node-syslog.js';

const TYPE = 'Microsoft.Insights/dataCollectionRules';
const extensions = [
  { name: 'ci', extensionName: 'ContainerInsights', streams: ['Microsoft-ContainerLogV2'] },
];
const syslog = [
  { name: 'sys', streams: ['Microsoft-Syslog'], facilityNames: ['kern'], logLevels: ['Error'] },
];

export default casesOf(rule, {
  pass: [
    { title: "the baseline's container insights rule", input: baseline() },
    {
      title: 'a syslog data source beside the extension',
      input: template(resource(TYPE, 'dcr', { dataSources: { extensions, syslog } })),
    },
  ],
  fail: [
    {
      title: 'the extension alone',
      input: template(resource(TYPE, 'dcr', { dataSources: { extensions } })),
      message: 'noSyslog',
    },
    {
      title: "the baseline's rule without its syslog data source",
      input: baseline((p) => delete (p.properties(TYPE)['dataSources'] as Record<string, unknown>)['syslog']),
      message: 'noSyslog',
    },
  ],
  notApplicable: [
    { title: 'no collection rule', input: template(cluster({})) },
    {
      title: "the Prometheus rule: not the container insights add-on's",
      input: template(resource(TYPE, 'prom', { dataSources: { prometheusForwarder: [{ name: 'p' }] } })),
    },
  ],
  unknown: [
    {
      title: 'the syslog sources from a parameter',
      input: template(resource(TYPE, 'dcr', { dataSources: { extensions, syslog: HIDDEN } })),
    },
  ],
});
