// Text edits to role lists that keep the file's own layout: its indentation, line breaks, one
// line or many, sorted or not, in the file's own syntax. JSON stays valid JSON: double quotes,
// commas, `"key": value`. Bicep stays Bicep: single quotes with Bicep's escapes, `key: value`, one
// item or property a line and no commas in what spans lines (commas on one line, `['a', 'b']`, as
// Bicep 0.27 reads them). Nothing already present is added again.
import type { Node } from 'jsonc-parser';
import { bicepKey, bicepString } from '../bicep/lexical';
import { LIST_KEYS, type ListKey, type PermissionBlockModel, type RoleDocument } from './role-document';

/** An edit as offsets into the document (the faces turn it into ranges). */
export interface OffsetEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

type Language = Pick<RoleDocument, 'language'>;

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

/** A string as the document's language writes it. */
export function stringLiteral(document: Language, value: string): string {
  return document.language === 'bicep' ? bicepString(value) : JSON.stringify(value);
}

function keyLiteral(document: Language, name: string): string {
  return document.language === 'bicep' ? bicepKey(name) : JSON.stringify(name);
}

/**
 * What separates the items of an array or the properties of an object, besides the line break or
 * space: a comma in JSON; in Bicep on one line, or where the file writes them between lines.
 */
function commaOf(document: RoleDocument, container: Node | undefined): string {
  if (document.language !== 'bicep' || !container || onOneLine(document.text, container)) return ',';
  const children = container.children ?? [];
  for (let i = 1; i < children.length; i++) {
    if (document.text.slice(children[i - 1].offset + children[i - 1].length, children[i].offset).includes(',')) return ',';
  }
  return '';
}

/** Where a line break goes after a node with no comma: past the rest of its line when that is blank or a `//` comment. */
function endOfLineAfter(text: string, node: Node): number {
  const end = node.offset + node.length;
  const rest = /^[ \t]*(\/\/[^\r\n]*)?(?=\r|\n|$)/.exec(text.slice(end));
  return rest ? end + rest[0].length : end;
}

/** Whether a node stands alone on its line: only white space before it there, only white space or a `//` comment after. */
function aloneOnLine(text: string, node: Node): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, node.offset), node.offset))
    && /^[ \t]*(\/\/[^\r\n]*)?(\r\n|\n|\r|$)/.test(text.slice(node.offset + node.length));
}

/** One or more lines, each at `indent`, as a new array's body: `[`, the items, `]` at `closeIndent`. */
function multiLineArray(document: RoleDocument, names: readonly string[], indent: string, closeIndent: string, eol: string): string {
  const comma = document.language === 'bicep' ? '' : ',';
  return `[${eol}${names.map((n) => indent + stringLiteral(document, n)).join(`${comma}${eol}`)}${eol}${closeIndent}]`;
}

function oneLineArray(document: RoleDocument, names: readonly string[]): string {
  return `[${names.map((n) => stringLiteral(document, n)).join(', ')}]`;
}

/** Sorted (case-insensitively), as far as two or more entries can tell; one entry says nothing. */
function isSorted(values: readonly string[]): boolean {
  if (values.length < 2) return false;
  for (let i = 1; i < values.length; i++) if (values[i - 1].toLowerCase() > values[i].toLowerCase()) return false;
  return true;
}

/**
 * An edit that adds `pieces` after `node`, an item or property of `container`, each after the
 * separator the container uses: on new lines at `indent` when it spans lines, else after a space.
 * With no comma to write (Bicep), a new line goes after the rest of the node's line (a comment).
 */
function insertAfter(document: RoleDocument, container: Node | undefined, node: Node, indent: string, pieces: readonly string[]): OffsetEdit {
  const text = document.text;
  const comma = commaOf(document, container);
  const separator = container && !onOneLine(text, container) ? eolOf(text) + indent : ' ';
  const offset = comma ? node.offset + node.length : endOfLineAfter(text, node);
  return { offset, length: 0, text: pieces.map((p) => `${comma}${separator}${p}`).join('') };
}

