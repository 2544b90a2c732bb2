/**
 * The configurator in Debian's Chromium (playwright-core; no browser is
 * downloaded), served by `baseplate serve` (in this process): the plan
 * recomputed on every change, errors on their fields in the CLI's words, the
 * zip byte for byte what `baseplate plan` writes, the design carried by a link,
 * keyboard use, both screen sizes, and not one request beyond the page's origin.
 */
import assert from 'node:assert/strict';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { deflateSync, strToU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { PRICES, REGIONS, VM_SIZES } from '../src/core/index.js';
import { repoRoot, temporaryFolders } from './helpers.js';
import type { Serving } from './support/cli.js';
import { runCli, serveCli } from './support/cli.js';

/** Debian's Chromium, never a downloaded browser; CI installs it (.ci/run). */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const browserMissing = !existsSync(CHROMIUM);
if (browserMissing && process.env['CI']) throw new Error(`${CHROMIUM} is missing: CI must install chromium`);

const SHOTS = join(repoRoot, 'test-output');
/** Where the page's clock starts, when a test sets the page's time itself. */
const CLOCK_START = Date.parse('2030-01-01T00:00:00Z');
const MAX_COUNT = '#f-spokes_0__cluster_userPools_0__maxCount';
const POD_CIDR = '#f-spokes_0__cluster_network_podCidr';

const workspace = temporaryFolders('web');

/** An option of the VM sizes' list. */
interface SizeOption {
  readonly value: string;
  readonly label: string;
}

/** What the tests read in the page (the tests compile without the DOM's types). */
interface PageGlobals {
  readonly document: { readonly body: { readonly dataset: Record<string, string | undefined> } };
}

interface Opened {
  readonly page: Page;
  /** Every URL the page (or its worker) requested. */
  readonly requests: string[];
  /** The body of every request that had one. */
  readonly bodies: string[];
  /** Console errors (the worker's too) and uncaught exceptions. */
  readonly errors: string[];
}

/** Records the page's policy violations, which fire no request event (a fetch it blocks, say). */
const WATCH_VIOLATIONS = `window.violations = [];
document.addEventListener('securitypolicyviolation', (event) =>
  window.violations.push(event.effectiveDirective + ': ' + event.blockedURI));`;

/** The link's fragment for a YAML text: deflated, base64url-encoded. */
const fragmentFor = (yaml: string) =>
  `#config=${Buffer.from(deflateSync(strToU8(yaml), { level: 9 })).toString('base64url')}`;

/** Every file under `folder`, by its path relative to it, as bytes. */
function filesIn(folder: string): Map<string, Buffer> {
  return new Map(
    readdirSync(folder, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry): [string, Buffer] => {
        const path = join(entry.parentPath, entry.name);
        return [path.slice(folder.length + 1), readFileSync(path)];
      })
      .sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  );
}

