// What a role does for Azure Backup: the code lens over each role, the data of the coverage view
// (every operation, scope by scope, with what is missing), and the view's "add missing
// permissions" edit.
import { WORKLOAD_TABLE } from '../../catalog/backup/backup-operations';
import { backupCatalogFor, isBackupPermission } from '../../catalog/backup/backup-catalog';
import type { Range } from '../types';
import type { Catalog } from '../../catalog/catalog';
import { addPermissionsFix, addableOf, asAddition } from '../rules/missing-operation-permissions';
import type { Fix } from '../rules/rule';
import type { RoleDefinition, RoleDocument } from '../model/role-document';
import { type OperationAssessment, type RoleAssessment, assessRole, sameAs } from '../analysis/assess';
import { declaredIds } from '../analysis/directives';

// What the coverage view shows (the protocol carries it as it is: server/src/protocol.ts).
export interface RoleCoverage {
  /** the role's index in the document, as the code lens and the add request name it */
  readonly index: number;
  /** its roleName, else "role N" */
  readonly name: string;
  readonly builtIn: boolean;
  /** the role object (for an ARM template resource or a REST wrapper, the object around it) */
  readonly range: Range;
  /** what to select to show the role: its name, else where the object starts */
  readonly selection: Range;
  /** in a few words, as the code lens over the role says it */
  readonly summary: string;
  /** false when its lists are computed at deployment (ARM expressions): nothing can be told, operations is empty */
  readonly known: boolean;
  /** every operation of Microsoft's tables of minimum roles, in table order */
  readonly operations: readonly OperationCoverage[];
}

export interface OperationCoverage {
  /** the operation's stable id (docs/backup-operations.md) */
  readonly id: string;
  /** the table's "Management Operation" cell */
  readonly title: string;
  /** the table the operation belongs to ("Azure VM backup") */
  readonly workload: string;
  /** declared in a comment or the settings */
  readonly declared: boolean;
  /**
   * declared, or evidently meant: the role names a permission only an operator of it holds (an
   * operation of the same title in another table that lacks the same counts too, as the
   * missing-permissions warning names them)
   */
  readonly aimed: boolean;
  /** every scope has all it needs */
  readonly complete: boolean;
  readonly parts: readonly ScopeCoverage[];
}

/** One row of the table: what the operation needs at one scope. */
export interface ScopeCoverage {
  /** the requirement's index within the operation */
  readonly index: number;
  /** "the subscription of the Recovery Services vault" */
  readonly where: string;
  /** the minimum built-in role the table names there */
  readonly role: string;
  /** how many permissions it needs there (optional ones not counted) */
  readonly total: number;
  readonly missing: readonly MissingPermission[];
}

export interface MissingPermission {
  readonly name: string;
  /** a data action (goes in dataActions) */
  readonly data: boolean;
  /** the allow lists grant it, but these notActions / notDataActions entries take it away (empty: not granted at all) */
  readonly takenAwayBy: readonly string[];
}


export interface BackupLens {
  readonly roleIndex: number;
  /**
   * where the lens sits: the role object (an ARM template's resource, a REST wrapper), so the
   * editor shows it on the line above the one the role starts on
   */
  readonly offset: number;
  readonly length: number;
  readonly title: string;
  /** 'compare': the nearest built-in role (features/compare.ts), which opens nothing; else the role's coverage */
  readonly kind?: 'compare';
}

function assessDocumentRole(document: RoleDocument, catalog: Catalog, roleIndex: number, declared: readonly string[] = []): RoleAssessment | undefined {
  return assessWithIds(document, catalog, roleIndex, declared)?.assessment;
}

/** The assessment, with the operation ids declared for the role (`<id>@<scope kind>` for one scope). */
function assessWithIds(document: RoleDocument, catalog: Catalog, roleIndex: number, declared: readonly string[] = []): { assessment: RoleAssessment; ids: ReadonlySet<string> } | undefined {
  const role = document.roles[roleIndex];
  if (!role) return undefined;
  const backup = backupCatalogFor(catalog);
  const ids = declaredIds(role, document, declared, backup).ids;
  const assessment = assessRole(role, backup, ids);
  return assessment && { assessment, ids };
}

/**
 * For a role declared for operations at some of their scopes (as generated roles are): what it
 * enables there, by where ("enables Restore VM at the Recovery Services vault"), and what it lacks.
 */
function scopedSummary(assessment: RoleAssessment): string {
  const byWhere = new Map<string, string[]>();
  const lacking: string[] = [];
  for (const o of assessment.operations) {
    if (!o.declared) continue;
    const where = [...new Set(o.parts.map((p) => p.info.requirement.where))].join(' and ');
    if (o.complete) byWhere.set(where, [...(byWhere.get(where) ?? []), o.operation.title]);
    else lacking.push(`${o.operation.title} at ${where}: ${o.parts.reduce((n, p) => n + p.missing.length, 0)} missing`);
  }
  const enabled = [...byWhere].map(([where, list]) => `${names([...new Set(list)], 3)} at ${where}`);
  return [...(enabled.length ? [`enables ${enabled.join('; ')}`] : []), ...lacking].join(' · ');
}

