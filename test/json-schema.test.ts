/**
 * baseplate.schema.json is generated from the zod schema and committed for
 * editors. It must be current, and accept and refuse what Baseplate does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { configJsonSchema } from '../src/core/config/json-schema.js';
import { starterConfig } from '../src/core/config/starter.js';
import { toJson } from '../src/core/serialize.js';
import { repoRoot } from './helpers.js';

const committed = readFileSync(join(repoRoot, 'baseplate.schema.json'), 'utf8');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(committed) as object);

describe('baseplate.schema.json', () => {
  it('is up to date with the configuration schema (npm run schema regenerates it)', () => {
    assert.equal(committed, toJson(configJsonSchema()));
  });

  it('accepts the starter configurations and the empty one', () => {
    for (const text of [starterConfig('baseline', 'abcde'), starterConfig('dev', 'abcde'), '{}']) {
      assert.ok(validate(parse(text)), JSON.stringify(validate.errors));
    }
  });

  it('refuses an unknown key, a wrong type and a bad enum value, as the loader does', () => {
    assert.equal(validate({ locaton: 'eastus2' }), false);
    assert.equal(validate({ hub: { firewall: { publicIpCount: 'three' } } }), false);
    assert.equal(validate({ upgrades: { nodeOsChannel: 'NodeImages' } }), false);
  });

  it('documents every field it offers, on the field itself', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      const properties = (record['properties'] ?? {}) as Record<string, Record<string, unknown>>;
      for (const [key, child] of Object.entries(properties)) {
        if (typeof child['description'] !== 'string') undocumented.push(`${path}.${key}`);
      }
      for (const [key, value] of Object.entries(record)) {
        walk(value, key === 'properties' || key === 'items' || /^\d+$/.test(key) ? path : `${path}.${key}`);
      }
    };
    walk(JSON.parse(committed), '$');
    assert.deepEqual(undocumented, []);
  });
});
