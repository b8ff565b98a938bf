// missing-operation-permissions: which operation a role is meant for, and that each is checked for
// every requirement of its own. An operation is its id, never its title; a complete role is quiet;
// the tables' notes are rules; a role's own name and description are evidence.
import * as assert from 'node:assert/strict';
import type { MissingData } from '../../../server/src/core/rules/missing-operation-permissions';
import { cliRole, diagnose, expectQuiet, expectRule } from '../../support/harness';
import { CRR, ITEM, RESTORE_VAULT_SIDE as RESTORE, list } from '../../support/backup-sets';

const RULE = 'missing-operation-permissions';
const RSV = 'Microsoft.RecoveryServices/Vaults';
const CONTAINER = `${RSV}/backupFabrics/protectionContainers`;
const BV = 'Microsoft.DataProtection/backupVaults';
const INSTANCE = `${BV}/backupInstances`;
const SA = 'Microsoft.Storage/storageAccounts';
const VM_WRITE = 'Microsoft.Compute/virtualMachines/write';
const VM_READ = 'Microsoft.Compute/virtualMachines/read';
const RG_WRITE = 'Microsoft.Resources/subscriptions/resourceGroups/write';
const VNET = ['Microsoft.Network/virtualNetworks/read', 'Microsoft.Network/virtualNetworks/subnets/read', 'Microsoft.Network/virtualNetworks/subnets/join/action'];
const DOMAIN = 'Microsoft.DomainRegistration/domains/write';

/** Stop backup's vault side (the same for VMs and SQL/HANA) */
const STOP = [`${RSV}/read`, `${ITEM}/read`, `${ITEM}/write`, `${ITEM}/delete`, `${ITEM}/operationResults/read`];
/** Enable backup's Backup vault side (the same for disks, blobs and PostgreSQL) */
const BV_ENABLE = [`${BV}/read`, `${BV}/backupPolicies/read`, `${BV}/validateForBackup/action`, `${INSTANCE}/write`, `${INSTANCE}/read`, `${INSTANCE}/operationResults/read`];
const PG = ['Microsoft.DBforPostgreSQL/servers/write', 'Microsoft.DBforPostgreSQL/servers/read'];
const BLOB_CONFIGURE = [`${SA}/read`, `${SA}/blobServices/read`, `${SA}/blobServices/write`, `${SA}/blobServices/containers/read`,
  `${SA}/objectReplicationPolicies/read`, `${SA}/objectReplicationPolicies/write`, 'Microsoft.Authorization/locks/write'];
const SQL_RESTORE = [...RESTORE, `${CONTAINER}/read`, `${RSV}/backupProtectableItems/read`, VM_WRITE, VM_READ];
const DISKS_TO_STORAGE = [...RESTORE, VM_WRITE, VM_READ, `${SA}/write`, `${SA}/listkeys/action`];

const role = (actions: readonly string[], name = 'Test role', description = 'test') =>
  cliRole({ actions: list(actions) }).replace('"Test role"', JSON.stringify(name)).replace('"Description": "test"', `"Description": ${JSON.stringify(description)}`);
/** the role, its Actions key marked `times` times (one per diagnostic there) */
const marked = (text: string, times = 1) => text.replace('"Actions"', `${'«'.repeat(times)}"Actions"${'»'.repeat(times)}`);
const found = (text: string, declared: string[] = []) => diagnose(text, { declaredOperations: declared }).filter((d) => d.code === RULE);

describe(`${RULE}: an operation is its id, never its title`, () => {
  it('checks SQL/HANA stop backup declared for a role for the VM write at the source VM, which VM stop backup does not need', () => {
    const [d] = expectRule(RULE, marked(role(STOP)), [{
      severity: 'information',
      message: `Missing '${VM_WRITE}' for Stop backup (with retain data or delete data) on VM backup (SQL/HANA) at the source VM that was backed up, unless another role grants it there; add it.`,
    }], { declaredOperations: ['sql-stop-backup'] });
    assert.equal((d.data as MissingData).operation, 'sql-stop-backup');
    expectQuiet(RULE, role([...STOP, VM_WRITE]), { declaredOperations: ['sql-stop-backup'] });
    // declared for VM stop backup, the same role needs nothing more
    expectQuiet(RULE, role(STOP), { declaredOperations: ['vm-stop-backup'] });
  });

  it('checks PostgreSQL enable backup for the server write and read, naming the workload', () => {
    for (const lacking of PG) {
      expectRule(RULE, marked(role([...BV_ENABLE, ...PG.filter((p) => p !== lacking)])), [{
        severity: 'information',
        message: `Missing '${lacking}' for Enable backup from backup vault (PostgreSQL) at the Azure Database for PostgreSQL server, unless another role grants it there; add it.`,
      }], { declaredOperations: ['postgresql-enable-backup'] });
    }
    expectRule(RULE, marked(role(BV_ENABLE)), [{
      severity: 'information',
      message: /^Missing 'Microsoft\.DBforPostgreSQL\/servers\/write' and 1 more for Enable backup from backup vault \(PostgreSQL\) at the Azure Database for PostgreSQL server/,
    }], { declaredOperations: ['postgresql-enable-backup'] });
    expectQuiet(RULE, role([...BV_ENABLE, ...PG]), { declaredOperations: ['postgresql-enable-backup'] });
  });

  it('checks blob enable backup for every permission at the storage account', () => {
    const [d] = expectRule(RULE, marked(role(BV_ENABLE)), [{
      severity: 'information',
      message: /^Missing 'Microsoft\.Storage\/storageAccounts\/read' and 6 more for Enable backup from backup vault \(blobs\) at the storage account containing the blobs, unless another role grants them there;/,
    }], { declaredOperations: ['blob-enable-backup'] });
    assert.deepEqual((d.data as MissingData).addable.map((a) => a.name), BLOB_CONFIGURE);
    expectQuiet(RULE, role([...BV_ENABLE, ...BLOB_CONFIGURE]), { declaredOperations: ['blob-enable-backup'] });
  });

  it('without a declaration, takes the operation of the title whose other scopes the role reaches for', () => {
    // the server read and the vault side: PostgreSQL's, lacking the write
    expectRule(RULE, marked(role([...BV_ENABLE, PG[1]])), [{
      severity: 'information',
      message: `Missing '${PG[0]}' for Enable backup from backup vault (PostgreSQL) at the Azure Database for PostgreSQL server, unless another role grants it there; add it.`,
    }]);
    // the vault side alone cannot tell disks, blobs and PostgreSQL apart: complete, quiet
    expectQuiet(RULE, role(BV_ENABLE));
  });
});

