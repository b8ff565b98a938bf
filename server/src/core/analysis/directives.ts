// Declarations in comments: `// azure-backup-rbac-operations vm-restore, vm-cross-region-restore`
// says which backup operations a role is meant for. ARM templates, JSONC and Bicep files may carry
// comments; for plain CLI JSON, which may not, the `azureBackupRbac.backupOperations` setting says
// the same per file glob, and so does the role's own description when it ends with the directive
// (`… azure-backup-rbac-operations vm-restore@recovery-services-vault`), as generated roles do.
// An id may name one scope of the operation (`<id>@<scope kind>`): the role is then judged only
// against what the operation needs there, since another role assigned elsewhere holds the rest.
import { memoKey } from '../../catalog/memo';
import { markedComments } from '../model/comments';
import { prop } from '../model/json';
import type { BackupCatalog } from '../../catalog/backup/backup-catalog';
import type { ScopeKind } from '../../catalog/backup/backup-operations';
import { type RoleDefinition, type RoleDocument, textSlice } from '../model/role-document';

export const DIRECTIVE = 'azure-backup-rbac-operations';

export interface DirectiveId {
  readonly id: string;
  readonly offset: number;
  readonly length: number;
}

export interface Directive {
  /** the comment */
  readonly offset: number;
  readonly length: number;
  readonly ids: readonly DirectiveId[];
}

const DIRECTIVES = memoKey<readonly Directive[]>('directives');

/** The directives of a document (worked out once per parse: every role of a file asks). */
export function findDirectives(document: Pick<RoleDocument, 'text' | 'memo' | 'language'>): readonly Directive[] {
  return document.memo.get(DIRECTIVES, () => readDirectives(document));
}

function readDirectives(document: Pick<RoleDocument, 'text' | 'memo' | 'language'>): Directive[] {
  const found: Directive[] = [];
  for (const { offset, text: comment } of markedComments(document)) {
    const at = comment.indexOf(DIRECTIVE);
    if (at < 0) continue;
    const rest = comment.slice(at + DIRECTIVE.length).replace(/\*\/$/, '');
    found.push({ offset, length: comment.length, ids: idsIn(rest, offset + at + DIRECTIVE.length) });
  }
  return found;
}

/** The ids (`vm-restore`, `vm-restore@recovery-services-vault`) in the text after the directive, which starts at `base`. */
function idsIn(rest: string, base: number): DirectiveId[] {
  return [...rest.matchAll(/[A-Za-z0-9-]+(?:@[A-Za-z0-9-]+)?/g)].map((m) => ({ id: m[0], offset: base + (m.index ?? 0), length: m[0].length }));
}

/** The directive a role's description ends with, read from the text as written (so offsets are the file's). */
function descriptionIds(role: RoleDefinition, document: Pick<RoleDocument, 'text' | 'source'>): DirectiveId[] {
  const node = prop(role.node, 'description');
  if (node?.type !== 'string') return [];
  const raw = textSlice(document, node.offset + 1, node.offset + node.length - 1);
  const at = raw.indexOf(DIRECTIVE);
  return at < 0 ? [] : idsIn(raw.slice(at + DIRECTIVE.length), node.offset + 1 + at + DIRECTIVE.length);
}

/** `vm-restore@recovery-services-vault` → its operation id and scope kind. */
export function splitDeclared(token: string): { id: string; scope?: string } {
  const at = token.indexOf('@');
  return at < 0 ? { id: token } : { id: token.slice(0, at), scope: token.slice(at + 1) };
}

/** Whether a declared id (with its scope, if any) names an operation of the catalog and one of its scopes. */
export function knownDeclared(token: string, backup: BackupCatalog): boolean {
  const { id, scope } = splitDeclared(token);
  const operation = backup.operation(id);
  return !!operation && (scope === undefined || operation.requirements.some((r) => r.scope === scope));
}

/**
 * What a declaration set says of an operation: undefined (not declared), 'all' (every scope), or
 * the scope kinds it was declared for.
 */
export function declaredScopes(declared: ReadonlySet<string>, id: string): 'all' | ReadonlySet<ScopeKind> | undefined {
  // (asked of every backup operation for every role, and most roles declare nothing: no set is
  // made until a scope is found)
  if (declared.size === 0) return undefined;
  if (declared.has(id)) return 'all';
  let scopes: Set<ScopeKind> | undefined;
  for (const token of declared) {
    const split = splitDeclared(token);
    if (split.id === id && split.scope) (scopes ??= new Set()).add(split.scope as ScopeKind);
  }
  return scopes;
}

/**
 * The directives that speak for a role: those inside its object (innermost role wins), else the
 * nearest before it that is inside no role.
 */
export function directivesFor(role: RoleDefinition, roles: readonly RoleDefinition[], directives: readonly Directive[]): Directive[] {
  const holder = role.resource ?? role.node;
  const inside = (d: Directive, r: RoleDefinition) => {
    const n = r.resource ?? r.node;
    return d.offset >= n.offset && d.offset < n.offset + n.length;
  };
  const own = directives.filter((d) => inside(d, role) && !roles.some((o) => o !== role && inside(d, o) && (o.resource ?? o.node).offset > holder.offset));
  if (own.length) return own;
  const free = directives.filter((d) => d.offset < holder.offset && !roles.some((r) => inside(d, r)));
  const nearest = free[free.length - 1];
  if (!nearest) return [];
  // the nearest free directive belongs to the first role after it
  const next = roles.filter((r) => (r.resource ?? r.node).offset > nearest.offset).sort((a, b) => (a.resource ?? a.node).offset - (b.resource ?? b.node).offset)[0];
  return next === role ? [nearest] : [];
}

/**
 * The backup operation ids declared for a role, by the settings and by its directives; directive
 * ids that name no operation are returned apart, for a diagnostic.
 */
export function declaredIds(role: RoleDefinition, document: Pick<RoleDocument, 'text' | 'source' | 'memo' | 'roles' | 'language'>, fromSettings: readonly string[], backup: BackupCatalog): { ids: Set<string>; unknown: DirectiveId[] } {
  const ids = new Set(fromSettings.filter((x) => knownDeclared(x, backup)));
  const unknown: DirectiveId[] = [];
  const own = [...directivesFor(role, document.roles, findDirectives(document)).flatMap((d) => d.ids), ...descriptionIds(role, document)];
  for (const x of own) {
    if (knownDeclared(x.id, backup)) ids.add(x.id);
    else unknown.push(x);
  }
  return { ids, unknown };
}
