/**
 * The form edits the YAML text, never a copy of the configuration beside it:
 * one field changes one node of the document, and the user's comments, order
 * and other keys stay as they wrote them.
 */
import type { Document, YAMLSeq } from 'yaml';
import { isCollection, isMap, isSeq, parseDocument } from 'yaml';
import { cidr, contains, end, firstFree, formatCidr, overlaps, parseCidr } from '../core/index.js';
import type { Config } from '../core/index.js';
import type { ConfigPath } from './fields.js';

/** What the form sets: a value, or nothing (the key is removed and its default applies). */
export type FieldValue = string | number | boolean | readonly (string | number)[] | undefined;

export type Edit =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * `text` with the value at `path` replaced. `config` is the resolved
 * configuration: a spoke edited before the file lists any is first written out
 * with the name and address space it had by default, which a spoke needs.
 */
export function setField(text: string, path: ConfigPath, value: FieldValue, config: Config): Edit {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { ok: false, reason: 'Fix the YAML syntax first: the form edits it.' };
  if (doc.contents !== null && !isCollection(doc.contents))
    return { ok: false, reason: 'The configuration must be a mapping for the form to edit it.' };
  // `{}` (the built-in default) grows into a block mapping, as a person writes it.
  if (isMap(doc.contents) && doc.contents.items.length === 0) doc.contents.flow = false;
  try {
    if (path[0] === 'spokes' && !doc.hasIn(['spokes'])) {
      const spokes = config.spokes.map((spoke) => ({ name: spoke.name, addressSpace: spoke.addressSpace }));
      doc.setIn(['spokes'], doc.createNode(spokes));
    }
    if (value === undefined) {
      if (doc.hasIn(path)) doc.deleteIn(path);
      dropEmptyParents(doc, path);
    } else {
      // Lists of scalars read best on one line: `zones: [ 1, 2, 3 ]`.
      doc.setIn(path, doc.createNode(value, { flow: Array.isArray(value) }));
    }
  } catch {
    // A key on the way holds a scalar where the schema wants a mapping or a list.
    return { ok: false, reason: 'The YAML has a value where this setting needs a section: fix it there.' };
  }
  return { ok: true, text: doc.contents === null ? '' : doc.toString({ lineWidth: 0 }) };
}

/**
 * After a key is removed, the mappings it leaves empty go too (`cost: {}` says
 * nothing a person would write); a list's item stays, as removing it would
 * remove a spoke or a pool.
 */
function dropEmptyParents(doc: Document, path: ConfigPath): void {
  for (let end = path.length - 1; end > 0 && typeof path[end - 1] === 'string'; end -= 1) {
    const parent = path.slice(0, end);
    const node = doc.getIn(parent, true);
    if (!isMap(node) || node.items.length > 0) return;
    doc.deleteIn(parent);
  }
}

/** The document, when the form can edit it: a mapping (or nothing yet), without syntax errors. */
function editable(text: string): Document | string {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return 'Fix the YAML syntax first: the form edits it.';
  if (doc.contents !== null && !isMap(doc.contents))
    return 'The configuration must be a mapping for the form to edit it.';
  if (isMap(doc.contents) && doc.contents.items.length === 0) doc.contents.flow = false;
  return doc;
}

const written = (doc: Document): Edit => ({
  ok: true,
  text: doc.contents === null ? '' : doc.toString({ lineWidth: 0 }),
});

/** `spokes:` as the file has it, or the default spoke written out (a spoke needs its name and address space). */
function spokesOf(doc: Document, config: Config): YAMLSeq | string {
  if (!doc.hasIn(['spokes'])) {
    const spokes = config.spokes.map((spoke) => ({ name: spoke.name, addressSpace: spoke.addressSpace }));
    doc.setIn(['spokes'], doc.createNode(spokes));
  }
  const spokes = doc.getIn(['spokes'], true);
  return isSeq(spokes)
    ? spokes
    : 'spokes must be a list for the form to add or remove one: fix it in the YAML.';
}

/**
 * Adds a spoke, as a person following the CLI's messages would: the next free
 * two-digit name, the next free address space of the last spoke's size (none
 * of the hub's, the spokes', their pod and service ranges or the other
 * networks'), and its own public host name, which every spoke then needs
 * (each Application Gateway serves its own names), so the spokes that took the
 * default write theirs out.
 */
