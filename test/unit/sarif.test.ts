// check --format sarif as code scanning reads it: valid SARIF 2.1.0 (the schema code scanning validates against, offline) for
// real role files of every kind, each rule with its documentation, each result with a fingerprint
// that follows the finding from commit to commit, paths from the repository's root.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_CODES } from '../../server/src/core';
import { FINGERPRINT_KEY } from '../../server/src/cli/fingerprint';
import { runCli } from '../support/cli';
import { REPO } from '../support/harness';
import { type SarifCheck, sarifValidator } from '../support/sarif';

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: { startLine: number; startColumn: number } } }[];
  partialFingerprints?: Record<string, string>;
}
interface SarifRunOut {
  tool: { driver: { rules: { id: string; help?: { text: string; markdown: string } }[] } };
  originalUriBaseIds: Record<string, { description: { text: string } }>;
  invocations: { executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: { level: string; message: { text: string } }[] }[];
  results: SarifResult[];
}

const SUBSCRIPTION = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const role = (name: string, actions: string[]) => ({ Name: name, IsCustom: true, Description: 'reads vaults', Actions: actions, NotActions: [], AssignableScopes: [SUBSCRIPTION] });

/** `check --format sarif` in `cwd`: the report, checked against the schema, and the exit code. */
function sarif(validate: SarifCheck, args: string[], cwd = REPO): { run: SarifRunOut; code: number | null } {
  const r = runCli(['check', ...args, '--format', 'sarif'], cwd);
  assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
  const doc = JSON.parse(r.stdout) as { runs: SarifRunOut[] };
  assert.deepEqual(validate(doc), [], `check ${args.join(' ')} wrote SARIF the schema refuses`);
  return { run: doc.runs[0], code: r.code };
}

const uri = (r: SarifResult) => r.locations[0].physicalLocation.artifactLocation.uri;
const line = (r: SarifResult) => r.locations[0].physicalLocation.region.startLine;
const fingerprint = (r: SarifResult) => r.partialFingerprints?.[FINGERPRINT_KEY];

