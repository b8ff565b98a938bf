// The built-in roles Azure Backup added since the seed tables (multi-user authorization, snapshot
// and restore roles) are in the bundled catalog as Azure's own definitions (iann0036/iam-dataset
// built-in-roles-raw.json of 2026-08-22, ../shared/azure-data/SOURCES.md): no supplement was
// needed. A user meets them in roleDefinitionId's completions, among the Backup roles, and in the
// hover of their GUIDs.
import * as assert from 'node:assert/strict';
import { catalog, service } from '../../support/harness';

const NEWER = [
  { name: 'Backup MUA Admin', id: 'c2a970b4-16a7-4a51-8c84-8a8ea6ee0bb8' },
  { name: 'Backup MUA Operator', id: 'f54b6d04-23c6-443e-b462-9c16ab7b4a52' },
  { name: 'Azure Backup Snapshot Contributor', id: 'afc680e2-a938-412d-b213-9a49efa7fb83' },
  { name: 'VM Restore Operator', id: 'dfce8971-25e3-42e3-ba33-6055438e3080' },
];

const assignment = (id: string) => `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
  "resources": [{ "type": "Microsoft.Authorization/roleAssignments", "apiVersion": "2022-04-01", "name": "[guid('a')]",
    "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${id}')]", "principalId": "p", "principalType": "Group" } }] }`;

describe('the newer Backup built-in roles', () => {
  it('are in the bundled catalog from the built-in roles data, with their GUIDs (no sourced supplement)', () => {
    for (const r of NEWER) {
      const role = catalog.roleByName(r.name);
      assert.ok(role, r.name);
      assert.equal(role.id, r.id);
      assert.equal(role.custom, undefined);
      assert.ok(role.permissions.length > 0);
    }
  });

  it('are offered in roleDefinitionId among the Backup roles (sorted first), inserting the GUID', () => {
    const text = assignment('');
    const offset = text.indexOf("', '") + 4;
    const items = service.complete(service.parse(text), offset);
    for (const r of NEWER) {
      const item = items.find((i) => i.label === r.name);
      assert.ok(item, r.name);
      assert.equal(item.edit.text, r.id);
      assert.match(item.sortText ?? '', /^0/, `${r.name} sorts with the Backup roles`);
    }
  });

  it('are explained by the hover over their GUID', () => {
    for (const r of NEWER) {
      const text = assignment(r.id);
      const h = service.hover(service.parse(text), text.indexOf(r.id) + 5);
      assert.ok(h, r.name);
      assert.match(h.markdown, new RegExp(`^\\*\\*${r.name}\\*\\* · built-in role \`${r.id}\``));
    }
  });
});
