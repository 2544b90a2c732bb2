/**
 * The form edits the YAML text, never a copy of the configuration beside it:
 * one field changes one node of the document, and the user's comments, order
 * and other keys stay as they wrote them.
 */
import type { Document } from 'yaml';
import { isCollection, isMap, parseDocument } from 'yaml';
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
