/**
 * NetworkPolicy semantics against the examples of the Kubernetes documentation
 * (kubernetes.io/docs/concepts/services-networking/network-policies) and corner
 * cases of the API.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoint, Namespace, PodGroup, Ports } from '../src/core/verify/network-policy.js';
import {
  allows,
  clusterOf,
  connection,
  connectivity,
  invalidPolicies,
  policyFrom,
} from '../src/core/verify/network-policy.js';
import { inventoryFrom } from '../src/core/verify/inventory.js';
import { planOk } from './helpers.js';

type Json = Record<string, unknown>;

const group = (
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: PodGroup['ports'] = [],
) => ({
  id: `${namespace}/${name}`,
  group: { name, namespace, labels, ports },
});
const outside = (cidr: string): Endpoint => ({ id: cidr, cidr });
/** A block without the blocks listed beside it. */
const beyond = (cidr: string, excluding: string[]): Endpoint => ({ id: cidr, cidr, excluding });

function world(namespaces: Record<string, Record<string, string>>, policies: Array<[string, Json]>) {
  const ns = new Map<string, Namespace>(
    Object.entries(namespaces).map(([name, labels]) => [name, { name, labels }]),
  );
  return {
    namespaces: ns,
    policies: policies.map(([namespace, spec]) => policyFrom({ metadata: { name: 'p' }, spec }, namespace)),
  };
}

const ports = (result: Ports | undefined) =>
  result === undefined ? 'none' : result === 'all' ? 'all' : [...result].sort();

