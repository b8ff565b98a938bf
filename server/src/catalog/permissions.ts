// What a role's permission blocks grant, as Azure evaluates it: a block grants an operation when
// one of its actions (dataActions) matches it and none of its notActions (notDataActions) does;
// a role grants what any of its blocks grants.
import { type Pattern, pattern } from './wildcard';

export type Plane = 'action' | 'data';

export interface PermissionBlock {
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
  /** an ABAC condition narrows the block at run time; it is kept for display */
  readonly condition?: string;
}

/** A block with its strings compiled, for evaluating many operations against it. */
export interface CompiledBlock {
  readonly allow: Readonly<Record<Plane, readonly Pattern[]>>;
  readonly deny: Readonly<Record<Plane, readonly Pattern[]>>;
}

export function compileBlock(block: PermissionBlock): CompiledBlock {
  return {
    allow: { action: block.actions.map(pattern), data: block.dataActions.map(pattern) },
    deny: { action: block.notActions.map(pattern), data: block.notDataActions.map(pattern) },
  };
}

/** The first allow-list entry that grants the (lower-cased) name in this block, if the deny list leaves it. */
export function grantingEntry(block: CompiledBlock, lowerName: string, plane: Plane): Pattern | undefined {
  const granting = block.allow[plane].find((p) => p.matchesLower(lowerName));
  if (granting === undefined) return undefined;
  if (block.deny[plane].some((p) => p.matchesLower(lowerName))) return undefined;
  return granting;
}

export function roleGrants(blocks: readonly CompiledBlock[], name: string, plane: Plane): boolean {
  const lower = name.toLowerCase();
  return blocks.some((b) => grantingEntry(b, lower, plane) !== undefined);
}

