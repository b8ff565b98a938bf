import * as assert from 'node:assert/strict';
import { cliRole, marked, service } from '../support/harness';
import { readBackupLine } from '../support/cli';
import { explainCustomRole } from '../../server/src/core/features/explain';
import { toMarkdown, toText } from '../../server/src/core/features/render';
import { customRolesOf } from '../../server/src/core/model/workspace';

/** Hover at the | in the text. */
function hoverAt(source: string) {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  return service.hover(service.parse(text), offset);
}

describe('hover', () => {
  it('never reads a permission string as a role name, even one spelt like a built-in role', () => {
    const hover = hoverAt(cliRole({ actions: '"Backup |Contributor"' }));
    assert.ok(!hover?.markdown.includes('5e467623-bb1f-42f4-a55d-6e525e11384b'), hover?.markdown);
  });

  it('explains an action: description, plane, provider, resource type, granting roles with Backup first', () => {
    const h = hoverAt(cliRole({ actions: '"Microsoft.RecoveryServices/locations/backupCross|RegionRestore/action"' }));
    assert.ok(h);
    // headed as the file writes it, with the catalog's spelling beside it when the case differs
    assert.match(h.markdown, /^`Microsoft\.RecoveryServices\/locations\/backupCrossRegionRestore\/action`\n\nTrigger Cross region restore\.\n/);
    assert.match(h.markdown, /\n_The catalog writes it `Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`; Azure compares permissions without regard to case\._\n/);
    assert.match(h.markdown, /Control-plane action \(goes in `actions`\) · provider `Microsoft\.RecoveryServices` · resource type `Locations`/);
    assert.match(h.markdown, /Granted by \*\*Backup Operator\*\*, \*\*Backup Contributor\*\*/);
    assert.match(h.markdown, /complete as of 2026-02-23/);
  });

  it("heads an action written in the catalog's own case with no note on case", () => {
    const h = hoverAt(cliRole({ actions: '"Microsoft.RecoveryServices/Locations/backupCross|RegionRestore/action"' }));
    assert.match(h?.markdown ?? '', /^`Microsoft\.RecoveryServices\/Locations\/backupCrossRegionRestore\/action`\n\nTrigger Cross region restore\.\n/);
    assert.doesNotMatch(h?.markdown ?? '', /without regard to case/);
  });

  it('covers the whole string', () => {
    const { text, spans } = marked(cliRole({ actions: '«"Microsoft.Compute/virtualMachines/read"»' }));
    const h = service.hover(service.parse(text), spans[0].offset + 5);
    const doc = service.parse(text);
    assert.deepEqual(h?.range, doc.lines.range(spans[0].offset, spans[0].length));
  });

  it('explains a data action as such', () => {
    const h = hoverAt(cliRole({ dataActions: '"Microsoft.Storage/storageAccounts/blobServices/containers/blobs/|read"' }));
    assert.match(h!.markdown, /Data action \(goes in `dataActions`\)/);
    assert.match(h!.markdown, /\*\*Storage Blob Data Reader\*\*|\*\*Storage Blob Data Owner\*\*/);
  });

  it('tells how many operations a wildcard matches, with examples', () => {
    const h = hoverAt(cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/backupJobs/|*"' }));
    assert.match(h!.markdown, /^`Microsoft\.RecoveryServices\/Vaults\/backupJobs\/\*` \(wildcard\)\n\nMatches \d+ control-plane operations\.\n\n- `Microsoft\.RecoveryServices\/Vaults\/backupJobs\/read`/);
  });

  it('says when an action is not in the catalog, with the closest ones', () => {
    const h = hoverAt(cliRole({ actions: '"Microsoft.Compute/virtualMachine/|read"' }));
    assert.match(h!.markdown, /Not in the catalog\.\n\nClosest: `Microsoft\.Compute\/virtualMachines\/read`/);
  });

  it('explains a built-in role GUID inside an ARM expression, covering just the GUID', () => {
    const source = `{
      "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "resources": [{ "type": "Microsoft.Authorization/roleAssignments", "name": "[guid('a')]",
        "properties": { "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '00c29273-979b-4161-|815c-10b084fb9324')]" } }]
    }`;
    const h = hoverAt(source);
    assert.ok(h);
    assert.match(h.markdown, /^\*\*Backup Operator\*\* · built-in role `00c29273-979b-4161-815c-10b084fb9324`\n\nLets you manage backup services/);
    assert.match(h.markdown, /Permissions: \d+ actions, 0 dataActions\./);
    assert.match(h.markdown, /Providers: Microsoft\.RecoveryServices \(\d+\), Microsoft\.DataProtection \(\d+\)/);
    assert.equal(h.range.end.character - h.range.start.character, 36);
  });

  it("counts a role's backup operations as a reader does: the tasks named and 'N more' make the number the line states", () => {
    const explained = service.explain('5e467623-bb1f-42f4-a55d-6e525e11384b'); // Backup Contributor
    assert.equal(explained.kind, 'role');
    if (explained.kind !== 'role') return;
    const h = hoverAt('{ "Name": "x", "IsCustom": true, "Actions": ["*/read"], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"], "Description": "5e467623-bb1f-42f4-a55d-|6e525e11384b" }');
    const line = readBackupLine(h?.markdown ?? '');
    assert.ok(line, h?.markdown);
    // its tasks stand for more operations than there are tasks: one task, several workloads
    assert.ok(explained.backupEnables.length < explained.backupEnabledCount);
    assert.equal(line.operations, explained.backupEnabledCount);
    assert.equal(line.tasks, explained.backupEnables.length);
    assert.equal(line.named + line.more, line.tasks);
    assert.ok(line.workloads > line.named, 'some tasks shown stand for several operations');
    // a role that enables every operation says so, counted from the catalog
    const owner = hoverAt('{ "Name": "x", "IsCustom": true, "Actions": ["*/read"], "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"], "Description": "8e3af657-a8ff-443c-a75c-|2fe8c4bcb635" }');
    assert.match(owner?.markdown ?? '', /Azure Backup: enables all 46 management operations\./);
  });

  it("adds up the backup line of every built-in role, and of a role whose tasks are one operation each, in the hover and the CLI's text", () => {
    // disk backup alone: every task it enables is one workload's
    const [entry] = customRolesOf('file:///roles/disks.json', service.parse(JSON.stringify({
      Name: 'Disk backup', IsCustom: true, AssignableScopes: ['/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f'],
      Actions: ['Microsoft.DataProtection/*', 'Microsoft.Compute/disks/*', 'Microsoft.Compute/snapshots/*', 'Microsoft.Resources/*', 'Microsoft.Authorization/*/read'],
    })));
    const disks = explainCustomRole(service.catalog, entry, 'disks.json');
    const roles = [...service.catalog.roles.map((r) => service.explain(r.id)), disks];
    const shapes = new Set<string>();
    for (const e of roles) {
      if (e.kind !== 'role' || e.backupEnables.length === 0 || e.backupEnabledCount === e.backupOperationCount) continue;
      for (const text of [toMarkdown(e), toText(e)]) {
        const line = readBackupLine(text);
        assert.ok(line, `${e.name}: ${text}`);
        assert.equal(line.operations, e.backupEnabledCount, e.name);
        if (line.more === 0) {
          // every task shown: the workloads named are the operations
          assert.equal(line.named, e.backupEnables.length, e.name);
          assert.equal(line.workloads, line.operations, e.name);
        } else {
          // cut short: the list and "N more" count the same thing as the number stated
          assert.equal(line.named + line.more, line.tasks ?? line.operations, e.name);
          if (line.tasks === undefined) assert.equal(line.workloads, line.named, `${e.name}: one operation a task`);
        }
      }
      shapes.add(`${e.backupEnables.length > 4 ? 'cut' : 'whole'}, ${e.backupEnables.length < e.backupEnabledCount ? 'shared' : 'one each'}`);
    }
    assert.deepEqual([...shapes].sort(), ['cut, one each', 'cut, shared', 'whole, one each', 'whole, shared']);
  });

  it('says nothing outside role files and templates, or on other strings', () => {
    assert.equal(hoverAt('{ "roleId": "00c29273-979b-4161-|815c-10b084fb9324" }'), undefined);
    assert.equal(hoverAt(cliRole({ actions: '"*/read"' }).replace('Test role', 'Test |role')), undefined);
  });
});

describe('hover: Azure Backup', () => {
  it('says which backup operations need an action, at which scope', () => {
    const h = service.hover(service.parse(cliRole({ actions: '"Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action"' })), 120);
    assert.ok(h);
    assert.match(h.markdown, /Needed by Azure Backup for\n- Cross region restore \(at the subscription of the Recovery Services vault\)\n/);
  });

  it('groups the operations by scope', () => {
    const source = cliRole({ actions: '"Microsoft.Compute/virtualMachines/write"' });
    const h = service.hover(service.parse(source), source.indexOf('virtualMachines/write'));
    assert.match(h!.markdown, /- Enable backup of Azure VMs, Enable backup of Azure VMs \(from VM blade\) \(at the VM\)\n/);
    assert.match(h!.markdown, /- Restore VM \(at the resource group the VM is restored to\)\n/);
  });
});
