// Edits in an open template are re-checked in part by the server (only the role or assignment the
// edit is in); what it publishes must be exactly what a fresh check of the same text publishes.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SyntaxKind, createScanner } from 'jsonc-parser';
import type { Diagnostic, Position } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lsp-client';

/** A template with comments, broken roles and assignments that use them, as people write them. */
function template(): string {
  const resources: string[] = [];
  for (let i = 0; i < 12; i++) {
    const actions = [
      '"Microsoft.RecoveryServices/Vaults/read"',
      i % 3 === 0 ? '"Microsoft.Compute/virtualMachine/read"' : '"Microsoft.Compute/virtualMachines/read"',
      i % 4 === 0 ? '"Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action"' : '"Microsoft.Storage/storageAccounts/read"',
      ...(i % 5 === 0 ? ['"*"'] : []),
    ];
    resources.push(`    ${i % 6 === 0 ? '// azure-backup-rbac-operations vm-restore\n    ' : ''}{
      "type": "Microsoft.Authorization/roleDefinitions",
      "apiVersion": "2022-04-01",
      "name": "[guid(subscription().id, 'role-${i}')]",
      "properties": {
        "roleName": "Role ${i}",
        "permissions": [{ "actions": [
          ${i === 5 ? '// azure-backup-rbac-disable-next-line overly-broad-wildcard\n          ' : ''}${actions.join(',\n          ')}
        ] }],
        "assignableScopes": ["[subscription().id]"]
      }
    }`);
  }
  for (let i = 0; i < 12; i += 2) {
    resources.push(`    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid(resourceGroup().id, 'assign-${i}')]",
      "properties": {
        "roleDefinitionId": "[resourceId('Microsoft.Authorization/roleDefinitions', guid(subscription().id, 'role-${i}'))]",
        "principalId": "[parameters('principalId')]"${i % 4 === 0 ? ',\n        "principalType": "Group"' : ''}
      }
    }`);
  }
  return `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "principalId": { "type": "string" } },
  "resources": [
${resources.join(',\n')}
  ]
}
`;
}

/** How the server says it checked a version of a document (its trace): 'in part', 'in full', … */
function howChecked(client: LspClient, uri: string, version: number): string[] {
  const prefix = `checked ${uri} (version ${version}) `;
  return client.traces.filter((t) => t.startsWith(prefix)).map((t) => /^(in part|in full|already)/.exec(t.slice(prefix.length))?.[1] ?? t);
}

const key = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);

