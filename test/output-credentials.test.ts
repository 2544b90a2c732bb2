/**
 * No credential reaches an output: every file `plan` writes for every golden
 * case (test/cases/*), the report page included, holds no credential-shaped
 * text; the shapes are recognised where they are; and a repository URL with a
 * user and token, which used to be copied into seven outputs, is refused.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findCredentials, redactCredentials, urlUserinfo } from '../src/core/credential-text.js';
import { plan } from '../src/core/plan.js';
import { outputTail } from '../src/core/report/report-files.js';
import { only, planErrors, repoRoot, temporaryFolders } from './helpers.js';
import { runCli } from './support/cli.js';

const casesRoot = join(repoRoot, 'test', 'cases');
const cases = readdirSync(casesRoot).filter((name) => existsSync(join(casesRoot, name, 'baseplate.yaml')));

/** A token of GitHub's documented shape: ghp_ and 36 characters (not a real one). */
const TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;

const workspace = temporaryFolders('credentials');

describe('the outputs of every golden case', () => {
  for (const name of cases) {
    it(`${name}: no file holds a credential-shaped string`, () => {
      const outcome = plan({
        name: 'baseplate.yaml',
        text: readFileSync(join(casesRoot, name, 'baseplate.yaml'), 'utf8'),
      });
      assert.ok(outcome.ok);
      // What the CLI writes beside the plan's files: the report page (its diagram is laid out outside the core).
      const files = [...outcome.files, ...outputTail(outcome, '<svg/>')];
      assert.ok(files.some((f) => f.path === 'report/report.html'));
      const found = files.flatMap((file) =>
        findCredentials(file.content).map((match) => `${file.path}: ${match.kind}`),
      );
      assert.deepEqual(found, []);
    });
  }
});

describe('credential-shaped text', () => {
  const caught: Array<[string, string]> = [
    // What issue 25 found in deploy.sh, the GitOps README and the bootstrap template.
    [`--url https://flux:${TOKEN}@github.com/contoso/gitops`, 'a password in a URL'],
    ['git clone ssh://git:hunter2@example.com/repo.git', 'a password in a URL'],
    [`"url": "https://${TOKEN}@github.com/contoso/gitops"`, 'a GitHub token'],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz0123456789', 'a bearer token'],
    [
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'a JSON Web Token',
    ],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn…', 'a private key'],
    ['-----BEGIN PRIVATE KEY-----', 'a private key'],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', 'a GitHub token'],
    ['glpat-abcdefghijklmnopqrst', 'a GitLab token'],
    [`DefaultEndpointsProtocol=https;AccountName=x;AccountKey=${'A'.repeat(86)}==`, 'an Azure account key'],
    [
      'https://x.blob.core.windows.net/c?sv=2022-11-02&sig=abcdefghijklmnop%2Bqrst%3D',
      'a key in a URL query',
    ],
    ['https://f.azurewebsites.net/api/hook?code=abcdefghijklmnopqrstuvwx==', 'a key in a URL query'],
  ];
  it('finds each documented shape', () => {
    for (const [text, kind] of caught)
      assert.ok(
        findCredentials(text).some((m) => m.kind === kind),
        `${text}: ${kind}`,
      );
  });

  it('leaves addresses, names and placeholders alone', () => {
    for (const text of [
      'ssh://git@github.com/contoso/gitops.git',
      'https://github.com/contoso/aks-baseline-gitops',
      'https://dev.azure.com/contoso/_git/gitops',
      'mcr.microsoft.com/dotnet/samples:aspnetapp-8.0',
      'gitCredential="$BASEPLATE_GIT_CREDENTIAL"',
      "[parameters('gitCredential')]",
      'password in BASEPLATE_PFX_PASSWORD',
      'http://127.0.0.1:8080/',
      'https://learn.microsoft.com/azure/aks/outbound-rules-control-egress?tabs=x#required',
    ])
      assert.deepEqual(findCredentials(text), [], text);
  });

  it('redacts every one and counts them', () => {
    const { text, hidden } = redactCredentials(caught.map(([line]) => line).join('\n'));
    assert.equal(hidden, caught.length);
    assert.deepEqual(findCredentials(text), []);
    assert.ok(!text.includes(TOKEN));
  });

  it("reads a URL's user and password as RFC 3986 writes them", () => {
    assert.deepEqual(urlUserinfo('https://u:p@h/x'), { user: 'u', password: 'p' });
    assert.deepEqual(urlUserinfo('https://u:p:q@h/x'), { user: 'u', password: 'p:q' });
    assert.deepEqual(urlUserinfo('ssh://git@h/x'), { user: 'git' });
    assert.equal(urlUserinfo('https://h/x@y'), undefined);
    assert.equal(urlUserinfo('https://h/x?u=a@b'), undefined);
  });
});

describe('a GitOps repository URL with credentials', () => {
  it('is refused with exit 2, pointing to the secure parameters, and nothing is written', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'baseplate.yaml'),
      `gitops:\n  repositoryUrl: https://flux:${TOKEN}@github.com/contoso/gitops\n`,
    );
    const run = await runCli(['plan'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.deepEqual(readdirSync(dir), ['baseplate.yaml']);
    assert.ok(!run.stderr.includes(TOKEN), 'the token is never echoed');
    assert.match(run.stderr, /gitops\.repositoryUrl: carries a user or token/);
    assert.match(
      run.stderr,
      /Write https:\/\/github\.com\/contoso\/gitops and give the credential at deployment/,
    );
    assert.match(run.stderr, /BASEPLATE_GIT_HTTPS_USER and BASEPLATE_GIT_CREDENTIAL/);
  });

  it('is refused with a user alone over HTTPS (a token may be the user), but not an SSH user', () => {
    const refused = only(
      planErrors(`gitops:\n  repositoryUrl: https://${TOKEN}@github.com/contoso/gitops\n`),
      'config/invalid',
    );
    assert.deepEqual(refused.path, ['gitops', 'repositoryUrl']);
    assert.equal(refused.value, undefined, 'the value is not shown');
    assert.match(
      only(planErrors('gitops:\n  repositoryUrl: ssh://git:pw@github.com/contoso/gitops\n'), 'config/invalid')
        .fix ?? '',
      /deploy key .*BASEPLATE_GIT_CREDENTIAL/,
    );
    const ssh = plan({
      name: 'x.yaml',
      text: 'gitops:\n  repositoryUrl: ssh://git@github.com/contoso/gitops\n',
    });
    assert.ok(ssh.ok);
  });
});
