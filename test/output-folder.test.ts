/**
 * The output folder of `plan`: replaced in one swap, recovered after a run that
 * was stopped between its steps, never deleting a file the user added, and every
 * file-system failure a usage error naming the path (exit 2). Real temporary
 * folders; failures are injected into the file-system calls.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { platform } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { OutputFileSystem, OutputOptions } from '../src/cli/output.js';
import { writeOutput } from '../src/cli/output.js';
import { UsageError } from '../src/cli/exit-codes.js';
import type { OutputFile } from '../src/core/index.js';
import { markedFiles, outputMarker } from '../src/core/index.js';
import { temporaryFolders } from './helpers.js';
import { runCli } from './support/cli.js';

const workspace = temporaryFolders('out');

const PLAN: readonly OutputFile[] = [
  { path: 'azure/01-hub.json', content: '{"new":true}\n' },
  { path: 'report/cost.md', content: '# Cost\n' },
];

/** `out` as an earlier plan left it: its files and its marker. */
async function planned(dir: string, files: readonly OutputFile[] = PLAN): Promise<void> {
  await writeOutput('out', files, { cwd: dir });
}

/** An error as Node's file-system calls give it. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected`), { code });
}

/** Node's calls, with one replaced. */
function failing(overrides: Partial<OutputFileSystem>): OutputFileSystem {
  return { ...nodeFs, ...overrides };
}

async function refusal(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => assert.fail('expected a usage error'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof UsageError, String(error));
  return error.message;
}

const write = (dir: string, options: Omit<OutputOptions, 'cwd'> = {}, files = PLAN) =>
  writeOutput('out', files, { cwd: dir, ...options });

