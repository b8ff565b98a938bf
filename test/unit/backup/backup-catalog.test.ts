// Every row of Microsoft's tables of minimum roles, held to the backup catalog: the rows, their
// roles and scopes, the permission sets, and what the named built-in roles really grant.
import * as assert from 'node:assert/strict';
import { backupCatalogFor, blocksGrant } from '../../../server/src/catalog/backup/backup-catalog';
import { BACKUP_OPERATIONS, type Requirement, WORKLOAD_TABLE } from '../../../server/src/catalog/backup/backup-operations';
import { catalog } from '../../support/harness';
import { alternativePermissions, seedRows } from '../../support/seed';

const backup = backupCatalogFor(catalog);
const rows = seedRows();
const grants = (roleName: string, name: string, data = false) => blocksGrant(catalog.compiled(catalog.roleByName(roleName)!), { name, ...(data ? { data: true as const } : {}) });

/**
 * Actions Backup Reader grants that change nothing: a status check, reading cross-region-restore
 * jobs (by POST), finding restorable time ranges. Anything else it grants in a row's set must be a read.
 */
const READER_QUERY_ACTIONS = [
  'microsoft.recoveryservices/locations/backupstatus/action',
  'microsoft.recoveryservices/locations/backupcrrjobs/action',
  'microsoft.recoveryservices/locations/backupcrrjob/action',
  'microsoft.dataprotection/backupvaults/backupinstances/findrestorabletimeranges/action',
];

describe('backup operation catalog', () => {
  it("encodes the six tables' 46 management operations, in table order", () => {
    assert.equal(rows.length, 46);
    assert.equal(BACKUP_OPERATIONS.length, 46);
    const perTable = (list: readonly { workload: string }[]) => Object.keys(WORKLOAD_TABLE).map((w) => list.filter((r) => r.workload === w).length);
    assert.deepEqual(perTable(rows), [15, 9, 7, 5, 5, 5]);
    assert.deepEqual(perTable(BACKUP_OPERATIONS), perTable(rows));
    assert.deepEqual(BACKUP_OPERATIONS.map((o) => [o.workload, o.title]), rows.map((r) => [r.workload, r.title]));
  });

  it('gives every operation a unique id', () => {
    assert.equal(new Set(BACKUP_OPERATIONS.map((o) => o.id)).size, 46);
  });

  rows.forEach((row, i) => {
    const operation = BACKUP_OPERATIONS[i];
    it(`row ${i + 1} (${WORKLOAD_TABLE[row.workload]}): ${row.title}`, () => {
      assert.equal(operation.title, row.title);
      assert.equal(operation.requirements.length, row.requirements.length, 'one requirement per role the table names');
      row.requirements.forEach((seed, j) => {
        const req: Requirement = operation.requirements[j];
        assert.equal(req.roleAsWritten ?? req.role, seed.role, 'the role as the table writes it');
        assert.ok(catalog.roleByName(req.role), `${req.role} is a built-in role`);
        assert.equal(req.scopeText, seed.scope, 'the scope as the table writes it');
        assert.equal(!!req.vaultIdentity, /backup vault MSI/.test(seed.alternative), 'the vault MSI note');
        const listed = alternativePermissions(seed.alternative);
        if (listed.length) {
          assert.equal(req.derivation, 'table', 'the table lists the permissions');
          assert.deepEqual(req.permissions.map((p) => p.name.toLowerCase()).sort(), listed.map((x) => x.toLowerCase()).sort());
        } else {
          assert.equal(req.derivation, 'role');
          assert.ok(req.how && req.how.length > 20, 'a derived set says how it was derived');
        }
        for (const p of req.permissions) {
          const op = catalog.operation(p.name);
          assert.ok(op, `${p.name} is in the operations catalog`);
          assert.ok(op.planes === '?' || op.planes.includes(p.data ? 'd' : 'a'), `${p.name} is in the right plane`);
        }
        // what the named role grants (wildcards and notActions applied), discrepancies aside
        const claim = req.discrepancy?.claims.find((c) => c.role === req.role);
        const lacking = req.permissions.filter((p) => !grants(req.role, p.name, !!p.data)).map((p) => p.name);
        assert.deepEqual(lacking, claim?.lacks ?? [], `${req.role} grants the set of "${req.scopeText}"`);
      });
    });
  });

  it('pins each place where Microsoft\'s text and the role definitions disagree', () => {
    const named: string[] = [];
    for (const op of BACKUP_OPERATIONS) {
      for (const req of op.requirements) {
        if (!req.discrepancy) continue;
        named.push(`${op.id}: ${req.discrepancy.claims.map((c) => `${c.role} lacks ${c.lacks.length}`).join(', ')}`);
        for (const claim of req.discrepancy.claims) {
          const lacking = req.permissions.filter((p) => !grants(claim.role, p.name, !!p.data)).map((p) => p.name);
          assert.deepEqual(lacking, claim.lacks, `${op.id}: ${claim.role}`);
        }
      }
    }
    assert.deepEqual(named, [
      'vm-stop-backup: Backup Operator lacks 1',
      'sql-stop-backup: Backup Operator lacks 1',
      'file-share-enable-backup: Backup Operator lacks 0',
      'file-share-enable-backup-from-share: Backup Operator lacks 0',
      'file-share-restore: Storage Account Backup Contributor lacks 2, Storage File Backup Contributor lacks 0',
      'file-share-stop-protection: Backup Operator lacks 1',
    ]);
  });

  it('Backup Reader grants none of the operations\' writes, deletes or actions, beyond its query actions', () => {
    for (const op of BACKUP_OPERATIONS) {
      for (const req of op.requirements) {
        for (const p of req.permissions) {
          if (/\/read$/i.test(p.name) || READER_QUERY_ACTIONS.includes(p.name.toLowerCase())) continue;
          assert.ok(!grants('Backup Reader', p.name, !!p.data), `Backup Reader grants ${p.name} (${op.id})`);
        }
      }
    }
    for (const q of READER_QUERY_ACTIONS) assert.ok(grants('Backup Reader', q), `Backup Reader still grants ${q}`);
  });

  it('keeps the notes of the tables', () => {
    const notes = BACKUP_OPERATIONS.flatMap((o) => o.notes ?? []);
    assert.ok(notes.some((n) => /VM Contributor at a VM resource scope/.test(n) && /subscription level/.test(n)));
    assert.ok(notes.some((n) => /backupStatus\/action at the subscription/.test(n)));
    const msi = BACKUP_OPERATIONS.filter((o) => o.requirements.some((r) => r.vaultIdentity)).map((o) => o.id);
    assert.deepEqual(msi, ['disk-enable-backup', 'disk-restore', 'blob-enable-backup', 'blob-restore', 'postgresql-enable-backup', 'postgresql-restore']);
    assert.deepEqual(backup.operation('vm-cross-region-restore')?.alsoNeeds, ['vm-restore']);
  });

  it('tells operator permissions from reader ones: the CRR job reads are no signature, the restore trigger is', () => {
    const crr = backup.requirements(backup.operation('vm-cross-region-restore')!)[0];
    assert.deepEqual(crr.signature.map((p) => p.name), ['Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action']);
  });

  it('finds the operations that need a permission, at which scope', () => {
    const uses = backup.needing('microsoft.recoveryservices/locations/backupcrossregionrestore/action').map((i) => `${i.operation.id} @ ${i.requirement.scope}`);
    assert.deepEqual(uses, ['vm-cross-region-restore @ vault-subscription', 'sql-cross-region-restore @ vault-subscription']);
  });
});
