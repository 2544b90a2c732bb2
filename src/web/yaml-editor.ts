/**
 * The YAML editor: CodeMirror 6 (syntax highlighting, line numbers, undo) in
 * an element that behaves as the textarea it replaces: `value` reads and sets
 * the text, and a person's edits fire `input`. The problems `plan` reports
 * are shown at their line (underlined, with a marker in the gutter), in the
 * words the CLI prints.
 *
 * The editor lives in the element's shadow root: there CodeMirror styles
 * itself with constructed style sheets, which the page's policy
 * (`style-src 'self'`) allows, where in the document it would add <style>
 * elements that the policy refuses.
 */
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import type { Diagnostic as EditorDiagnostic } from '@codemirror/lint';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { Annotation, Compartment, EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { Diagnostic } from '../core/index.js';
import { formatDiagnostic } from '../core/index.js';

/** Marks a change the page made (a form field, a file opened): not a person's edit, so no `input`. */
const fromPage = Annotation.define<boolean>();

/** The page's elements that name and describe the editable text (outside the shadow root, so by reference). */
export interface EditorLabels {
  readonly label: HTMLElement;
  readonly descriptions: readonly HTMLElement[];
}

/** The editor's look, beside the page's styles.css (which does not reach into the shadow root). */
const theme = EditorView.theme({
  '&': { height: 'clamp(240px, 45vh, 560px)', backgroundColor: '#fff' },
  '&.cm-focused': { outline: '3px solid #2b6cb0', outlineOffset: '2px' },
  '.cm-scroller': {
    fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace",
    fontSize: '12px',
    overflow: 'auto',
  },
  '.cm-diagnosticText': { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  '.cm-tooltip': { maxWidth: 'min(560px, 90vw)' },
});

export class YamlEditor extends HTMLElement {
  private readonly view: EditorView;
  private readonly aria = new Compartment();

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    this.view = new EditorView({
      parent: shadow,
      root: shadow,
      state: EditorState.create({
        extensions: [
          lineNumbers(),
          lintGutter(),
          highlightActiveLine(),
          history(),
          indentOnInput(),
          // Tab is left to the browser, so the keyboard can leave the editor (no focus trap).
          keymap.of([...defaultKeymap, ...historyKeymap]),
          yaml(),
          syntaxHighlighting(defaultHighlightStyle),
          // Long lines wrap: the pane never scrolls sideways.
          EditorView.lineWrapping,
          EditorState.tabSize.of(2),
          theme,
          this.aria.of([]),
          EditorView.updateListener.of((update) => {
            if (update.docChanged && !update.transactions.some((tr) => tr.annotation(fromPage)))
              this.dispatchEvent(new Event('input', { bubbles: true }));
          }),
        ],
      }),
    });
  }

  /** Names the editable text after the page's label, and has it described by the hint and the problems. */
  label({ label, descriptions }: EditorLabels): void {
    const content = this.view.contentDOM;
    content.ariaLabelledByElements = [label];
    content.ariaDescribedByElements = [...descriptions];
    // For a browser without references across the shadow root's boundary.
    content.ariaLabel = label.textContent?.trim() ?? null;
  }

  get value(): string {
    return this.view.state.doc.toString();
  }

  /** Replaces the text (only the part that differs, so the caret and undo stay sensible). */
  set value(text: string) {
    const current = this.value;
    if (text === current) return;
    let start = 0;
    while (start < current.length && start < text.length && current[start] === text[start]) start += 1;
    let end = 0;
    while (
      end < current.length - start &&
      end < text.length - start &&
      current[current.length - 1 - end] === text[text.length - 1 - end]
    )
      end += 1;
    this.view.dispatch({
      changes: { from: start, to: current.length - end, insert: text.slice(start, text.length - end) },
      annotations: fromPage.of(true),
    });
  }

  /** Shows the configuration's problems at their lines; those without a position only in the list. */
  showProblems(diagnostics: readonly Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks = diagnostics.flatMap((d): EditorDiagnostic[] => {
      if (!d.position) return [];
      const { from, to } = spanAt(doc, d.position.line, d.position.column);
      return [{ from, to, severity: d.severity, message: formatDiagnostic(d), source: 'baseplate plan' }];
    });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
    this.setInvalid(diagnostics.some((d) => d.severity === 'error'));
  }

  /** Puts the caret at a line and column (1-based) and the focus in the editor. */
  goTo(line: number, column: number): void {
    const { from } = spanAt(this.view.state.doc, line, column);
    this.view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
    this.view.focus();
  }

  private setInvalid(invalid: boolean): void {
    const attributes: Record<string, string> = {
      spellcheck: 'false',
      autocapitalize: 'off',
      ...(invalid ? { 'aria-invalid': 'true' } : {}),
    };
    this.classList.toggle('invalid', invalid);
    this.view.dispatch({ effects: this.aria.reconfigure(EditorView.contentAttributes.of(attributes)) });
  }
}

/** The value at a line and column: from there to the next space or the end of the line. */
function spanAt(doc: Text, line: number, column: number): { from: number; to: number } {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  const from = at.from + Math.min(Math.max(column - 1, 0), at.length);
  const rest = doc.sliceString(from, at.to);
  const word = /^\S+/.exec(rest)?.[0].length ?? 0;
  return { from, to: from + word };
}

customElements.define('yaml-editor', YamlEditor);

declare global {
  interface HTMLElementTagNameMap {
    'yaml-editor': YamlEditor;
  }
}
