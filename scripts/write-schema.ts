/**
 * Regenerates the JSON Schemas made from zod schemas (`npm run schema`):
 * baseplate.schema.json, and schemas/output/prices.schema.json.
 */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/core/config/json-schema.js';
import { pricesJsonSchema } from '../src/core/formats/cost.js';
import { toJson } from '../src/core/serialize.js';

writeFileSync(new URL('../../baseplate.schema.json', import.meta.url), toJson(configJsonSchema()));
writeFileSync(
  new URL('../../schemas/output/prices.schema.json', import.meta.url),
  toJson(pricesJsonSchema()),
);
process.stdout.write('wrote baseplate.schema.json and schemas/output/prices.schema.json\n');
