/**
 * Imported first by the page and its worker: Zod compiles fast parsers with
 * `new Function` where it may, and probes for that once, but the page's
 * policy refuses string evaluation, so the probe only fails and reports a
 * policy violation. Jitless, Zod skips the probe and parses as it would after
 * it (no behaviour changes; the core parses its configuration jitless everywhere,
 * since building the compiled parsers costs more than one parse saves).
 */
import { config } from 'zod';

config({ jitless: true });
