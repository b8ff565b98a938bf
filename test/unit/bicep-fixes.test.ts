// Edits in Bicep files: quick fixes, Fix All, suppression comments and completions write Bicep in
// the file's own layout (single quotes, `key: value`, one item a line and no commas across lines),
// asserted on the whole resulting text, which the grammar must read again without an error and
// with the finding gone. Hovers and semantic spans on Bicep strings are held here too.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { createBicepParser } from '../../server/src/core/bicep/parser';
import type { SyntaxNode } from '../../server/src/core/bicep/to-json';
import { type LanguageService, createLanguageService } from '../../server/src/core/language-service';
import { FIX_ALL_KIND } from '../../server/src/core/features/code-actions';
import { findSuppressions } from '../../server/src/core/analysis/suppressions';
import { bicepComments, bicepKey, bicepString } from '../../server/src/core/bicep/lexical';
import { backupRoleSets } from '../../server/src/core/features/completion';
import { REPO, applyOffsetEdits, catalog } from '../support/harness';
import { besidesRestoreNote } from '../support/backup-sets';

let bicep: LanguageService;
let grammar: Parser;

/** Every piece of the text the grammar cannot read (ERROR or MISSING nodes, however deep). */
function unreadable(text: string): string[] {
  const tree = grammar.parse(text);
  const found: string[] = [];
  const walk = (n: SyntaxNode): void => {
    if (n.type === 'ERROR' || n.isMissing) found.push(n.text);
    for (const c of n.children) if (c) walk(c);
  };
  if (tree) walk(tree.rootNode as unknown as SyntaxNode);
  tree?.delete();
  return found;
}

function findings(text: string) {
  return bicep.diagnostics(bicep.parse(text, 'bicep'), { reportSyntaxErrors: true });
}

/** The quick fixes of the one `code` finding in the text: title, preferred, and the text after it. */
function fixes(text: string, code: string) {
  const document = bicep.parse(text, 'bicep');
  const diagnostics = ofCode(bicep.diagnostics(document), code);
  assert.equal(diagnostics.length, 1, `one ${code}: ${JSON.stringify(bicep.diagnostics(document).map((d) => d.code))}`);
  return bicep.codeActions(document, diagnostics, { only: ['quickfix'], commentsAllowed: true })
    .map((a) => ({ title: a.title, preferred: !!a.isPreferred, text: applyOffsetEdits(text, a.edits) }));
}

/** Asserts a text after an edit is Bicep the grammar reads whole, and that `code` no longer reports there. */
function readsAgain(text: string, code: string): void {
  assert.deepEqual(unreadable(text), [], 'the grammar reads the whole text');
  const found = findings(text);
  assert.deepEqual([...found.filter((d) => d.code === 'bicep-statement-not-read'), ...ofCode(found, code)].map((d) => d.message), []);
}

/**
 * The findings of `code`; for missing-operation-permissions on a cross-region-restore role, those
 * besides its note that the restore permissions are needed in addition (which no fix here adds).
 */
function ofCode<D extends { code?: unknown; message: string }>(found: readonly D[], code: string): D[] {
  const mine = found.filter((d) => d.code === code);
  return code === 'missing-operation-permissions' && mine.length ? besidesRestoreNote(mine) : mine;
}

/** The text after the one quick fix titled `title` of the one `code` finding, checked to read again. */
function fixed(text: string, code: string, title: string | RegExp): string {
  const all = fixes(text, code);
  const fix = all.find((f) => (typeof title === 'string' ? f.title === title : title.test(f.title)));
  assert.ok(fix, `no fix ${String(title)} among ${JSON.stringify(all.map((f) => f.title))}`);
  readsAgain(fix.text, code);
  return fix.text;
}

const role = (lists: string, head = '') => `targetScope = 'subscription'
${head}
resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'Cross region restore operator'
    description: 'Restores from the paired region; see https://learn.microsoft.com/azure/backup/'
    permissions: [
      {
${lists}
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}
`;

