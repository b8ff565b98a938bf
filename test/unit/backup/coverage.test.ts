import * as assert from 'node:assert/strict';
import { backupCatalogFor } from '../../../server/src/catalog/backup/backup-catalog';
import { assessBlocks } from '../../../server/src/core/backup/assess';
import { catalog, cliRole, service } from '../../support/harness';
import { BACKUP_NOW_VAULT_SIDE as BACKUP_NOW, CRR, list } from '../../support/backup-sets';

const CRR_BUT_ONE = CRR.filter((n) => !n.endsWith('backupAadProperties/read'));

function lenses(text: string) {
  const document = service.parse(text);
  return service.codeLenses(document).map((l) => ({ title: l.title, at: text.slice(l.offset, l.offset + l.length), role: l.roleIndex }));
}

describe('Azure Backup code lens and coverage', () => {
  it('shows over a role what it enables and what it nearly enables, with the missing count', () => {
    assert.deepEqual(lenses(cliRole({ actions: list([...BACKUP_NOW, ...CRR_BUT_ONE]) })), [{
      title: 'Azure Backup: enables On-demand backup of VM, On-demand backup of DB +1 · Cross region restore: 1 missing',
      at: '"Test role"', role: 0,
    }]);
  });

  it('says when a role enables every operation, or none', () => {
    assert.equal(lenses(cliRole({ actions: '"*"' }))[0].title, 'Azure Backup: enables all 46 operations');
    assert.equal(lenses(cliRole({ actions: '"Microsoft.RecoveryServices/Vaults/read", "Microsoft.RecoveryServices/Vaults/backupJobs/read"' }))[0].title, 'Azure Backup: no management operation');
  });

  it('shows no lens over roles unrelated to backup, or over built-in roles', () => {
    assert.deepEqual(lenses(cliRole({ actions: '"Microsoft.Compute/virtualMachines/read"' })), []);
    assert.deepEqual(lenses('{ "roleName": "Backup Operator", "roleType": "BuiltInRole", "permissions": [{ "actions": ["Microsoft.RecoveryServices/*"] }], "assignableScopes": ["/"] }'), []);
  });

  it('tabulates every operation, scope by scope', () => {
    const table = service.coverage(service.parse(cliRole({ actions: list([...BACKUP_NOW, ...CRR_BUT_ONE]) })), 0);
    assert.match(table, /^# Azure Backup coverage: Test role\n/);
    for (const heading of ['Azure VM backup', 'Azure workload backups (SQL and HANA DB backups)', 'Azure File share backup', 'Azure disk backup', 'Azure blob backup', 'Azure Database for PostgreSQL server backup']) {
      assert.ok(table.includes(`## ${heading}\n`), heading);
    }
    assert.match(table, /\| On-demand backup of VM \(meant for\) \| the Recovery Services vault \| Backup Operator \| ✓ \|/);
    assert.match(table, /\| Restore VM \| the Recovery Services vault \| Backup Operator \| ✗ 2 of 6: `[^|]+recoveryPoints\/read`, `[^|]+restore\/action` \|\n\|  \| the resource group the VM is restored to \| Contributor \| — \|/);
    assert.match(table, /\| Cross region restore \(meant for\) \| the subscription of the Recovery Services vault \| Backup Operator \| ✗ 1 of 6: `Microsoft\.RecoveryServices\/locations\/backupAadProperties\/read` \|/);
    assert.equal(table.split('\n').filter((l) => /^\| [^|]+\S \| the /.test(l)).length, 46, 'one titled row per operation');
  });

  it('takes notActions into account for roles given as strings (built-in roles, roles of other files)', () => {
    // Contributor grants '*' but not 'Microsoft.Authorization/*/Write', and some backup operations need locks/write
    const contributor = catalog.roleByName('Contributor')!;
    const needsLock = (o: { parts: readonly { info: { requirement: { permissions: readonly { name: string }[] } } }[] }) =>
      o.parts.some((p) => p.info.requirement.permissions.some((x) => x.name === 'Microsoft.Authorization/locks/write'));
    const withDeny = assessBlocks(contributor.permissions, backupCatalogFor(catalog));
    const locked = withDeny.operations.filter(needsLock);
    assert.ok(locked.length > 0, 'some operation needs locks/write');
    for (const o of locked) assert.equal(o.complete, false, `${o.operation.id}: Contributor's notActions take locks/write away`);
    // without the notActions, the same '*' would grant them
    const without = assessBlocks(contributor.permissions.map((b) => ({ ...b, notActions: [] })), backupCatalogFor(catalog));
    assert.ok(without.operations.filter(needsLock).some((o) => o.complete));
    // and the hover counts what Contributor enables from that assessment
    const explained = service.explain(contributor.id);
    assert.ok(explained.kind === 'role');
    assert.equal(explained.backupEnabledCount, withDeny.operations.filter((o) => o.complete).length);
  });
});