/** What the lens says of a role: for one declared for some scopes of operations, what it enables there; else summaryOf's few words. */
function lensSummary(role: RoleDefinition, assessed: { assessment: RoleAssessment; ids: ReadonlySet<string> }): string | undefined {
  return [...assessed.ids].some((id) => id.includes('@')) ? scopedSummary(assessed.assessment) : summaryOf(role, assessed.assessment);
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

/** The object a role is written in: its ARM resource or REST wrapper, else the role object itself. */
const holderOf = (role: RoleDefinition) => role.resource ?? role.node;

/**
 * What a role does for Azure Backup, in a few words ("enables On-demand backup of VM · Cross
 * region restore: 1 missing"); undefined for a role that has nothing to do with backup.
 */
function summaryOf(role: RoleDefinition, assessment: RoleAssessment): string | undefined {
  const full = assessment.operations.filter((o) => o.complete);
  const vaultSide = assessment.operations.filter((o) => o.primaryComplete && !o.complete && o.parts.some((p) => p.info.backupSpecific && p.touched));
  const near = assessment.aimed.filter((o) => !o.primaryComplete);
  if (!full.length && !vaultSide.length && !near.length && !mentionsBackup(role)) return undefined;
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
  return segments.join(' · ');
}

export function backupLenses(document: RoleDocument, catalog: Catalog, declared: readonly string[] = []): BackupLens[] {
  const lenses: BackupLens[] = [];
  document.roles.forEach((role, roleIndex) => {
    if (role.builtIn) return;
    const assessed = assessWithIds(document, catalog, roleIndex, declared);
    const summary = assessed && lensSummary(role, assessed);
    if (!summary) return;
    const at = holderOf(role);
    lenses.push({ roleIndex, offset: at.offset, length: at.length, title: `Azure Backup: ${summary}` });
  });
  return lenses;
}

function operationCoverage(o: OperationAssessment, aimed: boolean): OperationCoverage {
  return {
    id: o.operation.id, title: o.operation.title, workload: WORKLOAD_TABLE[o.operation.workload],
    declared: o.declared, aimed, complete: o.complete,
    parts: o.parts.map((part) => ({
      index: part.info.index, where: part.info.requirement.where, role: part.info.requirement.role, total: part.total,
      missing: part.missing.map((m) => ({
        name: m.name, data: !!m.data,
        takenAwayBy: [...new Set(part.blocked.find((b) => b.permission === m)?.by.map((i) => i.value) ?? [])],
      })),
    })),
  };
}

/**
 * The operations the evidence speaks for besides the ones it was counted for: those of the same
 * title in another table that lack the same (as the missing-permissions warning names them).
 */
function twins(assessment: RoleAssessment): Set<OperationAssessment> {
  return new Set(assessment.aimed.filter((a) => !a.declared).flatMap((a) => sameAs(a, assessment.withTitle(a.operation.title))));
}

function operationsOf(assessment: RoleAssessment): OperationCoverage[] {
  const also = twins(assessment);
  return assessment.operations.map((o) => operationCoverage(o, o.aimed || also.has(o)));
}

/** The coverage view's data: every role of the document against every backup operation, scope by scope. */
export function documentCoverage(document: RoleDocument, catalog: Catalog, declared: readonly string[] = []): RoleCoverage[] {
  return document.roles.map((role, index) => {
    const holder = holderOf(role);
    const at = role.name?.node ?? { offset: holder.offset, length: 0 };
    const assessed = assessWithIds(document, catalog, index, declared);
    const assessment = assessed?.assessment;
    return {
      index, name: role.name?.value ?? `role ${index + 1}`, builtIn: role.builtIn,
      range: document.lines.range(holder.offset, holder.length),
      selection: document.lines.range(at.offset, at.length),
      summary: assessed ? lensSummary(role, assessed) ?? 'no Azure Backup permissions' : 'permissions computed at deployment',
      known: !!assessment,
      operations: assessment ? operationsOf(assessment) : [],
    };
  });
}

/** What the view's "Add missing permissions" acts on: an operation of a role, one of its scopes, or one permission. */
export interface AddTarget {
  /** RoleCoverage.index */
  readonly role: number;
  /** OperationCoverage.id */
  readonly operation: string;
  /** only this scope (ScopeCoverage.index) */
  readonly part?: number;
  /** only this permission (of that scope, when one is given) */
  readonly permission?: string;
}

/**
 * The edit behind "Add missing permissions": what the role lacks for the operation (at the scope,
 * or the one permission), added as the quick fix adds it. What notActions take away is left out:
 * adding it to the allow list would not grant it. Undefined when there is nothing to add.
 */
export function addMissingPermissions(document: RoleDocument, catalog: Catalog, target: AddTarget, declared: readonly string[] = []): Fix | undefined {
  if (!Number.isInteger(target.role) || typeof target.operation !== 'string') return undefined;
  const role = document.roles[target.role];
  const op = role && assessDocumentRole(document, catalog, target.role, declared)?.operations.find((o) => o.operation.id === target.operation);
  if (!op) return undefined;
  const parts = target.part === undefined ? op.parts : op.parts.filter((p) => p.info.index === target.part);
  const wanted = parts.flatMap(addableOf).filter((m) => target.permission === undefined || m.name === target.permission).map(asAddition);
  return wanted.length ? addPermissionsFix(document, role, wanted, op.operation.title) : undefined;
}
