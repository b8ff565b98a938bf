// The CLI as users run it: the built bundle in a child process, its output and exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { REPO } from '../support/harness';

const run = runCli;

describe('CLI', function () {
  this.timeout(30000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'abr-cli-'));
    writeFileSync(join(dir, 'clean.json'), JSON.stringify({
      Name: 'Clean', IsCustom: true, Description: 'reads vaults', Actions: ['Microsoft.RecoveryServices/Vaults/read'],
      NotActions: [], AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'],
    }, null, 2));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({
      Name: 'Broken', IsCustom: true, Actions: ['Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read', 'Microsoft.Compute/virtualMachine/read'],
      AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'],
    }, null, 2));
    writeFileSync(join(dir, 'package.json'), '{ "name": "not-a-role", "version": "1.0.0" }');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('checks a folder and prints findings as text, exiting 1 on errors', () => {
    const r = run(['check', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /broken\.json\n  5:5  error +'…\/containers\/blobs\/read' is a data action: move it to dataActions; 'Microsoft\.Storage\/storageAccounts\/blobServices\/containers\/blobs\/read' has no effect in actions\.  data-action-in-actions\n/);
    assert.match(r.stdout, /  6:5  warning +'Microsoft\.Compute\/virtualMachine\/read' is not in the catalog of 2026-02-23; did you mean 'Microsoft\.Compute\/virtualMachines\/read'\?  unknown-action/);
    assert.doesNotMatch(r.stdout, /clean\.json|package\.json/);
    assert.match(r.stdout, /2 problems \(1 error, 1 warning\) in 3 files checked\.\n$/);
  });

  it('exits 0 when there are no errors', () => {
    const r = run(['check', join(dir, 'clean.json')]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^No problems in 1 file checked\.\n$/);
  });

  it('prints JSON: one entry per file with LSP diagnostics', () => {
    const r = run(['check', dir, '--format', 'json']);
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; source: string; range: unknown; severity: number }[] }[];
    assert.deepEqual(out.map((f) => f.file.replace(/^.*[\\/]/, '')), ['broken.json', 'clean.json', 'package.json']);
    assert.deepEqual(out[0].diagnostics.map((d) => [d.code, d.severity, d.source]), [
      ['data-action-in-actions', 1, 'azure-backup-rbac'], ['unknown-action', 2, 'azure-backup-rbac'],
    ]);
    assert.deepEqual(out[0].diagnostics[0].range, { start: { line: 4, character: 4 }, end: { line: 4, character: 74 } });
  });

  it('prints SARIF 2.1.0 with rules and 1-based regions', () => {
    const r = run(['check', 'broken.json', '--format=sarif'], dir);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'azure-backup-rbac');
    assert.ok(run0.tool.driver.rules.some((x: { id: string }) => x.id === 'privilege-escalation'));
    assert.equal(run0.results.length, 2);
    const [first] = run0.results;
    assert.equal(first.ruleId, 'data-action-in-actions');
    assert.equal(first.level, 'error');
    assert.equal(run0.tool.driver.rules[first.ruleIndex].id, 'data-action-in-actions');
    assert.deepEqual(first.locations[0].physicalLocation, {
      artifactLocation: { uri: 'broken.json', uriBaseId: '%SRCROOT%' },
      region: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 75 },
    });
  });

  it('reports unreadable and binary files without stopping the run', () => {
    const bin = join(dir, 'sub');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'image.json'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const fifo = join(bin, 'pipe.json');
    spawnSync('mkfifo', [fifo]);
    try {
      const r = run(['check', bin, fifo, join(dir, 'clean.json'), '--format', 'json']);
      assert.equal(r.code, 1);
      const out = JSON.parse(r.stdout) as { file: string; error?: string }[];
      assert.equal(out.find((f) => f.file.endsWith('image.json'))?.error, 'binary file, not JSON');
      assert.equal(out.find((f) => f.file.endsWith('pipe.json'))?.error, 'not a file');
      assert.ok(out.some((f) => f.file.endsWith('clean.json') && !f.error));
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });

  it('reads UTF-16 files as Windows PowerShell writes them', () => {
    const text = '\ufeff' + JSON.stringify({ Name: 'ps', IsCustom: true, Actions: ['Microsoft.Compute/virtualMachine/read'], AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] });
    const file = join(dir, 'utf16.json');
    writeFileSync(file, Buffer.from(text, 'utf16le'));
    try {
      const r = run(['check', file, '--format', 'json']);
      assert.deepEqual(JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code), ['unknown-action']);
    } finally {
      rmSync(file);
    }
  });

  it('reports malformed JSON in a role file as a diagnostic, not a crash', () => {
    const file = join(dir, 'truncated.json');
    writeFileSync(file, '{ "Name": "t", "IsCustom": true, "Actions": ["Microsoft.Compute/virtualMachines/read"');
    try {
      const r = run(['check', file]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /error +The role file is not valid JSON: .+  invalid-json/);
      assert.equal(r.stderr, '');
    } finally {
      rmSync(file);
    }
  });

  it('reads rule severities and declared backup operations from a VS Code settings file', () => {
    mkdirSync(join(dir, '.vscode'), { recursive: true });
    const settings = join(dir, '.vscode', 'settings.json');
    writeFileSync(settings, `{
  // JSONC, as VS Code writes it
  "azureBackupRbac.rules": { "data-action-in-actions": "warning", "unknown-action": "off" },
  "azureBackupRbac.backupOperations": { "clean.json": ["vm-backup-now"] },
}`);
    try {
      const r = run(['check', 'broken.json', 'clean.json', '--settings', settings, '--format', 'json'], dir);
      assert.equal(r.code, 0, 'the only error was made a warning');
      const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string; severity: number; message: string }[] }[];
      assert.deepEqual(out[0].diagnostics.map((d) => [d.code, d.severity]), [['data-action-in-actions', 2]]);
      assert.deepEqual(out[1].diagnostics.map((d) => d.code), ['missing-operation-permissions']);
      assert.match(out[1].diagnostics[0].message, /^Missing .* for On-demand backup of VM \(Azure VM\) .*: this role is declared for it/);
      assert.equal(run(['check', 'clean.json', '--settings', join(dir, 'nope.json')], dir).code, 2);
    } finally {
      rmSync(join(dir, '.vscode'), { recursive: true, force: true });
    }
  });

  it('resolves assignments against the custom roles of every file it checks', () => {
    const both = JSON.parse(run(['check', 'test/fixtures/workspace-roles', '--format', 'json']).stdout) as { file: string; diagnostics: { code: string }[] }[];
    assert.deepEqual(both.find((f) => f.file.endsWith('assign-crr.json'))?.diagnostics.map((d) => d.code), ['assignment-scope-insufficient']);
    const alone = JSON.parse(run(['check', 'test/fixtures/workspace-roles/templates', '--format', 'json']).stdout) as { diagnostics: { code: string }[] }[];
    assert.deepEqual(alone[0].diagnostics.map((d) => d.code), ['unknown-role-definition']);
  });

  it('lays the user\'s own az output over the bundled catalog with --operations and --roles', () => {
    const role = join(dir, 'dp.json');
    writeFileSync(role, JSON.stringify({ Name: 'dp', IsCustom: true, Actions: ['Microsoft.DataProtection/backupVaults/backupInstances/crossRegionRestore/action'], AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'] }));
    try {
      assert.match(run(['check', role]).stdout, /is not in the catalog snapshot of 2023-08-12 for Microsoft\.DataProtection/);
      const fresh = run(['check', role, '--operations', join(REPO, 'test/fixtures/imports/operations.json')]);
      assert.equal(fresh.code, 0);
      assert.match(fresh.stdout, /^No problems in 1 file checked\.\n$/);
      const explained = run(['explain', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', '--roles', join(REPO, 'test/fixtures/imports/roles.json')]);
      assert.equal(explained.code, 0);
      assert.match(explained.stdout, /^Contoso Disk Restore Operator \(custom role in roles\.json\)/);
      const broken = run(['check', role, '--operations', join(REPO, 'package.json')]);
      assert.match(broken.stderr, /^azure-backup-rbac: .*package\.json: expected an array of providers, .*; the bundled operations stay in use\.\n$/);
      assert.match(broken.stdout, /not in the catalog snapshot of 2023-08-12/);
    } finally {
      rmSync(role);
    }
  });

  it('exits 2 on usage errors', () => {
    assert.equal(run([]).code, 2);
    assert.equal(run(['check']).code, 2);
    assert.equal(run(['check', 'examples', '--format', 'xml']).code, 2);
    assert.equal(run(['lint', 'examples']).code, 2);
    const missing = run(['check', 'no/such/path']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such file or folder: no\/such\/path/);
  });

  it('explains an action, a wildcard and a role GUID as the hover does', () => {
    const op = run(['explain', 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action']);
    assert.equal(op.code, 0);
    assert.match(op.stdout, /^Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action\n  Trigger Cross region restore\.\n  plane: +control\n/);
    assert.match(op.stdout, /granted by: Backup Operator, Backup Contributor/);
    const role = run(['explain', '00c29273-979b-4161-815c-10b084fb9324', '--format', 'json']);
    const parsed = JSON.parse(role.stdout);
    assert.equal(parsed.kind, 'role');
    assert.equal(parsed.name, 'Backup Operator');
    const unknown = run(['explain', 'Microsoft.Compute/virtualMachine/read']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stdout, /closest: Microsoft\.Compute\/virtualMachines\/read/);
  });

  it('checks the bundled examples with real findings', () => {
    const r = run(['check', 'examples', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
    const codes = new Set(out.flatMap((f) => f.diagnostics.map((d) => d.code)));
    for (const code of ['unknown-action', 'data-action-in-actions', 'action-in-data-actions', 'privilege-escalation', 'overly-broad-wildcard', 'invalid-assignable-scope', 'wildcard-matches-nothing', 'missing-operation-permissions',
      'vault-identity-missing-role', 'assignment-name-not-guid', 'missing-principal-type']) {
      assert.ok(codes.has(code), `examples show ${code}`);
    }
  });
});
