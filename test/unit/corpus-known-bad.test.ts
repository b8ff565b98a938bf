// The faults that the corpus's index (../shared/corpus/INDEX.md) notes as KNOWN-BAD or
// KNOWN-OVER-PRIVILEGED, for the JSON files of it we hold (test/fixtures/corpus), each asserted as
// the note states it: which rule, at which severity, on which string, and the fix the note names.
// The expectations are written from the notes, not from our output; the regression guards
// (corpus.test.ts) hold the rest of each file's diagnostics in place.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../../server/src/core/model/line-index';
import { quote } from '../../server/src/core/rules/rule';
import { SEVERITY_NAME } from '../../server/src/core/types';
import { REPO, diagnose, service } from '../support/harness';

const CORPUS = join(REPO, 'test', 'fixtures', 'corpus');
const read = (file: string) => readFileSync(join(CORPUS, file), 'utf8');

interface Finding {
  readonly code: string;
  readonly severity: string;
  /** the text the diagnostic covers, and where it starts */
  readonly at: string;
  readonly offset: number;
  readonly message: string;
  readonly data: { suggestions?: string[]; coveredBy?: string } | undefined;
}

function findings(text: string): Finding[] {
  const lines = new LineIndex(text);
  return diagnose(text).map((d) => ({
    code: String(d.code), severity: SEVERITY_NAME[d.severity], at: text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end)), offset: lines.offsetAt(d.range.start),
    message: d.message, data: d.data as Finding['data'],
  }));
}

/** The one finding of `code` on the JSON string `value` (quotes included in the range), its message quoting `named` (the value itself by default). */
function on(found: readonly Finding[], code: string, value: string, severity: string, named = quote(value)): Finding {
  const hits = found.filter((f) => f.code === code && f.at === JSON.stringify(value));
  assert.equal(hits.length, 1, `${code} on ${value}: found ${JSON.stringify(found.filter((f) => f.at === JSON.stringify(value)).map((f) => f.code))}`);
  assert.equal(hits[0].severity, severity, `severity of ${code} on ${value}`);
  assert.ok(hits[0].message.includes(named), `the message names ${named}: ${hits[0].message}`);
  return hits[0];
}

/** The suggestion a note names, first among the finding's did-you-means and quoted in its message. */
function suggests(finding: Finding, fix: string): void {
  assert.equal(finding.data?.suggestions?.[0], fix, `suggestions: ${JSON.stringify(finding.data?.suggestions)}`);
  assert.ok(finding.message.includes(quote(fix)), finding.message);
}

/** The same file with its built-in role marked custom, so the rules for custom roles judge it too. */
const asCustom = (text: string) => text.replace('"roleType": "BuiltInRole"', '"roleType": "CustomRole"');

/** Each string repeated (in any case) within one permission list of a role JSON, as often as it is repeated. */
function repeats(text: string): string[] {
  const role = JSON.parse(text) as { permissions: Record<string, string[]>[] };
  const out: string[] = [];
  for (const block of role.permissions) {
    for (const list of Object.values(block)) {
      const seen = new Set<string>();
      for (const s of list) {
        if (seen.has(s.toLowerCase())) out.push(s);
        seen.add(s.toLowerCase());
      }
    }
  }
  return out.sort();
}

/** duplicate-action's findings for repeats (not for strings a wildcard covers), by value. */
const repeatsFound = (found: readonly Finding[]) =>
  found.filter((f) => f.code === 'duplicate-action' && f.data?.coveredBy?.toLowerCase() === JSON.parse(f.at).toLowerCase()).map((f) => JSON.parse(f.at) as string).sort();