describe(`${RULE}: a complete role is quiet`, () => {
  it('says nothing of Restore VM to complete roles for SQL/HANA restore and for restoring unmanaged or managed disks', () => {
    expectQuiet(RULE, role(SQL_RESTORE));
    expectQuiet(RULE, role(DISKS_TO_STORAGE));
    expectQuiet(RULE, role([...DISKS_TO_STORAGE, RG_WRITE]));
    // the same roles are told what Restore VM needs when it is declared
    assert.match(found(role(SQL_RESTORE), ['vm-restore']).map((d) => d.message).join('\n'), /for Restore VM \(Azure VM\) at the resource group the VM is restored to/);
  });

  it('calls an Azure Files restore role without backupJobs/read one for Restore File share', () => {
    const files = [`${SA}/read`, `${SA}/fileServices/shares/read`, `${SA}/fileServices/shares/write`, 'Microsoft.Authorization/locks/write'];
    expectRule(RULE, marked(role([...RESTORE.filter((n) => !n.endsWith('backupJobs/read')), ...files])), [{
      severity: 'warning',
      message: `Missing '${RSV}/backupJobs/read' for Restore File share (Azure Files) at the Recovery Services vault: this role looks meant for it but lacks 1 of the 6 permissions needed there; add it.`,
    }]);
    expectQuiet(RULE, role([...RESTORE, ...files]));
  });

  it('takes the most specific operation: a restore role that reads the containers is for SQL/HANA', () => {
    const both = expectRule(RULE, marked(role(SQL_RESTORE.filter((n) => n !== VM_WRITE)), 2), [
      { severity: 'information', message: /^Missing 'Microsoft\.Compute\/virtualMachines\/write' for Restore database or Restore as files \(SQL\/HANA\) at the source VM that was backed up,/ },
      { severity: 'information', message: /^Missing 'Microsoft\.Compute\/virtualMachines\/write' for Restore database or Restore as files \(SQL\/HANA\) at the target VM the database or files are restored to,/ },
    ]);
    assert.deepEqual(both.map((d) => (d.data as MissingData).operation), ['sql-restore', 'sql-restore']);
  });

  it('lets a declared operation win the tie: the evidence it accounts for elects no other', () => {
    const all = found(role([...STOP, VM_WRITE]), ['sql-stop-backup']).concat(found(role(STOP), ['vm-stop-backup']));
    assert.deepEqual(all, []);
    // undeclared, the same vault side with the VM write is SQL/HANA's (it uses more of the role), and complete
    expectQuiet(RULE, role([...STOP, VM_WRITE]));
  });
});

