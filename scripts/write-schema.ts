/** Regenerates baseplate.schema.json from the zod schema (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { configJsonSchema } from '../src/core/config/json-schema.js';
import { toJson } from '../src/core/serialize.js';

writeFileSync(new URL('../../baseplate.schema.json', import.meta.url), toJson(configJsonSchema()));
process.stdout.write('wrote baseplate.schema.json\n');
