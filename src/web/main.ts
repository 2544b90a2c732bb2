/**
 * The configurator: the configuration on the left (form and YAML, one text
 * behind both), the plan on the right, recomputed on every change by the same
 * library code as `baseplate plan`, in a worker of this page (planner.ts).
 * Nothing is sent anywhere: the only request is for the initial configuration
 * `baseplate serve --config` offers, on the page's own origin.
 */
import './no-eval.js';
import type { Config, Diagnostic } from '../core/index.js';
import { formatDiagnostic, formatMonthly, OUTPUT_MARKER_PATH } from '../core/index.js';
import { deployCommands } from './deploy-commands.js';
import { byId, download, el } from './dom.js';
import { FilesView } from './files-view.js';
import { SettingsForm } from './form.js';
import { Planner } from './planner.js';
import type { Recomputed, Steps } from './protocol.js';
import { reportSections } from './report-sections.js';
import { ruleCounts } from './rule-counts.js';
import { fragmentOf, yamlOf } from './share.js';
import { setUpTabs } from './tabs.js';
import type { Edit } from './yaml-edit.js';
import { addSpoke, plainOf, removeSpoke, setExistingHub, setField } from './yaml-edit.js';
import { YamlEditor } from './yaml-editor.js';
import { zipOf } from './zip.js';

/** The built-in default (`{}`), as a person would start the file. */
const DEFAULT_TEXT = `# The spec's baseline: every setting left out takes its default.
# Change a setting in the form, or write any option of baseplate.schema.json here.
`;
const DEFAULT_NAME = 'baseplate.yaml';
/** Typing waits this long after the last key before planning: a plan per pause, not per key. */
const TYPING_MS = 150;

const yaml = byId('yaml', YamlEditor);
const problems = byId('yaml-problems', HTMLUListElement);
yaml.label({
  label: byId('yaml-label', HTMLElement),
  descriptions: [byId('yaml-hint', HTMLElement), problems],
});
const status = byId('status', HTMLElement);
const results = byId('results', HTMLElement);
const shareLink = byId('share-link', HTMLInputElement);
const zipButton = byId('download-zip', HTMLButtonElement);
const fileName = byId('file-name', HTMLElement);

let name = DEFAULT_NAME;
let text = DEFAULT_TEXT;
/** The last resolved configuration: what the form shows and edits against (no form before the first). */
let config: Config | undefined;
let last: Extract<Recomputed, { ok: true }> | undefined;
let plans = 0;

/** A change the form makes to the text: shown in the editor and planned (after a pause when typing). */
function edited(edit: Edit, typing = false): void {
  if (!edit.ok) {
    form.setEnabled(false, edit.reason);
    return;
  }
  text = edit.text;
  yaml.value = text;
  changed(typing ? TYPING_MS : 0);
}

const form = new SettingsForm(
  byId('settings', HTMLFormElement),
  (field, value, typing) => {
    if (!config) return;
    if (field.kind === 'section') edited(setExistingHub(text, value === true, config));
    else edited(setField(text, field.path, value, config), typing);
  },
  (action) => {
    if (!config) return;
    if (action.kind === 'add-spoke') edited(addSpoke(text, config));
    else edited(removeSpoke(text, action.index, config));
  },
);
const files = new FilesView();
setUpTabs(byId('tabs', HTMLElement));

const planner = new Planner({
  planned(result, steps, sent) {
    const rendering = performance.now();
    render(result);
    measure(steps, sent, rendering);
    plans += 1;
    document.body.dataset['plans'] = String(plans);
  },
  failed(message) {
    status.textContent = `Internal error, a bug in Baseplate; please report it (see "Reporting a bug" in Baseplate's README): ${message}`;
  },
  busy(busy) {
    // Set until the page shows the plan of the latest text; the tests wait on it.
    if (busy) document.body.dataset['busy'] = 'true';
    else delete document.body.dataset['busy'];
  },
});

/**
 * Read by the tests and `npm run bench`: the worker's steps, the page's part,
 * and the whole, from the text going to the worker to the page showing its plan.
 */
function measure(steps: Steps, sent: number, rendering: number): void {
  const end = performance.now();
  for (const step of ['plan', 'diagram', 'report'] as const)
    performance.measure(`baseplate:${step}`, { end: rendering, duration: steps[step] });
  performance.measure('baseplate:render', { start: rendering, end });
  performance.measure('baseplate:recompute', { start: sent, end });
}

