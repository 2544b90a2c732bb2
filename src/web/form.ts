/**
 * The form of the most-changed settings. Built from the field table, filled
 * from the resolved configuration, and every diagnostic shown on the field of
 * its path (aria-invalid, aria-describedby), in the words the CLI prints.
 */
import type { Config, Diagnostic } from '../core/index.js';
import { formatPath } from '../core/index.js';
import type { ConfigPath, Field, FieldGroup } from './fields.js';
import { fieldGroups, formShape, valueAt } from './fields.js';
import { regionSizes } from './vm-size-options.js';
import type { FieldValue } from './yaml-edit.js';
import { el } from './dom.js';

/** `typing`: a keystroke in a text field, which the page plans only once the typing pauses. */
export type OnFieldChange = (field: Field, value: FieldValue, typing: boolean) => void;

/** What the form's buttons do to the text: add a spoke, or remove one. */
export type FormAction =
  { readonly kind: 'add-spoke' } | { readonly kind: 'remove-spoke'; readonly index: number };

/** An id safe in HTML and CSS selectors, unique per path. */
const fieldId = (path: ConfigPath) => `f-${formatPath(path).replace(/[^A-Za-z0-9_-]/g, '_')}`;

interface Mounted {
  readonly field: Field;
  /** The element the label names and the error describes (the fieldset for zones). */
  readonly target: HTMLElement;
  readonly error: HTMLElement;
  read(): FieldValue;
  write(value: unknown): void;
}

export class SettingsForm {
  private mounted: Mounted[] = [];
  private shape = '';
  private region = '';
  private readonly body: HTMLElement;
  private readonly sizes: HTMLDataListElement;

  constructor(
    private readonly form: HTMLFormElement,
    private readonly onChange: OnFieldChange,
    private readonly onAction: (action: FormAction) => void,
  ) {
    this.body = el('div');
    this.sizes = el('datalist', { id: 'vm-sizes' });
    form.append(this.sizes, this.body);
    form.addEventListener('submit', (event) => event.preventDefault());
  }

  /**
   * Shows the configuration: `config` is the latest resolved one, `plain` the
   * text as written (undefined when it does not parse), `current` whether
   * `config` is the text's. The form is rebuilt only when spokes, pools or
   * the kind of hub come or go; a text that is not valid yet fills only the
   * fields it brought, from what it says.
   */
  show(config: Config, plain: unknown, current: boolean): void {
    const groups = fieldGroups(formShape(config, plain));
    const shape = JSON.stringify(groups.map((g) => [g.legend, g.fields.map((f) => f.path)]));
    const rebuilt = shape !== this.shape;
    if (rebuilt) this.build(groups);
    this.shape = shape;
    for (const m of this.mounted) {
      // Never rewrite the field being typed in: its text may be on its way to a valid value.
      if (m.target.contains(document.activeElement)) continue;
      if (current) m.write(valueAt(config, m.field.path));
      else if (rebuilt) m.write(valueAt(plain, m.field.path) ?? valueAt(config, m.field.path));
    }
    const location = valueAt(plain, ['location']);
    this.offerSizes(current || typeof location !== 'string' ? config.location : location);
  }

  /** The pool fields' suggestions: the region's VM sizes. */
  private offerSizes(location: string): void {
    if (location === this.region) return;
    this.region = location;
    const { priced, options } = regionSizes(location);
    this.sizes.replaceChildren(...options.map((o) => el('option', { value: o.name, label: o.label })));
    this.sizes.dataset['region'] = location;
    this.sizes.dataset['priced'] = String(priced);
  }

  /** Marks the fields the diagnostics are about; the others are cleared. */
  markErrors(diagnostics: readonly Diagnostic[]): void {
    const byField = new Map<Mounted, Diagnostic[]>();
    for (const d of diagnostics) {
      const m = d.path && d.severity === 'error' ? this.fieldFor(d.path) : undefined;
      if (m) byField.set(m, [...(byField.get(m) ?? []), d]);
    }
    for (const m of this.mounted) {
      const list = byField.get(m) ?? [];
      m.error.textContent = list.map((d) => `${d.message}${d.fix ? ` ${d.fix}` : ''}`).join(' ');
      m.error.hidden = list.length === 0;
      if (list.length > 0) m.target.setAttribute('aria-invalid', 'true');
      else m.target.removeAttribute('aria-invalid');
    }
  }

  /** The form cannot edit a document it cannot parse. */
  setEnabled(enabled: boolean, reason: string): void {
    const fieldset = this.form.querySelector('fieldset.all');
    if (fieldset instanceof HTMLFieldSetElement) fieldset.disabled = !enabled;
    const note = this.form.querySelector('.form-note');
    if (note) note.textContent = enabled ? '' : reason;
  }

  /** The field a diagnostic's path falls under: the longest field path that begins it. */
  private fieldFor(path: readonly (string | number)[]): Mounted | undefined {
    let best: Mounted | undefined;
    for (const m of this.mounted) {
      const p = m.field.path;
      if (p.length <= path.length && p.every((part, i) => part === path[i])) {
        if (!best || p.length > best.field.path.length) best = m;
      }
    }
    return best;
  }

