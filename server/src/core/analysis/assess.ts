// How a role stands against each backup operation: per requirement (scope), what it grants, what
// it lacks and which notActions take what away; and which operations it is evidently meant for.
import { type BackupCatalog, type RequirementInfo, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import { memoKey } from '../../catalog/memo';
import type { BackupOperation, Permission } from '../../catalog/backup/backup-operations';
import { type CompiledBlock, type PermissionBlock, compileBlock } from '../../catalog/permissions';
import type { Pattern } from '../../catalog/wildcard';
import type { PermissionBlockModel, RoleDefinition, StringItem } from '../model/role-document';
import { lowerOf, patternOf } from '../model/string-item';
import { compileModelBlock } from './grants';
import { declaredScopes } from './directives';
import { type IntentWords, intentWords, pointsTo } from './intent-words';

export interface Blocked {
  readonly permission: Permission;
  /** the notActions / notDataActions strings that remove it (document items, when the role is in this document) */
  readonly by: readonly StringItem[];
}

/** A permission block with its strings as written, for roles that are not in the document at hand. */
export type PlainBlock = PermissionBlock;

export interface PartAssessment {
  readonly info: RequirementInfo;
  readonly missing: readonly Permission[];
  readonly blocked: readonly Blocked[];
  readonly optionalMissing: readonly Permission[];
  readonly total: number;
  /**
   * the role reaches for this scope: it names (without a wildcard) a permission of the part that is
   * not a read, or every read the part needs
   */
  readonly touched: boolean;
  /** the role names one of this part's signature permissions itself (what only an operator would hold) */
  readonly reached: boolean;
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
  /** declared for some of its scopes only (`<id>@<scope kind>`, as generated roles are): one role of several */
  readonly scoped: boolean;
  /** declared, or chosen as what the role's evidence (or its name or description) is for */
  readonly aimed: boolean;
  /** chosen only because the role's name or description points to it: what it lacks is said as information */
  readonly byWords: IntentWords | undefined;
  /**
   * the parts of the operations the table says this one needs "in addition" (cross-region restore:
   * the workload's restore), assessed against the same role
   */
  readonly also: readonly PartAssessment[];
  /** how many of the permissions the role names (without a wildcard) this operation, with what it needs in addition, uses */
  readonly used: number;
}

export interface RoleAssessment {
  /** every operation of the catalog (worked out on first use) */
  readonly operations: readonly OperationAssessment[];
  /** the operations declared, or chosen as what the role's evidence is for */
  readonly aimed: readonly OperationAssessment[];
  /** the assessment of the operations of a title, in table order */
  withTitle(title: string): readonly OperationAssessment[];
}

interface LiteralBlock {
  readonly compiled: CompiledBlock;
  /** the notActions / notDataActions strings of a document, to name what takes a permission away (none for plain blocks) */
  readonly deny: { readonly action: readonly StringItem[]; readonly data: readonly StringItem[] };
}

/** A block's allow patterns by provider, so a permission is tested against its provider's few only. */
interface IndexedBlock extends LiteralBlock {
  readonly byProvider: Readonly<Record<'action' | 'data', { readonly map: ReadonlyMap<string, readonly Pattern[]>; readonly any: readonly Pattern[] }>>;
}

function indexBlock(b: LiteralBlock): IndexedBlock {
  const index = (patterns: readonly Pattern[]) => {
    const map = new Map<string, Pattern[]>();
    const any: Pattern[] = [];
    for (const p of patterns) {
      if (p.provider === undefined) any.push(p);
      else {
        const list = map.get(p.provider);
        if (list) list.push(p);
        else map.set(p.provider, [p]);
      }
    }
    return { map, any };
  };
  return { ...b, byProvider: { action: index(b.compiled.allow.action), data: index(b.compiled.allow.data) } };
}

/** per backup catalog (a reloaded catalog makes a new one, and the old one takes them along), per block list */
const BLOCK_ASSESSMENTS = memoKey<WeakMap<readonly PlainBlock[], RoleAssessment>>('assessments of block lists');

/** Assesses permission blocks given as strings (a built-in role, a custom role of another file); remembered per block list. */
export function assessBlocks(blocks: readonly PlainBlock[], backup: BackupCatalog, declaredIds: ReadonlySet<string> = new Set()): RoleAssessment {
  if (declaredIds.size === 0) {
    const perBlocks = backup.memo.get(BLOCK_ASSESSMENTS, () => new WeakMap());
    let hit = perBlocks.get(blocks);
    if (!hit) {
      hit = assessPlain(blocks, backup, declaredIds);
      perBlocks.set(blocks, hit);
    }
    return hit;
  }
  return assessPlain(blocks, backup, declaredIds);
}

function assessPlain(blocks: readonly PlainBlock[], backup: BackupCatalog, declaredIds: ReadonlySet<string>): RoleAssessment {
  // only strings that can reach a provider of the backup catalog matter here
  const concern = (list: readonly string[]) => list.filter((a) => backup.mayConcern(a));
  const literal: LiteralBlock[] = blocks.map((b) => ({
    compiled: compileBlock({ actions: concern(b.actions), notActions: concern(b.notActions), dataActions: concern(b.dataActions), notDataActions: concern(b.notDataActions) }),
    deny: { action: [], data: [] },
  }));
  const explicit = new Set(blocks.flatMap((b) => [...concern(b.actions), ...concern(b.dataActions)]).filter((a) => !a.includes('*')).map((a) => a.toLowerCase()));
  return assessLiteral(literal, explicit, backup, declaredIds);
}

function literalBlock(block: PermissionBlockModel, backup: BackupCatalog): LiteralBlock | undefined {
  const lists = block.lists;
  // only strings that can reach a provider of the backup catalog matter here
  const concerns = (i: StringItem) => backup.mayConcernLower(lowerOf(i));
  const compiled = compileModelBlock(block, { literalOnly: true, keep: concerns });
  if (!compiled) return undefined;
  return { compiled, deny: { action: lists.notActions.items.filter(concerns), data: lists.notDataActions.items.filter(concerns) } };
}

/**
 * Assesses a role; undefined when its lists are computed at deployment (ARM expressions), since
 * then nothing can be said about what it lacks.
 */
export function assessRole(role: RoleDefinition, backup: BackupCatalog, declaredIds: ReadonlySet<string>): RoleAssessment | undefined {
  // the rule, the code lens and the coverage view all ask of the same parse: worked out once per
  // role, Backup catalog and declaration, and kept with the role
  const perCatalog = role.memo.get(ROLE_ASSESSMENTS, () => new WeakMap());
  let byDeclared = perCatalog.get(backup);
  if (!byDeclared) perCatalog.set(backup, (byDeclared = new Map()));
  const key = [...declaredIds].sort().join(',');
  if (!byDeclared.has(key)) byDeclared.set(key, assessRoleOnce(role, backup, declaredIds));
  return byDeclared.get(key);
}

const ROLE_ASSESSMENTS = memoKey<WeakMap<BackupCatalog, Map<string, RoleAssessment | undefined>>>('backup assessments of the role');

function assessRoleOnce(role: RoleDefinition, backup: BackupCatalog, declaredIds: ReadonlySet<string>): RoleAssessment | undefined {
  const blocks: LiteralBlock[] = [];
  for (const b of role.blocks) {
    const lb = literalBlock(b, backup);
    if (!lb) return undefined;
    blocks.push(lb);
  }
  const explicit = new Set<string>();
  for (const b of role.blocks) {
    for (const items of [b.lists.actions.items, b.lists.dataActions.items]) {
      for (const item of items) if (!item.expression && !item.value.includes('*')) explicit.add(lowerOf(item));
    }
  }
  return assessLiteral(blocks, explicit, backup, declaredIds, intentWords(role.name?.value, role.description));
}

interface Status {
  readonly granted: boolean;
  readonly by: readonly StringItem[];
}

/** The statuses every role shares (a status is read, never changed): granted, and lacking with no notActions to blame. */
const GRANTED: Status = Object.freeze({ granted: true, by: Object.freeze([]) });
const NOT_GRANTED: Status = Object.freeze({ granted: false, by: Object.freeze([]) });

/** Whether a pattern of the list (none when undefined) matches the lower-cased name. */
function matchesAny(patterns: readonly Pattern[] | undefined, lower: string): boolean {
  if (patterns) for (const p of patterns) if (p.matchesLower(lower)) return true;
  return false;
}

function assessLiteral(literal: readonly LiteralBlock[], explicit: ReadonlySet<string>, backup: BackupCatalog, declaredIds: ReadonlySet<string>,
  words?: IntentWords): RoleAssessment {
  const blocks = literal.map(indexBlock);
  const memo = new Map<Permission, Status>();
  const status = (permission: Permission): Status => {
    let s = memo.get(permission);
    if (s) return s;
    const lower = backup.lower(permission);
    const provider = backup.providerOf(permission);
    const plane = permission.data ? 'data' : 'action';
    let by: StringItem[] | undefined;
    s = NOT_GRANTED;
    for (const b of blocks) {
      const index = b.byProvider[plane];
      if (!matchesAny(index.map.get(provider), lower) && !matchesAny(index.any, lower)) continue;
      // the compiled deny list decides; the document's strings, when there are any, say which took it away
      if (!matchesAny(b.compiled.deny[plane], lower)) {
        s = GRANTED;
        break;
      }
      for (const i of b.deny[plane]) if (patternOf(i).matchesLower(lower)) (by ??= []).push(i);
    }
    if (s !== GRANTED && by) s = { granted: false, by };
    memo.set(permission, s);
    return s;
  };
  const held = (p: Permission) => explicit.has(backup.lower(p));

  const partCache = new Map<RequirementInfo, PartAssessment>();
  const assessPart = (info: RequirementInfo): PartAssessment => {
    let hit = partCache.get(info);
    if (hit) return hit;
    const missing: Permission[] = [];
    const blocked: Blocked[] = [];
    const optionalMissing: Permission[] = [];
    let total = 0;
    for (const permission of info.requirement.permissions) {
      if (!permission.optional) total++;
      const st = status(permission);
      if (st.granted) continue;
      if (permission.optional) optionalMissing.push(permission);
      else {
        missing.push(permission);
        if (st.by.length) blocked.push({ permission, by: st.by });
      }
    }
    hit = { info, missing, blocked, optionalMissing, total, touched: reachesFor(info), reached: info.signature.some(held), complete: missing.length === 0 };
    partCache.set(info, hit);
    return hit;
  };
  /**
   * Whether the role reaches for a scope: it names a permission of the part there that is not a
   * read, or every read the part needs (a read or two alone, as broad roles name them, say nothing).
   */
  const reachesFor = (info: RequirementInfo): boolean => info.nonReads.some(held) || (info.reads.length > 0 && info.reads.every(held));
  const alsoOf = (operation: BackupOperation): BackupOperation[] =>
    (operation.alsoNeeds ?? []).map((x) => backup.operation(x)).filter((o): o is BackupOperation => o !== undefined);

  const cache = new Map<BackupOperation, OperationAssessment>();
  const assess = (operation: BackupOperation): OperationAssessment => {
    let hit = cache.get(operation);
    if (hit) return hit;
    // declared for some of its scopes only (`<id>@<scope kind>`): judged there alone, as one of
    // several roles, so what the operation needs in addition is the other roles' to grant
    const scopes = declaredScopes(declaredIds, operation.id);
    const whole = scopes === undefined || scopes === 'all';
    const parts = backup.requirements(operation).filter((info) => whole || scopes.has(info.requirement.scope)).map(assessPart);
    const also = whole ? alsoOf(operation).flatMap((o) => backup.requirements(o).map(assessPart)) : [];
    const names = new Set<string>();
    for (const part of [...parts, ...also]) for (const p of part.info.requirement.permissions) if (held(p)) names.add(backup.lower(p));
    const primary = parts.filter((p) => p.info.backupSpecific);
    hit = {
      operation, parts, also, used: names.size, evidence: evidenceOf(operation),
      primaryComplete: primary.every((p) => p.complete),
      complete: parts.every((p) => p.complete),
      declared: scopes !== undefined,
      scoped: !whole,
      aimed: false,
      byWords: undefined,
    };
    cache.set(operation, hit);
    return hit;
  };
  const evidenceOf = (operation: BackupOperation): Permission[] => {
    const seen = new Map<string, Permission>();
    for (const info of backup.requirements(operation)) {
      if (!info.backupSpecific) continue;
      for (const p of info.signature) if (held(p)) seen.set(backup.lower(p), p);
    }
    return [...seen.values()];
  };
  /** the evidence an operation accounts for once chosen: its own, and that of what it needs in addition */
  const explainedBy = (operation: BackupOperation): Set<string> =>
    new Set([operation, ...alsoOf(operation)].flatMap((o) => evidenceOf(o).map((p) => backup.lower(p))));

  // Which operations the evidence is for. An operation is its id: each chosen one is checked for
  // every requirement of its own. Declared operations come first, and the evidence they account
  // for elects nothing else. Then a greedy cover of the signature permissions the role names,
  // preferring the operation that explains the most of them, then the most specific (the one that
  // uses the most of what the role names: SQL's restore over the VM's for a role that reads the
  // containers too), then one the role completes (a complete role is quiet), then one whose vault
  // side is complete, then the best covered vault side, then table order. A permission explained once is not evidence again, so "restore/action" makes one
  // restore operation aimed, not all six that use it. Only operations with evidence (or declared)
  // are worked out here.
  // (chosen in a function of its own: what the choice works with, the evidence left and what each
  // choice explains, is let go once it is made, not kept with the assessment for each role)
  const { chosen, byWords } = choose();
  function choose(): { chosen: Set<BackupOperation>; byWords: Map<BackupOperation, IntentWords> } {
    // evidence of intent needs a permission of the backup providers among the names: a role that
    // only writes deployments or VMs (as many do) is not taken for a backup role on that alone
    const evidenced = new Set<BackupOperation>();
    if (namesBackupPermission(explicit)) for (const name of explicit) for (const op of backup.evidenceFor(name)) evidenced.add(op);
    const isDeclared = (o: BackupOperation) => declaredScopes(declaredIds, o.id) !== undefined;
    const candidates = backup.operations.filter((o) => isDeclared(o) || evidenced.has(o));
    const chosen = new Set<BackupOperation>(candidates.filter(isDeclared));
    // what the declared operations explain is no evidence for another
    const explained = new Set([...chosen].flatMap((o) => [...explainedBy(o)]));
    let remaining = new Set(candidates.flatMap((o) => evidenceOf(o).map((p) => backup.lower(p))).filter((n) => !explained.has(n)));
    const ratio = (o: OperationAssessment) => {
      const primary = o.parts.filter((p) => p.info.backupSpecific);
      const total = primary.reduce((n, p) => n + p.total, 0);
      return total ? primary.reduce((n, p) => n + p.total - p.missing.length, 0) / total : 0;
    };
    while (remaining.size > 0) {
      const pick = best(candidates, (o) => {
        const explains = o.evidence.filter((p) => remaining.has(backup.lower(p))).length;
        return explains === 0 ? undefined : [explains, o.used, o.complete ? 1 : 0, o.primaryComplete ? 1 : 0, ratio(o)];
      });
      if (!pick) break;
      chosen.add(pick.operation);
      const now = explainedBy(pick.operation);
      remaining = new Set([...remaining].filter((n) => !now.has(n)));
    }

    // Then the role's own words: per kind of operation they name ("restore", "cross region
    // restore"…), of the workloads they name, the operation the role reaches for best (by a
    // signature permission of any of its scopes), unless one of that kind is chosen already. A role
    // that declares what it is for is taken at its word: its name and description elect nothing more.
    const byWords = new Map<BackupOperation, IntentWords>();
    if (words && ![...chosen].some(isDeclared)) {
      const w = words;
      for (const kind of w.kinds) {
        const points = (o: BackupOperation) => pointsTo(w, kind, o);
        if ([...chosen].some(points)) continue;
        const pick = best(backup.operations.filter((o) => points(o) && !chosen.has(o)), (o) =>
          o.parts.some((p) => p.reached) ? [o.used, o.complete ? 1 : 0, ratio(o)] : undefined);
        if (!pick) continue;
        chosen.add(pick.operation);
        byWords.set(pick.operation, w);
      }
    }
    return { chosen, byWords };
  }

  /** the best-scoring operation (scores compared in order, then table order); undefined scores are out */
  function best(ops: readonly BackupOperation[], score: (o: OperationAssessment) => number[] | undefined): OperationAssessment | undefined {
    let top: OperationAssessment | undefined;
    let topScore: number[] = [];
    for (const op of ops) {
      const o = assess(op);
      const sc = score(o);
      if (!sc) continue;
      if (!top || greater(sc, topScore)) {
        top = o;
        topScore = sc;
      }
    }
    return top;
  }

  // the assessments as given out: aimed where chosen (each made once)
  const finals = new Map<BackupOperation, OperationAssessment>();
  const get = (op: BackupOperation) => {
    let f = finals.get(op);
    if (!f) {
      f = chosen.has(op) ? { ...assess(op), aimed: true, byWords: byWords.get(op) } : assess(op);
      finals.set(op, f);
    }
    return f;
  };
  let all: OperationAssessment[] | undefined;
  return {
    get operations() {
      all ??= backup.operations.map(get);
      return all;
    },
    aimed: backup.operations.filter((o) => chosen.has(o)).map(get),
    withTitle: (title) => backup.operations.filter((o) => o.title === title).map(get),
  };
}

/** Lexicographic comparison of score vectors. */
function greater(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return false;
}

/**
 * The operations of the same title that a role's evidence cannot tell from one chosen for it: the
 * same vault side missing, and as much of what the role names used. A finding they would share
 * names their workloads together; each is still checked for its own requirements when chosen.
 */
export function sameAs(target: OperationAssessment, candidates: readonly OperationAssessment[]): OperationAssessment[] {
  const key = (o: OperationAssessment) => o.parts.filter((p) => p.info.backupSpecific).map((p) => p.missing.map((m) => m.name).join(',')).join(';');
  return candidates.filter((o) => o !== target && o.operation.title === target.operation.title && key(o) === key(target) && o.used === target.used);
}
