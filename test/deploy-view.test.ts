/** The live view of `baseplate deploy` on a terminal: every line fits, so each redraw erases exactly what it drew. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createView } from '../src/cli/deploy-view.js';
import type { Io } from '../src/cli/io.js';
import type { ResourceProgress } from '../src/deploy/events.js';

const ESC = String.fromCharCode(27);

function terminal(columns: number, rows: number): { io: Io; written: string[] } {
  const written: string[] = [];
  return {
    written,
    io: {
      out: (text) => written.push(text),
      err: () => undefined,
      live: true,
      size: () => ({ columns, rows }),
    },
  };
}

const resource = (i: number, state: string): ResourceProgress => ({
  resourceId: `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/zone-${i}`,
  resourceType: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  resourceName: `privatelink.vaultcore.azure.net/link-to-vnet-bu0001a0008-00-prod-eus2-${i}`,
  state,
  seconds: 12,
});

describe('the live deploy view', () => {
  it('fits each line to the terminal, shows as many resources as rows allow, and erases exactly what it drew', () => {
    const { io, written } = terminal(60, 8);
    const view = createView(io, true);
    const resources = Array.from({ length: 12 }, (_, i) => resource(i, i < 3 ? 'Succeeded' : 'Running'));
    view.listener({ kind: 'progress', stage: 'spoke-00', state: 'Running', resources });
    const first = written.join('').split('\n').slice(0, -1);
    // 8 rows: the stage line, 4 resources, and a line for the rest.
    assert.equal(first.length, 6);
    for (const line of first) assert.ok([...line].length <= 59, `${line} is wider than the terminal`);
    assert.match(first[1] ?? '', /^ {4}✓ Microsoft\.Network\/privateDnsZones\/virtualNetworkLink…$/);
    assert.equal(first.at(-1), '    … and 8 more');

    written.length = 0;
    view.listener({
      kind: 'progress',
      stage: 'spoke-00',
      state: 'Running',
      resources: resources.slice(0, 2),
    });
    assert.ok(written[0]?.startsWith(`${ESC}[6A${ESC}[0J`), JSON.stringify(written[0]));
    written.length = 0;
    view.finish();
    assert.deepEqual(written, [`${ESC}[3A${ESC}[0J`]);
  });
});
