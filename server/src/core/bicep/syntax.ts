// The syntax trees of tree-sitter-bicep read out of the WebAssembly once, into a few flat arrays,
// for the walk to JSON's shape (to-json.ts). Each read of a web-tree-sitter node (its type, its
// end, its children, its text) is a call into the WebAssembly with its arguments copied in and
// out, and makes a new JavaScript object for every node it hands back; the walk asks most nodes
// several times. Read here once, with one cursor, in one pass: each node's type, span and, where it
// can have them, its field and whether it is missing. A string written plainly ('…' on one line:
// no escape, no interpolation), and an array of nothing else, are read from the text without
// visiting the nodes under them: they are most of a role's nodes, and their nodes say nothing the
// text does not. Of the anonymous nodes (punctuation, keywords) only those the walk asks for are
// kept: `=`, `existing`, a missing one, one in a field.
//
// The nodes live in typed arrays (a large file has hundreds of thousands: as objects, each kept
// until the walk ends, they cost the garbage collector more than reading them); the walk sees them
// through small handles (`SyntaxNode`) made as it asks, which die young.
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';
import type { SyntaxNode } from './to-json';

const NAMED = 1;
const NO_CHILDREN = { first: -1, error: false } as const;
/** The anonymous tokens the walk reads: a parameter's default after `=`, a resource declared `existing`. */
const kept = (token: string) => token === '=' || token === 'existing';
const MISSING = 2;
const ERROR = 4;
/** a string written plainly (its text between the quotes is its value), or an array of those only */
const PLAIN = 8;

/** What the reader knows of a grammar's node types, by id (asked of the WebAssembly once per id). */
export class NodeTypes {
  private readonly names: (string | undefined)[] = [];
  private readonly named: (boolean | undefined)[] = [];
  private readonly fielded: (boolean | undefined)[] = [];
  readonly string: number;
  readonly stringContent: number;
  readonly array: number;
  readonly quote: number;
  readonly open: number;
  readonly close: number;

  constructor(private readonly language: Language) {
    const id = (type: string, named: boolean) => language.idForNodeType(type, named) ?? -1;
    this.string = id('string', true);
    this.stringContent = id('string_content', true);
    this.array = id('array', true);
    this.quote = id("'", false);
    this.open = id('[', false);
    this.close = id(']', false);
  }

  /** As web-tree-sitter names it (`ERROR` for the error symbol, which has no name in the table). */
  name(id: number): string {
    return (this.names[id] ??= this.language.types[id] || 'ERROR');
  }

  isNamed(id: number): boolean {
    return (this.named[id] ??= this.language.nodeTypeIsNamed(id));
  }

  field(id: number): string | null {
    return id > 0 ? this.language.fields[id] ?? null : null;
  }

  /**
   * Whether the children of a node of this type may fill fields the walk reads (`function`,
   * `object`, `property`, `condition`…): the grammar gives fields to its expressions (calls,
   * members, subscripts, the ternary and unary operators, …) and to a loop's parts.
   */
  hasFields(id: number): boolean {
    return (this.fielded[id] ??= /_expression$|^for_statement$/.test(this.name(id)));
  }
}

/**
 * The nodes of a file's syntax trees, one row each; the children of a node are a chain of rows.
 * One per parser, its rows used again by each file it reads (`reset`): a large file has hundreds
 * of thousands of rows, and fresh memory of that size, asked for at each parse, costs more than
 * reading them. Its nodes are read while the walk of one file lasts, never after.
 */
export class FlatSyntax {
  private count = 0;
  private capacity = 0;
  private typeColumn = new Uint16Array(0);
  private startColumn = new Int32Array(0);
  private endColumn = new Int32Array(0);
  private firstChildColumn = new Int32Array(0);
  private nextColumn = new Int32Array(0);
  private fieldColumn = new Uint8Array(0);
  private flagColumn = new Uint8Array(0);
  private text = '';

  constructor(readonly types: NodeTypes) {}

  /** The text the rows are of (the text the trees were parsed from). */
  get source(): string {
    return this.text;
  }

  /**
   * Starts again for another text, with room for `rows` (the trees' descendants: at most one row
   * each, and a plain string's or array's rows take no more than the nodes they stand for).
   */
  reset(source: string, rows: number): void {
    this.text = source;
    this.count = 0;
    if (rows > this.capacity) this.allocate(Math.max(rows, this.capacity * 2, 1024), false);
  }

  private allocate(capacity: number, keep: boolean): void {
    const grown = <T extends Uint8Array | Uint16Array | Int32Array>(old: T, made: T): T => {
      if (keep) made.set(old);
      return made;
    };
    this.typeColumn = grown(this.typeColumn, new Uint16Array(capacity));
    this.startColumn = grown(this.startColumn, new Int32Array(capacity));
    this.endColumn = grown(this.endColumn, new Int32Array(capacity));
    this.firstChildColumn = grown(this.firstChildColumn, new Int32Array(capacity));
    this.nextColumn = grown(this.nextColumn, new Int32Array(capacity));
    this.fieldColumn = grown(this.fieldColumn, new Uint8Array(capacity));
    this.flagColumn = grown(this.flagColumn, new Uint8Array(capacity));
    this.capacity = capacity;
  }