describe('known faults of the real role files (INDEX.md notes)', () => {
  // Both old built-ins carry the same two faults the notes name
  for (const [title, file] of [
    ['easimon: Backup Operator as of 2022-09 (KNOWN-BAD, a built-in role)', 'easimon__azure-builtin-roles__azure-roles__Backup Operator.at-1a0e07816e.json'],
    ['easimon: Backup Reader before 2022-09-28 (KNOWN-BAD, a built-in role)', 'easimon__azure-builtin-roles__azure-roles__Backup Reader.at-87e1131e17.json'],
  ]) {
    describe(title, () => {
      const text = read(file);

      it("names 'Microsoft.DataProtection/providers/operations/read', no operation, and the one that replaced it", () => {
        suggests(on(findings(text), 'unknown-action', 'Microsoft.DataProtection/providers/operations/read', 'warning'), 'Microsoft.DataProtection/operations/read');
      });

      it('flags its duplicated DataProtection actions once it is a custom role (as a built-in, hygiene is not judged)', () => {
        const expected = repeats(text);
        assert.ok(expected.length >= 4 && expected.every((x) => x.startsWith('Microsoft.DataProtection/')), JSON.stringify(expected));
        assert.deepEqual(repeatsFound(findings(asCustom(text))), expected);
        assert.deepEqual(repeatsFound(findings(text)), []);
      });
    });
  }

  describe('easimon: Backup Reader before 2022-09-28, a reader that grants writes (KNOWN-BAD)', () => {
    const found = findings(read('easimon__azure-builtin-roles__azure-roles__Backup Reader.at-87e1131e17.json'));

    it('finds a reader that grants the backup instance write, backup, validate-restore, restore and validate-for-backup', () => {
      const noted = [
        'Microsoft.DataProtection/backupVaults/backupInstances/write',
        'Microsoft.DataProtection/backupVaults/backupInstances/backup/action',
        'Microsoft.DataProtection/backupVaults/backupInstances/validateRestore/action',
        'Microsoft.DataProtection/backupVaults/backupInstances/restore/action',
        'Microsoft.DataProtection/backupVaults/validateForBackup/action',
      ];
      for (const value of noted) assert.match(on(found, 'reader-role-grants-writes', value, 'warning').message, /'Backup Reader' says it only reads/);
      assert.equal(found.filter((f) => f.code === 'reader-role-grants-writes').length, noted.length, 'on those five strings only');
    });

    it("and today's Backup Reader, which Microsoft fixed, has none of it", () => {
      const today = findings(read('easimon__azure-builtin-roles__azure-roles__Backup Reader.json'));
      assert.deepEqual(today.filter((f) => f.code === 'reader-role-grants-writes' || f.code === 'unknown-action').map((f) => f.message), []);
    });
  });

  describe('pacorreia: devops-developer (KNOWN-BAD)', () => {
    const text = read('pacorreia__azure-custom-role-tool__examples__devops-developer.json');
    const found = findings(text);

    it("leads 'Microsoft.Kubernetes/managedClusters/*' to Microsoft.ContainerService, the provider of AKS clusters", () => {
      suggests(on(found, 'wildcard-matches-nothing', 'Microsoft.Kubernetes/managedClusters/*', 'warning'), 'Microsoft.ContainerService/managedClusters/*');
    });

    it("leads 'fileServices/shares/files/*' to 'fileshares'", () => {
      suggests(on(found, 'wildcard-matches-nothing', 'Microsoft.Storage/storageAccounts/fileServices/shares/files/*', 'warning'), 'Microsoft.Storage/storageAccounts/fileServices/fileshares/files/*');
    });

    it("rejects the assignable scope '/' of a custom role", () => {
      on(found, 'invalid-assignable-scope', '/', 'error');
    });

    it("accepts what Azure accepts: 'Microsoft.Authorization/*/Delete' (names compare in any case), the extra CreatedOn/UpdatedOn/Type keys, Permissions[] nested", () => {
      assert.deepEqual(found.filter((f) => f.at === '"Microsoft.Authorization/*/Delete"' || f.code === 'invalid-role-shape').map((f) => f.message), []);
      const [role] = service.parse(text).roles;
      assert.deepEqual(role.blocks.map((b) => [b.lists.actions.items.length, b.lists.notActions.items.length, b.lists.dataActions.items.length]), [[17, 2, 4]]);
    });
  });

  describe('pacorreia: senior-developer (KNOWN-BAD)', () => {
    const found = findings(read('pacorreia__azure-custom-role-tool__examples__senior-developer.json'));

    it("names the misspelt provider 'Microsoft.Container Registries' and leads to Microsoft.ContainerRegistry", () => {
      suggests(on(found, 'unknown-action', 'Microsoft.Container Registries/registries/*', 'warning'), 'Microsoft.ContainerRegistry/registries/*');
    });

    it('finds the data actions of tables and views that SQL does not have', () => {
      on(found, 'wildcard-matches-nothing', 'Microsoft.Sql/servers/databases/tables/data/*', 'warning');
      on(found, 'wildcard-matches-nothing', 'Microsoft.Sql/servers/databases/views/data/*', 'warning');
    });

    it("leads 'fileServices/shares/files/*' to 'fileshares', and rejects the scope '/'", () => {
      suggests(on(found, 'wildcard-matches-nothing', 'Microsoft.Storage/storageAccounts/fileServices/shares/files/*', 'warning'), 'Microsoft.Storage/storageAccounts/fileServices/fileshares/files/*');
      on(found, 'invalid-assignable-scope', '/', 'error');
    });
  });

  describe('Enterprise-Scale: the VM backup policy identity made Owner (KNOWN-OVER-PRIVILEGED)', () => {
    const OWNER = "[concat('/providers/Microsoft.Authorization/roleDefinitions/', variables('rbacOwner'))]";

    it('suggests Backup Contributor and Virtual Machine Contributor for the Owner at the management group, the change Enterprise-Scale made', () => {
      const found = findings(read('Azure__Enterprise-Scale__eslzArm__managementGroupTemplates__policyAssignments__DINE-VMBackupPolicyAssignment.at-8d75c8fba5.json'));
      const f = on(found, 'broad-role-for-backup', OWNER, 'information', 'Owner');
      assert.match(f.message, /^'Owner' at a management group\b.*Backup Contributor.*Virtual Machine Contributor/);
    });

    it('and says nothing of the version with Backup Contributor and Virtual Machine Contributor', () => {
      const found = findings(read('Azure__Enterprise-Scale__eslzArm__managementGroupTemplates__policyAssignments__DINE-VMBackupPolicyAssignment.json'));
      assert.deepEqual(found.filter((f) => f.code === 'broad-role-for-backup').map((f) => f.message), []);
    });

    it('finds the same Owner for the VM backup policy in the treyresearch landing zone, and only there', () => {
      const text = read('Azure__Enterprise-Scale__docs__reference__treyresearch__armTemplates__auxiliary__lz.json');
      const found = findings(text).filter((f) => f.code === 'broad-role-for-backup');
      assert.equal(found.length, 1, 'the other Owner assignments are for policies that are not about backup');
      assert.equal(found[0].at, JSON.stringify(OWNER));
      assert.equal(found[0].severity, 'information');
      // it is the assignment to the Deploy-VM-Backup policy's identity (its principalId follows)
      assert.match(text.slice(found[0].offset, found[0].offset + 300), /"principalId": "\[if\(equals\(parameters\('enableVmBackup'\)/);
    });
  });
});
