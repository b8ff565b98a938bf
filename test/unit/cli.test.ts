// The CLI as users run it: the built bundle in a child process, its output and exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installCopy, readBackupLine, runCli } from '../support/cli';
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

  it('exits 2 on usage errors, with the message and the usage', () => {
    for (const [args, message] of [
      [[], 'no command given'], [['check'], 'check needs at least one file or folder'],
      [['check', 'examples', '--format', 'xml'], "--format must be text, json or sarif, not 'xml'"], [['lint', 'examples'], "unknown command 'lint'"],
      [['check', 'no/such/path'], 'no such file or folder: no/such/path'],
    ] as const) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`azure-backup-rbac: ${message}\n\nUsage:\n`), r.stderr);
      assert.match(r.stderr, /\nExit codes:\n  0  .*\n  1  [^]*\n  2  usage error[^]*\n  3  internal error/);
    }
    const help = run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage:\n/);
  });

  it('exits 3 with one line on an internal fault (a damaged installation), and its stack only when asked', () => {
    const install = mkdtempSync(join(tmpdir(), 'abr-cli-install-'));
    try {
      // a catalog of a format this build does not know: the fault is the installation's, not the input's
      const catalog = JSON.parse(readFileSync(join(REPO, 'server/data/catalog.json'), 'utf8')) as Record<string, unknown>;
      const cli = installCopy(install, { catalogText: JSON.stringify({ ...catalog, format: 99 }) });
      const r = run(['check', join(dir, 'clean.json')], dir, { cli });
      assert.equal(r.code, 3, r.stderr);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'azure-backup-rbac: internal error: unsupported catalog format 99; please report it (AZURE_BACKUP_RBAC_DEBUG=1 shows where it happened).\n');
      const debug = run(['check', join(dir, 'clean.json')], dir, { cli, env: { AZURE_BACKUP_RBAC_DEBUG: '1' } });
      assert.equal(debug.code, 3);
      assert.match(debug.stderr, /^azure-backup-rbac: internal error: unsupported catalog format 99; .*\nError: unsupported catalog format 99\n\s+at /);
      // the same copy with the catalog intact answers as the built one does
      installCopy(install);
      const whole = run(['check', join(dir, 'clean.json')], dir, { cli });
      assert.deepEqual([whole.code, whole.stdout, whole.stderr], [0, 'No problems in 1 file checked.\n', '']);
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
  });

  describe('files it does not read', () => {
    let infra: string;
    before(() => {
      infra = mkdtempSync(join(tmpdir(), 'abr-cli-infra-'));
      mkdirSync(join(infra, 'bicep'));
      writeFileSync(join(infra, 'main.bicepparam'), "using 'main.bicep'\nparam roleDefinitionId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'\n");
      writeFileSync(join(infra, 'main.bicep'), [
        "resource role 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {",
        "  name: guid('x')",
        '  properties: {',
        "    roleName: 'Backup job reader'",
        "    permissions: [ { actions: [ 'Microsoft.RecoveryServices/vaults/backupJobs/reed' ] } ]",
        '    assignableScopes: [ subscription().id ]',
        '  }',
        '}',
        '',
      ].join('\n'));
      for (let i = 1; i <= 3; i++) writeFileSync(join(infra, 'bicep', `module-${i}.bicep`), '// a module\nparam location string\n');
      writeFileSync(join(infra, 'pipeline.yaml'), 'steps: []\n');
      writeFileSync(join(infra, 'notes'), 'Actions: read the vault\n');
      writeFileSync(join(infra, 'role.json'), readFileSync(join(dir, 'clean.json')));
    });
    after(() => rmSync(infra, { recursive: true, force: true }));

    it('says a named file of another type was not checked, counts it apart and exits 1: nothing was checked', () => {
      const text = run(['check', 'main.bicepparam'], infra);
      assert.equal(text.code, 1);
      const why = 'Bicep parameter files hold no role definitions or assignments; check the .bicep file they feed';
      assert.equal(text.stdout, `Not checked (${why}):\n  main.bicepparam\n\n0 files checked; 1 file not checked.\n`);
      const json = run(['check', 'main.bicepparam', 'pipeline.yaml', 'role.json', 'notes', '--format', 'json'], infra);
      assert.equal(json.code, 1, 'a named file was not checked');
      assert.deepEqual(JSON.parse(json.stdout), [
        { file: 'main.bicepparam', diagnostics: [], notChecked: why },
        { file: 'pipeline.yaml', diagnostics: [], notChecked: "'.yaml' is not a role file type; only .json, .jsonc and .bicep files are checked" },
        { file: 'role.json', diagnostics: [] },
        { file: 'notes', diagnostics: [], notChecked: 'a file without an extension is not a role file type; only .json, .jsonc and .bicep files are checked' },
      ]);
      const sarif = JSON.parse(run(['check', 'main.bicepparam', 'role.json', '--format', 'sarif'], infra).stdout);
      const [invocation] = sarif.runs[0].invocations;
      assert.equal(invocation.executionSuccessful, false);
      assert.equal(invocation.exitCode, 1);
      assert.deepEqual(invocation.toolExecutionNotifications, [{
        level: 'warning',
        message: { text: `main.bicepparam was not checked: ${why}.` },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'main.bicepparam', uriBaseId: '%SRCROOT%' } } }],
      }]);
      assert.deepEqual(sarif.runs[0].results, []);
    });

    it("reads a folder's Bicep files with its JSON files, and passes over the files of other types unnamed", () => {
      const text = run(['check', '.'], infra);
      assert.equal(text.code, 0, 'a warning only');
      assert.equal(text.stdout, [
        'main.bicep',
        "  5:33  warning      'Microsoft.RecoveryServices/vaults/backupJobs/reed' is not in the catalog of 2026-02-23; did you mean 'Microsoft.RecoveryServices/Vaults/backupJobs/read'?  unknown-action",
        '',
        '1 problem (0 errors, 1 warning) in 5 files checked.',
        '',
      ].join('\n'), 'the .yaml and .bicepparam files are no role files worth naming');
      const json = JSON.parse(run(['check', '.', '--format', 'json'], infra).stdout) as { file: string; notChecked?: string }[];
      assert.deepEqual(json.map((f) => f.file).sort(), ['main.bicep', 'role.json', ...[1, 2, 3].map((i) => join('bicep', `module-${i}.bicep`))].sort());
      assert.ok(json.every((f) => f.notChecked === undefined));
      const sarif = JSON.parse(run(['check', '.', '--format', 'sarif'], infra).stdout).runs[0];
      assert.deepEqual(sarif.invocations[0].toolExecutionNotifications, []);
      assert.deepEqual(sarif.results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) =>
        [r.ruleId, r.locations[0].physicalLocation.artifactLocation.uri, r.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startColumn]),
      [['unknown-action', 'main.bicep', 5, 33]]);
    });

    it('has no such note where every file was read', () => {
      assert.doesNotMatch(run(['check', dir]).stdout, /Not checked|not checked/);
      assert.ok((JSON.parse(run(['check', dir, '--format', 'json']).stdout) as object[]).every((f) => !('notChecked' in f)));
      const [invocation] = JSON.parse(run(['check', dir, '--format', 'sarif']).stdout).runs[0].invocations;
      assert.deepEqual([invocation.executionSuccessful, invocation.exitCode, invocation.toolExecutionNotifications], [true, 1, []]);
      assert.match(run(['check', dir]).stdout, /in 3 files checked\.\n$/);
    });

    it('does not count a named file over the size limit as checked', () => {
      const settings = join(infra, 'settings.json');
      writeFileSync(settings, '{ "azureBackupRbac.maxFileSize": 100 }');
      try {
        const r = run(['check', 'role.json', '--settings', settings, '--format', 'json'], infra);
        assert.equal(r.code, 1);
        assert.match(JSON.parse(r.stdout)[0].notChecked, / is over the .* limit \(azureBackupRbac\.maxFileSize\)$/);
        assert.match(run(['check', 'role.json', '--settings', settings], infra).stdout, /\n0 files checked; 1 file not checked\.\n$/);
      } finally {
        rmSync(settings);
      }
    });
  });

  it('links each rule to docs/rules.md of the package, never to a path of this machine', () => {
    const json = JSON.parse(run(['check', 'examples', '--format', 'json']).stdout) as { diagnostics: { code: string; codeDescription?: { href: string } }[] }[];
    const diagnostics = json.flatMap((f) => f.diagnostics);
    assert.ok(diagnostics.length > 10);
    for (const d of diagnostics) assert.equal(d.codeDescription?.href, `docs/rules.md#${d.code}`);
    for (const format of ['text', 'json', 'sarif']) {
      for (const [args, cwd] of [[['examples'], REPO], [['.'], dir]] as const) {
        const r = run(['check', ...args, '--format', format], cwd);
        assert.ok(r.stdout.length > 100, r.stderr);
        assert.doesNotMatch(r.stdout, /file:\/\//, format);
        assert.ok(!r.stdout.includes(REPO) && !r.stdout.includes(dir), `${format} names a folder of this machine`);
      }
    }
  });

  it("gives every SARIF rule its section of docs/rules.md as help, and a helpUri only below a publisher's homepage", () => {
    const docs = readFileSync(join(REPO, 'docs/rules.md'), 'utf8');
    const rules = JSON.parse(run(['check', 'broken.json', '--format', 'sarif'], dir).stdout).runs[0].tool.driver.rules as { id: string; help?: { text: string; markdown: string }; helpUri?: string; properties: { documentation: string } }[];
    assert.ok(rules.length > 20);
    for (const rule of rules) {
      // its section, with a link to another doc spelled out as the package's path
      const section = rule.help?.markdown.replace(/backup-operations\.md \(`docs\/backup-operations\.md`\)/g, '[backup-operations.md](backup-operations.md)');
      assert.ok(section && docs.includes(`## ${rule.id}\n\n${section}\n`), `${rule.id}: help is its section`);
      assert.ok(rule.help!.text.length > 40 && !rule.help!.text.includes('`') && !rule.help!.text.includes('\n\n\n'), rule.id);
      assert.equal(rule.properties.documentation, `docs/rules.md#${rule.id}`);
      assert.equal(rule.helpUri, undefined, 'package.json sets no homepage');
    }
    const install = mkdtempSync(join(tmpdir(), 'abr-cli-install-'));
    try {
      const cli = installCopy(install, { packageJson: { homepage: 'https://example.org/azure-backup-rbac' } });
      const published = JSON.parse(run(['check', 'broken.json', '--format', 'sarif'], dir, { cli }).stdout).runs[0].tool.driver.rules as { id: string; helpUri?: string }[];
      assert.deepEqual(published.map((r) => r.helpUri), published.map((r) => `https://example.org/azure-backup-rbac/docs/rules.md#${r.id}`));
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
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
    assert.match(unknown.stdout, /^Microsoft\.Compute\/virtualMachine\/read\n  not in the catalog\n  did you mean: Microsoft\.Compute\/virtualMachines\/read\?\n/);
  });

  it('explains a role by its name in any case, and offers the closest names for a near miss', () => {
    const byName = run(['explain', 'backup CONTRIBUTOR']);
    assert.equal(byName.code, 0, byName.stderr);
    assert.match(byName.stdout, /^Backup Contributor \(built-in role 5e467623-bb1f-42f4-a55d-6e525e11384b\)\n/);
    assert.equal(byName.stdout, run(['explain', '5e467623-bb1f-42f4-a55d-6e525e11384b']).stdout, 'the name explains what the GUID does');
    const json = JSON.parse(run(['explain', 'Backup  Operator', '--format', 'json']).stdout);
    assert.deepEqual([json.kind, json.name], ['role', 'Backup Operator']);
    const slip = run(['explain', 'Backup Contributer']);
    assert.equal(slip.code, 1);
    assert.equal(slip.stdout.split('\n').slice(0, 3).join('\n'), 'Backup Contributer\n  no role of this name in the catalog\n  did you mean: Backup Contributor?');
    const far = run(['explain', 'Quantum Entanglement Operator', '--format', 'json']);
    assert.equal(far.code, 1);
    assert.deepEqual(JSON.parse(far.stdout).suggestions, [], 'nothing near: no suggestion');
    // a provider's name is looked up as an operation, never taken for a role name
    assert.equal(JSON.parse(run(['explain', 'Microsoft.Compute', '--format', 'json']).stdout).lookedUpAs, 'operation');
    // a GUID one slip away from a built-in role's
    const guid = run(['explain', '5e467623-bb1f-42f4-a55d-6e525e11384c']);
    assert.equal(guid.code, 1);
    assert.match(guid.stdout, /no built-in role has this id in the catalog\n  did you mean: 5e467623-bb1f-42f4-a55d-6e525e11384b\?/);
    // custom roles of --roles, by name too
    const custom = run(['explain', 'contoso disk restore operator', '--roles', join(REPO, 'test/fixtures/imports/roles.json')]);
    assert.equal(custom.code, 0, custom.stdout);
    assert.match(custom.stdout, /^Contoso Disk Restore Operator \(custom role in roles\.json\)/);
    assert.equal(run(['explain', 'contoso disk restore operator']).code, 1, 'not without --roles');
  });

  it("counts the backup tasks of an explained role as a reader does, shown and 'N more' making the stated number", () => {
    const r = run(['explain', 'Backup Contributor']);
    const line = readBackupLine(r.stdout);
    assert.ok(line, r.stdout);
    const role = JSON.parse(run(['explain', 'Backup Contributor', '--format', 'json']).stdout) as { backupEnables: { operations: number }[]; backupEnabledCount: number };
    assert.equal(line.operations, role.backupEnabledCount);
    assert.equal(line.tasks, role.backupEnables.length);
    assert.ok(line.more > 0 && line.named + line.more === line.tasks, r.stdout);
    assert.equal(line.workloads, role.backupEnables.slice(0, line.named).reduce((sum, t) => sum + t.operations, 0));
  });

  it('checks the bundled examples with real findings', () => {
    const r = run(['check', 'examples', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { file: string; diagnostics: { code: string }[] }[];
    const codes = new Set(out.flatMap((f) => f.diagnostics.map((d) => d.code)));
    for (const code of ['unknown-action', 'data-action-in-actions', 'action-in-data-actions', 'privilege-escalation', 'overly-broad-wildcard', 'template-placeholder', 'wildcard-matches-nothing', 'missing-operation-permissions',
      'vault-identity-missing-role', 'assignment-name-not-guid', 'missing-principal-type']) {
      assert.ok(codes.has(code), `examples show ${code}`);
    }
    // the Bicep example, read like the JSON ones: the CRR role's gap, a role GUID through a variable, an assignment's missing principalType
    const bicep = out.find((f) => f.file === join('examples', 'backup-operators.bicep'));
    assert.deepEqual(bicep?.diagnostics.map((d) => d.code), ['missing-operation-permissions', 'missing-principal-type', 'unknown-role-definition']);
  });
});