const CRR = 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action';
const JOBS = 'Microsoft.RecoveryServices/locations/backupCrrJobs/action';
const RESULTS = 'Microsoft.RecoveryServices/locations/backupCrrOperationResults/read';
const STATUS = 'Microsoft.RecoveryServices/locations/backupCrrOperationsStatus/read';
const AAD = 'Microsoft.RecoveryServices/locations/backupAadProperties/read';
const JOB = 'Microsoft.RecoveryServices/locations/backupCrrJob/action';

/** A multi-line list of a permission block in `role`, one string a line. */
const list = (key: string, names: readonly string[]) => `        ${key}: [\n${names.map((n) => `          '${n}'\n`).join('')}        ]`;

describe('Bicep edits', () => {
  before(async () => {
    const runtime = readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'));
    const wasm = readFileSync(join(REPO, 'server', 'data', 'tree-sitter-bicep.wasm'));
    bicep = createLanguageService(catalog, await createBicepParser({ runtime, grammar: wasm }));
    grammar = new Parser();
    grammar.setLanguage(await Language.load(wasm));
  });

  after(() => grammar.delete());

  describe('missing-operation-permissions: adding what a cross-region-restore role lacks', () => {
    const title = 'Add the 2 missing permissions for Cross region restore';

    it('at the end of a multi-line list, one a line, no commas', () => {
      const before = role(`${list('actions', [JOBS, CRR, RESULTS, STATUS])}
        notActions: []`);
      assert.equal(fixed(before, 'missing-operation-permissions', title), role(`${list('actions', [JOBS, CRR, RESULTS, STATUS, AAD, JOB])}
        notActions: []`));
    });

    it('in a one-line list, with commas', () => {
      const before = role(`        actions: [ '${CRR}', '${JOBS}', '${RESULTS}', '${STATUS}' ]`);
      assert.equal(fixed(before, 'missing-operation-permissions', title),
        role(`        actions: [ '${AAD}', '${CRR}', '${JOB}', '${JOBS}', '${RESULTS}', '${STATUS}' ]`));
    });

    it('in sorted place in a sorted list, as whole lines, after a comment of the line before', () => {
      const before = role(`        actions: [
          '${CRR}'
          '${JOBS}' // job reads
          '${RESULTS}'
          '${STATUS}'
        ]`);
      assert.equal(fixed(before, 'missing-operation-permissions', title), role(`        actions: [
          '${AAD}'
          '${CRR}'
          '${JOB}'
          '${JOBS}' // job reads
          '${RESULTS}'
          '${STATUS}'
        ]`));
    });

    it('as a new list in a block without one, keeping CRLF line ends and tab indentation', () => {
      const crlf = (s: string) => s.replace(/\n/g, '\r\n').replace(/ {2}/g, '\t');
      const before = crlf(role('        notActions: [] // none', '// azure-backup-rbac-operations vm-cross-region-restore'));
      const after = fixed(before, 'missing-operation-permissions', 'Add the 6 missing permissions for Cross region restore');
      assert.equal(after, crlf(role(`        notActions: [] // none
        actions: [
          '${AAD}'
          '${JOBS}'
          '${JOB}'
          '${CRR}'
          '${RESULTS}'
          '${STATUS}'
        ]`, '// azure-backup-rbac-operations vm-cross-region-restore')));
    });
  });

  describe('permission strings', () => {
    const reader = (actions: string, notActions = "[ 'Microsoft.Compute/disks/read', 'Microsoft.Compute/disks/read' ]") => `resource reader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'vm-reader')
  properties: {
    roleName: 'VM reader'
    permissions: [
      {
        actions: [
${actions}
        ]
        notActions: ${notActions}
      }
    ]
    assignableScopes: [ subscription().id ]
  }
}
`;

    it('changes a misspelt action to the one meant, in single quotes', () => {
      const before = reader(`          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Compute/virtualMachine/start/action'`, '[]');
      const all = fixes(before, 'unknown-action').filter((f) => !f.title.startsWith('Suppress'));
      assert.deepEqual(all.map((f) => f.title), ['Change to "Microsoft.Compute/virtualMachines/start/action"', 'Change to "Microsoft.Compute/virtualMachines/restart/action"']);
      assert.equal(fixed(before, 'unknown-action', /virtualMachines\/start/), reader(`          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Compute/virtualMachines/start/action'`, '[]'));
    });

    it('are written with Bicep\'s escapes, and keys bare when they are identifiers', () => {
      const written = bicepString("it's \\ ${x} $y\n");
      assert.equal(written, "'it\\'s \\\\ \\${x} $y\\n'");
      assert.deepEqual(unreadable(`var a = ${written}\nvar b = { ${bicepKey('principalType')}: 1, ${bicepKey('a-b')}: 2 }\n`), []);
      assert.deepEqual([bicepKey('principalType'), bicepKey('a-b')], ['principalType', "'a-b'"]);
    });

    it('replaces a string of several wildcards with the operations it matches, one a line', () => {
      const before = reader(`          'Microsoft.RecoveryServices/locations/backupCrr*s*/*'
          'Microsoft.Compute/virtualMachines/read'`, '[]');
      assert.equal(fixed(before, 'multiple-wildcards', 'Replace with the 3 operations it matches'), reader(`          'Microsoft.RecoveryServices/Locations/backupCrrJobs/action'
          'Microsoft.RecoveryServices/Locations/backupCrrOperationResults/read'
          'Microsoft.RecoveryServices/Locations/backupCrrOperationsStatus/read'
          'Microsoft.Compute/virtualMachines/read'`, '[]'));
    });

    it('removes a repeat of a multi-line list with its line, and of a one-line list with its comma', () => {
      const before = reader(`          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Network/networkInterfaces/read'
          'Microsoft.Compute/virtualMachines/read' // again`);
      const document = bicep.parse(before, 'bicep');
      const repeats = bicep.diagnostics(document).filter((d) => d.code === 'duplicate-action');
      assert.deepEqual(repeats.map((d) => d.range.start.line + 1), [10, 12]);
      const texts = repeats.map((d) => applyOffsetEdits(before, bicep.codeActions(document, [d], { only: ['quickfix'] })[0].edits));
      assert.equal(texts[0], reader(`          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Network/networkInterfaces/read'`));
      assert.equal(texts[1], reader(`          'Microsoft.Compute/virtualMachines/read'
          'Microsoft.Network/networkInterfaces/read'
          'Microsoft.Compute/virtualMachines/read' // again`, "[ 'Microsoft.Compute/disks/read' ]"));
      for (const text of texts) {
        assert.deepEqual(unreadable(text), []);
        assert.equal(findings(text).filter((d) => d.code === 'duplicate-action').length, 1);
      }
    });
  });

  describe('missing-principal-type', () => {
    const assignment = (properties: string) => `param principalId string

resource vault 'Microsoft.RecoveryServices/vaults@2023-04-01' existing = {
  name: 'vault'
}

resource backupOperator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, 'backup-operator')
  scope: vault
  properties: ${properties}
}
`;
    const ROLE_ID = "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-815c-10b084fb9324')";

    it('inserts principalType for a managed identity, as a line of the properties object', () => {
      const before = assignment(`{
    roleDefinitionId: ${ROLE_ID}
    principalId: vault.identity.principalId
  }`);
      assert.deepEqual(fixes(before, 'missing-principal-type').map((f) => [f.title, f.preferred]), [
        ['Add "principalType": "ServicePrincipal"', true], ['Suppress missing-principal-type on this line', false], ['Suppress missing-principal-type in this file', false],
      ]);
      assert.equal(fixed(before, 'missing-principal-type', /ServicePrincipal/), assignment(`{
    roleDefinitionId: ${ROLE_ID}
    principalId: vault.identity.principalId
    principalType: 'ServicePrincipal'
  }`));
    });

    it('inserts it with a comma into a one-line properties object', () => {
      const before = assignment(`{ roleDefinitionId: ${ROLE_ID}, principalId: principalId }`);
      assert.equal(fixed(before, 'missing-principal-type', 'Add "principalType": "Group"'),
        assignment(`{ roleDefinitionId: ${ROLE_ID}, principalId: principalId, principalType: 'Group' }`));
    });
  });

  describe('unknown-role-definition', () => {
    /** An assignment of the role `roleDefinitionId` names. */
    const assignment = (roleDefinitionId: string) => `resource grant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'backup')
  properties: {
    roleDefinitionId: ${roleDefinitionId}
    principalId: '00000000-0000-0000-0000-000000000001'
    principalType: 'Group'
  }
}
`;
    /** The one finding of a text, its message and the text it covers. */
    const finding = (text: string) => {
      const document = bicep.parse(text, 'bicep');
      const found = bicep.diagnostics(document);
      assert.deepEqual(found.map((d) => d.code), ['unknown-role-definition']);
      return { message: found[0].message, covers: text.slice(document.lines.offsetAt(found[0].range.start), document.lines.offsetAt(found[0].range.end)) };
    };

    it('points at the mistyped GUID inside a call spread over lines, and puts the built-in one in its place', () => {
      const byGuid = (guid: string) => assignment(`subscriptionResourceId(
      'Microsoft.Authorization/roleDefinitions',
      '${guid}'
    )`);
      const before = byGuid('00c29273-979b-4161-815c-10b084fb9325');
      assert.equal(finding(before).covers, '00c29273-979b-4161-815c-10b084fb9325');
      assert.equal(fixed(before, 'unknown-role-definition', /Backup Operator/), byGuid('00c29273-979b-4161-815c-10b084fb9324'));
    });

    it("names a misspelt roleDefinitions('<name>') and puts the built-in role's name in its place", () => {
      const byName = (name: string) => assignment(`roleDefinitions('${name}').id`);
      const before = byName('Backup Contributer');
      assert.deepEqual(finding(before), { message: "'Backup Contributer' names no built-in role; did you mean Backup Contributor?", covers: 'Backup Contributer' });
      assert.equal(fixed(before, 'unknown-role-definition', 'Use Backup Contributor'), byName('Backup Contributor'));
      assert.deepEqual(findings(byName('Backup Contributor')), [], 'the built-in role by its name: quiet');
    });
  });

  describe('Fix All', () => {
    const file = (crrLists: string, readerActions: string) => `${role(crrLists, "\n@description('Restores VMs in the paired region')")}
resource reader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'vm-reader')
  properties: {
    roleName: 'VM reader'
    permissions: [
      { actions: [ ${readerActions} ] }
    ]
    assignableScopes: [ subscription().id ]
  }
}
`;

    it('fixes every problem it may in Bicep, and the result reads cleanly and needs no second pass', () => {
      const before = file(`        actions: [
          '${JOBS}'
          '${CRR}'
          '${JOBS}'
          '${RESULTS}'
          '${STATUS}'
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
        ]
        notActions: []`, "'Microsoft.Compute/virtualMachines/read', 'Microsoft.Compute/virtualMachines/read '");
      const document = bicep.parse(before, 'bicep');
      const [all] = bicep.codeActions(document, bicep.diagnostics(document), { only: [FIX_ALL_KIND] });
      assert.equal(all.title, 'Fix 5 problems (added missing permissions: 1, corrected names: 1, removed repeats: 2, moved to the right list: 1)');
      const after = applyOffsetEdits(before, all.edits);
      assert.equal(after, file(`${list('actions', [JOBS, CRR, RESULTS, STATUS, AAD, JOB])}
        notActions: []
        dataActions: [
          'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'
        ]`, "'Microsoft.Compute/virtualMachines/read'"));
      assert.deepEqual(unreadable(after), []);
      assert.deepEqual(besidesRestoreNote(findings(after)).map((d) => d.message), []);
      const again = bicep.parse(after, 'bicep');
      assert.deepEqual(bicep.codeActions(again, bicep.diagnostics(again), { only: [FIX_ALL_KIND] }), []);
    });
  });

  describe('suppression comments', () => {
    const misspelt = (head: string) => role(`        actions: [
          'Microsoft.Compute/virtualMachine/read'
        ]`, head);

    it('are inserted as // lines that silence the finding on the next line, or in the file', () => {
      const before = misspelt('');
      const all = fixes(before, 'unknown-action');
      const line = all.find((f) => f.title === 'Suppress unknown-action on this line');
      const file = all.find((f) => f.title === 'Suppress unknown-action in this file');
      assert.equal(line?.text, role(`        actions: [
          // azure-backup-rbac-disable-next-line unknown-action
          'Microsoft.Compute/virtualMachine/read'
        ]`, ''));
      assert.equal(file?.text, `// azure-backup-rbac-disable unknown-action\n${before}`);
      for (const text of [line.text, file.text]) {
        assert.deepEqual(unreadable(text), []);
        assert.deepEqual(findings(text).map((d) => d.code), []);
      }
    });

    it('are not read from strings: a // in a string, a multi-line string or an interpolation is no comment', () => {
      const text = `var note = 'see https://contoso.example/azure-backup-rbac-disable'
var notes = '''
// azure-backup-rbac-disable
'''
var nested = '\${{ note: '}/* azure-backup-rbac-disable */' }.note} it\\'s /* azure-backup-rbac-disable */'
/* azure-backup-rbac-disable-next-line duplicate-action */ var url = 'https://x' // azure-backup-rbac-disable unknown-action
${misspelt('')}`;
      assert.deepEqual(unreadable(text), []);
      const document = bicep.parse(text, 'bicep');
      assert.deepEqual(findSuppressions(document).map((s) => [s.kind, text.slice(s.offset, s.offset + s.length), s.rules.map((r) => r.id)]), [
        ['next-line', '/* azure-backup-rbac-disable-next-line duplicate-action */', ['duplicate-action']],
        ['file', '// azure-backup-rbac-disable unknown-action', ['unknown-action']],
      ]);
      assert.deepEqual(findings(text).map((d) => [d.code, d.message]), [
        ['unused-suppression', "'duplicate-action' reports nothing on the next line; remove it from the suppression."],
      ]);
      // without the real comments, the strings silence nothing
      const strings = text.replace(/^\/\* .*\n/m, '');
      assert.deepEqual(findings(strings).map((d) => d.code), ['unknown-action']);
      // Bicep reads a string inside an interpolation holding '//' (tree-sitter-bicep 1.1.0 does not): no comment either
      assert.deepEqual(bicepComments("var a = '${'//x'}' // real\n"), [{ offset: 19, length: 7 }]);
    });
  });

  describe('completion', () => {
    /** The text after the completion labelled `label` at `|`. */
    function completed(source: string, label: string): string {
      const offset = source.indexOf('|');
      const text = source.replace('|', '');
      const item = bicep.complete(bicep.parse(text, 'bicep'), offset).find((c) => c.label === label);
      assert.ok(item, `no completion ${label}`);
      return applyOffsetEdits(text, [item.edit]);
    }

    it('replaces the content of a single-quoted permission string, the quotes kept', () => {
      const source = role(`        actions: [
          'Microsoft.Compute/virtualMachines/|st'
        ]`);
      assert.equal(completed(source, 'read'), role(`        actions: [
          'Microsoft.Compute/virtualMachines/read'
        ]`));
      assert.equal(completed(role("        actions: [ 'Microsoft.RecoveryServices/locations/|' ]"), 'backupCrrJobs/action'),
        role("        actions: [ 'Microsoft.RecoveryServices/Locations/backupCrrJobs/action' ]")); // the catalog's spelling
    });

    it('puts a role GUID in the quoted argument of a call, or the call naming the role in place of a string', () => {
      const assignment = (roleDefinitionId: string) => `resource a 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, 'a')
  properties: {
    roleDefinitionId: ${roleDefinitionId}
    principalId: '11111111-2222-3333-4444-555555555555'
    principalType: 'Group'
  }
}
`;
      const call = (guid: string) => `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')`;
      assert.equal(completed(assignment(call('00c2|')), 'Backup Operator'), assignment(call('00c29273-979b-4161-815c-10b084fb9324')));
      assert.equal(completed(assignment("'Back|'"), 'Backup Operator'), assignment(call('00c29273-979b-4161-815c-10b084fb9324')));
      const text = assignment("'Back'");
      const item = bicep.complete(bicep.parse(text, 'bicep'), text.indexOf("Back'") + 4).find((c) => c.label === 'Backup Operator');
      assert.equal(item?.filterText, "'Backup Operator 00c29273-979b-4161-815c-10b084fb9324", 'filtered from the quote the range starts at');
      assert.deepEqual(findings(assignment(call('00c29273-979b-4161-815c-10b084fb9324'))), []);
    });

    it('offers Bicep snippets, never JSON ones: a whole file, and a resource at the top level', () => {
      /** A snippet's text with every tab stop at its default. */
      const expand = (snippet: string) => snippet.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{\d+\}|\$\d+/g, '').replace(/\\([$}\\])/g, '$1');
      const whole = bicep.complete(bicep.parse('', 'bicep'), 0);
      assert.deepEqual(whole.map((c) => c.label), ['Azure custom role (Bicep)', 'Azure Backup role: Cross-Region Restore Operator (Bicep)', 'Azure Backup role: VM Restore Operator (Bicep)', 'Azure Backup role: Backup Reader with Job Access (Bicep)']);
      const crr = expand(whole[1].edit.text);
      assert.ok(crr.startsWith("targetScope = 'subscription'\n\nresource customRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(subscription().id, 'Cross-Region Restore Operator')\n"), crr);
      assert.match(crr, /description: 'Restores VMs from the vault\\'s replicated recovery points in the paired region\.'/);
      assert.deepEqual(unreadable(crr), []);
      assert.deepEqual(findings(crr), []);
      assert.deepEqual(bicep.parse(crr, 'bicep').roles[0].blocks[0].lists.actions.items.map((i) => i.value), backupRoleSets(catalog)[0].actions);

      const text = `targetScope = 'subscription'\n\nres\n`;
      const items = bicep.complete(bicep.parse(text, 'bicep'), text.indexOf('res') + 3);
      const assignment = items.find((c) => c.label === 'Role assignment');
      assert.deepEqual(assignment?.edit, { offset: text.indexOf('res'), length: 3, text: assignment?.edit.text });
      const after = applyOffsetEdits(text, [assignment.edit]);
      assert.equal(expand(after), `targetScope = 'subscription'

resource roleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, '5e467623-bb1f-42f4-a55d-6e525e11384b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '')
    principalId: 
    principalType: 'ServicePrincipal'
  }
}
`);
      assert.deepEqual(bicep.complete(bicep.parse(crr, 'bicep'), crr.indexOf('  properties')), [], 'nothing inside a resource');
    });
  });

  describe('hovers and semantic spans', () => {
    it('explain a single-quoted permission string, over the whole string', () => {
      const text = role(`        actions: [
          'Microsoft.RecoveryServices/Vaults/locations/capabilities/action'
        ]`);
      const document = bicep.parse(text, 'bicep');
      const at = text.indexOf("'Microsoft.RecoveryServices/Vaults");
      const hover = bicep.hover(document, at + 10);
      assert.match(hover?.markdown ?? '', /^`Microsoft\.RecoveryServices\/Vaults\/locations\/capabilities\/action`/);
      assert.deepEqual(hover?.range, document.lines.range(at, "'Microsoft.RecoveryServices/Vaults/locations/capabilities/action'".length));
      assert.deepEqual(bicep.semanticSpans(document), [{ offset: at + 1, length: 'Microsoft.RecoveryServices/Vaults/locations/capabilities/action'.length, type: 'function', modifiers: ['deprecated'] }]);
    });
  });
});
