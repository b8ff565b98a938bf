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
    if (k && typeof k.value === 'string' && k.value.toLowerCase() === lower) found = p;
  }
  return found;
}

export function stringValue(node: Node | undefined): string | undefined {
  return node?.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function hasKey(obj: Node | undefined, key: string): boolean {
  return property(obj, key) !== undefined;
}

/**
 * Innermost node containing the offset (inclusive of the end when it is a string's closing quote).
 * JSON's siblings never overlap; the tree a Bicep file is turned into has some that span the whole
 * text (the `parameters`, `variables` and `resources` it gathers), so of the siblings containing
 * the offset the narrowest node found inside them wins.
 */
export function nodeAt(root: Node | undefined, offset: number): Node | undefined {
  if (!root || offset < root.offset || offset > root.offset + root.length) return undefined;
  let found: Node | undefined;
  if (root.children) {
    for (const child of root.children) {
      if (offset < child.offset || offset >= child.offset + child.length) continue;
      const inner = nodeAt(child, offset) ?? child;
      if (!found || inner.length < found.length) found = inner;
    }
  }
  return found ?? root;
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
