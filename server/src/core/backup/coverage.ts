// What a role does for Azure Backup, for the code lens over each role and the coverage table
// the lens opens.
import { WORKLOAD_TABLE, type Workload } from '../../catalog/backup/backup-operations';
import { backupCatalogFor, isBackupPermission } from '../../catalog/backup/backup-catalog';
import type { Catalog } from '../../catalog/catalog';
import type { RoleDefinition, RoleDocument } from '../role-document';
import { type OperationAssessment, type RoleAssessment, assessRole } from './assess';
import { declaredIds } from './directives';

export interface BackupLens {
  readonly roleIndex: number;
  /** where the lens sits: the role's name, else its object */
  readonly offset: number;
  readonly length: number;
  readonly title: string;
}

export function assessDocumentRole(document: RoleDocument, catalog: Catalog, roleIndex: number, declared: readonly string[] = []): RoleAssessment | undefined {
  const role = document.roles[roleIndex];
  if (!role) return undefined;
  const backup = backupCatalogFor(catalog);
  return assessRole(role, backup, declaredIds(role, document.roles, document.text, declared, backup).ids);
}

function titles(ops: readonly OperationAssessment[]): string[] {
  return [...new Set(ops.map((o) => o.operation.title))];
}

function names(list: readonly string[], max = 2): string {
  return list.length <= max ? list.join(', ') : `${list.slice(0, max).join(', ')} +${list.length - max}`;
}

function mentionsBackup(role: RoleDefinition): boolean {
  return role.blocks.some((b) => [...b.lists.actions.items, ...b.lists.dataActions.items].some((i) => !i.expression && (isBackupPermission(i.value) || i.value.startsWith('*'))));
}

export function backupLenses(document: RoleDocument, catalog: Catalog, declared: readonly string[] = []): BackupLens[] {
  const lenses: BackupLens[] = [];
  document.roles.forEach((role, roleIndex) => {
    if (role.builtIn) return;
    const assessment = assessDocumentRole(document, catalog, roleIndex, declared);
    if (!assessment) return;
    const full = assessment.operations.filter((o) => o.complete);
    const vaultSide = assessment.operations.filter((o) => o.primaryComplete && !o.complete && o.parts.some((p) => p.info.backupSpecific && p.touched));
    const near = assessment.aimed.filter((o) => !o.primaryComplete);
    if (!full.length && !vaultSide.length && !near.length && !mentionsBackup(role)) return;
    const segments: string[] = [];
    if (full.length === assessment.operations.length) segments.push(`enables all ${full.length} operations`);
    else if (full.length) segments.push(`enables ${names(titles(full))}`);
    if (vaultSide.length) segments.push(`vault side of ${names(titles(vaultSide))}`);
    const nearTitles = new Map<string, number>();
    for (const o of near) {
      const missing = o.parts.filter((p) => p.info.backupSpecific).reduce((n, p) => n + p.missing.length, 0);
      nearTitles.set(o.operation.title, Math.min(nearTitles.get(o.operation.title) ?? missing, missing));
    }
    for (const [title, missing] of [...nearTitles].slice(0, 2)) segments.push(`${title}: ${missing} missing`);
    if (segments.length === 0) segments.push('no management operation');
    const at = role.name?.node ?? role.resource ?? role.node;
    lenses.push({ roleIndex, offset: at.offset, length: at.length, title: `Azure Backup: ${segments.join(' · ')}` });
  });
  return lenses;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The coverage table of one role, as Markdown. */
export function coverageMarkdown(document: RoleDocument, catalog: Catalog, roleIndex: number, declared: readonly string[] = []): string {
  const role = document.roles[roleIndex];
  const name = role?.name?.value ?? `role ${roleIndex + 1}`;
  const assessment = assessDocumentRole(document, catalog, roleIndex, declared);
  const out = [`# Azure Backup coverage: ${name}`, ''];
  if (!assessment) {
    out.push('The role\'s permissions are computed at deployment (ARM expressions), so its coverage cannot be told.');
    return out.join('\n') + '\n';
  }
  out.push(
    "For every management operation of Microsoft's tables of minimum roles: what this role grants of what the operation needs, scope by scope.",
    'A role acts at the scope it is assigned; an operation whose needs lie at several scopes takes this role assigned where they all meet, or other roles at the other scopes.',
    '',
    '✓ all granted · ✗ some missing (listed; ✗⃠ taken away by notActions) · — none granted',
    '',
  );
  const byWorkload = new Map<Workload, OperationAssessment[]>();
  for (const o of assessment.operations) byWorkload.set(o.operation.workload, [...(byWorkload.get(o.operation.workload) ?? []), o]);
  for (const [workload, ops] of byWorkload) {
    out.push(`## ${WORKLOAD_TABLE[workload]}`, '', '| Operation | Scope | Minimum role | This role |', '|---|---|---|---|');
    for (const o of ops) {
      o.parts.forEach((part, i) => {
        const r = part.info.requirement;
        let status: string;
        if (part.complete) status = '✓';
        else if (part.missing.length === part.total && !o.aimed) status = '—';
        else {
          const blocked = new Set(part.blocked.map((b) => b.permission.name));
          status = `✗ ${part.missing.length} of ${part.total}: ${part.missing.map((m) => `\`${m.name}\`${blocked.has(m.name) ? ' ✗⃠' : ''}`).join(', ')}`;
        }
        const flag = o.aimed && i === 0 ? (o.declared ? ' (declared)' : ' (meant for)') : '';
        out.push(`| ${i === 0 ? cell(o.operation.title) + flag : ''} | ${cell(r.where)} | ${cell(r.role)} | ${cell(status)} |`);
      });
    }
    out.push('');
  }
  return out.join('\n');
}
