/**
 * Rules on the way in: Application Gateway on a SKU that has a web application
 * firewall, that firewall with the bot protection rule set, and the ingress
 * controller's load balancer keeping the client's address.
 */
import type { Rule } from '../rule.js';
import { at } from '../../arm-values.js';
import { judge } from '../rule.js';
import { substituted } from './k8s/pods.js';
import { kubeLabel, label, ofKind, ofType, outcome } from './select.js';

const GATEWAY = 'Microsoft.Network/applicationGateways';
const WAF_POLICIES = 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';
const GATEWAY_SECTION = 'Subnet to host Azure Application Gateway';

export const INGRESS_EXPOSURE_RULES: readonly Rule[] = [
  {
    id: 'appgw/waf-sku',
    title: 'Application Gateway runs the WAF_v2 SKU',
    severity: 'error',
    area: 'ingress',
    spec: {
      section: GATEWAY_SECTION,
      quote:
        'The reference implementation uses the Application Gateway v2 SKU that enables Azure Web Application Firewall.',
    },
    why: 'Only the WAF tiers filter requests: a Standard_v2 gateway passes every attack through to the cluster, and only WAF_v2 takes a WAF policy (PSRule for Azure, Azure.AppGw.UseWAF: "Deploy an Application Gateway with the WAF or WAF_v2 SKU").',
    fix: 'Set properties.sku.name and tier to WAF_v2, and associate a WAF policy in Prevention mode.',
    check: (inventory) =>
      ofType(inventory, GATEWAY).map((gateway) => {
        const sku = at(gateway.body, 'properties.sku');
        // The tier is what decides (a tier deployment computes too); a gateway written with only a name has the tier of that name.
        const tier = at(sku, 'tier') ?? at(sku, 'name');
        return judge(
          label(gateway),
          tier,
          (v) => v === 'WAF_v2',
          (v) => `sku: ${String(v ?? 'none')}`,
          gateway.source,
        );
      }),
  },
  {
    id: 'appgw/bot-protection',
    title: 'The WAF policy includes the bot protection rule set',
    severity: 'warning',
    area: 'ingress',
    spec: {
      section: GATEWAY_SECTION,
      quote:
        'Web Application Firewall secures incoming traffic from common web traffic attacks, including bots.',
    },
    why: 'The default rule set does not know bots: Microsoft_BotManagerRuleSet blocks requests from addresses Microsoft threat intelligence knows as malicious bots (PSRule for Azure, Azure.AppGwWAF.RuleGroups: "Microsoft Bot Manager Rule Set 1.0 or later").',
    fix: 'Add { ruleSetType: Microsoft_BotManagerRuleSet, ruleSetVersion: "1.1" } to managedRules.managedRuleSets.',
    check: (inventory) =>
      ofType(inventory, WAF_POLICIES).map((policy) => {
        const sets = at(policy.body, 'properties.managedRules.managedRuleSets');
        const types = Array.isArray(sets) ? sets.map((s: unknown) => at(s, 'ruleSetType')) : undefined;
        // Any one set written as an expression may be the bot set: only a literal one decides.
        const value =
          types === undefined
            ? sets
            : types.includes('Microsoft_BotManagerRuleSet')
              ? 'Microsoft_BotManagerRuleSet'
              : (types.find((t) => substituted(t)) ?? types);
        return judge(
          label(policy),
          value,
          (v) => v === 'Microsoft_BotManagerRuleSet',
          (v) => `rule sets: ${Array.isArray(v) ? v.map(String).join(', ') || 'none' : 'none'}`,
          policy.source,
        );
      }),
  },
  {
    id: 'k8s/ingress-local-traffic',
    title: "The ingress controller's load balancer keeps the client's address (externalTrafficPolicy Local)",
    severity: 'warning',
    area: 'ingress',
    spec: {
      section: 'Deploy ingress resources',
      quote: 'In this architecture, Traefik only receives traffic from Application Gateway.',
    },
    why: 'With externalTrafficPolicy Cluster (the default) every node accepts the traffic and forwards it, masquerading the source: the ingress controller sees a node address instead of Application Gateway\'s, so a network policy admitting only Application Gateway cannot hold, and each request may take a second hop. Local delivers "only to the node-local endpoints of the service, without masquerading the client source IP" (Kubernetes API, Service spec.externalTrafficPolicy), and the load balancer probes only the nodes that run the controller.',
    fix: 'Set spec.externalTrafficPolicy: Local on the LoadBalancer Service, and spread the controller over the user nodes.',
    check: (inventory) =>
      ofKind(inventory, 'Service')
        .filter((s) => at(s.body, 'spec.type') === 'LoadBalancer')
        .map((service) => {
          const policy: unknown = at(service.body, 'spec.externalTrafficPolicy');
          if (substituted(policy))
            return outcome('unknown', kubeLabel(service), `depends on ${String(policy)}`, service.source);
          return policy === 'Local'
            ? outcome('pass', kubeLabel(service), undefined, service.source)
            : outcome(
                'fail',
                kubeLabel(service),
                `externalTrafficPolicy ${String(policy ?? 'Cluster (the default)')}`,
                service.source,
              );
        }),
  },
];
