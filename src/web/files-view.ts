/**
 * Every generated file: browse by folder, view one, download it, or download
 * them all as the zip that unpacks to what `baseplate plan` writes.
 */
import type { OutputFile } from '../core/index.js';
import { byId, download, el } from './dom.js';

const TYPES: Record<string, string> = {
  json: 'application/json',
  html: 'text/html',
  svg: 'image/svg+xml',
  md: 'text/markdown',
  yaml: 'application/yaml',
  yml: 'application/yaml',
  sh: 'text/x-shellscript',
};

const typeOf = (path: string) => `${TYPES[path.split('.').pop() ?? ''] ?? 'text/plain'};charset=utf-8`;

export class FilesView {
  private files: readonly OutputFile[] = [];
  private selected = 'azure/deployment-order.json';
  private readonly list = byId('file-list', HTMLElement);
  private readonly title = byId('file-title', HTMLElement);
  private readonly content = byId('file-content', HTMLElement);
  private readonly downloadOne = byId('download-file', HTMLButtonElement);

  constructor() {
    this.downloadOne.addEventListener('click', () => {
      const file = this.files.find((f) => f.path === this.selected);
      if (file) download(file.path.split('/').pop() ?? file.path, file.content, typeOf(file.path));
    });
  }

  show(files: readonly OutputFile[]): void {
    this.files = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
    if (!this.files.some((f) => f.path === this.selected)) this.selected = this.files[0]?.path ?? '';
    const folders = new Map<string, OutputFile[]>();
    for (const file of this.files) {
      const folder = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : './';
      folders.set(folder, [...(folders.get(folder) ?? []), file]);
    }
    const focused =
      document.activeElement instanceof HTMLElement ? document.activeElement.dataset['path'] : undefined;
    this.list.replaceChildren(
      ...[...folders].map(([folder, inFolder]) =>
        el('li', {}, [
          el('span', { className: 'folder' }, [folder]),
          el(
            'ul',
            {},
            inFolder.map((file) => {
              const button = el('button', { type: 'button', className: 'file' }, [
                file.path.slice(folder === './' ? 0 : folder.length),
              ]);
              button.dataset['path'] = file.path;
              button.setAttribute('aria-pressed', String(file.path === this.selected));
              button.addEventListener('click', () => this.select(file.path));
              return el('li', {}, [button]);
            }),
          ),
        ]),
      ),
    );
    if (focused) this.list.querySelector<HTMLElement>(`button[data-path="${CSS.escape(focused)}"]`)?.focus();
    this.render();
  }

  private select(path: string): void {
    this.selected = path;
    for (const button of this.list.querySelectorAll<HTMLButtonElement>('button.file'))
      button.setAttribute('aria-pressed', String(button.dataset['path'] === path));
    this.render();
  }

  private render(): void {
    const file = this.files.find((f) => f.path === this.selected);
    this.title.textContent = file ? file.path : 'No file';
    this.content.textContent = file ? file.content : '';
    this.downloadOne.disabled = !file;
  }
}
