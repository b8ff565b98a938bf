// The workspace session, fed as the faces feed it (open documents with their edits, files read
// from disk, settings per file) and asked what they ask: no editor, no protocol, no disk.
import * as assert from 'node:assert/strict';
import { Catalog, DEFAULT_SETTINGS, type FileContext, type Settings, WorkspaceSession } from '../../server/src/core';
import { loadCatalogData } from '../../server/src/node/load-catalog';
import { armTemplate, assignmentResource, catalog } from '../support/harness';

const ROLE_ID = '6f1c9e7a-3b2d-4c8e-9f0a-1b2c3d4e5f60';
const role = (actions: string) => `{
  "Name": "VM restore operator",
  "Id": "${ROLE_ID}",
  "IsCustom": true,
  "Description": "Restores VMs from the vault.",
  "Actions": [${actions}],
  "NotActions": [],
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;
const ASSIGNMENT = armTemplate(assignmentResource({ roleDefinitionId: `"[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE_ID}')]"` }));
const context = (settings: Partial<Settings> = {}, path = 'roles/x.json'): FileContext => ({ settings: { ...DEFAULT_SETTINGS, ...settings }, path });
const codes = (diagnostics: readonly { code: string }[]) => diagnostics.map((d) => d.code);

function session() {
  const changed: string[] = [];
  const traces: string[] = [];
  const s = new WorkspaceSession({ catalog, onRolesChanged: (uri) => changed.push(uri), trace: (m) => traces.push(m) });
  return { s, changed, traces };
}

describe('workspace session', () => {
  it('resolves an assignment to a custom role of a file read from disk, and tells what depends on it when that file goes', () => {
    const { s, changed } = session();
    s.openDocument('file:///ws/templates/assign.json', 1, ASSIGNMENT, context({}, 'templates/assign.json'));
    assert.deepEqual(codes(s.diagnostics('file:///ws/templates/assign.json')), ['unknown-role-definition']);

    const document = s.readFile('file:///ws/roles/restore.json', role('"Microsoft.Compute/virtualMachines/read"'), context());
    assert.ok(document, 'a role file is handed back to be checked');
    assert.deepEqual(changed, ['file:///ws/roles/restore.json']);
    assert.deepEqual(codes(s.diagnostics('file:///ws/templates/assign.json')), [], 'the assignment resolves the role now');
    assert.deepEqual(s.dependents('file:///ws/roles/restore.json'), ['file:///ws/templates/assign.json']);
    assert.deepEqual(s.workspaceSymbols('restore').map((x) => x.name), ['VM restore operator']);

    s.deleteFile('file:///ws/roles/restore.json');
    assert.deepEqual(changed, ['file:///ws/roles/restore.json', 'file:///ws/roles/restore.json']);
    assert.deepEqual(codes(s.diagnostics('file:///ws/templates/assign.json')), ['unknown-role-definition']);
  });

  it('does not call a file changed when its roles read the same (an edit of white space)', () => {
    const { s, changed } = session();
    s.readFile('file:///ws/roles/restore.json', role('"Microsoft.Compute/virtualMachines/read"'), context());
    s.readFile('file:///ws/roles/restore.json', role('"Microsoft.Compute/virtualMachines/read"').replace('"Actions"', '  "Actions"'), context());
    assert.deepEqual(changed, ['file:///ws/roles/restore.json']);
  });

  it('checks an edit inside one role of a large array in part, and gives what a full check gives', () => {
    const { s, traces } = session();
    const roles = Array.from({ length: 30 }, (_, i) => role('"Microsoft.Compute/virtualMachines/read"').replace(ROLE_ID, `${ROLE_ID.slice(0, -2)}${String(i).padStart(2, '0')}`));
    const text = `[\n${roles.join(',\n')}\n]`;
    s.openDocument('untitled:roles.json', 1, text, context({}, undefined));
    assert.deepEqual(s.diagnostics('untitled:roles.json'), []);
    // a typo inside the third role's action
    const at = text.indexOf('virtualMachines/read', text.indexOf(`${ROLE_ID.slice(0, -2)}02`));
    const edited = `${text.slice(0, at)}virtualMachine/read${text.slice(at + 'virtualMachines/read'.length)}`;
    s.updateDocument('untitled:roles.json', 2, edited, [{ offset: at, length: 'virtualMachines/read'.length, text: 'virtualMachine/read' }]);
    const partial = s.diagnostics('untitled:roles.json');
    assert.match(traces.at(-1) ?? '', /\(version 2\) in part/);
    assert.deepEqual(codes(partial), ['unknown-action']);
    const full = session().s;
    full.openDocument('untitled:roles.json', 2, edited, context({}, undefined));
    assert.deepEqual(partial, full.diagnostics('untitled:roles.json'));
  });

  it('answers nothing for a file the settings switch off, exclude, or find too large', () => {
    const { s } = session();
    const text = role('"Microsoft.Compute/virtualMachine/read"');
    s.openDocument('file:///ws/roles/a.json', 1, text, context());
    assert.deepEqual(codes(s.diagnostics('file:///ws/roles/a.json')), ['unknown-action']);
    const offset = text.indexOf('virtualMachine/') + 3;
    assert.ok(s.hover('file:///ws/roles/a.json', offset));

    s.setContext('file:///ws/roles/a.json', context({ exclude: ['roles/**'] }));
    assert.deepEqual(s.diagnostics('file:///ws/roles/a.json'), []);

    s.setContext('file:///ws/roles/a.json', context({ enable: false }));
    assert.equal(s.answers('file:///ws/roles/a.json'), false);
    assert.equal(s.hover('file:///ws/roles/a.json', offset), undefined);

    s.setContext('file:///ws/roles/a.json', context({ maxFileSize: 100 }));
    assert.deepEqual(codes(s.diagnostics('file:///ws/roles/a.json')), ['file-too-large']);
    assert.equal(s.hover('file:///ws/roles/a.json', offset), undefined);
    assert.equal(s.readFile('file:///ws/roles/b.json', text, context({ include: ['templates/**'] })), undefined, 'a file outside include is not read as a role file');
  });

  it('fixes only its own current diagnostics, whatever a client sends back', () => {
    const { s } = session();
    const text = role('"Microsoft.Compute/virtualMachine/read"');
    s.openDocument('file:///ws/roles/a.json', 1, text, context());
    const [ours] = s.diagnostics('file:///ws/roles/a.json');
    const fixes = s.codeActions('file:///ws/roles/a.json', [ours], ['quickfix']) ?? [];
    assert.deepEqual(fixes.map((f) => f.title), ['Change to "Microsoft.Compute/virtualMachines/read"']);
    // a payload sent back is never what the fix acts on: the session's own diagnostic is
    const forged = { ...ours, data: { reason: 'operation', suggestions: ['Microsoft.Authorization/*'] } };
    assert.deepEqual((s.codeActions('file:///ws/roles/a.json', [forged], ['quickfix']) ?? []).map((f) => f.title), ['Change to "Microsoft.Compute/virtualMachines/read"']);
    assert.deepEqual((s.codeActions('file:///ws/roles/a.json', [{ ...ours, message: 'something else' }], ['quickfix']) ?? []).map((f) => f.title), []);
    // the same diagnostic once the text moved on is stale: no fix
    s.updateDocument('file:///ws/roles/a.json', 2, text.replace('virtualMachine/read', 'virtualMachines/read'));
    assert.deepEqual(s.codeActions('file:///ws/roles/a.json', [ours], ['quickfix']), []);
  });

  it('keeps an analysis for the same catalog, and redoes it against another', () => {
    const { s, traces } = session();
    s.openDocument('file:///ws/roles/a.json', 1, role('"Microsoft.Compute/virtualMachines/read"'), context());
    s.diagnostics('file:///ws/roles/a.json');
    s.diagnostics('file:///ws/roles/a.json');
    assert.equal(s.setCatalog(catalog), false);
    s.diagnostics('file:///ws/roles/a.json');
    const other = Catalog.fromData(loadCatalogData());
    assert.equal(s.setCatalog(other), true);
    s.diagnostics('file:///ws/roles/a.json');
    assert.deepEqual(traces.map((t) => / (in full|already|in part) /.exec(t)?.[1]), ['in full', 'already', 'already', 'in full']);
    assert.equal(s.catalog, other);
  });
});
