import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { surgeNodes } from '../src/core/design/capacity.js';
import { ephemeralOsDiskFits, findVmSize } from '../src/core/data/vm-sizes.js';
import { configOf, planOk } from './helpers.js';

describe('node pool capacity (spec: "Assume that your workload consumes up to 80% of each node")', () => {
  it('gives the workload 80% of each node at the minimum and maximum count', () => {
    const { design } = planOk('{}');
    const user = design.spokes[0]!.pools.find((p) => p.mode === 'User')!;
    // Standard_DS4_v2: 8 vCPUs, 28 GiB; 2 to 5 nodes; 30 pods each.
    assert.deepEqual(user.capacity?.atMin, { nodes: 2, vCpus: 12.8, memoryGiB: 44.8, pods: 60 });
    assert.deepEqual(user.capacity?.atMax, { nodes: 5, vCpus: 32, memoryGiB: 112, pods: 150 });
  });

  it('counts upgrade surge nodes as AKS does: a percentage rounded up, or a count', () => {
    assert.equal(surgeNodes(5, '33%'), 2);
    assert.equal(surgeNodes(3, '33%'), 1);
    assert.equal(surgeNodes(10, '100%'), 10);
    assert.equal(surgeNodes(10, '2'), 2);
  });

  it('puts the OS disk on local storage only where it fits (AKS "Ephemeral OS disk")', () => {
    const ds2 = findVmSize('standard_ds2_v2')!;
    assert.ok(ephemeralOsDiskFits(ds2, 86));
    assert.ok(!ephemeralOsDiskFits(ds2, 87));
    assert.ok(!ephemeralOsDiskFits(findVmSize('Standard_D4s_v5')!, 30), 'no local disk at all');
    assert.ok(ephemeralOsDiskFits(findVmSize('Standard_D4ds_v5')!, 128), 'temporary disk of 150 GiB');
  });

  it('chooses ephemeral for Auto when the disk fits, managed when it does not', () => {
    const fits = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { systemPool: { osDiskSizeGB: 64 } } }]',
    );
    assert.equal(fits.design.spokes[0]!.pools[0]?.osDiskType, 'Ephemeral');
    assert.equal(planOk('{}').design.spokes[0]!.pools[0]?.osDiskType, 'Managed');
  });

  it('leaves capacity unknown, with a warning, for a VM size it has no data on', () => {
    const outcome = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { userPools: [{ vmSize: Standard_X99_v9 }] } }]',
    );
    assert.equal(outcome.design.spokes[0]!.pools[1]?.capacity, undefined);
    const warning = outcome.diagnostics.find((d) => d.code === 'design/unknown-vm-size');
    assert.equal(warning?.severity, 'warning');
    assert.deepEqual(warning?.path, ['spokes', 0, 'cluster', 'userPools', 0, 'vmSize']);
  });

  it('keeps the pool zones of the configuration, else the top-level zones', () => {
    const config = configOf(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { userPools: [{ zones: [1, 2] }] } }]',
    );
    assert.deepEqual(config.spokes[0]!.cluster.userPools[0]?.zones, [1, 2]);
    const { design } = planOk(
      'spokes: [{ name: "00", addressSpace: 10.240.0.0/16, cluster: { userPools: [{ zones: [1, 2] }] } }]',
    );
    assert.deepEqual(
      design.spokes[0]!.pools.map((p) => p.zones),
      [
        [1, 2, 3],
        [1, 2],
      ],
    );
  });
});