describe(
  'the web configurator in Chromium',
  { skip: browserMissing ? `no browser at ${CHROMIUM}` : false },
  () => {
    let browser: Browser;
    let served: Serving;
    before(async () => {
      mkdirSync(SHOTS, { recursive: true });
      served = await serveCli(workspace());
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    });
    after(async () => {
      await browser?.close();
      await served?.stop();
    });

    /** Opens the page; with `clock`, on Playwright's clock (it runs as usual until paused). */
    async function open(
      url = served.url,
      viewport = { width: 1280, height: 800 },
      { clock = false } = {},
    ): Promise<Opened> {
      const context = await browser.newContext({ viewport, acceptDownloads: true });
      if (clock) await context.clock.install({ time: CLOCK_START });
      await context.addInitScript(WATCH_VIOLATIONS);
      const page = await context.newPage();
      const requests: string[] = [];
      const bodies: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        requests.push(request.url());
        const body = request.postData();
        if (body !== null) bodies.push(body);
      });
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      await settled(page, 0);
      return { page, requests, bodies, errors };
    }

    /**
     * Waits until the page has shown the plan of its latest text. A function, not
     * a string: the page's policy refuses string evaluation, and the tests run under it.
     */
    async function settled(page: Page, before: number): Promise<void> {
      await page.waitForFunction(
        (count) => {
          const { dataset } = (globalThis as unknown as PageGlobals).document.body;
          return Number(dataset['plans']) > count && dataset['busy'] === undefined;
        },
        before,
        { timeout: 30_000 },
      );
    }
    const plans = async (page: Page) => Number(await page.locator('body').getAttribute('data-plans'));

    /** Runs `change`, then waits for the page to show its plan. */
    async function change(page: Page, action: () => Promise<unknown>): Promise<void> {
      const count = await plans(page);
      await action();
      await settled(page, count);
    }

    /** The editor's text (the element's `value`, as a textarea's). */
    const yamlText = (page: Page) =>
      page.locator('#yaml').evaluate((editor) => (editor as unknown as { value: string }).value);
    /** Types over the editor's whole text, as a person replacing it would. */
    const setYaml = (page: Page, yaml: string) => page.locator('#yaml .cm-content').fill(yaml);

    const tab = (page: Page, name: RegExp) => page.getByRole('tab', { name }).click();
    const text = (page: Page, selector: string) => page.locator(selector).innerText();
    const costRange = async (page: Page) => {
      await tab(page, /^Cost$/);
      const total = await page.locator('#cost-view tr', { hasText: /^Total/ }).innerText();
      const match = /([\d.]+)–([\d.]+)/.exec(total);
      assert.ok(match, total);
      return { min: Number(match[1]), max: Number(match[2]) };
    };

    it('loads the page and plans the default configuration, with no error in the console', async () => {
      const { page, errors } = await open();
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-prod-eus2 · 0 error\(s\)/);
      assert.ok((await page.locator('#diagram-view svg g.cluster').count()) > 5, 'the Graphviz diagram');
      await tab(page, /IP plan/);
      assert.match(await text(page, '#ip-view'), /snet-nodes\s+10\.240\.0\.0\/22/);
      await tab(page, /Findings/);
      assert.match(await text(page, '#findings-view'), /Spec "Provision": “Create budgets/);
      await tab(page, /Deploy/);
      assert.match(
        await text(page, '#deploy-commands'),
        /npx -y aks-baseplate deploy --config baseplate\.yaml/,
      );
      assert.match(await text(page, '#stages-view'), /cluster-00: The AKS cluster of spoke 00/);
      await tab(page, /Diagram/);
      await page.screenshot({ path: join(SHOTS, 'web-1280x800.png') });
      assert.deepEqual(errors, []);
    });

    it('shows a larger IP plan and cost when the user pool may grow to more nodes', async () => {
      const { page } = await open();
      await tab(page, /IP plan/);
      const nodesRow = () => page.locator('#ip-view tr', { hasText: 'snet-nodes' }).first().innerText();
      const ipBefore = await nodesRow();
      const costBefore = await costRange(page);
      await change(page, () => page.fill(MAX_COUNT, '30'));
      assert.match(await yamlText(page), /userPools:\n\s+- maxCount: 30\n/);
      await tab(page, /IP plan/);
      const ipAfter = await nodesRow();
      assert.notEqual(ipAfter, ipBefore);
      assert.match(ipBefore, /\t9 nodes at pool maximums/);
      assert.match(ipAfter, /\t34 nodes at pool maximums/, "the system pool's 4 and the user pool's 30");
      const costAfter = await costRange(page);
      assert.equal(costAfter.min, costBefore.min, 'the minimum node count did not change');
      assert.ok(costAfter.max > costBefore.max, `${costAfter.max} > ${costBefore.max}`);
      await page.screenshot({ path: join(SHOTS, 'web-max-count.png') });
    });

    it('shows an overlapping pod range on its field, in the words the CLI prints', async () => {
      const { page } = await open();
      await change(page, () => page.fill(POD_CIDR, '10.240.0.0/16'));
      const field = page.locator(POD_CIDR);
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
      assert.ok(errorId, describedBy);
      assert.match(await text(page, `#${errorId}`), /overlaps spoke 00 \(10\.240\.0\.0\/16\)/);
      assert.equal(await page.locator('#yaml .cm-content').getAttribute('aria-invalid'), 'true');
      assert.match(await text(page, '#status'), /1 problem/);

      // The same text through `baseplate plan`: the page lists exactly what it prints.
      const dir = workspace();
      const yaml = await yamlText(page);
      writeFileSync(join(dir, 'baseplate.yaml'), yaml);
      const cli = await runCli(['plan', '--config', 'baseplate.yaml'], { cwd: dir });
      assert.equal(cli.code, 2);
      const shown = await page.locator('#yaml-problems pre').allInnerTexts();
      assert.equal(shown.length, 1);
      assert.equal(`${shown.join('\n')}\n\n1 problem(s); nothing was written.\n`, cli.stderr);

      // In the editor, at its line: the value underlined, a marker in the gutter, the CLI's words on hover.
      const [, line] = /^baseplate\.yaml:(\d+):/.exec(cli.stderr) ?? [];
      assert.equal(yaml.split('\n')[Number(line) - 1]?.trim(), 'podCidr: 10.240.0.0/16');
      const mark = page.locator('#yaml .cm-lintRange-error');
      assert.equal(await mark.count(), 1);
      assert.equal(await mark.innerText(), '10.240.0.0/16');
      const gutter = page.locator('#yaml .cm-gutter-lint .cm-gutterElement', {
        has: page.locator('.cm-lint-marker-error'),
      });
      assert.equal(await gutter.count(), 1);
      const lineNumbers = page.locator('#yaml .cm-lineNumbers .cm-gutterElement', {
        hasText: new RegExp(`^${line}$`),
      });
      const [markBox, numberBox] = [await gutter.boundingBox(), await lineNumbers.boundingBox()];
      assert.ok(markBox && numberBox && Math.abs(markBox.y - numberBox.y) < 2, 'the marker is on its line');
      await mark.hover();
      const tooltip = page.locator('.cm-tooltip-lint');
      await tooltip.waitFor();
      assert.equal(await tooltip.locator('.cm-diagnosticText').innerText(), shown[0]);
      await page.screenshot({ path: join(SHOTS, 'web-overlap.png') });

      // Its way to the line: the caret at the value, in the editor, where typing goes.
      await page.getByRole('button', { name: /^Go to line \d+$/ }).click();
      assert.equal(await page.evaluate('document.activeElement.closest("#yaml") !== null'), true);
      await change(page, () => page.keyboard.type('1'));
      assert.match(await yamlText(page), /podCidr: 110\.240\.0\.0\/16$/m);

      // Put right, the field is valid again and the plan is current.
      await change(page, () => page.fill(POD_CIDR, '192.168.0.0/16'));
      assert.equal(await field.getAttribute('aria-invalid'), null);
      // No error is left; the warnings of the prices the built-in table lacks stay.
      assert.equal(await page.locator('#yaml-problems li.error').count(), 0);
    });

    it('writes a fractional count as a number, and shows the message plan prints for it', async () => {
      const { page } = await open();
      await change(page, () => page.fill(MAX_COUNT, '12.5'));
      const yaml = await yamlText(page);
      assert.match(yaml, /^\s+- maxCount: 12\.5$/m, 'a number, not the string "12.5"');
      const error = await text(page, `${MAX_COUNT}-error`);
      assert.equal(error, 'must be a whole number, not a number Write a whole number such as 5.');

      const dir = workspace();
      writeFileSync(join(dir, 'baseplate.yaml'), yaml);
      const cli = await runCli(['plan', '--config', 'baseplate.yaml'], { cwd: dir });
      assert.equal(cli.code, 2);
      assert.equal(
        `${await text(page, '#yaml-problems pre')}\n\n1 problem(s); nothing was written.\n`,
        cli.stderr,
      );
    });

    /** A field of the form, what it writes into the YAML, and what that changes in the plan's resources. */
    interface FieldCase {
      readonly field: string;
      readonly set: (page: Page, selector: string) => Promise<unknown>;
      readonly yaml: RegExp;
      /** In azure/resources.json after the change, not before. */
      readonly added?: RegExp;
      /** In azure/resources.json before the change, not after. */
      readonly gone?: RegExp;
    }
    const fill = (value: string) => (page: Page, selector: string) => page.fill(selector, value);
    const select = (value: string) => (page: Page, selector: string) => page.selectOption(selector, value);
    const FIELDS: readonly FieldCase[] = [
      {
        field: '#f-naming_environment',
        set: fill('preprod'),
        yaml: /^naming:\n {2}environment: preprod$/m,
        added: /"name": "aks-bu0001a0008-00-preprod-eus2"/,
        gone: /"name": "aks-bu0001a0008-00-prod-eus2"/,
      },
      {
        field: '#f-hub_addressSpace',
        set: fill('10.100.0.0/24'),
        yaml: /^hub:\n {2}addressSpace: 10\.100\.0\.0\/24$/m,
        added: /"addressPrefix": "10\.100\.0\.0\/26"/,
        gone: /"addressPrefix": "10\.200\.0\.0\/26"/,
      },
      {
        field: '#f-spokes_0__addressSpace',
        set: fill('10.50.0.0/16'),
        yaml: /^spokes:\n {2}- name: "00"\n {4}addressSpace: 10\.50\.0\.0\/16$/m,
        added: /"10\.50\.0\.0\/22"/,
        gone: /"10\.240\.0\.0\/22"/,
      },
      {
        field: '#f-spokes_0__cluster_apiServer_private',
        set: (page, selector) => page.check(selector),
        yaml: /^ {4}cluster:\n {6}apiServer:\n {8}private: true$/m,
        added: /"enablePrivateCluster": true/,
        gone: /"enablePrivateCluster": false/,
      },
      {
        field: '#f-spokes_0__cluster_apiServer_authorizedIpRanges',
        set: fill('203.0.113.0/24, 198.51.100.7/32'),
        yaml: /^ {8}authorizedIpRanges: \[ 203\.0\.113\.0\/24, 198\.51\.100\.7\/32 \]$/m,
        added: /"authorizedIPRanges": \[\n\s+"203\.0\.113\.0\/24",\n\s+"198\.51\.100\.7\/32",/,
      },
      {
        field: '#f-spokes_0__ingress_internalDomain',
        set: fill('apps.example.net'),
        yaml: /^ {4}ingress:\n {6}internalDomain: apps\.example\.net$/m,
        added: /"hostName": "bu0001a0008-00\.apps\.example\.net"/,
        gone: /aks-ingress\.contoso\.com/,
      },
      {
        field: '#f-spokes_0__registry_geoReplication_locations',
        set: fill('westus3'),
        yaml: /^ {4}registry:\n {6}geoReplication:\n {8}locations: \[ westus3 \]$/m,
        added:
          /"type": "Microsoft\.ContainerRegistry\/registries\/replications",\n\s+"name": "[^"/]+\/westus3"/,
        gone: /"name": "[^"/]+\/centralus"/,
      },
      {
        field: '#f-spokes_0__registry_geoReplication_enabled',
        set: (page, selector) => page.uncheck(selector),
        yaml: /^ {4}registry:\n {6}geoReplication:\n {8}enabled: false$/m,
        gone: /Microsoft\.ContainerRegistry\/registries\/replications/,
      },
      {
        field: '#f-upgrades_nodeOsChannel',
        set: select('SecurityPatch'),
        yaml: /^upgrades:\n {2}nodeOsChannel: SecurityPatch$/m,
        added: /"nodeOSUpgradeChannel": "SecurityPatch"/,
        gone: /"nodeOSUpgradeChannel": "NodeImage"/,
      },
      {
        field: '#f-upgrades_clusterChannel',
        set: select('stable'),
        yaml: /^upgrades:\n {2}clusterChannel: stable$/m,
        added: /"upgradeChannel": "stable"/,
        gone: /"upgradeChannel": "none"/,
      },
      {
        field: '#f-cost_monthlyBudget',
        set: fill('500'),
        yaml: /^cost:\n {2}monthlyBudget: 500$/m,
        added: /"type": "Microsoft\.Consumption\/budgets",[^]*?"amount": 500,/,
      },
    ];

    it('writes each other field into the YAML, and the plan follows', async () => {
      const { page, errors } = await open();
      const resources = async () => {
        await tab(page, /Files/);
        await page.click('button.file[data-path="azure/resources.json"]');
        return (await page.locator('#file-content').textContent()) ?? '';
      };
      for (const { field, set, yaml, added, gone } of FIELDS) {
        // Each from the baseline, alone.
        await change(page, () => page.click('#reset'));
        const before = await resources();
        await change(page, () => set(page, field));
        const text = await yamlText(page);
        assert.match(text, yaml, field);
        assert.match(await page.locator('#status').innerText(), /0 error\(s\)/, field);
        const after = await resources();
        assert.notEqual(after, before, field);
        if (added) {
          assert.doesNotMatch(before, added, field);
          assert.match(after, added, field);
        }
        if (gone) {
          assert.match(before, gone, field);
          assert.doesNotMatch(after, gone, field);
        }
      }
      assert.deepEqual(errors, []);
    });

    it('clears a field back to its default, leaving no empty section behind', async () => {
      const { page } = await open();
      const start = 'preset: dev\n';
      await change(page, () => setYaml(page, start));
      await change(page, () => page.fill('#f-cost_monthlyBudget', '500'));
      assert.equal(await yamlText(page), `${start}cost:\n  monthlyBudget: 500\n`);
      await change(page, () => page.fill('#f-cost_monthlyBudget', ''));
      assert.equal(await yamlText(page), start, 'no `cost: {}`');
      // A spoke's setting goes with the sections it leaves empty; the spoke itself stays.
      const spoke = `${start}spokes:\n  - name: "00"\n    addressSpace: 10.240.0.0/16\n`;
      await change(page, () => page.fill('#f-spokes_0__ingress_internalDomain', 'apps.example.net'));
      assert.equal(await yamlText(page), `${spoke}    ingress:\n      internalDomain: apps.example.net\n`);
      await change(page, () => page.fill('#f-spokes_0__ingress_internalDomain', ''));
      assert.equal(await yamlText(page), spoke);
    });

    it('follows the YAML typed in its editor, and a syntax error stops the form and the downloads', async () => {
      const { page } = await open();
      await change(page, () =>
        setYaml(page, 'location: westeurope\nzones: [ 1 ]\nupgrades:\n  clusterChannel: rapid\n'),
      );
      assert.equal(await page.inputValue('#f-location'), 'westeurope');
      assert.equal(await page.inputValue('#f-upgrades_clusterChannel'), 'rapid');
      assert.deepEqual(
        await Promise.all([1, 2, 3].map((zone) => page.locator(`#f-zones-${zone}`).isChecked())),
        [true, false, false],
      );
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-prod-we /);
      // One field stands for the form: a single fieldset holds them all.
      const form = page.locator('#f-location');
      assert.equal(await form.isDisabled(), false);
      assert.equal(await page.locator('#download-zip').isDisabled(), false);

      await change(page, () => setYaml(page, 'location: westeurope\nzones: [ 1\n'));
      assert.equal(await form.isDisabled(), true, 'the form cannot edit a text it cannot parse');
      assert.match(await text(page, '#settings .form-note'), /syntax error/);
      assert.equal(await page.locator('#download-zip').isDisabled(), true);
      assert.equal(await page.locator('#download-file').isDisabled(), true);
      assert.match(await text(page, '#yaml-problems'), /baseplate\.yaml:\d+:\d+: error: /);
      assert.match(await text(page, '#status'), /The plan below is the last one that worked/);
      assert.equal(await page.locator('#results').getAttribute('class'), 'stale');

      await change(page, () => setYaml(page, 'location: westeurope\nzones: [ 1, 2 ]\n'));
      assert.equal(await form.isDisabled(), false);
      assert.equal(await page.locator('#download-zip').isDisabled(), false);
      assert.equal(await page.locator('#f-zones-2').isChecked(), true);
    });

    it('shows other findings and a lower cost with the dev preset', async () => {
      const { page } = await open();
      await tab(page, /Findings/);
      const findingsBefore = await text(page, '#findings-view');
      const costBefore = await costRange(page);
      assert.doesNotMatch((await page.locator('#rule-counts').textContent()) ?? '', /aks\/sla-tier/);
      await change(page, () => page.selectOption('#f-preset', 'dev'));
      assert.match(await yamlText(page), /^preset: dev$/m);
      await tab(page, /Findings/);
      const findingsAfter = await text(page, '#findings-view');
      assert.notEqual(findingsAfter, findingsBefore);
      assert.match(findingsAfter, /aks-bu0001a0008-00-dev-eus2: no budget/);
      // The production-only rules (SLA tier, pool sizes, geo-replication) have nothing to check in dev.
      assert.match((await page.locator('#rule-counts').textContent()) ?? '', /aks\/sla-tier/);
      const costAfter = await costRange(page);
      assert.ok(costAfter.max < costBefore.max && costAfter.min < costBefore.min, JSON.stringify(costAfter));
      // The form shows what the preset resolves to.
      assert.equal(await page.inputValue(MAX_COUNT), '3');
      await page.screenshot({ path: join(SHOTS, 'web-dev.png') });
    });

    it('downloads a zip byte for byte what `baseplate plan` writes for the same configuration', async () => {
      const { page, requests } = await open();
      await change(page, () => page.selectOption('#f-preset', 'dev'));
      await change(page, () => page.fill(MAX_COUNT, '7'));
      await tab(page, /Files/);
      const download = async (selector: string) => {
        const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
        const path = join(workspace(), file.suggestedFilename());
        await file.saveAs(path);
        return { name: file.suggestedFilename(), bytes: readFileSync(path) };
      };
      const zip = await download('#download-zip');
      assert.equal(zip.name, 'baseplate-plan.zip');

      const dir = workspace();
      writeFileSync(join(dir, 'baseplate.yaml'), await yamlText(page));
      const cli = await runCli(['plan', '--config', 'baseplate.yaml', '--out', 'out'], { cwd: dir });
      assert.equal(cli.code, 0, cli.stderr);
      const written = filesIn(join(dir, 'out'));
      const zipped = unzipSync(new Uint8Array(zip.bytes));
      assert.deepEqual(
        Object.keys(zipped),
        [...written.keys()].map((path) => `out/${path}`),
        'the same files, in path order',
      );
      for (const [path, bytes] of written) {
        assert.ok(Buffer.from(zipped[`out/${path}`]!).equals(bytes), `${path} differs`);
      }
      assert.ok(
        written.has('report/diagram.svg') &&
          written.has('report/report.html') &&
          written.has('.baseplate-output'),
      );
      // Counted as plan counts them: the marker is not a file of the plan.
      const wrote = /Wrote (\d+) files/.exec(cli.stdout)?.[1];
      assert.equal(wrote, String(written.size - 1));
      assert.match(await text(page, '#status'), new RegExp(` · ${wrote} files$`));
      assert.equal(await text(page, '#files-count'), wrote, 'the Files tab counts them alike');

      // Deterministic: the same bytes again, every entry dated 1980-01-01 00:00.
      assert.ok((await download('#download-zip')).bytes.equals(zip.bytes));
      for (let at = zip.bytes.indexOf('PK\x01\x02'); at >= 0; at = zip.bytes.indexOf('PK\x01\x02', at + 4)) {
        assert.deepEqual([zip.bytes.readUInt16LE(at + 12), zip.bytes.readUInt16LE(at + 14)], [0, 33]);
      }

      // One file, viewed and downloaded.
      await page.getByRole('button', { name: 'deployment-order.json', exact: true }).click();
      assert.equal(await text(page, '#file-title'), 'azure/deployment-order.json');
      const one = await download('#download-file');
      assert.equal(one.name, 'deployment-order.json');
      assert.ok(one.bytes.equals(written.get('azure/deployment-order.json')!));
      assert.deepEqual(
        requests.filter((url) => !url.startsWith(served.url)),
        [],
      );
    });

    it('carries the design in its link, and a link restores it', async () => {
      const { page } = await open();
      await change(page, () => page.fill(MAX_COUNT, '9'));
      await change(page, () => page.selectOption('#f-spokes_0__cluster_tier', 'Premium'));
      const yaml = await yamlText(page);
      // The YAML, deflated and base64url-encoded, in the fragment (set a moment after the last change).
      const fragment = fragmentFor(yaml);
      await page.waitForURL(`${served.url}${fragment}`);
      assert.equal(await page.inputValue('#share-link'), `${served.url}${fragment}`);
      const link = page.url();

      const { page: shared, requests, bodies } = await open(link);
      assert.equal(await yamlText(shared), yaml);
      assert.equal(await shared.inputValue(MAX_COUNT), '9');
      assert.equal(await shared.inputValue('#f-spokes_0__cluster_tier'), 'Premium');
      // The configuration never reaches the server: no request's path or query carries the link's
      // payload or the YAML's words, and no request has a body at all.
      const payload = fragment.slice('#config='.length);
      assert.ok(requests.length >= 4, requests.join('\n'));
      for (const url of requests) {
        const { pathname, search } = new URL(url);
        const sent = decodeURIComponent(pathname + search);
        assert.ok(!sent.includes(payload) && !/maxCount|Premium/.test(sent), url);
      }
      assert.deepEqual(bodies, []);

      const { page: damaged } = await open(`${served.url}#config=not-a-design`);
      assert.match(await text(damaged, '#notice'), /does not hold a readable configuration/);
      assert.match(await text(damaged, '#status'), /aks-bu0001a0008-00-prod-eus2/);
    });

    it('opens a configuration file and saves the current one', async () => {
      const { page } = await open();
      const yaml = 'preset: dev\nlocation: westeurope\n';
      await change(page, () =>
        page.setInputFiles('#open-file', {
          name: 'prod.yaml',
          mimeType: 'text/yaml',
          buffer: Buffer.from(yaml),
        }),
      );
      assert.equal(await yamlText(page), yaml);
      assert.equal(await page.inputValue('#f-location'), 'westeurope');
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-dev-we /);
      const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#save-file')]);
      assert.equal(saved.suggestedFilename(), 'prod.yaml');
      const path = join(workspace(), 'prod.yaml');
      await saved.saveAs(path);
      assert.equal(readFileSync(path, 'utf8'), yaml);
    });

    it('starts from the configuration `baseplate serve --config` was given', async () => {
      const dir = workspace();
      const yaml = '# the team design\nzones: [1, 2]\n';
      writeFileSync(join(dir, 'team.yaml'), yaml);
      const own = await serveCli(dir, '--config', 'team.yaml');
      try {
        const { page } = await open(own.url);
        assert.equal(await yamlText(page), yaml);
        assert.equal(await text(page, '#file-name'), 'team.yaml');
        assert.equal(await page.locator('#f-zones-3').isChecked(), false);
        assert.equal(await page.locator('#f-zones-2').isChecked(), true);
        // The link carries it from the start.
        await page.waitForURL(`${own.url}${fragmentFor(yaml)}`);
        assert.equal(await page.inputValue('#share-link'), `${own.url}${fragmentFor(yaml)}`);
      } finally {
        await own.stop();
      }
    });

    it('works from any static host: the built files alone', async () => {
      const root = join(repoRoot, 'build', 'web');
      const types: Record<string, string> = {
        '.html': 'text/html',
        '.js': 'text/javascript',
        '.css': 'text/css',
      };
      const server: Server = createServer((request, response) => {
        const name = request.url === '/' ? 'index.html' : (request.url ?? '').slice(1);
        if (!/^[\w.]+$/.test(name) || !existsSync(join(root, name)))
          return void response.writeHead(404).end();
        response.writeHead(200, { 'Content-Type': types[extname(name)] ?? 'application/octet-stream' });
        createReadStream(join(root, name)).pipe(response);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { page } = await open(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
        assert.match(await text(page, '#status'), /aks-bu0001a0008-00-prod-eus2/);
        assert.equal(await page.inputValue(MAX_COUNT), '5');
      } finally {
        server.close();
      }
    });

    it('is usable by keyboard, with a label on every input and a visible focus', async () => {
      const { page } = await open();
      const unlabelled = await page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
      .filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
      .map((e) => e.id)`);
      assert.deepEqual(unlabelled, []);

      const focusedId = () => page.evaluate('document.activeElement && document.activeElement.id');
      const reached: unknown[] = [];
      for (let i = 0; i < 200 && !reached.includes('tab-diagram'); i += 1) {
        await page.keyboard.press('Tab');
        reached.push(await focusedId());
      }
      for (const id of ['open-file', 'f-preset', 'f-location', MAX_COUNT.slice(1), 'yaml', 'tab-diagram'])
        assert.ok(reached.includes(id), `Tab reaches #${id}`);
      const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
      assert.notEqual(outline, 'none', 'the focus is visible');

      await page.keyboard.press('ArrowRight');
      assert.equal(await focusedId(), 'tab-ip');
      assert.equal(await page.locator('#tab-ip').getAttribute('aria-selected'), 'true');
      assert.equal(await page.locator('#panel-ip').isVisible(), true);
      assert.equal(await page.locator('#panel-diagram').isVisible(), false);
      await page.keyboard.press('End');
      assert.equal(await focusedId(), 'tab-deploy');

      // A setting changed by keyboard alone.
      await page.focus('#f-preset');
      await change(page, () => page.keyboard.press('ArrowDown'));
      assert.match(await yamlText(page), /^preset: dev$/m);
    });

    it('stacks the columns on a narrow screen, with nothing wider than it', async () => {
      const { page } = await open(served.url, { width: 390, height: 844 });
      const config = await page.locator('#configuration').boundingBox();
      const results = await page.locator('#results').boundingBox();
      assert.ok(config && results && results.y >= config.y + config.height, 'the plan comes below the form');
      assert.ok(
        Number(await page.evaluate('document.documentElement.scrollWidth')) <= 390,
        'no horizontal scrolling of the page',
      );
      await page.screenshot({ path: join(SHOTS, 'web-narrow.png'), fullPage: true });
      const { page: wide } = await open();
      const left = await wide.locator('#configuration').boundingBox();
      const right = await wide.locator('#results').boundingBox();
      assert.ok(left && right && right.x >= left.x + left.width, 'side by side at 1280×800');
    });

    it('plans in a worker: a burst of typing is planned once, and a plan of a text changed since is never shown', async () => {
      const { page, errors } = await open(served.url, undefined, { clock: true });
      assert.deepEqual(
        page.workers().map((worker) => new URL(worker.url()).pathname),
        ['/worker.js'],
      );
      const count = async (name: 'plans' | 'requests') =>
        Number(await page.locator('body').getAttribute(`data-${name}`));
      const plansBefore = await count('plans');
      const sentBefore = await count('requests');

      // `preset: dev`, typed a key every 10 ms of the page's clock (well within the 150 ms pause), however
      // long the browser takes: planned once, as typed in full, when the typing has paused for 150 ms.
      await page.clock.pauseAt(CLOCK_START + 3_600_000);
      await change(page, async () => {
        for (const key of 'preset: dev\n') {
          await page.evaluate(`(() => {
            const yaml = document.getElementById('yaml');
            yaml.value += ${JSON.stringify(key)};
            yaml.dispatchEvent(new Event('input'));
          })()`);
          await page.clock.runFor(10);
        }
        await page.clock.runFor(139);
        assert.equal(await count('requests'), sentBefore, 'nothing is sent before a pause of 150 ms');
        await page.clock.runFor(1);
        assert.equal(await count('requests'), sentBefore + 1, 'the text is sent once the pause is 150 ms');
        await page.clock.resume();
      });
      assert.equal(await count('requests'), sentBefore + 1, 'one text went to the worker');
      assert.equal(await count('plans'), plansBefore + 1);
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-dev-eus2 /);

      // A second text the moment the first is sent (in the same turn: its plan cannot be back yet).
      await change(page, () =>
        page.evaluate(`new Promise((resolve) => {
          const yaml = document.getElementById('yaml');
          const body = document.body;
          const sent = Number(body.dataset.requests);
          new MutationObserver((records, observer) => {
            if (Number(body.dataset.requests) !== sent + 1) return;
            observer.disconnect();
            yaml.value = 'location: northeurope\\n';
            yaml.dispatchEvent(new Event('input'));
            resolve();
          }).observe(body, { attributes: true, attributeFilter: ['data-requests'] });
          yaml.value = 'location: westeurope\\n';
          yaml.dispatchEvent(new Event('input'));
        })`),
      );
      assert.equal(await count('requests'), sentBefore + 3, 'both texts were planned');
      assert.equal(await count('plans'), plansBefore + 2, "the first text's plan was dropped, not shown");
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-prod-ne /);
      assert.deepEqual(errors, []);
    });

    it('adds and removes spokes, each planned as `baseplate plan` plans it', async () => {
      const { page, errors } = await open();
      const removers = page.locator('button.remove-spoke');
      assert.equal(await removers.count(), 1);
      assert.equal(await removers.isDisabled(), true, 'a configuration keeps at least one spoke');

      // A second spoke: the next name and address space, and a public name of its own, which every
      // spoke then needs (the first writes out the default it served).
      await change(page, () => page.click('#add-spoke'));
      const two = await yamlText(page);
      assert.match(
        two,
        /^spokes:\n {2}- name: "00"\n {4}addressSpace: 10\.240\.0\.0\/16\n {4}ingress:\n {6}hostNames: \[ bicycle\.contoso\.com \]\n {2}- name: "01"\n {4}addressSpace: 10\.241\.0\.0\/16\n {4}ingress:\n {6}hostNames: \[ 01\.bicycle\.contoso\.com \]\n/m,
      );
      assert.match(
        await text(page, '#status'),
        /^aks-bu0001a0008-00-prod-eus2, aks-bu0001a0008-01-prod-eus2 · 0 error\(s\)/,
      );
      assert.equal(await page.inputValue('#f-spokes_1__addressSpace'), '10.241.0.0/16');
      assert.equal(await page.locator('legend', { hasText: /^Spoke 01/ }).count(), 1);
      assert.deepEqual(
        await removers.evaluateAll((buttons) =>
          buttons.map((b) => (b as unknown as { disabled: boolean }).disabled),
        ),
        [false, false],
      );
      await tab(page, /IP plan/);
      assert.match(await text(page, '#ip-view'), /10\.241\.0\.0\/22/);
      const dir = workspace();
      writeFileSync(join(dir, 'baseplate.yaml'), two);
      const cli = await runCli(['plan', '--config', 'baseplate.yaml'], { cwd: dir });
      assert.equal(cli.code, 0, cli.stderr);

      // A third after the last; then the first removed, the others kept as they were.
      await change(page, () => page.click('#add-spoke'));
      assert.match(await yamlText(page), /^ {2}- name: "02"\n {4}addressSpace: 10\.242\.0\.0\/16$/m);
      await change(page, () => page.getByRole('button', { name: 'Remove spoke 00' }).click());
      const kept = await yamlText(page);
      assert.doesNotMatch(kept, /name: "00"/);
      assert.match(kept, /^spokes:\n {2}- name: "01"\n {4}addressSpace: 10\.241\.0\.0\/16\n/m);
      assert.match(
        await text(page, '#status'),
        /^aks-bu0001a0008-01-prod-eus2, aks-bu0001a0008-02-prod-eus2 · 0 error\(s\)/,
      );
      assert.equal(await page.inputValue('#f-spokes_0__addressSpace'), '10.241.0.0/16');
      await page.screenshot({ path: join(SHOTS, 'web-spokes.png'), fullPage: true });
      assert.deepEqual(errors, []);
    });

    it('plans spokes for an existing hub, with an error on each setting it still needs', async () => {
      const { page, errors } = await open();
      const hubId =
        '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-hub/providers/Microsoft.Network';
      await change(page, () => page.check('#f-hub_existing'));
      assert.match(await yamlText(page), /^hub:\n {2}existing:\n {4}addressSpace: 10\.200\.0\.0\/24\n$/m);
      assert.equal(
        await page.locator('#f-hub_addressSpace').count(),
        0,
        'no field for a hub Baseplate deploys',
      );
      assert.equal(await page.inputValue('#f-hub_existing_addressSpace'), '10.200.0.0/24');
      const required = ['virtualNetworkId', 'firewallPrivateIp', 'firewallPublicIps', 'firewallPolicyId'];
      for (const key of required) {
        const field = `#f-hub_existing_${key}`;
        assert.equal(await page.locator(field).getAttribute('aria-invalid'), 'true', key);
        assert.equal(await text(page, `${field}-error`), `is required Add ${key}.`);
      }
      assert.match(await text(page, '#status'), /4 problem\(s\)/);

      await change(page, () =>
        page.fill('#f-hub_existing_virtualNetworkId', `${hubId}/virtualNetworks/vnet-hub`),
      );
      await change(page, () => page.fill('#f-hub_existing_firewallPrivateIp', '10.200.0.4'));
      await change(page, () => page.fill('#f-hub_existing_firewallPublicIps', '203.0.113.10, 203.0.113.11'));
      await change(page, () =>
        page.fill('#f-hub_existing_firewallPolicyId', `${hubId}/firewallPolicies/fw-hub`),
      );
      // The hub's subscription is not the spokes': every stage then names its own.
      assert.match(await text(page, '#f-subscriptionId-error'), /is needed/);
      await change(page, () => page.fill('#f-subscriptionId', '00000000-0000-0000-0000-000000000002'));
      assert.match(await text(page, '#status'), /aks-bu0001a0008-00-prod-eus2 · 0 error\(s\)/);
      const yaml = await yamlText(page);
      assert.match(yaml, /^ {4}firewallPublicIps: \[ 203\.0\.113\.10, 203\.0\.113\.11 \]$/m);
      await tab(page, /Files/);
      const paths = await page
        .locator('button.file')
        .evaluateAll((buttons) =>
          buttons.map((b) => (b as unknown as { dataset: Record<string, string> }).dataset['path']),
        );
      assert.ok(paths.includes('azure/network-team/README.md'), 'what the hub owners apply');
      assert.ok(!paths.some((path) => /azure\/01-hub/.test(path ?? '')), 'no hub of its own');
      const dir = workspace();
      writeFileSync(join(dir, 'baseplate.yaml'), yaml);
      const cli = await runCli(['plan', '--config', 'baseplate.yaml'], { cwd: dir });
      assert.equal(cli.code, 0, cli.stderr);
      await page.screenshot({ path: join(SHOTS, 'web-existing-hub.png'), fullPage: true });

      // Back to a hub of its own: the address space goes with it.
      await change(page, () => page.uncheck('#f-hub_existing'));
      assert.doesNotMatch(await yamlText(page), /existing:/);
      assert.match(await yamlText(page), /^hub:\n {2}addressSpace: 10\.200\.0\.0\/24$/m);
      assert.equal(await page.inputValue('#f-hub_addressSpace'), '10.200.0.0/24');
      assert.deepEqual(errors, []);
    });

    it("offers the region's VM sizes, each with its vCPUs, memory and list price", async () => {
      const { page } = await open();
      const SYSTEM_SIZE = '#f-spokes_0__cluster_systemPool_vmSize';
      assert.equal(await page.locator(SYSTEM_SIZE).getAttribute('list'), 'vm-sizes');
      const offered = () =>
        page
          .locator('#vm-sizes option')
          .evaluateAll((options) =>
            options.map((o) => [(o as unknown as SizeOption).value, (o as unknown as SizeOption).label]),
          );
      const known = new Map(VM_SIZES.map((size) => [size.name, size]));
      /** What the price table sells in `region`, as the page should word it. */
      const expected = (region: string) =>
        Object.entries(PRICES.regions[region]?.vmHourly ?? {})
          .map(([name, price]) => {
            const size = known.get(name);
            assert.ok(size, name);
            return [name, `${size.vCpus} vCPU · ${size.memoryGiB} GiB · ${price} USD an hour`];
          })
          .sort();
      assert.deepEqual([...(await offered())].sort(), expected('eastus2'));
      await change(page, () => page.selectOption('#f-location', 'westeurope'));
      assert.deepEqual([...(await offered())].sort(), expected('westeurope'));
      assert.notDeepEqual(expected('westeurope'), expected('eastus2'), 'the prices are the region’s');

      // A region the price table lacks: every size Baseplate knows, saying it has no price there.
      const unpriced = REGIONS.find((r) => !(r.name in PRICES.regions) && r.availabilityZones);
      if (unpriced) {
        await change(page, () => page.selectOption('#f-location', unpriced.name));
        const sizes = await offered();
        assert.deepEqual(sizes.map(([name]) => name).sort(), VM_SIZES.map((s) => s.name).sort());
        for (const [, label] of sizes)
          assert.match(label ?? '', new RegExp(` · no list price for ${unpriced.name}$`));
      }

      // One picked: the pool takes it.
      const [[name]] = expected('westeurope')
        .filter(([n]) => n !== 'Standard_D4ds_v5')
        .slice(-1) as [[string]];
      await change(page, () => page.selectOption('#f-location', 'westeurope'));
      await change(page, () => page.fill(SYSTEM_SIZE, name));
      assert.match(await yamlText(page), new RegExp(`^ {8}vmSize: ${name}$`, 'm'));
      assert.match(await text(page, '#status'), /0 error\(s\)/);
    });

    it('highlights the YAML and names the editor for assistive technology', async () => {
      const { page } = await open();
      await change(page, () => setYaml(page, '# a comment\nlocation: "westeurope"\nzones: [ 1 ]\n'));
      const colours = (await page.evaluate(`(() => {
        const lines = [...document.getElementById('yaml').shadowRoot.querySelectorAll('.cm-line')];
        const colour = (line, text) => {
          const span = [...lines[line].querySelectorAll('span')].find((s) => s.textContent === text);
          return span ? getComputedStyle(span).color : 'none';
        };
        return [colour(0, '# a comment'), colour(1, 'location'), colour(1, '"westeurope"'), getComputedStyle(lines[1]).color];
      })()`)) as string[];
      assert.ok(!colours.includes('none'), JSON.stringify(colours));
      assert.equal(new Set(colours).size, 4, `comment, key, value and plain text each their own: ${colours}`);

      const editor = page.getByRole('textbox', { name: 'The whole configuration (YAML)' });
      assert.equal(await editor.count(), 1);
      assert.deepEqual(
        await page.evaluate(
          `[...document.getElementById('yaml').shadowRoot.querySelector('.cm-content').ariaDescribedByElements].map((e) => e.id)`,
        ),
        ['yaml-hint', 'yaml-problems'],
      );
      // Undo, as in any editor.
      await editor.click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('End');
      await change(page, () => page.keyboard.type('x'));
      assert.match(await yamlText(page), /^# a commentx$/m);
      await change(page, () => page.keyboard.press('Control+z'));
      assert.equal(await yamlText(page), '# a comment\nlocation: "westeurope"\nzones: [ 1 ]\n');
    });

    it('keeps every pane within its width at 1024 and 1440 pixels', async () => {
      const TABS = [/Diagram/, /IP plan/, /Findings/, /Cost/, /Files/, /Deploy/];
      for (const width of [1024, 1440]) {
        const { page } = await open(served.url, { width, height: 900 });
        // The most the page shows: two spokes, a long line in the YAML, and an error's long message.
        await change(page, () => page.click('#add-spoke'));
        await change(page, () =>
          page.fill('#f-spokes_1__ingress_internalDomain', `${'long-part.'.repeat(12)}example.com`),
        );
        for (const name of TABS) {
          await tab(page, name);
          const wider = (await page.evaluate(`[document.documentElement,
            ...document.querySelectorAll('header, #configuration, #results, #settings fieldset, yaml-editor, #yaml-problems, [role=tabpanel]:not([hidden])')]
            .filter((e) => e.scrollWidth > e.clientWidth)
            .map((e) => (e.id || e.tagName) + ': ' + e.scrollWidth + ' > ' + e.clientWidth)`)) as string[];
          assert.deepEqual(wider, [], `${width} px, ${name}`);
        }
        await tab(page, /Files/);
        await page.screenshot({ path: join(SHOTS, `web-${width}.png`), fullPage: true });
        const left = await page.locator('#configuration').boundingBox();
        const right = await page.locator('#results').boundingBox();
        assert.ok(left && right && right.x >= left.x + left.width, `side by side at ${width} px`);
      }
    });

    it('says it needs the server when opened from a file', async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 700 } });
      const page = await context.newPage();
      await page.goto(pathToFileURL(join(repoRoot, 'build', 'web', 'index.html')).href);
      const notice = page.locator('#needs-server');
      await notice.waitFor({ state: 'visible' });
      assert.match(
        await notice.innerText(),
        /needs Baseplate's server[^]*Run baseplate serve and open the address/,
      );
      assert.match(await text(page, '#status'), /needs a server/);
      await page.screenshot({ path: join(SHOTS, 'web-file.png') });
      await context.close();
      // Served, it says nothing of the kind.
      const { page: served_ } = await open();
      assert.equal(await served_.locator('#needs-server').isVisible(), false);
    });

    it('sends no request beyond its own origin, and its policy blocks nothing', async () => {
      const { page, requests, errors } = await open();
      for (const name of [/IP plan/, /Findings/, /Cost/, /Files/, /Deploy/, /Diagram/]) await tab(page, name);
      await change(page, () => page.fill(MAX_COUNT, '8'));
      await page.click('#diagram-size');
      const origin = new URL(served.url).origin;
      const outside = requests.filter((url) => new URL(url).origin !== origin);
      assert.deepEqual(outside, []);
      assert.deepEqual([...new Set(requests.map((url) => new URL(url).pathname))].sort(), [
        '/',
        '/app.js',
        '/config.json',
        '/needs-server.js',
        '/styles.css',
        '/worker.js',
      ]);
      // A request the policy blocks makes no request event: it shows as a violation and a console error.
      assert.deepEqual(await page.evaluate('window.violations'), []);
      assert.deepEqual(errors, []);
    });
  },
);