/** An edit that adds `pieces` before `node`, an item of `container`, in its layout (see insertAfter). */
function insertBefore(document: RoleDocument, container: Node, node: Node, indent: string, pieces: readonly string[]): OffsetEdit {
  const text = document.text;
  const comma = commaOf(document, container);
  const start = lineStart(text, node.offset);
  // Bicep: whole lines before the node's line
  if (!comma && /^[ \t]*$/.test(text.slice(start, node.offset))) {
    return { offset: start, length: 0, text: pieces.map((p) => `${indentAt(text, node.offset)}${p}${eolOf(text)}`).join('') };
  }
  const separator = onOneLine(text, container) ? ' ' : eolOf(text) + indent;
  return { offset: node.offset, length: 0, text: pieces.map((p) => `${p}${comma}${separator}`).join('') };
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
    const body = onOneLine(text, block.node) ? oneLineArray(document, toAdd) : multiLineArray(document, toAdd, propertyIndent + unit, propertyIndent, eol);
    return [{ offset: array.offset, length: array.length, text: body }];
  }

  const indent = indentAt(text, children[0].offset);
  const literals = children.filter((c) => c.type === 'string').map((c) => String(c.value));
  const last = children[children.length - 1];
  const written = (group: readonly string[]) => group.map((n) => stringLiteral(document, n));
  if (!isSorted(literals)) return [insertAfter(document, array, last, indent, written(toAdd))];
  // sorted: each name goes before the first string that sorts after it
  const before = new Map<Node | undefined, string[]>();
  for (const name of [...toAdd].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))) {
    const next = children.find((c) => c.type === 'string' && String(c.value).toLowerCase() > name.toLowerCase());
    before.set(next, [...(before.get(next) ?? []), name]);
  }
  const edits: OffsetEdit[] = [];
  for (const [next, group] of before) {
    edits.push(next ? insertBefore(document, array, next, indent, written(group)) : insertAfter(document, array, last, indent, written(group)));
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
  const indent = indentAt(text, after.offset);
  const value = onOneLine(text, block.node) ? oneLineArray(document, names) : multiLineArray(document, names, indent + unit, indent, eol);
  return [insertAfter(document, block.node, after, indent, [`${keyLiteral(document, name)}: ${value}`])];
}

function keyNode(property: Node): string | undefined {
  const k = property.children?.[0];
  return typeof k?.value === 'string' ? k.value : undefined;
}

/**
 * An edit that removes one element of an array with its separating comma; in Bicep, an element
 * alone on its line of an array without commas goes with its line.
 */
export function removeFromArray(document: RoleDocument, array: Node, element: Node): OffsetEdit {
  const text = document.text;
  const children = array.children ?? [];
  const i = children.indexOf(element);
  if (children.length === 1) return { offset: array.offset + 1, length: array.length - 2, text: '' };
  if (commaOf(document, array) === '' && aloneOnLine(text, element)) {
    const start = lineStart(text, element.offset);
    const lineEnd = endOfLineAfter(text, element);
    const end = text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd + (lineEnd < text.length ? 1 : 0);
    return { offset: start, length: end - start, text: '' };
  }
  if (i < children.length - 1) {
    const next = children[i + 1];
    return { offset: element.offset, length: next.offset - element.offset, text: '' };
  }
  const previous = children[i - 1];
  const end = element.offset + element.length;
  return { offset: previous.offset + previous.length, length: end - (previous.offset + previous.length), text: '' };
}

/**
 * An edit that adds a string property (`"key": "value"`, in Bicep `key: 'value'`) after a property
 * of the same object, on its own line when the object spans lines.
 */
export function insertPropertyAfter(document: RoleDocument, property: Node, key: string, value: string): OffsetEdit {
  return insertAfter(document, property.parent, property, indentAt(document.text, property.offset), [`${keyLiteral(document, key)}: ${stringLiteral(document, value)}`]);
}

/** An edit that replaces one element of an array by several strings, in the array's layout. */
export function replaceWithMany(document: RoleDocument, array: Node, element: Node, names: readonly string[]): OffsetEdit {
  const text = document.text;
  const separator = onOneLine(text, array) ? ' ' : eolOf(text) + indentAt(text, element.offset);
  return { offset: element.offset, length: element.length, text: names.map((n) => stringLiteral(document, n)).join(`${commaOf(document, array)}${separator}`) };
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
