import type { Node } from 'jsonc-parser';
import { type Pattern, pattern } from '../catalog/wildcard';
import { isExpression, literalOf } from './arm-expression';

/** A string in the document: its node (offset and length include the quotes) and its value. */
export interface StringItem {
  readonly node: Node;
  /** the value; for an ARM expression the expression text, for `[[...` the unescaped literal */
  readonly value: string;
  readonly expression: boolean;
  /** what the rules worked out about the string, kept with it (see rules/rule.ts `facts`) */
  memo?: unknown;
  /** the value lower-cased, once asked for (see `lowerOf`) */
  lowered?: string;
  /** the value as a permission pattern, once asked for (see `patternOf`) */
  compiled?: Pattern;
}

/** The value lower-cased (worked out once per string). */
export function lowerOf(item: StringItem): string {
  return (item.lowered ??= item.value.toLowerCase());
}

/** The value as a permission pattern (worked out once per string). */
export function patternOf(item: StringItem): Pattern {
  return (item.compiled ??= pattern(item.value));
}

export function stringItemOf(node: Node): StringItem | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string') return undefined;
  const raw = node.value;
  if (isExpression(raw)) return { node, value: raw, expression: true, memo: undefined, lowered: undefined, compiled: undefined };
  return { node, value: literalOf(raw), expression: false, memo: undefined, lowered: undefined, compiled: undefined };
}
