import type { Json } from '../../inventory.js';
import type { Baseline } from '../cases.js';
import { HIDDEN, baseline, casesOf, cluster, template } from '../cases.js';
import { defaultRoute, network, routeTableId, vnet } from './builders.js';
import rule from './subnet-egress.js';

const OTHER_SUBNET =
  '/subscriptions/<subscription-id>/resourceGroups/rg-bu0001a0008-00-prod-eus2/providers/Microsoft.Network/virtualNetworks/vnet-bu0001a0008-00-prod-eus2/subnets/snet-other';

/** The first IP configuration of the baseline's gateway. */
const gatewayConfig = (p: Baseline): Json =>
  (p.properties('Microsoft.Network/applicationGateways')['gatewayIPConfigurations'] as Json[])[0] as Json;

/** A subnet of the spoke without a route table. */
const jumpbox = (name: unknown): Json => ({ name, properties: { addressPrefix: '10.240.6.0/28' } });

export default casesOf(rule, {
  pass: [{ title: "the baseline's subnets", input: baseline() }],
  fail: [
    {
      title: 'a new subnet on the default route',
      input: baseline((p) => (network(p, '-00-')['subnets'] as Json[]).push(jumpbox('snet-jumpbox'))),
      message: 'direct',
    },
    {
      title: "the build agents' route is not the default one (10.0.0.0/8)",
      input: baseline((p) => (defaultRoute(p, '-build-agents')['addressPrefix'] = '10.0.0.0/8')),
      message: 'direct',
    },
    {
      title: 'Application Gateway moved to another subnet: its own goes direct',
      input: baseline((p) => (gatewayConfig(p)['properties'] = { subnet: { id: OTHER_SUBNET } })),
      message: 'direct',
    },
  ],
  notApplicable: [{ title: 'no virtual network', input: template(cluster({})) }],
  unknown: [
    {
      title: 'the name of a subnet without a route table from a parameter',
      input: baseline((p) => (network(p, '-hub-')['subnets'] as Json[]).push(jumpbox(HIDDEN))),
      message: 'unresolved',
    },
    {
      title: "the build agents' default route prefix from a parameter",
      input: baseline((p) => (defaultRoute(p, '-build-agents')['addressPrefix'] = HIDDEN)),
      message: 'unresolved',
    },
    {
      title: "Application Gateway's subnet from a parameter: it may be the one that goes direct",
      input: baseline(
        (p) =>
          ((
            (
              p.properties('Microsoft.Network/applicationGateways')['gatewayIPConfigurations'] as Json[]
            )[0] as Json
          )['properties'] = { subnet: { id: HIDDEN } }),
      ),
      message: 'unresolved',
    },
    {
      title: 'a route table not among the inputs',
      input: template(
        vnet('vnet-spoke', '10.240.0.0/16', [
          { name: 'snet-app', properties: { routeTable: { id: routeTableId('rt-elsewhere') } } },
        ]),
      ),
      message: 'cannotTell',
    },
  ],
});