  private build(groups: readonly FieldGroup[]): void {
    const all = el('fieldset', { className: 'all' });
    const note = el('p', { className: 'form-note', role: 'status' });
    this.mounted = [];
    const spokes = groups.filter((g) => g.spoke !== undefined).length;
    for (const group of groups) {
      const legend = el('legend', {}, [group.legend]);
      const fieldset = el('fieldset', {}, [legend]);
      const index = group.spoke;
      if (index !== undefined) {
        fieldset.className = 'spoke';
        const remove = el('button', { type: 'button', className: 'remove-spoke' }, ['Remove']);
        remove.setAttribute('aria-label', `Remove ${group.legend.toLowerCase()}`);
        // A configuration has at least one spoke.
        remove.disabled = spokes === 1;
        remove.addEventListener('click', () => this.onAction({ kind: 'remove-spoke', index }));
        legend.append(' ', remove);
      }
      for (const field of group.fields) fieldset.append(this.mount(field));
      all.append(fieldset);
      if (index === spokes - 1) {
        const add = el('button', { type: 'button', id: 'add-spoke' }, ['Add a spoke']);
        add.addEventListener('click', () => this.onAction({ kind: 'add-spoke' }));
        all.append(el('p', { className: 'spoke-actions' }, [add]));
      }
    }
    this.body.replaceChildren(note, all);
  }

  private mount(field: Field): HTMLElement {
    const id = fieldId(field.path);
    const error = el('p', { id: `${id}-error`, className: 'field-error', hidden: true });
    const hint = field.hint ? el('p', { id: `${id}-hint`, className: 'hint' }, [field.hint]) : undefined;
    const describedBy = [hint ? `${id}-hint` : '', `${id}-error`].filter(Boolean).join(' ');
    const changed = (event: Event) => this.onChange(field, mounted.read(), event.type === 'input');
    let mounted: Mounted;
    let wrapper: HTMLElement;

    if (field.kind === 'zones') {
      const boxes = [1, 2, 3].map((zone) =>
        el('input', { type: 'checkbox', id: `${id}-${zone}`, value: String(zone) }),
      );
      const target = el('fieldset', { id, className: 'zones' }, [
        el('legend', {}, [field.label]),
        ...boxes.map((box) => el('label', { className: 'inline' }, [box, ` ${box.value}`])),
      ]);
      target.setAttribute('aria-describedby', describedBy);
      for (const box of boxes) box.addEventListener('change', changed);
      mounted = {
        field,
        target,
        error,
        read: () => boxes.filter((b) => b.checked).map((b) => Number(b.value)),
        write: (value) => {
          const list = Array.isArray(value) ? value : [];
          for (const box of boxes) box.checked = list.includes(Number(box.value));
        },
      };
      wrapper = el('div', { className: 'field' }, [target]);
    } else if (field.kind === 'checkbox' || field.kind === 'section') {
      const input = el('input', { type: 'checkbox', id });
      input.setAttribute('aria-describedby', describedBy);
      input.addEventListener('change', changed);
      const section = field.kind === 'section';
      mounted = {
        field,
        target: input,
        error,
        read: () => input.checked,
        write: (value) => {
          input.checked = section ? value !== undefined : value === true;
        },
      };
      wrapper = el('div', { className: 'field check' }, [input, el('label', { htmlFor: id }, [field.label])]);
    } else if (field.kind === 'select') {
      const options = field.options;
      const select = el('select', { id });
      select.setAttribute('aria-describedby', describedBy);
      select.addEventListener('change', changed);
      mounted = {
        field,
        target: select,
        error,
        read: () => select.value,
        write: (value) => {
          // A value the list lacks (one newer than the page's table, say) is shown as it is, not as a blank.
          const current = String(value ?? '');
          const listed = current === '' || options.includes(current) ? options : [...options, current];
          if ([...select.options].map((o) => o.value).join('\n') !== listed.join('\n'))
            select.replaceChildren(...listed.map((o) => el('option', { value: o }, [o])));
          select.value = current;
        },
      };
      wrapper = el('div', { className: 'field' }, [el('label', { htmlFor: id }, [field.label]), select]);
    } else {
      const input = el('input', {
        id,
        type: field.kind === 'number' ? 'number' : 'text',
        spellcheck: false,
        autocomplete: 'off',
      });
      if (field.kind === 'number') {
        input.min = String(field.min);
        if (field.max !== undefined) input.max = String(field.max);
        input.inputMode = 'numeric';
      }
      if (field.kind === 'text' && field.suggestions) input.setAttribute('list', field.suggestions);
      input.setAttribute('aria-describedby', describedBy);
      input.addEventListener('input', changed);
      mounted = {
        field,
        target: input,
        error,
        read: () => readText(field, input.value),
        write: (value) => {
          input.value = Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
        },
      };
      wrapper = el('div', { className: 'field' }, [el('label', { htmlFor: id }, [field.label]), input]);
    }
    if (hint) wrapper.append(hint);
    wrapper.append(error);
    this.mounted.push(mounted);
    return wrapper;
  }
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A text field's value: empty is "the default" (the key is removed); numbers stay numbers. */
function readText(field: Field, text: string): FieldValue {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (field.kind === 'list')
    return trimmed
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean);
  // Any decimal number is a number, so the schema's own message says what is wrong (12.5: not whole).
  if (field.kind === 'number') return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
  return trimmed;
}
