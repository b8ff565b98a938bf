// How a role stands against each backup operation: per requirement (scope), what it grants, what
// it lacks and which notActions take what away; and which operations it is evidently meant for.
import { type BackupCatalog, type RequirementInfo } from '../../catalog/backup/backup-catalog';
import type { BackupOperation, Permission } from '../../catalog/backup/backup-operations';
import { type CompiledBlock, compileBlock } from '../../catalog/permissions';
import { pattern } from '../../catalog/wildcard';
import type { PermissionBlockModel, RoleDefinition, StringItem } from '../role-document';

export interface Blocked {
  readonly permission: Permission;
  /** the notActions / notDataActions strings that remove it (document items, when the role is in this document) */
  readonly by: readonly StringItem[];
}

/** A permission block with its strings as written, for roles that are not in the document at hand. */
export interface PlainBlock {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

export interface PartAssessment {
  readonly info: RequirementInfo;
  readonly missing: readonly Permission[];
  readonly blocked: readonly Blocked[];
  readonly optionalMissing: readonly Permission[];
  readonly total: number;
  /** the role names one of this part's signature permissions itself */
  readonly touched: boolean;
  readonly complete: boolean;
}

export interface OperationAssessment {
  readonly operation: BackupOperation;
  readonly parts: readonly PartAssessment[];
  /** the vault side (Recovery Services / Data Protection permissions) is complete */
  readonly primaryComplete: boolean;
  /** every part is complete: held by one role assigned where all scopes meet, it would do the operation */
  readonly complete: boolean;
  /** signature permissions of the vault side that the role names itself */
  readonly evidence: readonly Permission[];
  readonly declared: boolean;
  /** declared, or chosen as what the role's evidence is for */
  readonly aimed: boolean;
}

export interface RoleAssessment {
  readonly operations: readonly OperationAssessment[];
  readonly aimed: readonly OperationAssessment[];
}

interface LiteralBlock {
  readonly compiled: CompiledBlock;
  readonly deny: { readonly action: readonly StringItem[]; readonly data: readonly StringItem[] };
}

/** Assesses permission blocks given as strings (a built-in role, a custom role of another file). */
export function assessBlocks(blocks: readonly PlainBlock[], backup: BackupCatalog, declaredIds: ReadonlySet<string> = new Set()): RoleAssessment {
  const literal: LiteralBlock[] = blocks.map((b) => ({ compiled: compileBlock(b), deny: { action: [], data: [] } }));
  const explicit = new Set(blocks.flatMap((b) => [...b.actions, ...b.dataActions]).filter((a) => !a.includes('*')).map((a) => a.toLowerCase()));
  return assessLiteral(literal, explicit, backup, declaredIds);
}

function literalBlock(block: PermissionBlockModel): LiteralBlock | undefined {
  const lists = block.lists;
  const all = [lists.actions, lists.notActions, lists.dataActions, lists.notDataActions];
  if (all.some((l) => l.expression || l.items.some((i) => i.expression))) return undefined;
  const literal = (items: readonly StringItem[]) => items.filter((i) => !i.expression);
  const values = (items: readonly StringItem[]) => literal(items).map((i) => i.value);
  return {
    compiled: compileBlock({
      actions: values(lists.actions.items), notActions: values(lists.notActions.items),
      dataActions: values(lists.dataActions.items), notDataActions: values(lists.notDataActions.items),
    }),
    deny: { action: literal(lists.notActions.items), data: literal(lists.notDataActions.items) },
  };
}

/**
 * Assesses a role; undefined when its lists are computed at deployment (ARM expressions), since
 * then nothing can be said about what it lacks.
 */
export function assessRole(role: RoleDefinition, backup: BackupCatalog, declaredIds: ReadonlySet<string>): RoleAssessment | undefined {
  const blocks: LiteralBlock[] = [];
  for (const b of role.blocks) {
    const lb = literalBlock(b);
    if (!lb) return undefined;
    blocks.push(lb);
  }
  const explicit = new Set<string>();
  for (const b of role.blocks) {
    for (const item of [...b.lists.actions.items, ...b.lists.dataActions.items]) {
      if (!item.expression && !item.value.includes('*')) explicit.add(item.value.toLowerCase());
    }
  }
  return assessLiteral(blocks, explicit, backup, declaredIds);
}

function assessLiteral(blocks: readonly LiteralBlock[], explicit: ReadonlySet<string>, backup: BackupCatalog, declaredIds: ReadonlySet<string>): RoleAssessment {
  const status = (permission: Permission): { granted: boolean; by: StringItem[] } => {
    const lower = permission.name.toLowerCase();
    const plane = permission.data ? 'data' : 'action';
    const by: StringItem[] = [];
    for (const b of blocks) {
      if (!b.compiled.allow[plane].some((p) => p.matchesLower(lower))) continue;
      const deny = b.deny[plane].filter((i) => pattern(i.value).matchesLower(lower));
      if (deny.length === 0) return { granted: true, by: [] };
      by.push(...deny);
    }
    return { granted: false, by };
  };

  const operations: OperationAssessment[] = backup.operations.map((operation) => {
    const parts: PartAssessment[] = backup.requirements(operation).map((info) => {
      const missing: Permission[] = [];
      const blocked: Blocked[] = [];
      const optionalMissing: Permission[] = [];
      for (const permission of info.requirement.permissions) {
        const s = status(permission);
        if (s.granted) continue;
        if (permission.optional) optionalMissing.push(permission);
        else {
          missing.push(permission);
          if (s.by.length) blocked.push({ permission, by: s.by });
        }
      }
      return {
        info, missing, blocked, optionalMissing,
        total: info.requirement.permissions.filter((p) => !p.optional).length,
        touched: info.signature.some((p) => explicit.has(p.name.toLowerCase())),
        complete: missing.length === 0,
      };
    });
    const primary = parts.filter((p) => p.info.backupSpecific);
    const evidence = [...new Map(primary.flatMap((p) => p.info.signature).filter((p) => explicit.has(p.name.toLowerCase())).map((p) => [p.name.toLowerCase(), p])).values()];
    return {
      operation, parts, evidence,
      primaryComplete: primary.every((p) => p.complete),
      complete: parts.every((p) => p.complete),
      declared: declaredIds.has(operation.id),
      aimed: false,
    };
  });

  // Which operations the evidence is for: a greedy cover of the signature permissions the role
  // names, preferring the operation that explains the most of them, then one the role completes,
  // then the best covered, then table order. A permission explained once is not evidence again,
  // so "restore/action" makes one restore operation aimed, not all six that use it.
  const chosen = new Set<OperationAssessment>(operations.filter((o) => o.declared));
  let remaining = new Set(operations.flatMap((o) => o.evidence.map((p) => p.name.toLowerCase())));
  const ratio = (o: OperationAssessment) => {
    const primary = o.parts.filter((p) => p.info.backupSpecific);
    const total = primary.reduce((n, p) => n + p.total, 0);
    return total ? primary.reduce((n, p) => n + p.total - p.missing.length, 0) / total : 0;
  };
  while (remaining.size > 0) {
    let best: OperationAssessment | undefined;
    let bestScore: number[] = [];
    operations.forEach((o, index) => {
      const explains = o.evidence.filter((p) => remaining.has(p.name.toLowerCase())).length;
      if (explains === 0) return;
      const score = [explains, o.primaryComplete ? 1 : 0, ratio(o), -index];
      if (!best || greater(score, bestScore)) {
        best = o;
        bestScore = score;
      }
    });
    if (!best) break;
    chosen.add(best);
    const explained = new Set((best as OperationAssessment).evidence.map((p) => p.name.toLowerCase()));
    remaining = new Set([...remaining].filter((n) => !explained.has(n)));
  }
  const final = operations.map((o) => (chosen.has(o) ? { ...o, aimed: true } : o));
  return { operations: final, aimed: final.filter((o) => o.aimed) };
}

/** Lexicographic comparison of score vectors. */
function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/** Operations of the same title whose assessment says the same: reported once, named together. */
export function sameAs(target: OperationAssessment, all: readonly OperationAssessment[]): OperationAssessment[] {
  const key = (o: OperationAssessment) => o.parts.filter((p) => p.info.backupSpecific).map((p) => p.missing.map((m) => m.name).join(',')).join(';');
  return all.filter((o) => o !== target && o.operation.title === target.operation.title && key(o) === key(target));
}
