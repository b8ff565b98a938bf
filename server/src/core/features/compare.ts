// Compare: what two roles grant that the other does not, after wildcards and notActions, operation
// by operation (the CLI's `diff`), and, for a custom role, the nearest built-in role: the code lens
// over the role and the hover on its name ("Backup Operator minus 12, plus 1: …"), so a reviewer
// sees whether the custom role is needed at all.
import type { BuiltInRole, Catalog } from '../../catalog/catalog';
import { memoKey } from '../../catalog/memo';
import type { CompiledBlock } from '../../catalog/permissions';
import { type Granted, type OperationSet, builtInSets, grantedOnlyBy, operationSet, sharedCount } from '../analysis/operation-set';
import { compileModelBlock } from '../analysis/grants';
import type { RoleDefinition, RoleDocument } from '../model/role-document';
import { count, shortForm, thousands } from '../messages';
import type { BackupLens } from './coverage';

export type { Granted } from '../analysis/operation-set';

/** One side of a comparison, as a reader knows it. */
export interface ComparedRole {
  readonly name: string;
  readonly kind: 'built-in' | 'custom';
  /** a built-in (or imported) role's GUID */
  readonly id?: string;
  /** where a custom role is written: a file, or "your imported roles" */
  readonly definedIn?: string;
}

export interface RoleDiff {
  readonly a: ComparedRole;
  readonly b: ComparedRole;
  /** what A grants and B does not */
  readonly onlyA: readonly Granted[];
  /** what B grants and A does not */
  readonly onlyB: readonly Granted[];
  /** how many catalog operations both grant */
  readonly both: number;
  /** the catalog the operations are counted over */
  readonly catalogNote: string;
}

/** The comparison of two roles' grants. */
export function diffRoles(catalog: Catalog, a: ComparedRole, aSet: OperationSet, b: ComparedRole, bSet: OperationSet): RoleDiff {
  return {
    a, b, onlyA: grantedOnlyBy(catalog, aSet, bSet), onlyB: grantedOnlyBy(catalog, bSet, aSet), both: sharedCount(aSet, bSet),
    catalogNote: `after wildcards and notActions, over the ${thousands(catalog.operationCount)} operations of the catalog of ${catalog.date}`,
  };
}

/** A built-in role (or one of the user's imported roles) as a side of a comparison. */
export function builtInSide(catalog: Catalog, role: BuiltInRole): { role: ComparedRole; set: OperationSet } {
  const set = builtInSets(catalog).get(role) ?? operationSet(catalog, catalog.compiled(role));
  return { role: { name: role.name, kind: role.custom ? 'custom' : 'built-in', id: role.id, ...(role.custom ? { definedIn: catalog.imported?.roles?.file ?? 'your imported roles' } : {}) }, set };
}

/**
 * What a role of a document grants over the catalog; undefined when some list or string of it is
 * computed at deployment (what it grants cannot be told from the file). Not kept: a set is a few
 * kilobytes, and the lens and the hover keep only the comparison (`nearestToRole`).
 */
export function roleOperationSet(catalog: Catalog, role: RoleDefinition): OperationSet | undefined {
  const blocks = role.blocks.map((b) => compileModelBlock(b, { literalOnly: true }));
  return blocks.every((b): b is CompiledBlock => b !== undefined) ? operationSet(catalog, blocks) : undefined;
}

export interface NearestBuiltIn {
  readonly role: BuiltInRole;
  /** what the built-in role grants and the custom role does not */
  readonly minus: readonly Granted[];
  /** what the custom role grants and the built-in role does not */
  readonly plus: readonly Granted[];
  /** the smallest built-in role granting all the custom role grants, and how many operations it grants besides */
  readonly covering?: { readonly role: BuiltInRole; readonly extra: number };
}

/** Backup's roles win a tie: a reviewer of a backup role compares it with them first. */
const backupFirst = (r: BuiltInRole) => (/\bbackup\b/i.test(r.name) ? 0 : 1);

/**
 * The built-in role whose grants are most like the set's: the most operations in common for the
 * operations either grants (so a small role is compared with the role it is a part of, not with
 * a small role it barely touches); ties to the one the role adds least to, then Backup's roles,
 * then the shortest name (Reader, not App Compliance Automation Reader, for `*\/read`). With it, the smallest built-in role that grants all of the set. Undefined when no
 * built-in role shares an operation with it.
 */
