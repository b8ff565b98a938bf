// Declarations in comments: `// azure-backup-rbac-operations vm-restore, vm-cross-region-restore`
// says which backup operations a role is meant for. ARM templates, JSONC and Bicep files may carry
// comments; for plain CLI JSON, which may not, the `azureBackupRbac.backupOperations` setting says
// the same per file glob.
import { memoKey } from '../../catalog/memo';
import { markedComments } from '../model/comments';
import type { BackupCatalog } from '../../catalog/backup/backup-catalog';
import type { RoleDefinition, RoleDocument } from '../model/role-document';

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
    const ids: DirectiveId[] = [];
    const rest = comment.slice(at + DIRECTIVE.length).replace(/\*\/$/, '');
    for (const m of rest.matchAll(/[A-Za-z0-9-]+/g)) {
      ids.push({ id: m[0], offset: offset + at + DIRECTIVE.length + (m.index ?? 0), length: m[0].length });
    }
    found.push({ offset, length: comment.length, ids });
  }
  return found;
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
export function declaredIds(role: RoleDefinition, document: Pick<RoleDocument, 'text' | 'memo' | 'roles' | 'language'>, fromSettings: readonly string[], backup: BackupCatalog): { ids: Set<string>; unknown: DirectiveId[] } {
  const ids = new Set(fromSettings.filter((x) => backup.operation(x)));
  const unknown: DirectiveId[] = [];
  for (const d of directivesFor(role, document.roles, findDirectives(document))) {
    for (const x of d.ids) {
      if (backup.operation(x.id)) ids.add(x.id);
      else unknown.push(x);
    }
  }
  return { ids, unknown };
}
