import type { Node } from 'jsonc-parser';
import type { Catalog, Operation } from '../../catalog/catalog';
import { type Pattern, patternOfLower } from '../../catalog/wildcard';
import { isExpression, literalOf } from './arm-expression';
import type { Environment, Value } from './arm/expression';

/**
 * What every rule asks of a permission string, worked out once per string (rules/rule.ts `facts`):
 * the string itself, its fields filled (no object more for each of a large file's strings).
 */
export interface ItemFacts extends StringItem {
  readonly lowered: string;
  /** number of '*' */
  readonly stars: number;
  /** the catalog's operation of that exact name (none for wildcards) */
  readonly op: Operation | undefined;
}

/**
 * A string in the document: its node (offset and length include the quotes) and its value. The
 * facts worked out about it are kept on it, so they live as long as the parse (and an incremental
 * update keeps the items, and so the facts, of the units it did not touch).
 */
export interface StringItem {
  readonly node: Node;
  /** the value; for an ARM expression the expression text, for `[[...` the unescaped literal */
  readonly value: string;
  readonly expression: boolean;
  /** the catalog `stars` and `op` were worked out with (see rules/rule.ts `facts`): the same document may be checked against another (an import) */
  factsOf?: Catalog;
  /** number of '*', once worked out (see `factsOf`) */
  stars?: number;
  /** the catalog's operation of that exact name (none for wildcards), once worked out (see `factsOf`) */
  op?: Operation;
  /** the value lower-cased, once asked for (see `lowerOf`) */
  lowered?: string;
  /** the value as a permission pattern, once asked for (see `patternOf`) */
  compiled?: Pattern;
  /**
   * the string evaluated in a template's environment, once asked for (see model/workspace.ts
   * `evaluateItem`); an environment answers the same for as long as it lives
   */
  evaluated?: { readonly env: Environment | undefined; readonly value: Value };
  /** as a roleDefinitionId, what it names (analysis/resolve.ts `roleKey`), for the value it was evaluated to */
  roleKey?: { readonly value: Value; readonly key: RoleKey | undefined };
}

/** The GUID, or the canonical text of the guid(...) expression, a roleDefinitionId names. */
export type RoleKey = { readonly guid: string } | { readonly expression: string };

/** The value lower-cased (worked out once per string). */
export function lowerOf(item: StringItem): string {
  return (item.lowered ??= item.value.toLowerCase());
}

/** The value as a permission pattern (worked out once per string). */
export function patternOf(item: StringItem): Pattern {
  return (item.compiled ??= patternOfLower(item.value, lowerOf(item)));
}

export function stringItemOf(node: Node): StringItem | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const raw = node.value;
  if (isExpression(raw)) return { node, value: raw, expression: true, factsOf: undefined, stars: undefined, op: undefined, lowered: undefined, compiled: undefined, evaluated: undefined, roleKey: undefined };
  return { node, value: literalOf(raw), expression: false, factsOf: undefined, stars: undefined, op: undefined, lowered: undefined, compiled: undefined, evaluated: undefined, roleKey: undefined };
}
