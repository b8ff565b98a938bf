// Small helpers over jsonc-parser's syntax tree, shared by the parser and the features.
import type { Node } from 'jsonc-parser';

/** The value node of an object's property, matching the key case-insensitively. */
export function prop(obj: Node | undefined, key: string): Node | undefined {
  return property(obj, key)?.children?.[1];
}

/** The property node (key and value) of an object, matching the key case-insensitively. */
export function property(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'object' || !obj.children) return undefined;
  const lower = key.toLowerCase();
  let found: Node | undefined;
  for (const p of obj.children) {
    const k = p.children?.[0];
    // the last of duplicate keys wins, as in JSON.parse
    if (k && typeof k.value === 'string' && sameKey(k.value, lower)) found = p;
  }
  return found;
}

/**
 * Whether a key lower-cased is `lower`; a key of another length is told apart without making its
 * lower-cased copy (every lookup reads every key of the object). Lower-casing changes a string's
 * length only at 'İ' (U+0130, which becomes 'i' and a combining dot), so only a key holding one
 * is lower-cased whatever its length.
 */
function sameKey(key: string, lower: string): boolean {
  if (key.length !== lower.length && !key.includes('\u0130')) return false;
  return key === lower || key.toLowerCase() === lower;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function hasKey(obj: Node | undefined, key: string): boolean {
  return property(obj, key) !== undefined;
}

/**
 * Innermost node containing the offset (inclusive of the end when it is a string's closing quote).
 * Siblings of a JSON tree never overlap; those a Bicep file's tree is made of may (its parameters
 * and variables are spread between its resources), so the narrowest match wins.
 */
export function nodeAt(root: Node | undefined, offset: number): Node | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  let best: Node | undefined;
  if (root.children) {
    for (const child of root.children) {
      if (offset < child.offset || offset >= child.offset + child.length) continue;
      const found = nodeAt(child, offset) ?? child;
      if (!best || found.length < best.length) best = found;
    }
  }
  return best ?? root;
}

/** Human name of a node's JSON type, for messages. */
export function typeName(node: Node): string {
  switch (node.type) {
    case 'array': return 'an array';
    case 'object': return 'an object';
    case 'string': return 'a string';
    case 'number': return 'a number';
    case 'boolean': return 'a boolean';
    case 'null': return 'null';
    default: return 'a value';
  }
}