describe('incremental checking in the server (protocol)', function () {
  this.timeout(120000);
  let client: LspClient;
  /** a second server for the fresh checks, so that the edited file is the only one the first knows */
  let reference: LspClient;
  before(async () => {
    reference = await LspClient.start();
  });
  after(async () => {
    await reference?.stop();
  });
  afterEach(async () => {
    await client?.stop();
  });

  /** Applies changes to the editor's copy and the server's, and compares with a fresh check. */
  async function check(doc: TextDocument, uri: string, changes: { range: { start: Position; end: Position }; text: string }[], fresh: number): Promise<Diagnostic[]> {
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await client.editMany(uri, version, changes);
    const edited = await client.waitForVersion(uri, version);
    const freshUri = `untitled:fresh-${fresh}.${doc.languageId}`;
    await reference.open(freshUri, doc.getText(), doc.languageId);
    const expected = await reference.waitForVersion(freshUri, 1);
    await reference.close(freshUri);
    assert.deepEqual(key(edited), key(expected), `after ${JSON.stringify(changes)}`);
    return edited;
  }

  it('publishes after each edit what a fresh check of the new text publishes', async () => {
    client = await LspClient.start();
    await client.trace();
    const uri = 'untitled:template.json';
    const doc = TextDocument.create(uri, 'json', 1, template());
    await client.open(uri, doc.getText());
    const first = await client.waitForVersion(uri, 1);
    assert.ok(first.some((d) => d.code === 'unknown-action'));
    const at = (needle: string, from = 0, delta = 0) => doc.positionAt(doc.getText().indexOf(needle, from) + delta);
    const insert = (p: Position, text: string) => ({ range: { start: p, end: p }, text });

    // fix a typo inside one role
    let ds = await check(doc, uri, [insert(at('virtualMachine/read', 0, 'virtualMachine'.length), 's')], 1);
    assert.equal(ds.filter((d) => d.code === 'unknown-action').length, first.filter((d) => d.code === 'unknown-action').length - 1);
    // two edits in one notification, in two roles, the second one adding lines
    const second = doc.getText().indexOf('"Role 7"');
    await check(doc, uri, [
      insert(at('virtualMachine/read', 0, 'virtualMachine'.length), 's'),
      insert(at('"Microsoft.Storage/storageAccounts/read"', second), '"Microsoft.Compute/disks/read",\n          '),
    ], 2);
    // a role loses the action that made it a cross-region restore role: its assignment changes too
    const crr = '"Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action"';
    const crrAt = doc.getText().indexOf(crr);
    await check(doc, uri, [{ range: { start: doc.positionAt(crrAt), end: doc.positionAt(crrAt + crr.length) }, text: '"Microsoft.RecoveryServices/Vaults/backupJobs/read"' }], 3);
    // a whole resource deleted (an edit across resources): checked in full
    const role3 = doc.getText().indexOf("'role-3'");
    const cut = doc.getText().lastIndexOf('{\n      "type"', role3);
    const cutEnd = doc.getText().indexOf('{\n      "type"', role3);
    await check(doc, uri, [{ range: { start: doc.positionAt(cut), end: doc.positionAt(cutEnd) }, text: '' }], 4);
    // broken JSON, then repaired
    const brace = doc.getText().indexOf('"Role 9"');
    await check(doc, uri, [insert(doc.positionAt(brace), '{')], 5);
    await check(doc, uri, [{ range: { start: doc.positionAt(brace), end: doc.positionAt(brace + 1) }, text: '' }], 6);
    // a suppression comment edited away
    const comment = doc.getText().indexOf('// azure-backup-rbac-disable-next-line');
    const commentEnd = doc.getText().indexOf('\n', comment);
    ds = await check(doc, uri, [{ range: { start: doc.positionAt(comment), end: doc.positionAt(commentEnd) }, text: '// a note' }], 7);
    assert.ok(ds.some((d) => d.code === 'overly-broad-wildcard'));
    // and a directive added in a role that had none
    const role2 = doc.getText().indexOf('"Role 2"');
    ds = await check(doc, uri, [insert(doc.positionAt(role2 + '"Role 2"'.length + 1), ' // azure-backup-rbac-operations vm-cross-region-restore\n')], 8);
    // the edits inside one resource were checked in part; the others in full
    const hows = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => howChecked(client, uri, v)[0]);
    assert.deepEqual(hows, ['in full', 'in part', 'in part', 'in part', 'in full', 'in full', 'in full', 'in part', 'in part']);  });

  it('answers a hover asked right after an edit from the edited text', async () => {
    client = await LspClient.start();
    const uri = 'untitled:template-hover.json';
    const doc = TextDocument.create(uri, 'json', 1, template());
    await client.open(uri, doc.getText());
    await client.waitForVersion(uri, 1);
    const target = doc.getText().indexOf('virtualMachine/read') + 'virtualMachine'.length;
    const p = doc.positionAt(target);
    TextDocument.update(doc, [{ range: { start: p, end: p }, text: 's' }], 2);
    await client.edit(uri, 2, { start: p, end: p }, 's');
    const hover = await client.hover(uri, p);
    assert.match(JSON.stringify(hover?.contents), /virtualMachines\/read/);
    assert.doesNotMatch(JSON.stringify(hover?.contents), /[Uu]nknown/);
    await client.waitForVersion(uri, 2);
  });

  it('agrees with a fresh check after random edits (property)', async () => {
    client = await LspClient.start();
    await client.trace();
    const uri = 'untitled:template-random.json';
    const doc = TextDocument.create(uri, 'json', 1, template());
    await client.open(uri, doc.getText());
    await client.waitForVersion(uri, 1);
    // edits inside the strings of the resources (the JSON stays valid), new lines between values,
    // and now and then one that breaks the JSON, undone by the next
    const strings = () => {
      const spans: [number, number][] = [];
      const scanner = createScanner(doc.getText(), false);
      const from = doc.getText().indexOf('"resources"');
      for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
        if (t === SyntaxKind.StringLiteral && scanner.getTokenOffset() > from) spans.push([scanner.getTokenOffset() + 1, scanner.getTokenOffset() + scanner.getTokenLength() - 1]);
      }
      return spans;
    };
    let n = 0;
    let broken: { offset: number; length: number } | undefined;
    await fc.assert(fc.asyncProperty(
      fc.double({ min: 0, max: 0.999, noNaN: true }), fc.integer({ min: 0, max: 3 }),
      fc.constantFrom('', 's', 'x', '*', 'Microsoft.', '/read', 'Microsoft.Compute/virtualMachines/read'),
      fc.constantFrom('string', 'string', 'string', 'string', 'newline', 'break'),
      async (where, length, text, kind) => {
        let offset: number;
        let change: { offset: number; length: number; text: string };
        if (broken) {
          change = { ...broken, text: '' };
          broken = undefined;
        } else if (kind === 'string') {
          const spans = strings();
          const [start, end] = spans[Math.floor(where * spans.length)];
          offset = start + Math.floor((end - start) * where);
          change = { offset, length: Math.min(length, end - offset), text };
        } else {
          const spans = strings();
          offset = spans[Math.floor(where * spans.length)][1] + 1; // just after a string
          change = kind === 'newline' ? { offset, length: 0, text: '\n   ' } : { offset, length: 0, text: '}' };
          if (kind === 'break') broken = { offset, length: 1 };
        }
        const range = { start: doc.positionAt(change.offset), end: doc.positionAt(change.offset + change.length) };
        await check(doc, uri, [{ range, text: change.text }], 100 + n++);
      }), { numRuns: 60, seed: 11 });
    const inPart = client.traces.filter((t) => t.includes(' in part ')).length;
    assert.ok(inPart >= 30, `${inPart} of 60 edits were checked in part`);
  });

  it('re-checks a Bicep file in part after edits inside one resource declaration, as a fresh check would', async () => {
    client = await LspClient.start();
    await client.trace();
    const uri = 'untitled:roles.bicep';
    const doc = TextDocument.create(uri, 'bicep', 1, bicepRoles());
    await client.open(uri, doc.getText(), 'bicep');
    const first = await client.waitForVersion(uri, 1, 60000);
    assert.ok(first.some((d) => d.code === 'unknown-action'));
    const at = (needle: string, from = 0, delta = 0) => doc.positionAt(doc.getText().indexOf(needle, from) + delta);
    const insert = (p: Position, text: string) => ({ range: { start: p, end: p }, text });
    // a typo fixed inside a role; a permission added on a new line in another
    let ds = await check(doc, uri, [insert(at('virtualMachine/read', 0, 'virtualMachine'.length), 's')], 200);
    assert.equal(ds.filter((d) => d.code === 'unknown-action').length, first.filter((d) => d.code === 'unknown-action').length - 1);
    await check(doc, uri, [insert(at("'Microsoft.Storage/storageAccounts/read'", doc.getText().indexOf("'role-7'")), "'Microsoft.Compute/disks/read'\n          ")], 201);
    // a role's name, which its assignment reads through `role.id`: checked in full
    await check(doc, uri, [insert(at("'role-4'", 0, 1), 'x')], 202);
    // the wildcard removed from a role: its assignment's finding changes with it
    const star = doc.getText().indexOf("'*'");
    ds = await check(doc, uri, [{ range: { start: doc.positionAt(star), end: doc.positionAt(star + 3) }, text: "'Microsoft.RecoveryServices/Vaults/read'" }], 203);
    assert.equal(ds.filter((d) => d.code === 'overly-broad-wildcard').length, first.filter((d) => d.code === 'overly-broad-wildcard').length - 1);
    const hows = [1, 2, 3, 4, 5].map((v) => howChecked(client, uri, v)[0]);
    assert.deepEqual(hows, ['in full', 'in part', 'in part', 'in full', 'in part']);
  });
});

/** A Bicep file of roles, some broken, and assignments that use them through their symbols. */
function bicepRoles(): string {
  const parts = ["targetScope = 'subscription'\n\nparam principalId string\n"];
  for (let i = 0; i < 12; i++) {
    const actions = [
      "'Microsoft.RecoveryServices/Vaults/read'",
      i % 3 === 0 ? "'Microsoft.Compute/virtualMachine/read'" : "'Microsoft.Compute/virtualMachines/read'",
      "'Microsoft.Storage/storageAccounts/read'",
      ...(i % 5 === 0 ? ["'*'"] : []),
    ];
    parts.push(`resource role${i} 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'role-${i}')
  properties: {
    roleName: 'Role ${i}'
    permissions: [
      {
        actions: [
          ${actions.join('\n          ')}
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
`);
  }
  for (let i = 0; i < 12; i += 2) {
    parts.push(`resource assign${i} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, role${i}.id, principalId)
  properties: {
    roleDefinitionId: role${i}.id
    principalId: principalId${i % 4 === 0 ? "\n    principalType: 'Group'" : ''}
  }
}
`);
  }
  return parts.join('\n');
}
