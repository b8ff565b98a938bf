// Text edits to role lists that keep the file's own layout: its indentation, line breaks, one
// line or many, sorted or not. JSON stays valid; nothing already present is added again.
import type { Node } from 'jsonc-parser';
import { LIST_KEYS, type ListKey, type PermissionBlockModel, type RoleDocument } from './role-document';

/** An edit as offsets into the document (the faces turn it into ranges). */
export interface OffsetEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

/** Where the line holding the offset starts (looking back along that line only, not to the file's start). */
function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 /* \n */ || c === 13 /* \r */) break;
    i--;
  }
  return i;
}

/** The white space a line starts with. */
function indentAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** One level of indentation as the file writes it. */
function indentUnit(text: string): string {
  if (/^\t/m.test(text)) return '\t';
  let unit = 0;
  for (const m of text.matchAll(/^( +)\S/gm)) {
    if (unit === 0 || m[1].length < unit) unit = m[1].length;
  }
  return ' '.repeat(unit || 2);
}

function onOneLine(text: string, node: Node): boolean {
  return !/[\r\n]/.test(text.slice(node.offset, node.offset + node.length));
}

function stringLiteral(value: string): string {
  return JSON.stringify(value);
}

/** Sorted (case-insensitively), as far as two or more entries can tell; one entry says nothing. */
function isSorted(values: readonly string[]): boolean {
  if (values.length < 2) return false;
  for (let i = 1; i < values.length; i++) if (values[i - 1].toLowerCase() > values[i].toLowerCase()) return false;
  return true;
}

/**
 * Edits that add `names` to a list of a permission block: in sorted position when the list is
 * sorted, at the end otherwise; as a new property after its neighbours when the block has no such
 * list. Names the list already holds (in any case) are skipped. Undefined when the list is not an
 * array (an ARM expression, null…), where nothing can be inserted.
 */
export function insertIntoList(document: RoleDocument, block: PermissionBlockModel, key: ListKey, names: readonly string[]): OffsetEdit[] | undefined {
  const text = document.text;
  const list = block.lists[key];
  const present = new Set(list.items.map((i) => i.value.toLowerCase()));
  const toAdd = [...new Set(names)].filter((n) => !present.has(n.toLowerCase()));
  if (toAdd.length === 0) return [];
  const eol = eolOf(text);
  const unit = indentUnit(text);

  if (!list.property) return insertProperty(document, block, key, toAdd, eol, unit);
  const array = list.array;
  if (!array) return undefined;
  const children = array.children ?? [];
  const propertyIndent = indentAt(text, list.property.offset);

  if (children.length === 0) {
    const multiLine = !onOneLine(text, block.node);
    const body = multiLine
      ? `[${eol}${toAdd.map((n) => propertyIndent + unit + stringLiteral(n)).join(`,${eol}`)}${eol}${propertyIndent}]`
      : `[${toAdd.map(stringLiteral).join(', ')}]`;
    return [{ offset: array.offset, length: array.length, text: body }];
  }

  const multiLine = !onOneLine(text, array);
  const separator = multiLine ? eol + indentAt(text, children[0].offset) : ' ';
  const literals = children.filter((c) => c.type === 'string').map((c) => String(c.value));
  const last = children[children.length - 1];
  if (!isSorted(literals)) {
    return [{ offset: last.offset + last.length, length: 0, text: toAdd.map((n) => `,${separator}${stringLiteral(n)}`).join('') }];
  }
  // sorted: each name goes before the first string that sorts after it
  const before = new Map<Node | undefined, string[]>();
  for (const name of [...toAdd].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))) {
    const next = children.find((c) => c.type === 'string' && String(c.value).toLowerCase() > name.toLowerCase());
    before.set(next, [...(before.get(next) ?? []), name]);
  }
  const edits: OffsetEdit[] = [];
  for (const [next, group] of before) {
    if (next) edits.push({ offset: next.offset, length: 0, text: group.map((n) => `${stringLiteral(n)},${separator}`).join('') });
    else edits.push({ offset: last.offset + last.length, length: 0, text: group.map((n) => `,${separator}${stringLiteral(n)}`).join('') });
  }
  return edits.sort((a, b) => a.offset - b.offset);
}

