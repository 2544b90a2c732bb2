import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, cluster, resource, template } from '../cases.js';
import rule from './nsg-internet-inbound.js';

const NSG = 'Microsoft.Network/networkSecurityGroups';

/** A rule admitting `source` on `port`, inbound unless told. */
const admitting = (source: unknown, port: unknown, direction: unknown = 'Inbound'): Json => ({
  name: 'from-internet',
  properties: { direction, access: 'Allow', sourceAddressPrefix: source, destinationPortRange: port },
});

/** The baseline's security group with one rule more. */
const added = (securityRule: Json) => (p: Baseline) =>
  (p.properties(NSG)['securityRules'] as Json[]).push(securityRule);

export default casesOf(rule, {
  pass: [
    { title: "the baseline's security groups", input: baseline() },
    {
      title: 'the internet admitted on 443 only',
      input: template(resource(NSG, 'nsg', { securityRules: [admitting('Internet', '443')] })),
    },
    {
      title: 'SSH admitted from a private network',
      input: template(resource(NSG, 'nsg', { securityRules: [admitting('10.0.0.0/8', '22')] })),
    },
  ],
  fail: [
    {
      title: "the baseline's security group admits the internet on SSH",
      input: baseline(added(admitting('Internet', '22'))),
      message: 'internetPorts',
    },
    {
      title: 'any source admitted on 3389',
      input: template(resource(NSG, 'nsg', { securityRules: [admitting('*', '3389')] })),
      message: 'internetPorts',
    },
  ],
  notApplicable: [
    { title: 'no security group', input: template(cluster({})) },
    {
      title: 'an outbound rule to the internet',
      input: template(resource(NSG, 'nsg', { securityRules: [admitting('Internet', '22', 'Outbound')] })),
    },
  ],
  unknown: [
    {
      title: 'the port the internet reaches from a parameter',
      input: baseline(added(admitting('Internet', HIDDEN))),
      message: 'unresolved',
    },
    {
      title: 'the direction of a rule admitting the internet on SSH from a parameter',
      input: baseline(added(admitting('Internet', '22', HIDDEN))),
      message: 'unresolved',
    },
    {
      title: 'the source from a parameter',
      input: template(resource(NSG, 'nsg', { securityRules: [admitting(HIDDEN, '22')] })),
      message: 'sourceComputed',
    },
  ],
});