describe('the documentation example "test-network-policy"', () => {
  const { namespaces, policies } = world({ default: {}, myproject: { project: 'myproject' }, other: {} }, [
    [
      'default',
      {
        podSelector: { matchLabels: { role: 'db' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          {
            from: [
              { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
              { namespaceSelector: { matchLabels: { project: 'myproject' } } },
              { podSelector: { matchLabels: { role: 'frontend' } } },
            ],
            ports: [{ protocol: 'TCP', port: 6379 }],
          },
        ],
        egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
      },
    ],
  ]);
  const db = group('default', 'db', { role: 'db' });
  const check = (from: Endpoint, to: Endpoint) => ports(connection(from, to, policies, namespaces));

  it('admits the frontend of its namespace and any pod of myproject, on 6379 only', () => {
    assert.deepEqual(check(group('default', 'frontend', { role: 'frontend' }), db), ['TCP/6379']);
    assert.deepEqual(check(group('myproject', 'anything', { app: 'x' }), db), ['TCP/6379']);
  });

  it('refuses other pods of its namespace and pods of other namespaces', () => {
    assert.equal(check(group('default', 'backend', { role: 'backend' }), db), 'none');
    assert.equal(check(group('other', 'frontend', { role: 'frontend' }), db), 'none');
  });

  it('admits the ipBlock but not its except', () => {
    assert.deepEqual(check(outside('172.17.0.0/24'), db), ['TCP/6379']);
    assert.deepEqual(check(outside('172.17.2.7/32'), db), ['TCP/6379']);
    assert.equal(check(outside('172.17.1.0/24'), db), 'none');
    assert.equal(check(outside('172.17.1.128/25'), db), 'none', 'inside the except');
    assert.equal(check(outside('172.18.0.0/16'), db), 'none');
    // A block is reached when some of its addresses are; the world minus the block is not.
    assert.deepEqual(check(outside('0.0.0.0/0'), db), ['TCP/6379']);
    assert.equal(check(beyond('0.0.0.0/0', ['172.17.0.0/16']), db), 'none');
  });

  it('lets db out only to 10.0.0.0/24 on 5978: not to other pods, even unrestricted ones', () => {
    assert.deepEqual(check(db, outside('10.0.0.0/24')), ['TCP/5978']);
    assert.equal(check(db, group('default', 'frontend', { role: 'frontend' })), 'none');
    assert.equal(check(db, beyond('0.0.0.0/0', ['10.0.0.0/24'])), 'none');
    assert.equal(check(db, outside('10.0.1.0/24')), 'none');
  });

  it('leaves unselected pods unrestricted', () => {
    assert.equal(check(group('default', 'a', { app: 'a' }), group('other', 'b', { app: 'b' })), 'all');
  });
});

describe('defaults of the documentation', () => {
  const a = group('ns', 'a', { app: 'a' });
  const b = group('ns', 'b', { app: 'b' });

  it('default deny all ingress: nothing comes in; egress is untouched', () => {
    const { namespaces, policies } = world({ ns: {} }, [
      ['ns', { podSelector: {}, policyTypes: ['Ingress'] }],
    ]);
    assert.equal(ports(connection(a, b, policies, namespaces)), 'none');
    assert.equal(ports(connection(a, outside('0.0.0.0/0'), policies, namespaces)), 'all');
  });

  it('allow all ingress: an empty rule admits everything', () => {
    const { namespaces, policies } = world({ ns: {} }, [
      ['ns', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] }],
    ]);
    assert.equal(ports(connection(a, b, policies, namespaces)), 'all');
  });

  it('default deny all egress: nothing goes out; policyTypes inferred only from egress rules', () => {
    const declared = world({ ns: {} }, [['ns', { podSelector: {}, policyTypes: ['Egress'] }]]);
    assert.equal(ports(connection(a, b, declared.policies, declared.namespaces)), 'none');
    // The API server adds Egress only when the list of egress rules is not empty.
    const inferred = world({ ns: {} }, [['ns', { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] }]]);
    assert.deepEqual(inferred.policies[0]?.types, ['Ingress', 'Egress']);
    assert.deepEqual(ports(connection(a, outside('0.0.0.0/0'), inferred.policies, inferred.namespaces)), [
      'TCP/53',
    ]);
    for (const spec of [
      { podSelector: {}, egress: [] },
      { podSelector: {}, egress: [], policyTypes: [] },
    ]) {
      const empty = world({ ns: {} }, [['ns', spec]]);
      assert.deepEqual(empty.policies[0]?.types, ['Ingress'], JSON.stringify(spec));
      assert.equal(ports(connection(a, outside('0.0.0.0/0'), empty.policies, empty.namespaces)), 'all');
    }
  });

  it('a connection needs both ends: egress allowed at the source and ingress at the destination', () => {
    const { namespaces, policies } = world({ ns: {} }, [
      [
        'ns',
        {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 80 }] }],
        },
      ],
      [
        'ns',
        { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ port: 80 }, { port: 443 }] }] },
      ],
    ]);
    assert.deepEqual(ports(connection(a, b, policies, namespaces)), ['TCP/80']);
  });
});

