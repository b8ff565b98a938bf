// The custom roles of the workspace, as small entries kept per file, so that an assignment in one
// file resolves a role defined in another (by GUID, by the same guid(...) expression, by name)
// without keeping every parsed document in memory.
import { memoKey } from '../../catalog/memo';
import { type Environment, type Value, canonical, evaluateString } from './arm/expression';
import { isGuid } from './arm-expression';
import type { PlainBlock } from '../analysis/assess';
import type { MuaEntry } from '../analysis/mua';
import type { RoleDefinition, RoleDocument } from './role-document';
import type { StringItem } from './string-item';
import type { Range } from '../types';

export interface CustomRoleEntry {
  readonly uri: string;
  readonly roleIndex: number;
  /** the roleName / Name, when literal */
  readonly name: string | undefined;
  readonly description: string | undefined;
  /** the role's id when it is a literal GUID (REST name, CLI Id, ARM resource name) */
  readonly guid: string | undefined;
  /** the canonical text of an ARM name that is an expression, e.g. guid(subscription().id,'x') */
  readonly nameExpression: string | undefined;
  /** assignable scopes, evaluated: literal paths, or the canonical text of an expression */
  readonly assignableScopes: readonly string[];
  /** the permission strings as written (expressions left out) */
  readonly blocks: readonly PlainBlock[];
  /** some list is computed at deployment: what the role grants is not fully known */
  readonly partial: boolean;
  readonly hasDataActions: boolean;
  /** where the role is defined: its name, else its object */
  readonly range: Range;
}

/**
 * Whether two lists of a file's custom roles say the same to the rest of the workspace (where
 * they are written aside): the file's edit changed nothing another file could see.
 */
export function sameEntries(a: readonly CustomRoleEntry[], b: readonly CustomRoleEntry[]): boolean {
  if (a.length !== b.length) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.every((x, i) => {
    const y = b[i];
    return x === y || (x.uri === y.uri && x.roleIndex === y.roleIndex && x.name === y.name && x.description === y.description && x.guid === y.guid
      && x.nameExpression === y.nameExpression && x.partial === y.partial && x.hasDataActions === y.hasDataActions
      && same(x.assignableScopes, y.assignableScopes) && sameBlocks(x.blocks, y.blocks));
  });
}

/** Whether two entries are found by the same keys (GUID, name expression, name). */
function sameKeys(a: CustomRoleEntry, b: CustomRoleEntry): boolean {
  return a === b || (a.guid === b.guid && a.nameExpression === b.nameExpression && a.name?.toLowerCase() === b.name?.toLowerCase());
}

