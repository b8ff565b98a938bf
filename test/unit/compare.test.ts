// Compare: a custom role against the nearest built-in role (the code lens over it, the hover on its
// name), and two roles against each other (`diff`), after wildcards and notActions.
import * as assert from 'node:assert/strict';
import { catalog, service } from '../support/harness';
import { builtInSide, chooseRole, diffRoles, roleOperationSet } from '../../server/src/core/features/compare';
import type { BuiltInRole } from '../../server/src/catalog/catalog';

const SCOPE = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const operator = catalog.roleByName('Backup Operator')!;
const reader = catalog.roleByName('Backup Reader')!;
const ITEM = 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems';

/** A CLI role of a built-in role's permissions, changed as given. */
function copyOf(role: BuiltInRole, change: { name?: string; drop?: (a: string) => boolean; add?: string[]; notActions?: string[] } = {}): string {
  const [block] = role.permissions;
  return JSON.stringify({
    Name: change.name ?? `Copy of ${role.name}`, IsCustom: true, Description: 'test',
    Actions: [...block.actions.filter((a) => !change.drop?.(a)), ...(change.add ?? [])], NotActions: [...block.notActions, ...(change.notActions ?? [])],
    DataActions: block.dataActions, NotDataActions: block.notDataActions, AssignableScopes: [SCOPE],
  }, null, 2);
}

function compareLens(text: string): string | undefined {
  return service.codeLenses(service.parse(text)).find((l) => l.kind === 'compare')?.title;
}

function nameHover(text: string, name: string): string | undefined {
  return service.hover(service.parse(text), text.indexOf(name) + 2)?.markdown;
}

describe('compare with the nearest built-in role', () => {
  it('says a copy of a built-in role grants the same as it', () => {
    const text = copyOf(operator);
    assert.equal(compareLens(text), 'Compared: grants the same as built-in role Backup Operator: that role would do');
    assert.match(nameHover(text, 'Copy of Backup Operator') ?? '', /^\*\*Compared with the built-in roles\*\*\n\nGrants the same as \*\*Backup Operator\*\* \(`00c29273-979b-4161-815c-10b084fb9324`\), after wildcards and notActions: that role would do\./);
  });

  it("compares a small role with the built-in role it is a part of, and '*/read' with Reader", () => {
    const crr = JSON.stringify({ Name: 'CRR', IsCustom: true, AssignableScopes: [SCOPE], Actions: [
      'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action', 'Microsoft.RecoveryServices/locations/backupCrrJob/action',
      'Microsoft.RecoveryServices/locations/backupAadProperties/read', 'Microsoft.RecoveryServices/Vaults/read'] });
    assert.match(compareLens(crr) ?? '', /^Compared: nearest built-in role Backup Operator minus \d+$/);
    assert.equal(compareLens(JSON.stringify({ Name: 'Reads', IsCustom: true, Actions: ['*/read'], AssignableScopes: [SCOPE] })),
      'Compared: grants the same as built-in role Reader: that role would do');
  });

  it('expands a wildcard over the catalog and takes its notActions away', () => {
    const [block] = reader.permissions;
    const text = JSON.stringify({ Name: 'Reader by wildcard', IsCustom: true, Actions: [...block.actions, `${ITEM}/*`], NotActions: [`${ITEM}/write`, `${ITEM}/delete`, `${ITEM}/backup/action`], AssignableScopes: [SCOPE] });
    const title = compareLens(text) ?? '';
    assert.match(title, /^Compared: nearest built-in role Backup Reader plus \d+: /);
    assert.doesNotMatch(title, /…\/protectedItems\/write|…\/protectedItems\/delete|…\/protectedItems\/backup\/action/);
  });

  it('says Backup Operator minus one permission is Backup Operator minus 1, naming it in the hover', () => {
    const dropped = `${ITEM}/backup/action`;
    const text = copyOf(operator, { name: 'Operator without backup', drop: (a) => a === dropped });
    assert.equal(compareLens(text), 'Compared: nearest built-in role Backup Operator minus 1');
    const hover = nameHover(text, 'Operator without backup') ?? '';
    assert.match(hover, /Nearest: \*\*Backup Operator\*\* \(`00c29273-979b-4161-815c-10b084fb9324`\) minus 1, plus 0\./);
    assert.match(hover, new RegExp(`Backup Operator grants, this role does not \\(1\\):\\n- \`${dropped.replace(/[./]/g, '\\$&')}\``));
  });

  it('takes a notAction away as the allow list would: Backup Operator with a delete excluded is minus 1', () => {
    const text = copyOf(operator, { name: 'No delete', notActions: ['Microsoft.RecoveryServices/Vaults/backupResourceGuardProxies/delete'] });
    assert.equal(compareLens(text), 'Compared: nearest built-in role Backup Operator minus 1');
  });

  it('names what the role adds, operations the catalog lacks included', () => {
    const text = copyOf(operator, { name: 'Operator plus', add: ['Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/archiveMove/action'] });
    assert.equal(compareLens(text), 'Compared: nearest built-in role Backup Operator plus 1: …/recoveryPoints/archiveMove/action');
    assert.match(nameHover(text, 'Operator plus') ?? '', /This role grants, Backup Operator does not \(1\):\n- `.*archiveMove\/action` \(not in the catalog\)/);
  });

  it('stays quiet on a built-in role, a role whose lists are computed at deployment, and a role that grants nothing', () => {
    const builtIn = JSON.stringify({ Name: 'Backup Operator', IsCustom: false, Id: operator.id, Actions: operator.permissions[0].actions, NotActions: [], AssignableScopes: ['/'] });
    assert.equal(compareLens(builtIn), undefined);
    const template = JSON.stringify({
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
      parameters: { actions: { type: 'array' } },
      resources: [{ type: 'Microsoft.Authorization/roleDefinitions', apiVersion: '2022-04-01', name: "[guid('x')]",
        properties: { roleName: 'Computed', permissions: [{ actions: "[parameters('actions')]" }], assignableScopes: [SCOPE] } }],
    });
    assert.equal(compareLens(template), undefined);
    assert.equal(nameHover(template, 'Computed'), undefined);
    assert.equal(compareLens(JSON.stringify({ Name: 'Empty', IsCustom: true, Actions: [], AssignableScopes: [SCOPE] })), undefined);
  });

  it('leaves the hover on a permission string as it was', () => {
    const text = copyOf(operator);
    const action = operator.permissions[0].actions.find((a) => !a.includes('*'))!;
    const hover = service.hover(service.parse(text), text.indexOf(action) + 5)?.markdown ?? '';
    assert.ok(hover.startsWith(`\`${action}\``), hover);
    assert.doesNotMatch(hover, /Compared with the built-in roles/);
  });
});