describe('selectors, ports and namespaces', () => {
  const { namespaces } = world({ alice: { user: 'alice' }, bob: { user: 'bob' } }, []);
  const target = group('alice', 'server', { app: 'server' }, [{ name: 'http', port: 8080, protocol: 'TCP' }]);

  it('a peer with namespaceSelector and podSelector is their AND; two peers are an OR', () => {
    const and = world({ alice: { user: 'alice' }, bob: {} }, [
      [
        'alice',
        {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  namespaceSelector: { matchLabels: { user: 'alice' } },
                  podSelector: { matchLabels: { role: 'client' } },
                },
              ],
            },
          ],
        },
      ],
    ]);
    const or = world({ alice: { user: 'alice' }, bob: {} }, [
      [
        'alice',
        {
          podSelector: {},
          ingress: [
            {
              from: [
                { namespaceSelector: { matchLabels: { user: 'alice' } } },
                { podSelector: { matchLabels: { role: 'client' } } },
              ],
            },
          ],
        },
      ],
    ]);
    const aliceOther = group('alice', 'other', { role: 'other' });
    const bobClient = group('bob', 'client', { role: 'client' });
    assert.equal(ports(connection(aliceOther, target, and.policies, and.namespaces)), 'none');
    assert.equal(ports(connection(aliceOther, target, or.policies, or.namespaces)), 'all');
    assert.equal(
      ports(connection(bobClient, target, or.policies, or.namespaces)),
      'none',
      'podSelector alone is the policy namespace',
    );
  });

  it('matchExpressions: In, NotIn, Exists, DoesNotExist', () => {
    const expressions = [
      [{ key: 'tier', operator: 'In', values: ['web', 'api'] }, { tier: 'web' }, true],
      [{ key: 'tier', operator: 'In', values: ['web'] }, { tier: 'db' }, false],
      [{ key: 'tier', operator: 'NotIn', values: ['db'] }, {}, true],
      [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { tier: 'db' }, false],
      [{ key: 'tier', operator: 'Exists' }, { tier: 'x' }, true],
      [{ key: 'tier', operator: 'DoesNotExist' }, { tier: 'x' }, false],
    ] as const;
    for (const [expression, labels, expected] of expressions) {
      const { policies } = world({ alice: {} }, [
        [
          'alice',
          { podSelector: {}, ingress: [{ from: [{ podSelector: { matchExpressions: [expression] } }] }] },
        ],
      ]);
      const result = connection(group('alice', 'c', labels), target, policies, namespaces);
      assert.equal(result !== undefined, expected, JSON.stringify([expression, labels]));
    }
  });

  it('selects namespaces by name through kubernetes.io/metadata.name', () => {
    const { policies } = world({}, [
      [
        'alice',
        {
          podSelector: {},
          ingress: [
            { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'bob' } } }] },
          ],
        },
      ],
    ]);
    assert.equal(ports(connection(group('bob', 'x', {}), target, policies, namespaces)), 'all');
  });

  it('resolves named ports on the destination, ranges with endPort, protocols apart', () => {
    const { policies } = world({}, [
      [
        'alice',
        {
          podSelector: {},
          ingress: [
            { ports: [{ port: 'http' }, { port: 32000, endPort: 32768 }, { protocol: 'UDP', port: 53 }] },
          ],
        },
      ],
    ]);
    assert.deepEqual(ports(connection(group('bob', 'x', {}), target, policies, namespaces)), [
      'TCP/32000-32768',
      'TCP/8080',
      'UDP/53',
    ]);
  });
});

describe('corner cases', () => {
  const { namespaces } = world({ alice: {}, bob: {} }, []);
  const a = group('alice', 'a', { app: 'a' });
  const b = group('alice', 'b', { app: 'b' });
  const between = (policies: Array<[string, Json]>, from: Endpoint, to: Endpoint) =>
    ports(connection(from, to, world({ alice: {} }, policies).policies, namespaces));

  it('a port entry without a port is every port of its protocol', () => {
    const policy: Array<[string, Json]> = [
      ['alice', { podSelector: { matchLabels: { app: 'b' } }, ingress: [{ ports: [{ protocol: 'UDP' }] }] }],
    ];
    assert.deepEqual(between(policy, a, b), ['UDP/*']);
    assert.ok(allows(connection(a, b, world({ alice: {} }, policy).policies, namespaces), 'UDP', 5353));
    assert.ok(!allows(connection(a, b, world({ alice: {} }, policy).policies, namespaces), 'TCP', 80));
  });

  it('intersects the ranges both ends allow', () => {
    const policies: Array<[string, Json]> = [
      [
        'alice',
        {
          podSelector: { matchLabels: { app: 'a' } },
          policyTypes: ['Egress'],
          egress: [
            {
              ports: [
                { port: 8000, endPort: 8100 },
                { protocol: 'UDP', port: 53, endPort: 53 },
              ],
            },
          ],
        },
      ],
      [
        'alice',
        {
          podSelector: { matchLabels: { app: 'b' } },
          ingress: [{ ports: [{ port: 8080, endPort: 9000 }, { protocol: 'UDP' }] }],
        },
      ],
    ];
    assert.deepEqual(between(policies, a, b), ['TCP/8080-8100', 'UDP/53']);
  });

  it('an ipBlock whose excepts together cover the block admits none of it', () => {
    const policy: Array<[string, Json]> = [
      [
        'alice',
        {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.0/25', '10.0.0.128/26', '10.0.0.192/26'] },
                },
              ],
            },
          ],
        },
      ],
    ];
    assert.equal(between(policy, outside('10.0.0.0/24'), b), 'none');
    const partly: Array<[string, Json]> = [
      [
        'alice',
        {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/24', except: ['10.0.0.0/25', '10.0.0.0/26'] } }] }],
        },
      ],
    ];
    assert.equal(between(partly, outside('10.0.0.0/24'), b), 'all', 'the upper half is left');
  });

  it('lists the internet apart from the private ranges a policy excepts', () => {
    const cluster = {
      groups: [b.group],
      namespaces,
      policies: world({ alice: {} }, [
        [
          'alice',
          {
            podSelector: {},
            policyTypes: ['Egress'],
            egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }],
          },
        ],
      ]).policies,
    };
    assert.deepEqual(
      connectivity(cluster).map((c) => `${c.from} -> ${c.to}`),
      ['alice/b -> 0.0.0.0/0', '0.0.0.0/0 -> alice/b', '10.0.0.0/8 -> alice/b'],
    );
  });

  it('an operator the API server does not know matches nothing', () => {
    const policy: Array<[string, Json]> = [
      [
        'alice',
        {
          podSelector: {},
          ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'Equals' }] } }] }],
        },
      ],
    ];
    assert.equal(between(policy, a, b), 'none');
    assert.deepEqual(invalidPolicies(world({ alice: {} }, policy).policies), [
      'NetworkPolicy alice/p: operator Equals',
    ]);
  });
});