export function addSpoke(text: string, config: Config): Edit {
  const doc = editable(text);
  if (typeof doc === 'string') return { ok: false, reason: doc };
  const spokes = spokesOf(doc, config);
  if (typeof spokes === 'string') return { ok: false, reason: spokes };
  config.spokes.forEach((spoke, i) => {
    if (i < spokes.items.length && !doc.hasIn(['spokes', i, 'ingress', 'hostNames']))
      doc.setIn(
        ['spokes', i, 'ingress', 'hostNames'],
        doc.createNode(spoke.ingress.hostNames, { flow: true }),
      );
  });
  const names = new Set(config.spokes.map((spoke) => spoke.name));
  let number = 0;
  while (names.has(String(number).padStart(2, '0'))) number += 1;
  const name = String(number).padStart(2, '0');
  const addressSpace = nextAddressSpace(config);
  if (!addressSpace) return { ok: false, reason: 'No free private address space is left for another spoke.' };
  const first = config.spokes[0];
  const host = (first?.ingress.hostNames[0] ?? 'bicycle.contoso.com').replace(`${first?.name ?? ''}.`, '');
  spokes.add(doc.createNode({ name, addressSpace }));
  doc.setIn(
    ['spokes', spokes.items.length - 1, 'ingress', 'hostNames'],
    doc.createNode([`${name}.${host}`], { flow: true }),
  );
  return written(doc);
}

/** Removes the spoke at `index`; the last one stays (a configuration has at least one). */
export function removeSpoke(text: string, index: number, config: Config): Edit {
  const doc = editable(text);
  if (typeof doc === 'string') return { ok: false, reason: doc };
  const spokes = spokesOf(doc, config);
  if (typeof spokes === 'string') return { ok: false, reason: spokes };
  if (spokes.items.length <= 1) return { ok: false, reason: 'A configuration has at least one spoke.' };
  doc.deleteIn(['spokes', index]);
  return written(doc);
}

/**
 * Switches between a hub Baseplate deploys and an existing one (a landing
 * zone's): the hub's address space moves into `hub.existing` and back, and the
 * rest of `hub.existing` is for the user to give (the form shows each field
 * the schema requires, with its error until it is filled in).
 */
export function setExistingHub(text: string, existing: boolean, config: Config): Edit {
  const doc = editable(text);
  if (typeof doc === 'string') return { ok: false, reason: doc };
  try {
    if (existing && !doc.hasIn(['hub', 'existing'])) {
      const addressSpace = doc.getIn(['hub', 'addressSpace']) ?? config.hub.addressSpace;
      if (doc.hasIn(['hub', 'addressSpace'])) doc.deleteIn(['hub', 'addressSpace']);
      doc.setIn(['hub', 'existing'], doc.createNode({ addressSpace }));
    } else if (!existing && doc.hasIn(['hub', 'existing'])) {
      const addressSpace = doc.getIn(['hub', 'existing', 'addressSpace']);
      doc.deleteIn(['hub', 'existing']);
      if (typeof addressSpace === 'string') doc.setIn(['hub', 'addressSpace'], addressSpace);
      dropEmptyParents(doc, ['hub', 'existing']);
    }
  } catch {
    return { ok: false, reason: 'hub must be a mapping for the form to edit it: fix it in the YAML.' };
  }
  return written(doc);
}

/** The text's plain value (what the user wrote, no defaults), or undefined when it does not parse. */
export function plainOf(text: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: false });
  return doc.errors.length > 0 ? undefined : (doc.toJS() as unknown);
}

/** RFC 1918's ranges, where a new spoke's address space is looked for after the last spoke's. */
const PRIVATE = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(cidr);

function nextAddressSpace(config: Config): string | undefined {
  const taken = [
    config.hub.existing?.addressSpace ?? config.hub.addressSpace,
    ...config.spokes.flatMap((s) => [
      s.addressSpace,
      s.cluster.network.podCidr,
      s.cluster.network.serviceCidr,
    ]),
    ...config.otherNetworks.flatMap((n) => n.addressPrefixes),
  ].flatMap((text) => {
    const parsed = parseCidr(text);
    return parsed.ok ? [parsed.cidr] : [];
  });
  const last = parseCidr(config.spokes.at(-1)?.addressSpace ?? '10.240.0.0/16');
  const prefix = last.ok ? last.cidr.prefix : 16;
  // Next to the last spoke first (10.240/16, then 10.241/16), else the first free block anywhere private.
  const after = last.ok ? PRIVATE.find((range) => contains(range, last.cidr)) : undefined;
  if (last.ok && after) {
    const rest = { base: after.base, prefix: after.prefix };
    for (let base = end(last.cidr); base + 2 ** (32 - prefix) <= end(rest); base += 2 ** (32 - prefix)) {
      const block = { base, prefix };
      if (!taken.some((t) => overlaps(t, block))) return formatCidr(block);
    }
  }
  for (const range of PRIVATE) {
    const block = firstFree(range, taken, prefix);
    if (block) return formatCidr(block);
  }
  return undefined;
}