/** A new list property, after the list that precedes it in Azure's order, else after the last property. */
function insertProperty(document: RoleDocument, block: PermissionBlockModel, key: ListKey, names: readonly string[], eol: string, unit: string): OffsetEdit[] | undefined {
  const text = document.text;
  const properties = block.node.children ?? [];
  if (properties.length === 0) return undefined;
  const order = LIST_KEYS.indexOf(key);
  const previous = LIST_KEYS.slice(0, order).reverse().map((k) => block.lists[k].property).find((p) => p !== undefined);
  const after = previous ?? properties[properties.length - 1];
  // the file's spelling of keys: "Actions" in CLI role files, "actions" elsewhere
  const sample = (keyNode(after) ?? '');
  const name = /^[A-Z]/.test(sample) ? key.charAt(0).toUpperCase() + key.slice(1) : key;
  const multiLine = !onOneLine(text, block.node);
  const indent = indentAt(text, after.offset);
  const value = multiLine
    ? `[${eol}${names.map((n) => indent + unit + stringLiteral(n)).join(`,${eol}`)}${eol}${indent}]`
    : `[${names.map(stringLiteral).join(', ')}]`;
  const separator = multiLine ? eol + indent : ' ';
  return [{ offset: after.offset + after.length, length: 0, text: `,${separator}${stringLiteral(name)}: ${value}` }];
}

function keyNode(property: Node): string | undefined {
  const k = property.children?.[0];
  return typeof k?.value === 'string' ? k.value : undefined;
}

/** An edit that removes one element of an array with its separating comma. */
export function removeFromArray(array: Node, element: Node): OffsetEdit {
  const children = array.children ?? [];
  const i = children.indexOf(element);
  if (children.length === 1) return { offset: array.offset + 1, length: array.length - 2, text: '' };
  if (i < children.length - 1) {
    const next = children[i + 1];
    return { offset: element.offset, length: next.offset - element.offset, text: '' };
  }
  const previous = children[i - 1];
  const end = element.offset + element.length;
  return { offset: previous.offset + previous.length, length: end - (previous.offset + previous.length), text: '' };
}

/** An edit that adds `"key": value` after a property of the same object, on its own line when the object spans lines. */
export function insertPropertyAfter(document: RoleDocument, property: Node, key: string, value: string): OffsetEdit {
  const text = document.text;
  const object = property.parent;
  const multiLine = object ? !onOneLine(text, object) : false;
  const separator = multiLine ? eolOf(text) + indentAt(text, property.offset) : ' ';
  return { offset: property.offset + property.length, length: 0, text: `,${separator}${JSON.stringify(key)}: ${value}` };
}

/** An edit that replaces one element of an array by several strings, in the array's layout. */
export function replaceWithMany(document: RoleDocument, array: Node, element: Node, names: readonly string[]): OffsetEdit {
  const text = document.text;
  const separator = onOneLine(text, array) ? ' ' : eolOf(text) + indentAt(text, element.offset);
  return { offset: element.offset, length: element.length, text: names.map(stringLiteral).join(`,${separator}`) };
}

/** One edit turning `before` into `after`: the changed middle, common start and end kept. */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { offset: start, length: before.length - start - end, text: after.slice(start, after.length - end) };
}

/** Applies offset edits to a text. */
export function applyEdits(text: string, edits: readonly OffsetEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** Indentation and line break of the line an offset is on, for inserting a line before it. */
export function lineStartOf(document: RoleDocument, offset: number): { offset: number; indent: string; eol: string } {
  const text = document.text;
  const start = lineStart(text, offset);
  return { offset: start, indent: indentAt(text, offset), eol: eolOf(text) };
}