describe('workloads of every kind', () => {
  it('reads the pods of CronJobs and bare Pods, with their labels', () => {
    const inventory = inventoryFrom([
      {
        name: 'w.yaml',
        text: [
          'apiVersion: batch/v1',
          'kind: CronJob',
          'metadata: { name: report, namespace: a }',
          'spec:',
          '  schedule: "0 * * * *"',
          '  jobTemplate:',
          '    spec:',
          '      template:',
          '        metadata: { labels: { app: report } }',
          '        spec: { containers: [{ name: c, image: x:1 }] }',
          '---',
          'apiVersion: v1',
          'kind: Pod',
          'metadata: { name: debug, namespace: a, labels: { app: debug } }',
          'spec: { containers: [{ name: c, image: x:1, ports: [{ name: web, containerPort: 80 }] }] }',
        ].join('\n'),
      },
    ]);
    assert.deepEqual(
      clusterOf(inventory).groups.map((g) => [g.name, g.labels, g.ports.length]),
      [
        ['report', { app: 'report' }, 0],
        ['debug', { app: 'debug' }, 1],
      ],
    );
  });
});

describe("the plan's cluster", () => {
  const { files } = planOk('{}');
  const inventory = inventoryFrom(
    files
      .filter((f) => /^gitops\/(infrastructure|workloads)\/.*\.yaml$/.test(f.path))
      .map((f) => ({ name: f.path, text: f.content })),
  );
  const cluster = clusterOf(inventory, 'a0008');
  const list = connectivity(cluster, ['0.0.0.0/0']);
  const into = (to: string) =>
    list.filter((c) => c.to === to).map((c) => `${c.from} ${JSON.stringify(c.ports)}`);

  it('lets only Traefik reach the workload, on its port', () => {
    assert.deepEqual(into('a0008/aspnetapp'), ['traefik/traefik ["TCP/8080"]']);
  });

  it('lets nothing reach Traefik but Application Gateway (not the internet at large)', () => {
    // The bases say ${APPLICATION_GATEWAY_SUBNET}: unsubstituted, the block matches nothing.
    assert.deepEqual(into('traefik/traefik'), []);
  });

  it('lets the workload out to nothing but DNS (kube-system is outside these objects)', () => {
    assert.deepEqual(
      list.filter((c) => c.from === 'a0008/aspnetapp'),
      [],
    );
  });
});