describe('the output folder', () => {
  it('lists what it wrote in its marker, and replaces files plan no longer writes', async () => {
    const dir = workspace();
    await planned(dir, [...PLAN, { path: 'azure/02-spoke-01.json', content: '{}\n' }]);
    const marker = readFileSync(join(dir, 'out', '.baseplate-output'), 'utf8');
    assert.deepEqual(
      [...(markedFiles(marker) ?? [])],
      ['azure/01-hub.json', 'azure/02-spoke-01.json', 'report/cost.md'],
    );
    await planned(dir);
    assert.ok(!existsSync(join(dir, 'out', 'azure', '02-spoke-01.json')));
    assert.deepEqual(readdirSync(dir), ['out'], 'no staging folder, old copy or lock left');
  });

  it('writes the files still being made once they are, listed in its marker; if they fail, out stays', async () => {
    const dir = workspace();
    const report = { path: 'report/report.html', content: '<html></html>\n' };
    const later = await write(dir, { later: Promise.resolve([report]) });
    assert.deepEqual(later, [report]);
    assert.equal(readFileSync(join(dir, 'out', 'report', 'report.html'), 'utf8'), report.content);
    const marker = readFileSync(join(dir, 'out', '.baseplate-output'), 'utf8');
    assert.deepEqual(
      [...(markedFiles(marker) ?? [])],
      ['azure/01-hub.json', 'report/cost.md', 'report/report.html'],
    );
    const failed = write(dir, { later: Promise.reject(new Error('no layout')) }, [
      { path: 'azure/01-hub.json', content: '{"newer":true}\n' },
    ]);
    await assert.rejects(failed, /no layout/);
    assert.equal(readFileSync(join(dir, 'out', 'azure', '01-hub.json'), 'utf8'), '{"new":true}\n');
    assert.deepEqual(readdirSync(dir), ['out'], 'no staging folder, old copy or lock left');
    // Refused before it waits: what is still being made may fail later, unheard.
    await refusal(
      writeOutput('.', PLAN, {
        cwd: dir,
        later: new Promise((_, reject) => setImmediate(() => reject(new Error('late')))),
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("writes a plan's tail as given, its marker last (the one the web page zips too)", async () => {
    const dir = workspace();
    const report = { path: 'report/report.html', content: '<html></html>\n' };
    const marker = outputMarker([...PLAN, report]);
    await write(dir, { later: Promise.resolve([report, marker]) });
    assert.equal(readFileSync(join(dir, 'out', '.baseplate-output'), 'utf8'), marker.content);
    assert.deepEqual(
      [...(markedFiles(marker.content) ?? [])],
      ['azure/01-hub.json', 'report/cost.md', 'report/report.html'],
      'the marker lists the files, not itself',
    );
  });

  it('refuses to replace it while it holds files the user added, naming them; they stay', async () => {
    const dir = workspace();
    await planned(dir);
    writeFileSync(join(dir, 'out', 'notes.md'), 'mine');
    writeFileSync(join(dir, 'out', 'azure', 'extra.json'), '{}');
    const message = await refusal(write(dir));
    assert.match(
      message,
      /--out out: holds files that plan did not write: out\/azure\/extra\.json, out\/notes\.md\./,
    );
    assert.match(message, /move them elsewhere/);
    assert.equal(readFileSync(join(dir, 'out', 'notes.md'), 'utf8'), 'mine');
    assert.equal(readFileSync(join(dir, 'out', 'azure', '01-hub.json'), 'utf8'), '{"new":true}\n');
    assert.deepEqual(readdirSync(dir), ['out']);
  });

  it('replaces it with what an operating system adds to any folder, and a marker that lists nothing (before issue 25)', async () => {
    const dir = workspace();
    await planned(dir);
    writeFileSync(join(dir, 'out', '.DS_Store'), '');
    await planned(dir);
    writeFileSync(
      join(dir, 'out', '.baseplate-output'),
      'This folder is written by `baseplate plan` and replaced as a whole on every run.\n',
    );
    writeFileSync(join(dir, 'out', 'stale.json'), '{}');
    await planned(dir);
    assert.ok(!existsSync(join(dir, 'out', 'stale.json')));
  });
});

describe('after a plan stopped between its steps', () => {
  it('removes the half-written staging folder it left', async () => {
    const dir = workspace();
    await planned(dir);
    mkdirSync(join(dir, '.out.tmp-AbC123', 'azure'), { recursive: true });
    writeFileSync(join(dir, '.out.tmp-AbC123', 'azure', '01-hub.json'), '{"ha');
    const notices: string[] = [];
    await write(dir, { notice: (text) => notices.push(text) });
    assert.deepEqual(readdirSync(dir), ['out']);
    assert.deepEqual(notices, ['--out out: removed what an interrupted plan left: .out.tmp-AbC123.']);
  });

  it('puts back the previous plan when out/ is missing, even if this run then fails', async () => {
    const dir = workspace();
    await planned(dir, [{ path: 'azure/01-hub.json', content: '{"previous":true}\n' }]);
    // Stopped between its two renames: out/ moved aside, the new folder complete but not yet in place.
    renameSync(join(dir, 'out'), join(dir, '.out.old-Zz9999'));
    mkdirSync(join(dir, '.out.tmp-Zz9999'));
    writeFileSync(join(dir, '.out.tmp-Zz9999', '.baseplate-output'), 'x');
    const notices: string[] = [];
    const fs = failing({
      writeFile: (async (path, ...rest) => {
        if (String(path).endsWith('cost.md')) throw errno('ENOSPC');
        return nodeFs.writeFile(path, ...rest);
      }) as typeof nodeFs.writeFile,
    });
    const message = await refusal(write(dir, { fs, notice: (text) => notices.push(text) }));
    assert.match(
      message,
      /^--out out: cannot write \.out\.tmp-\w{6}\/report\/cost\.md \(no space is left on the device, ENOSPC\); out is unchanged\.$/,
    );
    assert.equal(readFileSync(join(dir, 'out', 'azure', '01-hub.json'), 'utf8'), '{"previous":true}\n');
    assert.deepEqual(readdirSync(dir), ['out']);
    assert.deepEqual(notices, [
      '--out out: was missing after an interrupted plan; put back the previous plan from .out.old-Zz9999.',
      '--out out: removed what an interrupted plan left: .out.tmp-Zz9999.',
    ]);
  });

  it('removes the old copy left after the new plan was already in place', async () => {
    const dir = workspace();
    await planned(dir);
    mkdirSync(join(dir, '.out.old-Qq1111'));
    writeFileSync(join(dir, '.out.old-Qq1111', '.baseplate-output'), 'x');
    await planned(dir);
    assert.deepEqual(readdirSync(dir), ['out']);
  });

  it('leaves alone folders that only look alike, and files', async () => {
    const dir = workspace();
    mkdirSync(join(dir, '.out.tmp-toolong1'));
    mkdirSync(join(dir, '.other.tmp-AbC123'));
    writeFileSync(join(dir, '.out.old-AbC123'), 'a file');
    await planned(dir);
    assert.deepEqual(readdirSync(dir).sort(), [
      '.other.tmp-AbC123',
      '.out.old-AbC123',
      '.out.tmp-toolong1',
      'out',
    ]);
  });

  it('takes over the lock of a plan that ended, and refuses while one still runs', async () => {
    const dir = workspace();
    writeFileSync(join(dir, '.out.lock'), '4242\n');
    const message = await refusal(write(dir, { running: (pid) => pid === 4242 }));
    assert.equal(
      message,
      '--out out: another baseplate plan (process 4242) is writing it; wait for it to end. If none is, delete .out.lock.',
    );
    assert.ok(!existsSync(join(dir, 'out')));
    await write(dir, { running: () => false });
    assert.deepEqual(readdirSync(dir), ['out']);
  });
});

describe('file-system failures', () => {
  const cases: Array<[string, Partial<OutputFileSystem>, RegExp]> = [
    [
      'a full disk',
      {
        writeFile: (async (path, ...rest) => {
          if (String(path).includes('.tmp-')) throw errno('ENOSPC');
          return nodeFs.writeFile(path, ...rest);
        }) as typeof nodeFs.writeFile,
      },
      /^--out out: cannot write \.out\.tmp-\w{6}\/azure\/01-hub\.json \(no space is left on the device, ENOSPC\); out is unchanged\.$/,
    ],
    [
      'a file too large',
      {
        writeFile: (async (path, ...rest) => {
          if (String(path).includes('.tmp-')) throw errno('EFBIG');
          return nodeFs.writeFile(path, ...rest);
        }) as typeof nodeFs.writeFile,
      },
      /cannot write \.out\.tmp-\w{6}\/azure\/01-hub\.json \(the file is larger than the file system allows, EFBIG\)/,
    ],
    [
      'a read-only folder',
      {
        writeFile: (async () => {
          throw errno('EROFS');
        }) as typeof nodeFs.writeFile,
      },
      /^--out out: cannot create \.out\.lock \(the file system is read-only, EROFS\); out is unchanged\.$/,
    ],
    [
      'a folder without write permission',
      {
        mkdtemp: (async () => {
          throw errno('EACCES');
        }) as typeof nodeFs.mkdtemp,
      },
      /^--out out: cannot create a folder in \. \(permission denied, EACCES\); out is unchanged\.$/,
    ],
    [
      'a rename refused',
      {
        rename: (async (from, to) => {
          if (String(from).includes('.tmp-')) throw errno('EXDEV');
          return nodeFs.rename(from, to);
        }) as typeof nodeFs.rename,
      },
      /^--out out: cannot move the new plan into out \(EXDEV\); out is unchanged\.$/,
    ],
  ];
  for (const [what, override, expected] of cases) {
    it(`reports ${what} as a usage error naming the path, and leaves the previous plan as it was`, async () => {
      const dir = workspace();
      await planned(dir, [{ path: 'azure/01-hub.json', content: '{"previous":true}\n' }]);
      assert.match(await refusal(write(dir, { fs: failing(override) })), expected);
      assert.equal(readFileSync(join(dir, 'out', 'azure', '01-hub.json'), 'utf8'), '{"previous":true}\n');
      assert.deepEqual(readdirSync(dir), ['out']);
    });
  }

  it('makes folders one level at a time where a file system refuses them (no recursive mkdir to loop)', async () => {
    // As /proc/self does: nothing new exists there, and every mkdir answers ENOENT.
    let calls = 0;
    const fs = failing({
      stat: (async (path) => {
        if (String(path).startsWith('/proc/self/x')) throw errno('ENOENT');
        return nodeFs.stat(path);
      }) as typeof nodeFs.stat,
      mkdir: (async () => {
        calls += 1;
        throw errno('ENOENT');
      }) as typeof nodeFs.mkdir,
    });
    const message = await refusal(writeOutput('/proc/self/x/y/out', PLAN, { cwd: workspace(), fs }));
    assert.match(
      message,
      /^--out \/proc\/self\/x\/y\/out: cannot create \/proc\/self\/x \(the folder does not exist or refuses new entries, ENOENT\)/,
    );
    assert.equal(calls, 1);
  });
});

describe('baseplate plan --out', () => {
  it(
    'refuses a path under /proc with exit code 2, naming it (it used to never return)',
    { skip: platform() !== 'linux' },
    async () => {
      const dir = workspace();
      for (const out of ['/proc/self/x', '/proc/self/x/out']) {
        const run = await runCli(['plan', '--out', out], { cwd: dir });
        assert.equal(run.code, 2, out);
        assert.match(run.stderr, new RegExp(`^baseplate: --out ${out}: cannot create /proc/self/`, 'm'));
        assert.doesNotMatch(run.stderr, /internal error/);
      }
    },
  );

  it('refuses, with exit code 2, to replace a plan to which the user added a file', async () => {
    const dir = workspace();
    assert.equal((await runCli(['plan'], { cwd: dir })).code, 0);
    writeFileSync(join(dir, 'out', 'notes.md'), 'mine');
    const run = await runCli(['plan'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^baseplate: --out out: holds files that plan did not write: out\/notes\.md\./m);
    assert.equal(readFileSync(join(dir, 'out', 'notes.md'), 'utf8'), 'mine');
  });
});
