// What a permission block of a document grants after its notActions (notDataActions), compiled for
// matching: the one compiler the rules and the Backup assessment share (strings given as plain
// lists, as built-in roles are, compile through catalog/permissions.ts `compileBlock`).
import type { CompiledBlock, Plane } from '../../catalog/permissions';
import type { PermissionBlockModel, StringItem } from '../model/role-document';
import { patternOf } from '../model/string-item';

export interface CompileOptions {
  /** the planes to compile (both by default) */
  readonly planes?: readonly Plane[];
  /** compile only the strings that can matter to the caller (a faster match; the rest is left out) */
  readonly keep?: (item: StringItem) => boolean;
  /**
   * refuse a block any of whose lists or strings is computed at deployment (the Backup assessment
   * judges only what is fully known); otherwise only a computed deny list refuses it, since it may
   * take away anything, and computed allow strings are left out
   */
  readonly literalOnly?: boolean;
}

const LISTS: Record<Plane, readonly ['actions' | 'dataActions', 'notActions' | 'notDataActions']> = {
  action: ['actions', 'notActions'],
  data: ['dataActions', 'notDataActions'],
};

/** The block compiled; undefined when what it grants cannot be told from the file (see `literalOnly`). */
export function compileModelBlock(block: PermissionBlockModel, options: CompileOptions = {}): CompiledBlock | undefined {
  const planes = options.planes ?? ['action', 'data'];
  const lists = block.lists;
  if (options.literalOnly && Object.values(lists).some((l) => l.expression || l.items.some((i) => i.expression))) return undefined;
  if (planes.some((plane) => lists[LISTS[plane][1]].expression)) return undefined;
  const compile = (items: readonly StringItem[]) => items.filter((i) => !i.expression && (options.keep?.(i) ?? true)).map(patternOf);
  const pick = (plane: Plane, which: 0 | 1) => (planes.includes(plane) ? compile(lists[LISTS[plane][which]].items) : []);
  return {
    allow: { action: pick('action', 0), data: pick('data', 0) },
    deny: { action: pick('action', 1), data: pick('data', 1) },
  };
}