  // --- writing rows (the grammar's tree read in below, or the reader's own, reader.ts) ----------

  /** How many rows there are: where to take rows back to (`truncate`). */
  mark(): number {
    return this.count;
  }

  /** Takes back the rows written since `mark`. */
  truncate(mark: number): void {
    this.count = mark;
  }

  /** A new row, childless, without error; its index. */
  row(type: number, start: number, end: number, field: number, named: boolean): number {
    return this.add(type, start, end, field, named ? NAMED : 0);
  }

  /** Makes `children` the children of `parent`, in order. */
  link(parent: number, children: readonly number[]): void {
    this.firstChildColumn[parent] = this.chain(children).first;
  }

  setField(row: number, field: number): void {
    this.fieldColumn[row] = field;
  }

  typeId(row: number): number {
    return this.typeColumn[row];
  }

  /** The walk's handle on a row. */
  node(row: number): SyntaxNode {
    return new FlatNode(this, row);
  }

  /** A new row, childless; its index. */
  private add(type: number, start: number, end: number, field: number, flags: number): number {
    const i = this.count++;
    // (reset leaves room for every row; a caller that did not say how many is served all the same)
    if (i >= this.capacity) this.allocate(Math.max(1024, this.capacity * 2), true);
    this.typeColumn[i] = type;
    this.startColumn[i] = start;
    this.endColumn[i] = end;
    this.firstChildColumn[i] = -1;
    this.nextColumn[i] = -1;
    this.fieldColumn[i] = field;
    this.flagColumn[i] = flags;
    return i;
  }

  type(i: number): string {
    return this.types.name(this.typeColumn[i]);
  }

  start(i: number): number {
    return this.startColumn[i];
  }

  end(i: number): number {
    return this.endColumn[i];
  }

  firstChild(i: number): number {
    return this.firstChildColumn[i];
  }

  next(i: number): number {
    return this.nextColumn[i];
  }

  field(i: number): string | null {
    return this.types.field(this.fieldColumn[i]);
  }

  is(i: number, flag: number): boolean {
    return (this.flagColumn[i] & flag) !== 0;
  }

  /** The top-level statements of a tree (its root's named children), read in. */
  statements(tree: Tree): SyntaxNode[] {
    const cursor = tree.walk();
    try {
      const out: SyntaxNode[] = [];
      for (let c = this.readChildren(cursor, false, !tree.rootNode.hasError).first; c >= 0; c = this.next(c)) if (this.is(c, NAMED)) out.push(new FlatNode(this, c));
      return out;
    } finally {
      cursor.delete();
    }
  }

  /** Links rows as siblings, in order; the first and whether any holds an error. */
  private chain(rows: readonly number[]): { first: number; error: boolean } {
    let error = false;
    for (let k = 0; k < rows.length; k++) {
      if (k + 1 < rows.length) this.nextColumn[rows[k]] = rows[k + 1];
      if (this.is(rows[k], ERROR)) error = true;
    }
    return { first: rows.length > 0 ? rows[0] : -1, error };
  }

  /** A plain string as the grammar reads it: its quotes, and the content between them. */
  // (the rows of plain strings and arrays, most of a role file's, are linked as they are made: no
  // list of them is made to link)
  plainString(start: number, end: number, field: number): number {
    const t = this.types;
    const string = this.add(t.string, start, end, field, NAMED | PLAIN);
    // (a row is made before it is linked: making one may move the columns to larger arrays)
    const open = this.add(t.quote, start, start + 1, 0, 0);
    this.firstChildColumn[string] = open;
    let last = open;
    if (end - start > 2) {
      const content = this.add(t.stringContent, start + 1, end - 1, 0, NAMED);
      last = this.nextColumn[last] = content;
    }
    const close = this.add(t.quote, end - 1, end, 0, 0);
    this.nextColumn[last] = close;
    return string;
  }

  /** An array of plain strings (`spans`: their [start, end) pairs) as the grammar reads it: its brackets and its strings. */
  plainArray(start: number, end: number, spans: readonly number[], field: number): number {
    const t = this.types;
    const array = this.add(t.array, start, end, field, NAMED | PLAIN);
    const open = this.add(t.open, start, start + 1, 0, 0);
    this.firstChildColumn[array] = open;
    let last = open;
    for (let k = 0; k < spans.length; k += 2) {
      const string = this.plainString(spans[k], spans[k + 1], 0);
      last = this.nextColumn[last] = string;
    }
    const close = this.add(t.close, end - 1, end, 0, 0);
    this.nextColumn[last] = close;
    return array;
  }