describe(`${RULE}: the tables' notes are rules`, () => {
  it('tells a cross-region restore role without the restore permissions that it needs them in addition, unless another role grants them', () => {
    const [d] = expectRule(RULE, marked(role(CRR)), [{
      severity: 'information',
      message: /^Missing 'Microsoft\.RecoveryServices\/Vaults\/read' and 5 more for Cross region restore \(Azure VM\) at the Recovery Services vault: it needs Restore VM's permissions there in addition, unless another role grants them; add 'Microsoft\.RecoveryServices\/Vaults\/read', /,
    }]);
    assert.deepEqual((d.data as MissingData).addable.map((a) => a.name), RESTORE);
    assert.equal((d.data as MissingData).operation, 'vm-restore');
    expectQuiet(RULE, role([...CRR, ...RESTORE]));
  });

  it('names SQL/HANA restore for a cross-region restore declared for SQL/HANA', () => {
    expectRule(RULE, marked(role([...CRR, ...RESTORE])), [{
      severity: 'information',
      message: /^Missing '…\/protectionContainers\/read' and '…\/backupProtectableItems\/read' for Cross region restore \(SQL\/HANA\) at the Recovery Services vault: it needs Restore database or Restore as files's permissions there in addition/,
    }], { declaredOperations: ['sql-cross-region-restore'] });
  });

  it('hints at the classic-VM-only permission, and names it where the scope is reported anyway', () => {
    const complete = [...RESTORE, RG_WRITE, VM_WRITE, VM_READ, ...VNET, `${SA}/write`, `${SA}/listkeys/action`];
    expectRule(RULE, marked(role(complete)), [{
      severity: 'hint',
      message: `Missing '${DOMAIN}' for Restore VM (Azure VM) at the resource group the VM is restored to, required only for classic VM restore, not for managed VMs; add it if that applies.`,
    }]);
    expectQuiet(RULE, role([...complete, DOMAIN]));
    expectRule(RULE, marked(role(complete.filter((n) => n !== RG_WRITE))), [{
      severity: 'information',
      message: `Missing '${RG_WRITE}' for Restore VM (Azure VM) at the resource group the VM is restored to, unless another role grants it there; add it, and '${DOMAIN}' if it applies (required only for classic VM restore, not for managed VMs).`,
    }]);
  });

  it('says at the VM scope of VM enable backup that the VM blade checks backup status at the subscription', () => {
    const enable = [`${RSV}/read`, `${RSV}/backupPolicies/read`, `${RSV}/backupFabrics/refreshContainers/action`, `${RSV}/backupFabrics/operationResults/read`,
      `${RSV}/backupProtectableItems/read`, `${ITEM}/write`, `${ITEM}/read`, `${ITEM}/operationResults/read`, 'Microsoft.Resources/deployments/write',
      'Microsoft.Resources/subscriptions/resourceGroups/read'];
    expectRule(RULE, marked(role([...enable, VM_WRITE])), [{
      severity: 'information',
      message: `Missing '${VM_READ}' for Enable backup of Azure VMs (Azure VM) at the VM, unless another role grants it there; add it; held at the VM only, the VM blade's check of backup status fails (it works at the subscription): open the VM's backup item in the vault instead, or grant them at the subscription.`,
    }]);
    expectQuiet(RULE, role([...enable, VM_WRITE, VM_READ]));
  });
});

describe(`${RULE}: intent from the role's own words`, () => {
  const TARGET_RG = [VM_WRITE, VM_READ, RG_WRITE, ...VNET.slice(0, 2)];

  it('tells a role named for restoring VMs that lacks subnets/join/action, at information severity', () => {
    const [d] = expectRule(RULE, marked(role(TARGET_RG, 'VM restore – target resource group')), [{
      severity: 'information',
      message: `Missing '${VNET[2]}' for Restore VM (Azure VM) at the resource group the VM is restored to: this role's name points to it, unless another role grants it there; add it, and '${DOMAIN}' if it applies (required only for classic VM restore, not for managed VMs).`,
    }]);
    assert.equal((d.data as MissingData).primary, false);
    // the same permissions under a name that says nothing: quiet
    expectQuiet(RULE, role(TARGET_RG, 'Network and compute'));
    // with the join: only the classic-VM hint is left
    assert.deepEqual(found(role([...TARGET_RG, VNET[2]], 'VM restore – target resource group')).map((d) => d.severity), [4]);
  });

  it('reads the description as well, and the workloads it names', () => {
    expectRule(RULE, marked(role(TARGET_RG, 'Contoso ops 7', 'Lets the on-call team restore virtual machines into a new resource group.')), [{
      severity: 'information',
      message: /^Missing 'Microsoft\.Network\/virtualNetworks\/subnets\/join\/action' for Restore VM \(Azure VM\) at the resource group the VM is restored to: this role's description points to it,/,
    }]);
  });

  it('says nothing on words alone, without an operator permission at any scope of what they name', () => {
    expectQuiet(RULE, role([VM_READ, 'Microsoft.Network/virtualNetworks/read'], 'VM restore reader'));
    expectQuiet(RULE, role(['Microsoft.Web/sites/read'], 'Backup operator', 'Cross region restore for the web team'));
  });

  it('takes the words "backup operator" and "cross region restore" among the operations the permissions reach for', () => {
    // a Backup Operator stand-in that writes VMs reaches for the VM side of enabling VM backup
    expectRule(RULE, marked(role([VM_WRITE], 'Backup operator (VM side)')), [{
      severity: 'information',
      message: /^Missing 'Microsoft\.Compute\/virtualMachines\/read' for Enable backup of Azure VMs \(Azure VM\) at the VM: this role's name points to it,/,
    }]);
    // the permissions' own evidence comes first: the name adds nothing to a cross-region restore role
    expectQuiet(RULE, role([...CRR, ...RESTORE], 'Cross region restore'));
  });
});