export function nearestBuiltIn(catalog: Catalog, set: OperationSet): NearestBuiltIn | undefined {
  let best: { role: BuiltInRole; set: OperationSet; likeness: number; plus: number } | undefined;
  let covering: { role: BuiltInRole; set: OperationSet } | undefined;
  for (const [role, other] of builtInSets(catalog)) {
    const shared = sharedCount(set, other);
    if (shared === 0) continue;
    const plus = set.size - shared + set.unknown.length;
    const likeness = shared / (plus + other.size);
    if (!best || likeness > best.likeness || (likeness === best.likeness && (plus < best.plus
      || (plus === best.plus && (backupFirst(role) - backupFirst(best.role) || role.name.length - best.role.name.length || role.name.localeCompare(best.role.name)) < 0)))) {
      best = { role, set: other, likeness, plus };
    }
    if (shared === set.size && (!covering || other.size < covering.set.size) && grantedOnlyBy(catalog, set, other).length === 0) covering = { role, set: other };
  }
  if (!best) return undefined;
  return {
    role: best.role, minus: grantedOnlyBy(catalog, best.set, set), plus: grantedOnlyBy(catalog, set, best.set),
    ...(covering && covering.role !== best.role ? { covering: { role: covering.role, extra: covering.set.size - set.size } } : {}),
  };
}

const NEAREST = memoKey<WeakMap<Catalog, NearestBuiltIn | null>>('nearest built-in role');

/** The nearest built-in role to a custom role of a document, kept with the role; undefined for a built-in role or one that cannot be told. */
export function nearestToRole(catalog: Catalog, role: RoleDefinition): NearestBuiltIn | undefined {
  if (role.builtIn) return undefined;
  const perCatalog = role.memo.get(NEAREST, () => new WeakMap());
  let nearest = perCatalog.get(catalog);
  if (nearest === undefined) {
    const set = roleOperationSet(catalog, role);
    nearest = (set && set.size + set.unknown.length > 0 && nearestBuiltIn(catalog, set)) || null;
    perCatalog.set(catalog, nearest);
  }
  return nearest ?? undefined;
}

/** Names in a lens: the last segments that tell them apart. */
function shortNames(list: readonly Granted[], max: number): string {
  const shown = list.slice(0, max).map((g) => shortForm(g.name, 48).slice(1, -1));
  return shown.join(', ') + (list.length > max ? `, +${list.length - max}` : '');
}

/** "Backup Operator minus 12, plus 1: …/backupCrossRegionRestore/action", or that the two grant the same. */
export function nearestSummary(nearest: NearestBuiltIn): string {
  const { role, minus, plus } = nearest;
  if (!minus.length && !plus.length) return `grants the same as built-in role ${role.name}: that role would do`;
  const parts = [];
  if (minus.length) parts.push(`minus ${minus.length}`);
  if (plus.length) parts.push(`plus ${plus.length}: ${shortNames(plus, 2)}`);
  return `nearest built-in role ${role.name} ${parts.join(', ')}`;
}

/** The code lens over each custom role whose grants can be told: how it compares with the nearest built-in role. */
export function compareLenses(document: RoleDocument, catalog: Catalog): BackupLens[] {
  const lenses: BackupLens[] = [];
  document.roles.forEach((role, roleIndex) => {
    const nearest = nearestToRole(catalog, role);
    if (!nearest) return;
    const at = role.resource ?? role.node;
    lenses.push({ roleIndex, offset: at.offset, length: at.length, title: `Compared: ${nearestSummary(nearest)}`, kind: 'compare' });
  });
  return lenses;
}

const LISTED = 10;

function listed(list: readonly Granted[], style: (g: Granted) => string): string[] {
  const lines = list.slice(0, LISTED).map((g) => `- ${style(g)}`);
  if (list.length > LISTED) lines.push(`- … and ${thousands(list.length - LISTED)} more`);
  return lines;
}

function grantedLabel(g: Granted): string {
  return `${g.plane === 'data' ? ' (data action)' : ''}${g.known ? '' : ' (not in the catalog)'}`;
}

