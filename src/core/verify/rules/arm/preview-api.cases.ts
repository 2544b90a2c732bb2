import { HIDDEN, baseline, casesOf, files, template } from '../cases.js';
import rule from './preview-api.js';

export default casesOf(rule, {
  pass: [
    { title: "the baseline's resources", input: baseline() },
    {
      title: 'diagnostic settings on their preview version, which needs no registration',
      input: template({
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        name: 'logs',
        properties: {},
      }),
    },
  ],
  fail: [
    {
      title: 'a preview API version',
      input: baseline(
        (p) =>
          (p.resource('Microsoft.ContainerService/managedClusters')['apiVersion'] = '2026-06-02-preview'),
      ),
      message: 'preview',
    },
    {
      title: 'a preview version of diagnostic settings other than the one without registration',
      input: template({
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2017-05-01-preview',
        name: 'logs',
        properties: {},
      }),
      message: 'preview',
    },
  ],
  notApplicable: [
    {
      title: 'Kubernetes manifests only',
      input: files({
        name: 'apps/app.yaml',
        text: 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n',
      }),
    },
  ],
  unknown: [
    {
      title: 'an API version from a parameter with no value',
      input: template({
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: HIDDEN,
        name: 'logs',
        properties: {},
      }),
    },
  ],
});