  /**
   * The children of the node the cursor is on, read in as rows (the cursor comes back to where
   * it was); `fields`: they may fill fields of it.
   */
  private readChildren(cursor: TreeCursor, fields: boolean, clean: boolean): { first: number; error: boolean } {
    if (!cursor.gotoFirstChild()) return { first: -1, error: false };
    const t = this.types;
    const source = this.source;
    const rows: number[] = [];
    do {
      const id = cursor.nodeTypeId;
      const named = t.isNamed(id);
      const field = fields ? cursor.currentFieldId : 0;
      // (in a tree without errors no token is missing: a token the walk never reads is passed over unread)
      if (clean && !named && field === 0 && !kept(t.name(id))) continue;
      const start = cursor.startIndex;
      const end = cursor.endIndex;
      // (a plain string holds no error: its quotes and its content are all there is; an array of
      // them may, between them, and is then read node by node)
      if (id === t.string && isPlainString(source, start, end)) {
        rows.push(this.plainString(start, end, field));
        continue;
      }
      if (id === t.array) {
        const spans = plainStrings(source, start, end);
        if (spans && (clean || !cursor.currentNode.hasError)) {
          rows.push(this.plainArray(start, end, spans, field));
          continue;
        }
      }
      // (a missing node is one the parser put in where the text has nothing: it has no width)
      const missing = !clean && start === end && cursor.nodeIsMissing;
      // (an anonymous node is a token of the grammar's own, a keyword or punctuation: it has no children)
      const children = named ? this.readChildren(cursor, t.hasFields(id), clean) : NO_CHILDREN;
      // (an anonymous token the walk never reads is left out)
      if (!named && !missing && field === 0 && children.first < 0 && !kept(t.name(id))) continue;
      const error = children.error || missing || t.name(id) === 'ERROR';
      const row = this.add(id, start, end, field, (named ? NAMED : 0) | (missing ? MISSING : 0) | (error ? ERROR : 0));
      this.firstChildColumn[row] = children.first;
      rows.push(row);
    } while (cursor.gotoNextSibling());
    cursor.gotoParent();
    return this.chain(rows);
  }
}

/** A node of a `FlatSyntax`, as the walk reads it. */
class FlatNode implements SyntaxNode {
  constructor(private readonly tree: FlatSyntax, private readonly row: number) {}

  get type(): string {
    return this.tree.type(this.row);
  }

  get startIndex(): number {
    return this.tree.start(this.row);
  }

  get endIndex(): number {
    return this.tree.end(this.row);
  }

  get text(): string {
    return this.tree.source.slice(this.tree.start(this.row), this.tree.end(this.row));
  }

  get isMissing(): boolean {
    return this.tree.is(this.row, MISSING);
  }

  get plain(): boolean {
    return this.tree.is(this.row, PLAIN);
  }

  plainItems(): number[] | undefined {
    if (!this.tree.is(this.row, PLAIN) || this.tree.typeId(this.row) !== this.tree.types.array) return undefined;
    const out: number[] = [];
    for (let c = this.tree.firstChild(this.row); c >= 0; c = this.tree.next(c)) if (this.tree.is(c, NAMED)) out.push(this.tree.start(c), this.tree.end(c));
    return out;
  }

  get hasError(): boolean {
    return this.tree.is(this.row, ERROR);
  }

  // (made anew at each ask, not kept: handles kept would outlive the young generation with the
  // whole file's tree, and the collector would copy them all, which costs more than making them)
  get namedChildren(): readonly SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.tree.firstChild(this.row); c >= 0; c = this.tree.next(c)) if (this.tree.is(c, NAMED)) out.push(new FlatNode(this.tree, c));
    return out;
  }

  get children(): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let c = this.tree.firstChild(this.row); c >= 0; c = this.tree.next(c)) out.push(new FlatNode(this.tree, c));
    return out;
  }

  childForFieldName(name: string): SyntaxNode | null {
    for (let c = this.tree.firstChild(this.row); c >= 0; c = this.tree.next(c)) if (this.tree.field(c) === name) return new FlatNode(this.tree, c);
    return null;
  }
}

/** `'…'` on one line with no escape and no interpolation: its text is its value. */
function isPlainString(source: string, start: number, end: number): boolean {
  if (end - start < 2 || source.charCodeAt(start) !== 39 || source.charCodeAt(end - 1) !== 39) return false;
  // (a ''' multi-line string starts with two quotes)
  if (end - start > 2 && source.charCodeAt(start + 1) === 39) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = source.charCodeAt(i);
    if (c === 39 || c === 92 /* \ */ || c === 10 || c === 13 || (c === 36 /* $ */ && source.charCodeAt(i + 1) === 123 /* { */)) return false;
  }
  return true;
}

/**
 * The strings of an array that holds plain strings only (with white space and commas between
 * them), as [start, end) pairs; undefined for any other array (a comment, an expression, …).
 */
function plainStrings(source: string, start: number, end: number): number[] | undefined {
  if (source.charCodeAt(start) !== 91 /* [ */ || source.charCodeAt(end - 1) !== 93 /* ] */) return undefined;
  const spans: number[] = [];
  for (let i = start + 1; i < end - 1;) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 44 /* , */) {
      i++;
      continue;
    }
    if (c !== 39) return undefined;
    const close = source.indexOf("'", i + 1);
    if (close < 0 || close >= end - 1 || !isPlainString(source, i, close + 1)) return undefined;
    spans.push(i, close + 1);
    i = close + 1;
  }
  return spans;
}