function render(result: Recomputed): void {
  const input = result.diagnostics.filter((d) => d.kind === 'input');
  if (result.config) config = result.config;
  if (config) form.show(config, plainOf(text), result.config !== undefined);
  form.markErrors(input);
  const syntax = input.some((d) => d.code === 'config/syntax');
  form.setEnabled(!syntax, 'The YAML has a syntax error: fix it there, then the form edits it again.');
  showProblems(input);
  fileName.textContent = name;

  if (!result.ok) {
    const errors = input.filter((d) => d.severity === 'error').length;
    status.textContent = `The configuration has ${errors} problem(s), shown beside the YAML and on the fields. ${
      last ? 'The plan below is the last one that worked.' : ''
    }`;
    results.classList.add('stale');
    // The files shown are of an older text: none is offered as this configuration's.
    zipButton.disabled = true;
    byId('download-file', HTMLButtonElement).disabled = true;
    return;
  }
  last = result;
  results.classList.remove('stale');
  zipButton.disabled = false;
  const { summary } = result;
  const cost = formatMonthly(summary.cost.total);
  // The plan's files, as plan counts them; the zip holds the output marker too.
  const planned = result.files.filter((f) => f.path !== OUTPUT_MARKER_PATH);
  status.textContent = [
    summary.clusters.map((c) => c.name).join(', '),
    `${summary.findings.error} error(s), ${summary.findings.warning} warning(s), ${summary.findings.info} note(s)`,
    `${cost} ${summary.cost.currency} a month${summary.cost.unknownItems ? ` (${summary.cost.unknownItems} item(s) unknown)` : ''}`,
    `${planned.length} files`,
  ].join(' · ');
  const report = result.files.find((f) => f.path === 'report/report.html')?.content ?? '';
  const sections = reportSections(report);
  const fill = (id: string, ...nodes: (Node | string)[]) => byId(id, HTMLElement).replaceChildren(...nodes);
  fill('diagram-view', sections.get('diagram') ?? '');
  fill('ip-view', sections.get('ip-plan') ?? '');
  fill('findings-view', sections.get('findings') ?? '', ruleCounts(result.findings));
  fill('cost-view', sections.get('cost') ?? '');
  fill('stages-view', sections.get('stages') ?? '');
  byId('deploy-commands', HTMLElement).textContent = deployCommands(result.config, name);
  byId('findings-count', HTMLElement).textContent = String(
    summary.findings.error + summary.findings.warning + summary.findings.info,
  );
  byId('files-count', HTMLElement).textContent = String(planned.length);
  files.show(planned);
}

/** The CLI's messages, at their lines in the editor and listed below it, each with a way to its line. */
function showProblems(input: readonly Diagnostic[]): void {
  yaml.showProblems(input);
  problems.replaceChildren(
    ...input.map((d) => {
      const item = el('li', { className: d.severity }, [el('pre', {}, [formatDiagnostic(d)])]);
      const position = d.position;
      if (position) {
        const go = el('button', { type: 'button', className: 'link' }, [`Go to line ${position.line}`]);
        go.addEventListener('click', () => yaml.goTo(position.line, position.column));
        item.append(go);
      }
      return item;
    }),
  );
}

/**
 * Lets the address carry the design, a moment after the last change: browsers
 * ignore a page that rewrites its address hundreds of times in a few seconds.
 */
let linkTimer: ReturnType<typeof setTimeout> | undefined;
function shareSoon(): void {
  clearTimeout(linkTimer);
  linkTimer = setTimeout(() => {
    history.replaceState(null, '', fragmentOf(text));
    shareLink.value = location.href;
  }, 150);
}

/** A change of the text: recompute (after `delay` ms without another change), and update the link. */
function changed(delay: number): void {
  shareSoon();
  planner.plan(name, text, delay);
}

function load(newName: string, newText: string): void {
  name = newName;
  text = newText;
  yaml.value = text;
  planner.plan(name, text, 0);
}

yaml.addEventListener('input', () => {
  text = yaml.value;
  changed(TYPING_MS);
});

byId('open-file', HTMLInputElement).addEventListener('change', async (event) => {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  if (!file) return;
  load(file.name, await file.text());
  shareSoon();
  input.value = '';
});
byId('save-file', HTMLButtonElement).addEventListener('click', () =>
  download(name, text, 'application/yaml;charset=utf-8'),
);
byId('reset', HTMLButtonElement).addEventListener('click', () => {
  clearTimeout(linkTimer);
  history.replaceState(null, '', location.pathname);
  shareLink.value = location.href;
  load(DEFAULT_NAME, DEFAULT_TEXT);
});
byId('copy-link', HTMLButtonElement).addEventListener('click', async () => {
  shareLink.value = location.href;
  shareLink.select();
  try {
    await navigator.clipboard.writeText(location.href);
    byId('copy-note', HTMLElement).textContent = 'Copied.';
  } catch {
    byId('copy-note', HTMLElement).textContent = 'Copy the selected link.';
  }
});
byId('diagram-size', HTMLButtonElement).addEventListener('click', (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const actual = byId('diagram-view', HTMLElement).classList.toggle('actual');
  button.setAttribute('aria-pressed', String(actual));
});
zipButton.addEventListener('click', () => {
  if (last) download('baseplate-plan.zip', zipOf(last.files), 'application/zip');
});
window.addEventListener('hashchange', () => {
  const fromLink = yamlOf(location.hash);
  if (typeof fromLink === 'string' && fromLink !== text) load(name, fromLink);
});

/** A link's configuration, else the one `baseplate serve --config` offers, else the built-in default. */
async function start(): Promise<void> {
  shareLink.value = location.href;
  const fromLink = yamlOf(location.hash);
  if (fromLink instanceof Error) {
    const notice = byId('notice', HTMLElement);
    notice.textContent = `${fromLink.message} Showing the built-in default instead.`;
    notice.hidden = false;
  }
  if (typeof fromLink === 'string') return load(DEFAULT_NAME, fromLink);
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (response.status === 200) {
      const offered = (await response.json()) as { name?: unknown; text?: unknown };
      if (typeof offered.name === 'string' && typeof offered.text === 'string') {
        load(offered.name, offered.text);
        // The link carries it from the start, as it would once edited.
        return shareSoon();
      }
    }
  } catch {
    // A static host without it: the default follows.
  }
  load(DEFAULT_NAME, DEFAULT_TEXT);
}

void start();