/** The hover on a custom role's name: the nearest built-in role, and what each grants that the other does not. */
export function compareHoverMarkdown(catalog: Catalog, role: RoleDefinition): string | undefined {
  const nearest = nearestToRole(catalog, role);
  if (!nearest) return undefined;
  const name = nearest.role.name;
  const lines = [`**Compared with the built-in roles**`, ''];
  if (!nearest.minus.length && !nearest.plus.length) {
    lines.push(`Grants the same as **${name}** (\`${nearest.role.id}\`), after wildcards and notActions: that role would do.`);
  } else {
    lines.push(`Nearest: **${name}** (\`${nearest.role.id}\`) minus ${nearest.minus.length}, plus ${nearest.plus.length}.`);
    if (nearest.plus.length) lines.push('', `This role grants, ${name} does not (${nearest.plus.length}):`, ...listed(nearest.plus, (g) => `\`${g.name}\`${grantedLabel(g)}`));
    if (nearest.minus.length) lines.push('', `${name} grants, this role does not (${nearest.minus.length}):`, ...listed(nearest.minus, (g) => `\`${g.name}\`${grantedLabel(g)}`));
  }
  if (nearest.covering) lines.push('', `Smallest built-in role that grants all of it: **${nearest.covering.role.name}**, with ${count(nearest.covering.extra, 'operation')} more.`);
  lines.push('', `_After wildcards and notActions, over the catalog of ${catalog.date} (built-in roles as of ${catalog.rolesDate})._`);
  return lines.join('\n');
}

function sideText(side: ComparedRole): string {
  if (side.kind === 'built-in') return `${side.name} (built-in role ${side.id ?? ''})`;
  return `${side.name} (custom role${side.definedIn ? ` in ${side.definedIn}` : ''})`;
}

/** The CLI's `diff` as text. */
export function diffText(diff: RoleDiff): string {
  const lines = [`A: ${sideText(diff.a)}`, `B: ${sideText(diff.b)}`, ''];
  if (!diff.onlyA.length && !diff.onlyB.length) lines.push(`A and B grant the same ${count(diff.both, 'operation')}.`);
  else {
    for (const [label, list] of [['Only A grants', diff.onlyA], ['Only B grants', diff.onlyB]] as const) {
      lines.push(`${label} (${thousands(list.length)})${list.length ? ':' : ''}`, ...list.map((g) => `  ${g.name}${grantedLabel(g)}`), '');
    }
    lines.push(`Both grant ${count(diff.both, 'operation')}.`);
  }
  lines.push(`Compared ${diff.catalogNote}.`);
  return lines.join('\n') + '\n';
}

/** A role of a file for the CLI's `diff`, or why none can be taken. */
export type RoleChoice = { readonly kind: 'role'; readonly role: ComparedRole; readonly set: OperationSet } | { readonly kind: 'problem'; readonly message: string };

/**
 * The role of a document a `diff` operand names: `file` alone when the file holds one role,
 * `file#<roleName>` (any case) or `file#<n>` (1-based, in the file's order) when it holds several.
 */
export function chooseRole(catalog: Catalog, document: RoleDocument, file: string, selector: string | undefined): RoleChoice {
  const roles = document.roles;
  const label = (r: RoleDefinition, i: number) => r.name?.value ?? `role ${i + 1}`;
  if (roles.length === 0) return { kind: 'problem', message: `${file} holds no role definition` };
  let index: number;
  if (selector === undefined) {
    if (roles.length > 1) {
      return { kind: 'problem', message: `${file} holds ${roles.length} roles (${roles.map(label).join(', ')}): name one as ${file}#<role name> or ${file}#<n>` };
    }
    index = 0;
  } else if (/^\d+$/.test(selector)) {
    index = Number(selector) - 1;
    if (index < 0 || index >= roles.length) return { kind: 'problem', message: `${file} holds ${count(roles.length, 'role')}: #${selector} is not one of 1 to ${roles.length}` };
  } else {
    const wanted = selector.trim().toLowerCase();
    const found = roles.flatMap((r, i) => (r.name?.value.toLowerCase() === wanted ? [i] : []));
    if (found.length === 0) return { kind: 'problem', message: `${file} holds no role named '${selector}' (it holds ${roles.map(label).join(', ')})` };
    if (found.length > 1) return { kind: 'problem', message: `${file} holds ${found.length} roles named '${selector}': name one by its place, ${found.map((i) => `${file}#${i + 1}`).join(' or ')}` };
    index = found[0];
  }
  const role = roles[index];
  const set = roleOperationSet(catalog, role);
  if (!set) return { kind: 'problem', message: `${label(role, index)} in ${file}: its permissions are computed at deployment, so what it grants cannot be told from the file` };
  return { kind: 'role', role: { name: label(role, index), kind: role.builtIn ? 'built-in' : 'custom', definedIn: file, ...(role.id && !role.id.expression ? { id: role.id.value } : {}) }, set };
}
