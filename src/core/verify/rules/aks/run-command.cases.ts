import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './run-command.js';

const access = (disableRunCommand: unknown) => ({ apiServerAccessProfile: { disableRunCommand } });

export default casesOf(rule, {
  pass: [
    { title: "the baseline's public cluster", input: baseline() },
    { title: 'run command disabled', input: template(cluster(access(true))) },
  ],
  fail: [
    { title: 'not stated: run command works', input: template(cluster({})), message: 'on' },
    { title: 'run command enabled', input: template(cluster(access(false))), message: 'on' },
    {
      title: "the baseline's cluster with run command opted in",
      input: baseline(
        (p) =>
          ((p.cluster()['apiServerAccessProfile'] as Record<string, unknown>)['disableRunCommand'] = false),
      ),
      message: 'on',
    },
  ],
  notApplicable: [
    { title: 'no cluster', input: template(resource('Microsoft.Network/applicationGateways', 'agw', {})) },
  ],
  unknown: [{ title: 'the switch from a parameter', input: template(cluster(access(HIDDEN))) }],
});