/** Whether two lists of permission blocks say the same, string for string. */
export function sameBlocks(a: readonly PlainBlock[], b: readonly PlainBlock[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.every((x, i) => same(x.actions, b[i].actions) && same(x.notActions, b[i].notActions) && same(x.dataActions, b[i].dataActions) && same(x.notDataActions, b[i].notDataActions));
}

export interface WorkspaceRoles {
  /** every custom role known, this document's own included when it is indexed */
  all(): Iterable<CustomRoleEntry>;
  byGuid(guid: string): CustomRoleEntry | undefined;
  byExpression(text: string): CustomRoleEntry | undefined;
  byName(name: string): CustomRoleEntry | undefined;
  /** the assignments of other files that multi-user authorization turns on (analysis/mua.ts), when the index keeps them */
  muaEntries?(): Iterable<MuaEntry>;
}

function literal(items: readonly { value: string; expression: boolean }[]): string[] {
  return items.filter((i) => !i.expression).map((i) => i.value);
}

/** A role's permission strings as written, expressions left out (what an index entry keeps). */
export function literalBlocksOf(role: RoleDefinition): PlainBlock[] {
  return role.blocks.map((b) => ({
    actions: literal(b.lists.actions.items), notActions: literal(b.lists.notActions.items),
    dataActions: literal(b.lists.dataActions.items), notDataActions: literal(b.lists.notDataActions.items),
  }));
}

export function entryOf(uri: string, document: RoleDocument, role: RoleDefinition, roleIndex: number): CustomRoleEntry {
  const env = role.template?.env;
  let guid: string | undefined;
  let nameExpression: string | undefined;
  if (role.id) {
    const v = evaluateItem(role.id, env);
    if (v.kind === 'string') {
      const last = v.value.split('/').pop() ?? '';
      if (isGuid(last)) guid = last.toLowerCase();
    } else nameExpression = canonical(v);
  }
  const description = role.node.children?.find((p) => /^description$/i.test(String(p.children?.[0]?.value)))?.children?.[1]?.value;
  const at = role.name?.node ?? role.node;
  const partial = role.blocks.some((b) => Object.values(b.lists).some((l) => l.expression || l.items.some((i) => i.expression)));
  const blocks = literalBlocksOf(role);
  return {
    uri, roleIndex,
    name: role.name ? stringOrUndefined(evaluateItem(role.name, env)) : undefined,
    description: typeof description === 'string' ? description : undefined,
    guid, nameExpression,
    assignableScopes: role.assignableScopes.items.map((i) => {
      const v = evaluateItem(i, env);
      return v.kind === 'string' ? v.value : canonical(v);
    }),
    blocks,
    partial,
    hasDataActions: role.blocks.some((b) => b.lists.dataActions.items.length > 0 || b.lists.dataActions.expression),
    range: document.lines.range(at.offset, at.length),
  };
}

/**
 * Evaluates a string of the document as written (expressions evaluated, `[[` unescaped); kept on
 * the string for the environment it was evaluated in (an edit elsewhere keeps both).
 */
export function evaluateItem(item: StringItem, env?: Environment): Value {
  const known = item.evaluated;
  if (known && known.env === env) return known.value;
  const value = evaluateString(String(item.node.value), env);
  item.evaluated = { env, value };
  return value;
}

function stringOrUndefined(v: ReturnType<typeof evaluateString>): string | undefined {
  return v.kind === 'string' ? v.value : undefined;
}

const CUSTOM_ROLES = memoKey<{ readonly uri: string; readonly entries: readonly CustomRoleEntry[] }>('custom role entries');

/** Records the entries of a document worked out piecemeal (after an incremental update). */
export function setCustomRolesOf(document: RoleDocument, uri: string, entries: readonly CustomRoleEntry[]): void {
  document.memo.set(CUSTOM_ROLES, { uri, entries });
}

/** The custom roles a document defines, as index entries (worked out once per parsed document and URI). */
export function customRolesOf(uri: string, document: RoleDocument): readonly CustomRoleEntry[] {
  const hit = document.memo.peek(CUSTOM_ROLES);
  if (hit && hit.uri === uri) return hit.entries;
  const entries = document.roles.flatMap((role, i) => (role.builtIn ? [] : [entryOf(uri, document, role, i)]));
  document.memo.set(CUSTOM_ROLES, { uri, entries });
  return entries;
}

/** The index the language server keeps: entries per file, replaced as files change. */
export class WorkspaceIndex implements WorkspaceRoles {
  private readonly files = new Map<string, readonly CustomRoleEntry[]>();
  private readonly mua = new Map<string, readonly MuaEntry[]>();
  private maps: { guid: Map<string, CustomRoleEntry>; expression: Map<string, CustomRoleEntry>; name: Map<string, CustomRoleEntry> } | undefined;

  /**
   * The custom roles of a file, replaced. When they are found by the same keys as before, role for
   * role (an edit inside one of them, or above them), the lookups are pointed at the new entries
   * rather than rebuilt over the whole workspace.
   */
  set(uri: string, entries: readonly CustomRoleEntry[]): void {
    const old = this.files.get(uri) ?? [];
    if (entries.length) this.files.set(uri, entries);
    else this.files.delete(uri);
    if (!this.maps) return;
    if (old.length !== entries.length) {
      this.maps = undefined;
      return;
    }
    const { guid, expression, name } = this.maps;
    const repoint = (map: Map<string, CustomRoleEntry>, key: string | undefined, from: CustomRoleEntry, to: CustomRoleEntry) => {
      if (key !== undefined && map.get(key) === from) map.set(key, to);
    };
    for (let i = 0; i < old.length; i++) {
      const from = old[i];
      const to = entries[i];
      if (from === to) continue;
      if (!sameKeys(from, to)) {
        this.maps = undefined;
        return;
      }
      repoint(guid, from.guid, from, to);
      repoint(expression, from.nameExpression, from, to);
      repoint(name, from.name?.toLowerCase(), from, to);
    }
  }

  /** The same roles of a file (`sameEntries` holds), now written elsewhere in it. */
  move(uri: string, entries: readonly CustomRoleEntry[]): void {
    this.set(uri, entries);
  }

  /** The custom roles of a file, as indexed. */
  get(uri: string): readonly CustomRoleEntry[] {
    return this.files.get(uri) ?? [];
  }

  delete(uri: string): void {
    if (this.files.delete(uri)) this.maps = undefined;
    this.mua.delete(uri);
  }

  /** The MUA entries of a file, replaced; whether they changed (what another file reads of it). */
  setMua(uri: string, entries: readonly MuaEntry[]): boolean {
    const old = this.mua.get(uri) ?? [];
    const changed = old.length !== entries.length || old.some((x, i) => x.principal !== entries[i].principal || x.role !== entries[i].role
      || x.onGuard !== entries[i].onGuard || x.administers !== entries[i].administers);
    if (entries.length) this.mua.set(uri, entries);
    else this.mua.delete(uri);
    return changed;
  }

  *muaEntries(): Iterable<MuaEntry> {
    for (const entries of this.mua.values()) yield* entries;
  }

  get size(): number {
    return this.files.size;
  }

  *all(): Iterable<CustomRoleEntry> {
    for (const entries of this.files.values()) yield* entries;
  }

  private index() {
    if (!this.maps) {
      const maps = { guid: new Map<string, CustomRoleEntry>(), expression: new Map<string, CustomRoleEntry>(), name: new Map<string, CustomRoleEntry>() };
      for (const e of this.all()) {
        if (e.guid && !maps.guid.has(e.guid)) maps.guid.set(e.guid, e);
        if (e.nameExpression && !maps.expression.has(e.nameExpression)) maps.expression.set(e.nameExpression, e);
        if (e.name && !maps.name.has(e.name.toLowerCase())) maps.name.set(e.name.toLowerCase(), e);
      }
      this.maps = maps;
    }
    return this.maps;
  }

  byGuid(guid: string): CustomRoleEntry | undefined {
    return this.index().guid.get(guid.toLowerCase());
  }

  byExpression(text: string): CustomRoleEntry | undefined {
    return this.index().expression.get(text);
  }

  byName(name: string): CustomRoleEntry | undefined {
    return this.index().name.get(name.toLowerCase());
  }
}

const OWN_INDEX = memoKey<{ readonly uri: string; readonly index: WorkspaceIndex }>('index of the custom roles of the document');

/**
 * The index of a document's own custom roles (kept with the parse; an incremental update hands
 * the previous document's on, `carryOwnIndex`).
 */
function ownIndex(uri: string, document: RoleDocument, own: readonly CustomRoleEntry[]): WorkspaceIndex {
  const hit = document.memo.peek(OWN_INDEX);
  if (hit && hit.uri === uri) {
    if (hit.index.get(uri) !== own) hit.index.set(uri, own);
    return hit.index;
  }
  const index = new WorkspaceIndex();
  index.set(uri, own);
  document.memo.set(OWN_INDEX, { uri, index });
  return index;
}

/**
 * Hands the index of a document's own custom roles to the document an edit made of it (the
 * previous one is consumed): the next lookup points it at the new entries rather than building it again.
 */
export function carryOwnIndex(previous: RoleDocument, next: RoleDocument): void {
  const hit = previous.memo.peek(OWN_INDEX);
  if (hit) next.memo.set(OWN_INDEX, hit);
}

/** A document's own roles, over another index (the document's entries win). */
export function withDocument(base: WorkspaceRoles | undefined, uri: string, document: RoleDocument): WorkspaceRoles {
  const own = customRolesOf(uri, document);
  const others = () => [...(base?.all() ?? [])].filter((e) => e.uri !== uri);
  const index = ownIndex(uri, document, own);
  // the base may still hold this file as it is on disk
  const elsewhere = (e: CustomRoleEntry | undefined) => (e && e.uri !== uri ? e : undefined);
  return {
    *all() {
      yield* own;
      yield* others();
    },
    byGuid: (g) => index.byGuid(g) ?? elsewhere(base?.byGuid(g)),
    byExpression: (t) => index.byExpression(t) ?? elsewhere(base?.byExpression(t)),
    byName: (n) => index.byName(n) ?? elsewhere(base?.byName(n)),
    *muaEntries() {
      for (const e of base?.muaEntries?.() ?? []) if (e.uri !== uri) yield e;
    },
  };
}
