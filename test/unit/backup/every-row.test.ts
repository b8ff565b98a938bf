// Every row of Microsoft's tables, as a role: one that holds exactly what the row needs is quiet,
// and one that lacks any single permission of it is told which. The roles are written from the
// seed's own Alternative cells where the table lists permissions (test/fixtures/seeds), and from
// the catalog's derived sets where it names only a built-in role.
import * as assert from 'node:assert/strict';
import { BACKUP_OPERATIONS, type BackupOperation, type Permission } from '../../../server/src/catalog/backup/backup-operations';
import type { MissingData } from '../../../server/src/core/rules/missing-operation-permissions';
import { SEVERITY_NAME } from '../../../server/src/core/types';
import { diagnose, service } from '../../support/harness';
import { alternativePermissions, seedRows } from '../../support/seed';

const RULE = 'missing-operation-permissions';
const rows = seedRows();
const byId = new Map(BACKUP_OPERATIONS.map((o) => [o.id, o]));

interface Needed {
  readonly name: string;
  readonly data: boolean;
  /** listed in the table's Alternative column (else derived from the role the table names) */
  readonly listed: boolean;
  readonly optional: boolean;
}

/** What a row needs: each of its requirements' permissions, those of the Alternative cells as the seed writes them. */
function neededBy(operation: BackupOperation, rowIndex: number): Needed[] {
  const out = new Map<string, Needed>();
  operation.requirements.forEach((req, j) => {
    const listed = alternativePermissions(rows[rowIndex].requirements[j].alternative).map((n) => n.toLowerCase());
    for (const p of req.permissions) {
      const key = p.name.toLowerCase();
      const prior = out.get(key);
      out.set(key, { name: p.name, data: !!p.data, listed: (prior?.listed ?? false) || listed.includes(key), optional: (prior?.optional ?? true) && !!p.optional });
    }
  });
  return [...out.values()];
}

/** What the operations a row needs "in addition" need (cross-region restore: the restore of its table). */
function alsoNeededBy(operation: BackupOperation): Permission[] {
  return (operation.alsoNeeds ?? []).flatMap((id) => byId.get(id)?.requirements.flatMap((r) => r.permissions) ?? []);
}

function roleText(names: readonly { name: string; data: boolean }[]): string {
  const list = (data: boolean) => JSON.stringify([...new Set(names.filter((n) => n.data === data).map((n) => n.name))]);
  return `{
  "Name": "Row role",
  "IsCustom": true,
  "Actions": ${list(false)},
  "DataActions": ${list(true)},
  "AssignableScopes": ["/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"]
}`;
}

const findings = (text: string, declared: readonly string[] = []) => diagnose(text, { declaredOperations: declared }).filter((d) => d.code === RULE);

/**
 * Rows whose role, short of the one permission, is exactly a complete role of another operation of
 * the same vault side: without a declaration the two cannot be told apart, so the role is quiet
 * (declared, it is told). Each is pinned here with what it becomes.
 */
const UNDECLARED_BECOMES: Readonly<Record<string, string>> = {
  // Stop backup of SQL/HANA needs VM write at the source VM besides the vault side: without it, the role is VM's stop backup
  'sql-stop-backup Microsoft.Compute/virtualMachines/write': 'vm-stop-backup',
  // restoring managed disks is restoring unmanaged ones and writing the target resource group
  'vm-restore-managed-disks Microsoft.Resources/subscriptions/resourceGroups/write': 'vm-restore-unmanaged-disks',
  // the trigger is the one permission of cross-region restore Backup Reader does not hold: without it, what is left is the restore
  'vm-cross-region-restore Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action': 'vm-restore',
  'sql-cross-region-restore Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action': 'sql-restore',
};

describe('every row of the tables, as a role', () => {
  it('holds all 46 rows, each with its table row', () => {
    assert.equal(BACKUP_OPERATIONS.length, 46);
    assert.deepEqual(BACKUP_OPERATIONS.map((o) => o.title), rows.map((r) => r.title));
  });

  BACKUP_OPERATIONS.forEach((operation, i) => {
    const needed = neededBy(operation, i);
    const also = alsoNeededBy(operation).map((p) => ({ name: p.name, data: !!p.data }));
    const full = [...needed, ...also];

    describe(`row ${i + 1}: ${operation.title} (${operation.id})`, () => {
      it('a role holding exactly what the row needs is quiet, declared for it or not', () => {
        const text = roleText(full);
        assert.equal(service.parse(text).kind, 'role-file');
        assert.deepEqual(findings(text).map((d) => d.message), []);
        assert.deepEqual(findings(text, [operation.id]).map((d) => d.message), []);
      });

      for (const lacking of needed) {
        const without = roleText(full.filter((n) => n.name.toLowerCase() !== lacking.name.toLowerCase()));
        // a long name may be shortened ('…/recoveryPoints/read'), never past its last two segments
        const tail = lacking.name.split('/').slice(-2).join('/');
        const names = (d: { message: string }) => d.message.includes(`'${lacking.name}'`) || d.message.includes(`${tail}'`);

        it(`declared, lacking ${lacking.name}${lacking.optional ? ' (needed only in a case the table names)' : ''}: told which, for this operation`, () => {
          const told = findings(without, [operation.id]).filter(names);
          assert.ok(told.length > 0, `no finding names it: ${findings(without, [operation.id]).map((d) => d.message).join(' | ') || 'none at all'}`);
          const data = told[0].data as MissingData;
          assert.equal(data.kind, 'missing');
          assert.equal(data.operation, operation.id);
          assert.ok(data.addable.some((a) => a.name === lacking.name), 'the quick fix adds it');
          assert.equal(SEVERITY_NAME[told[0].severity], lacking.optional ? 'hint' : data.primary ? 'warning' : 'information');
        });

        if (lacking.listed) {
          const becomes = UNDECLARED_BECOMES[`${operation.id} ${lacking.name}`];
          it(becomes
            ? `undeclared, lacking ${lacking.name} (of the Alternative column): quiet, as a complete role of ${becomes}`
            : `undeclared, lacking ${lacking.name} (of the Alternative column): told which`, () => {
            const found = findings(without);
            if (becomes) {
              assert.deepEqual(found.map((d) => d.message), []);
              assert.deepEqual(findings(without, [becomes]).map((d) => d.message), []);
              return;
            }
            assert.ok(found.some(names), `no finding names it: ${found.map((d) => d.message).join(' | ') || 'none at all'}`);
          });
        }
      }
    });
  });
});