describe('SARIF', function () {
  this.timeout(60000);
  let validate: SarifCheck;
  let dir: string;
  before(() => {
    validate = sarifValidator();
    dir = mkdtempSync(join(tmpdir(), 'abr-sarif-'));
  });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  describe('against the SARIF 2.1.0 schema', () => {
    it('the validator refuses what is not SARIF (it can fail)', () => {
      const { run } = sarif(validate, ['examples']);
      const broken = { version: '2.1.0', runs: [{ ...run, results: [{ ...run.results[0], locations: [{ physicalLocation: { ...run.results[0].locations[0].physicalLocation, region: { startLine: 0 } } }] }] }] };
      assert.match(validate(broken).join('\n'), /startLine must be >= 1/);
      assert.match(validate({ version: '2.1.0', runs: [{ ...run, results: [{ ruleId: 'x' }] }] }).join('\n'), /must have required property 'message'/);
      assert.match(validate({ version: '2.2', runs: [] }).join('\n'), /\/version must be equal to one of the allowed values/);
    });

    it('the bundled examples (role JSON, ARM templates, Bicep): valid, with findings in each kind of file', () => {
      const { run, code } = sarif(validate, ['examples']);
      assert.equal(code, 1, 'the examples hold errors');
      const files = new Set(run.results.map(uri));
      for (const kind of [/\.template\.json$/, /\.bicep$/, /\/[a-z-]+\.json$/]) assert.ok([...files].some((f) => kind.test(f)), `a finding in a ${kind} file`);
      assert.ok(run.results.every((r) => r.level === 'error' || r.level === 'warning' || r.level === 'note'));
    });

    it('real role files of the fixtures (JSON, ARM, Bicep): valid', () => {
      const files = [
        'test/fixtures/corpus/Azure__Enterprise-Scale__src__resources__Microsoft.Authorization__roleDefinitions__Subscription-Owner.json',
        'test/fixtures/corpus/Azure__Enterprise-Scale__eslzArm__managementGroupTemplates__roleDefinitions__customRoleDefinitions.json',
        'test/fixtures/bicep',
        'test/fixtures/workspace-bicep',
      ];
      const { run } = sarif(validate, files);
      assert.ok(run.results.length > 5, `${run.results.length} findings`);
      assert.ok(run.results.some((r) => uri(r).endsWith('.bicep')) && run.results.some((r) => uri(r).endsWith('.json')));
    });

    it('a file it cannot read and a named file it does not check: notifications, still valid', () => {
      const odd = join(dir, 'odd');
      mkdirSync(odd);
      writeFileSync(join(odd, 'image.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
      writeFileSync(join(odd, 'main.bicepparam'), "using 'main.bicep'\n");
      writeFileSync(join(odd, 'role.json'), JSON.stringify(role('Typo', ['Microsoft.Compute/virtualMachine/read']), null, 2));
      const { run, code } = sarif(validate, ['.', 'main.bicepparam'], odd);
      assert.equal(code, 1);
      assert.equal(run.invocations[0].executionSuccessful, false);
      assert.deepEqual(run.invocations[0].toolExecutionNotifications.map((n) => [n.level, n.message.text.split(' ')[0]]), [['error', 'image.json'], ['warning', 'main.bicepparam']]);
      assert.deepEqual(run.results.map((r) => r.ruleId), ['unknown-action']);
    });

    it('no findings at all: an empty result list, still valid, exit 0', () => {
      const clean = join(dir, 'clean');
      mkdirSync(clean);
      writeFileSync(join(clean, 'role.json'), JSON.stringify(role('Clean', ['Microsoft.RecoveryServices/Vaults/read']), null, 2));
      const { run, code } = sarif(validate, ['role.json'], clean);
      assert.equal(code, 0);
      assert.deepEqual(run.results, []);
      assert.deepEqual([run.invocations[0].executionSuccessful, run.invocations[0].exitCode], [true, 0]);
      // and with checking switched off in the settings: nothing checked, still a valid report
      writeFileSync(join(clean, 'settings.json'), '{ "azureBackupRbac.enable": false }');
      assert.deepEqual(sarif(validate, ['role.json', '--settings', 'settings.json'], clean).run.results, []);
    });
  });

  describe('rules', () => {
    it('lists every diagnostic code, the non-rule ones (invalid-json, unused-suppression, …) too, each with its docs/rules.md section as text and Markdown', () => {
      const docs = readFileSync(join(REPO, 'docs', 'rules.md'), 'utf8');
      const { run } = sarif(validate, ['examples']);
      const rules = run.tool.driver.rules;
      assert.deepEqual(rules.map((r) => r.id).sort(), [...ALL_CODES].sort());
      for (const rule of rules) {
        assert.ok(rule.help, `${rule.id} has help`);
        const section = docs.split(/^## /m).find((s) => s.startsWith(`${rule.id}\n`));
        assert.ok(section, `docs/rules.md has ## ${rule.id}`);
        // the section's first words, in the Markdown as written and in the text without marks
        const first = section.split('\n').slice(2).join(' ').replace(/\s+/g, ' ').slice(0, 30);
        assert.ok(rule.help.markdown.replace(/\s+/g, ' ').startsWith(first), `${rule.id}: Markdown is its section`);
        assert.ok(rule.help.text.length > 40 && !rule.help.text.includes('`') && /^[a-z][^*`—\n]* — /.test(rule.help.text), `${rule.id}: plain text, its severity without emphasis`);
      }
      for (const r of run.results) assert.equal(rules[r.ruleIndex!].id, r.ruleId);
    });
  });

  describe('partial fingerprints', () => {
    let fp: string;
    before(() => {
      fp = join(dir, 'fp');
      mkdirSync(fp);
    });

    it('every result has one, under a versioned key', () => {
      const { run } = sarif(validate, ['examples']);
      assert.ok(run.results.length > 10);
      for (const r of run.results) assert.match(fingerprint(r) ?? '', /^[0-9a-f]{32}:\d+$/, `${r.ruleId} in ${uri(r)}`);
      assert.equal(FINGERPRINT_KEY, 'azureBackupRbac/v1');
    });

    it('a finding keeps its fingerprint when lines are added above it; another finding has another', () => {
      const file = join(fp, 'role.json');
      const before = role('Typo', ['Microsoft.Compute/virtualMachine/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read']);
      writeFileSync(file, JSON.stringify(before, null, 2));
      const first = sarif(validate, ['role.json'], fp).run.results;
      assert.deepEqual(first.map((r) => r.ruleId), ['unknown-action', 'data-action-in-actions']);
      // three lines above (a longer description, a new action first in the list), and indented anew
      const after = { ...before, Description: 'reads vaults\nand more', Actions: ['Microsoft.RecoveryServices/Vaults/read', 'Microsoft.Compute/virtualMachines/read', ...before.Actions] };
      writeFileSync(file, '\n\n' + JSON.stringify(after, null, 4));
      const second = sarif(validate, ['role.json'], fp).run.results;
      assert.deepEqual(second.map((r) => r.ruleId), ['unknown-action', 'data-action-in-actions']);
      assert.deepEqual(second.map(line), first.map((r) => line(r) + 4), 'the findings moved down');
      assert.deepEqual(second.map(fingerprint), first.map(fingerprint), 'and kept their fingerprints');
      assert.notEqual(fingerprint(first[0]), fingerprint(first[1]));
    });

    it('the same text flagged twice in a file: two fingerprints, told apart by their order', () => {
      const file = join(fp, 'two.json');
      writeFileSync(file, JSON.stringify([role('A', ['Microsoft.Compute/virtualMachine/read']), role('B', ['Microsoft.Compute/virtualMachine/read'])], null, 2));
      const results = sarif(validate, ['two.json'], fp).run.results.filter((r) => r.ruleId === 'unknown-action');
      assert.equal(results.length, 2);
      const [a, b] = results.map((r) => fingerprint(r)!);
      assert.notEqual(a, b);
      assert.equal(a.split(':')[0], b.split(':')[0], 'one key');
      assert.deepEqual([a.split(':')[1], b.split(':')[1]], ['0', '1']);
      // the same text in another file is another finding
      writeFileSync(join(fp, 'one.json'), JSON.stringify(role('A', ['Microsoft.Compute/virtualMachine/read']), null, 2));
      const other = sarif(validate, ['one.json'], fp).run.results.find((r) => r.ruleId === 'unknown-action')!;
      assert.ok(![a, b].includes(fingerprint(other)!));
    });

    it('in Bicep too: lines added above keep it', () => {
      const file = join(fp, 'main.bicep');
      const body = "resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid('restore')\n  properties: {\n    roleName: 'Restore'\n    permissions: [ { actions: [ 'Microsoft.RecoveryServices/vaults/backupJobs/reed' ] } ]\n    assignableScopes: [ subscription().id ]\n  }\n}\n";
      writeFileSync(file, body);
      const [first] = sarif(validate, ['main.bicep'], fp).run.results;
      writeFileSync(file, "param location string = 'westeurope'\n\n// restores\n" + body);
      const [second] = sarif(validate, ['main.bicep'], fp).run.results;
      assert.equal(first.ruleId, 'unknown-action');
      assert.deepEqual([line(second), fingerprint(second)], [line(first) + 3, fingerprint(first)]);
    });
  });

  describe('paths from the repository root', () => {
    const text = JSON.stringify(role('Typo', ['Microsoft.Compute/virtualMachine/read']), null, 2);
    let repo: string;
    before(() => {
      repo = join(dir, 'repo');
      mkdirSync(join(repo, '.git'), { recursive: true });
      mkdirSync(join(repo, 'infra', 'roles'), { recursive: true });
      writeFileSync(join(repo, 'infra', 'roles', 'role.json'), text);
    });

    it('a check run in a subfolder names the file from the root (a .git folder), below %SRCROOT%', () => {
      const { run } = sarif(validate, ['roles'], join(repo, 'infra'));
      assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'infra/roles/role.json', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { description: { text: 'The root of the git repository the check ran in.' } } });
      // from the root: the same path, the same fingerprint
      const fromRoot = sarif(validate, ['infra'], repo).run.results[0];
      assert.equal(uri(fromRoot), 'infra/roles/role.json');
      assert.equal(fingerprint(fromRoot), fingerprint(run.results[0]));
    });

    it('a worktree (a .git file) is a root as well', () => {
      const worktree = join(dir, 'worktree');
      mkdirSync(join(worktree, 'roles'), { recursive: true });
      writeFileSync(join(worktree, '.git'), `gitdir: ${join(repo, '.git', 'worktrees', 'w')}\n`);
      writeFileSync(join(worktree, 'roles', 'role.json'), text);
      assert.equal(uri(sarif(validate, ['.'], join(worktree, 'roles')).run.results[0]), 'roles/role.json');
    });

    it('outside any repository: relative to the working directory, as it says', () => {
      const plain = join(dir, 'plain');
      mkdirSync(join(plain, 'roles'), { recursive: true });
      writeFileSync(join(plain, 'roles', 'role.json'), text);
      const { run } = sarif(validate, ['role.json'], join(plain, 'roles'));
      assert.deepEqual(run.results[0].locations[0].physicalLocation.artifactLocation, { uri: 'role.json', uriBaseId: '%SRCROOT%' });
      assert.equal(run.originalUriBaseIds['%SRCROOT%'].description.text, 'The working directory of the check.');
    });

    it('a file outside the repository it ran in: an absolute file URI, since no root holds it', () => {
      const outside = join(dir, 'outside.json');
      writeFileSync(outside, text);
      const { run } = sarif(validate, [outside], repo);
      assert.match(uri(run.results[0]), /^file:\/\/.*\/outside\.json$/);
      assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
    });
  });
});