describe('diff of two roles', () => {
  it('finds nothing between a built-in role and a copy of it', () => {
    const document = service.parse(copyOf(operator));
    const chosen = chooseRole(catalog, document, 'copy.json', undefined);
    assert.equal(chosen.kind, 'role');
    if (chosen.kind !== 'role') return;
    const b = builtInSide(catalog, operator);
    const diff = diffRoles(catalog, chosen.role, chosen.set, b.role, b.set);
    assert.deepEqual([diff.onlyA, diff.onlyB], [[], []]);
    assert.ok(diff.both > 50);
  });

  it('names, by operation and plane, what each grants that the other does not', () => {
    const a = builtInSide(catalog, operator);
    const b = builtInSide(catalog, reader);
    const diff = diffRoles(catalog, a.role, a.set, b.role, b.set);
    assert.ok(diff.onlyA.some((g) => g.name === `${ITEM}/backup/action` && g.plane === 'action' && g.known));
    // Backup Reader grants a few reads Backup Operator does not name
    assert.ok(diff.onlyB.some((g) => g.name === 'Microsoft.RecoveryServices/Vaults/backupconfig/read'), JSON.stringify(diff.onlyB));
    assert.ok(!diff.onlyB.some((g) => g.name === `${ITEM}/backup/action`));
    assert.equal(diff.both + diff.onlyB.length, b.set.size);
    assert.equal(diff.both + diff.onlyA.length, a.set.size);
  });

  it('chooses a role of a file with several by name or by place, and says which there are when none is named', () => {
    const text = `[${copyOf(operator, { name: 'First' })}, ${copyOf(reader, { name: 'Second' })}]`;
    const document = service.parse(text);
    const none = chooseRole(catalog, document, 'roles.json', undefined);
    assert.deepEqual(none, { kind: 'problem', message: 'roles.json holds 2 roles (First, Second): name one as roles.json#<role name> or roles.json#<n>' });
    const byName = chooseRole(catalog, document, 'roles.json', 'second');
    const byPlace = chooseRole(catalog, document, 'roles.json', '2');
    assert.equal(byName.kind === 'role' && byName.role.name, 'Second');
    assert.equal(byPlace.kind === 'role' && byPlace.role.name, 'Second');
    assert.equal(byPlace.kind === 'role' && byPlace.set.size, roleOperationSet(catalog, document.roles[1])?.size);
    assert.deepEqual(chooseRole(catalog, document, 'roles.json', '3'), { kind: 'problem', message: 'roles.json holds 2 roles: #3 is not one of 1 to 2' });
    assert.deepEqual(chooseRole(catalog, document, 'roles.json', 'Third'), { kind: 'problem', message: "roles.json holds no role named 'Third' (it holds First, Second)" });
  });
});
