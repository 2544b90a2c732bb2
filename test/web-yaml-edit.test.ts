/**
 * The configurator's edits of the YAML text for its buttons (src/web/yaml-edit.ts):
 * a spoke added where nothing else is, removed but never the last, and the hub
 * switched to an existing one and back; each refused, with the reason, on a
 * text the form cannot edit. Each result is checked by the CLI's own loader.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Config } from '../src/core/index.js';
import { loadConfig } from '../src/core/index.js';
import { addSpoke, removeSpoke, setExistingHub } from '../src/web/yaml-edit.js';

function resolved(text: string): Config {
  const loaded = loadConfig({ name: 'baseplate.yaml', text });
  assert.ok(loaded.ok, JSON.stringify(!loaded.ok && loaded.diagnostics));
  return loaded.config;
}

/** Applies an edit that must succeed, and checks the CLI loads its text. */
function applied(edit: ReturnType<typeof addSpoke>): { text: string; config: Config } {
  assert.ok(edit.ok, !edit.ok ? edit.reason : '');
  return { text: edit.text, config: resolved(edit.text) };
}

describe('the configurator’s edits for its buttons', () => {
  it('adds a spoke after the last, with the next name, a free range and a public name of its own', () => {
    const start = '# ours\npreset: dev\n';
    const { text, config } = applied(addSpoke(start, resolved(start)));
    assert.ok(text.startsWith(start), 'the comment and the keys before stay');
    assert.deepEqual(
      config.spokes.map((s) => [s.name, s.addressSpace, s.ingress.hostNames]),
      [
        ['00', '10.240.0.0/16', ['bicycle.contoso.com']],
        ['01', '10.241.0.0/16', ['01.bicycle.contoso.com']],
      ],
    );
  });

  it('skips the ranges that are taken and the names that are used', () => {
    const start = [
      'otherNetworks:',
      '  - name: on-premises',
      '    addressPrefixes: [10.241.0.0/17]',
      'spokes:',
      '  - name: "01"',
      '    addressSpace: 10.240.0.0/16',
      '    ingress: { hostNames: [a.example.com] }',
      '  - name: "00"',
      '    addressSpace: 10.242.0.0/16',
      '    ingress: { hostNames: [b.example.com] }',
      '',
    ].join('\n');
    const { config } = applied(addSpoke(start, resolved(start)));
    const added = config.spokes.at(-1);
    assert.deepEqual([added?.name, added?.addressSpace], ['02', '10.243.0.0/16']);
  });

  it('removes a spoke, but never the last one', () => {
    const start = 'spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n';
    const two = applied(addSpoke(start, resolved(start)));
    const { config } = applied(removeSpoke(two.text, 0, two.config));
    assert.deepEqual(
      config.spokes.map((s) => s.name),
      ['01'],
    );
    assert.deepEqual(removeSpoke(start, 0, resolved(start)), {
      ok: false,
      reason: 'A configuration has at least one spoke.',
    });
    // The default spoke, not written: still the only one.
    assert.equal(removeSpoke('', 0, resolved('')).ok, false);
  });

  it('moves the hub’s address space into an existing hub, and back', () => {
    const start = 'hub:\n  addressSpace: 10.100.0.0/24\n';
    const on = setExistingHub(start, true, resolved(start));
    assert.deepEqual(on, { ok: true, text: 'hub:\n  existing:\n    addressSpace: 10.100.0.0/24\n' });
    // The hub's default, when the file gives none.
    assert.deepEqual(setExistingHub('', true, resolved('')), {
      ok: true,
      text: 'hub:\n  existing:\n    addressSpace: 10.200.0.0/24\n',
    });
    assert.ok(on.ok);
    assert.deepEqual(setExistingHub(on.text, false, resolved(start)), { ok: true, text: start });
  });

  it('refuses, with the reason, a text the form cannot edit', () => {
    const config = resolved('');
    const broken = 'zones: [ 1\n';
    for (const edit of [
      addSpoke(broken, config),
      removeSpoke(broken, 0, config),
      setExistingHub(broken, true, config),
    ])
      assert.deepEqual(edit, { ok: false, reason: 'Fix the YAML syntax first: the form edits it.' });
    assert.deepEqual(addSpoke('- a list\n', config), {
      ok: false,
      reason: 'The configuration must be a mapping for the form to edit it.',
    });
    assert.deepEqual(addSpoke('spokes: many\n', config), {
      ok: false,
      reason: 'spokes must be a list for the form to add or remove one: fix it in the YAML.',
    });
    assert.deepEqual(setExistingHub('hub: ours\n', true, config), {
      ok: false,
      reason: 'hub must be a mapping for the form to edit it: fix it in the YAML.',
    });
  });
});
