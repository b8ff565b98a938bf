// A reader of the plain part of Bicep, in JavaScript, that writes the rows tree-sitter-bicep's tree
// would be read into (syntax.ts) without running the grammar: the walk to JSON's shape (to-json.ts)
// then cannot tell which of the two read a statement. It exists for speed. A web-tree-sitter parse
// costs more than everything after it (each node crosses into the WebAssembly and back), and most
// of a large role file is the same few forms: declarations of objects, arrays of strings, calls,
// members, interpolated strings.
//
// It reads one top-level statement (parser.ts's ranges) at a time and either gives all of it or
// gives up (`undefined`), and then the grammar reads that statement as before. It gives up at the
// first thing it is not sure the grammar reads the same way: multi-line strings, escapes, block
// comments, comments where the grammar could hang them on another node, types other than the
// primitive ones, lambdas, spreads, `?`/`!` postfixes, `::`, a postfix or an operator that starts a
// line, anything it cannot read (text being typed). It copies the grammar where it reads Bicep
// oddly, where the walk does not mend it (test/unit/bicep-reader.test.ts holds the walk of what it
// reads to the walk of the grammar's tree, on every real file): a unary operator binds tighter than
// a member access but not than a call, and `-1` in an operand's place is one number.
import type { Language } from 'web-tree-sitter';
import type { FlatSyntax } from './syntax';
import type { SyntaxNode } from './to-json';

/** Thrown where the reader gives the statement up to the grammar. */
const GIVE_UP = { giveUp: true } as const;

/** The grammar's node type ids and field ids the reader writes. */
interface Ids {
  readonly [name: string]: number;
}

/** Binary operators by how tightly they bind (the grammar's order, which is Bicep's). */
const LEVEL: Readonly<Record<string, number>> = {
  '??': 1,
  '||': 2,
  '&&': 3,
  '==': 4, '!=': 4, '=~': 4, '!~': 4,
  '<': 5, '<=': 5, '>': 5, '>=': 5,
  '+': 6, '-': 6,
  '*': 7, '/': 7, '%': 7,
};

/** Words that are not a symbol where an expression is read (`true`, `false`, `null` are values). */
const KEYWORDS = new Set(['module', 'import', 'provider', 'as', 'with', 'from', 'using', 'targetScope', 'metadata', 'output', 'param', 'resource', 'existing', 'type', 'var', 'func', 'test', 'assert', 'if', 'for', 'in', 'extension']);

/** A parameter's or output's type the reader knows: the grammar's primitive types. */
const PRIMITIVE_TYPES = new Set(['array', 'bool', 'int', 'object', 'secureObject', 'secureString', 'string']);

const NAMED_TYPES = ['identifier', 'number', 'boolean', 'null', 'string', 'string_content', 'interpolation', 'object', 'object_property', 'array',
  'call_expression', 'arguments', 'member_expression', 'property_identifier', 'subscript_expression', 'parenthesized_expression', 'binary_expression',
  'unary_expression', 'ternary_expression', 'for_statement', 'for_loop_parameters', 'loop_variable', 'loop_enumerator', 'if_statement', 'decorators',
  'decorator', 'target_scope_assignment', 'parameter_declaration', 'type', 'primitive_type', 'variable_declaration', 'output_declaration',
  'resource_declaration', 'module_declaration', 'metadata_declaration', 'comment'];
const TOKENS = ['=', 'existing', '!', '-', ...Object.keys(LEVEL)];
const FIELDS = ['function', 'arguments', 'object', 'property', 'index', 'left', 'operator', 'right', 'argument', 'condition', 'consequence', 'alternative', 'initializer', 'body'];

const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isWord = (c: number) => isWordStart(c) || isDigit(c);
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The reader of one grammar's rows; one per parser. Each read is of one statement, into the rows given. */
export class BicepReader {
  private readonly type: Ids;
  private readonly token: Ids;
  private readonly field: Ids;
  // (the statement being read: set by `statements`, in force while it runs)
  private rows!: FlatSyntax;
  private src = '';
  private at = 0;
  private end = 0;
  /**
   * Reading an array's item, outside any bracket of its own: the grammar reads the items of an
   * array one after another with nothing between them, so that `f(x)` there may be `f` and `(x)`,
   * and `g(1)[0]` is two items. The walk makes one call of the first (to-json.ts, `items`); what
   * it cannot mend is left to the grammar.
   */
  private inItem = false;

  constructor(language: Language) {
    const ids = (names: readonly string[], of: (name: string) => number | null) => {
      const out: Record<string, number> = {};
      for (const name of names) {
        const id = of(name);
        if (id === null || id < 0) throw new Error(`the Bicep grammar has no ${name}`);
        out[name] = id;
      }
      return out;
    };
    this.type = ids(NAMED_TYPES, (n) => language.idForNodeType(n, true));
    this.token = ids(TOKENS, (n) => language.idForNodeType(n, false));
    this.field = ids(FIELDS, (n) => language.fields.indexOf(n));
  }

  /**
   * The top-level statements of `source` from `start` to `end` (one of parser.ts's statement
   * ranges), read into `rows` as the grammar's tree of that range would be; undefined when the
   * reader leaves the range to the grammar (its rows are then taken back).
   */
  statements(rows: FlatSyntax, source: string, start: number, end: number): SyntaxNode[] | undefined {
    this.rows = rows;
    this.src = source;
    this.at = start;
    this.end = end;
    this.inItem = false;
    const mark = rows.mark();
    try {
      const out: number[] = [];
      this.top(out);
      return out.map((row) => rows.node(row));
    } catch (e) {
      if (e !== GIVE_UP) throw e;
      rows.truncate(mark);
      return undefined;
    } finally {
      this.src = '';
    }
  }

  // --- characters -------------------------------------------------------------------------------

  private ch(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : -1;
  }

  private giveUp(): never {
    throw GIVE_UP;
  }

  private expect(c: number): void {
    if (this.ch(this.at) !== c) this.giveUp();
    this.at++;
  }

  /** Past spaces and tabs on this line. */
  private spaces(): void {
    let c = this.ch(this.at);
    while (c === SPACE || c === TAB) c = this.ch(++this.at);
  }

  /** Past white space and line breaks where no comment may be (a comment there gives up); whether a line was broken. */
  private blank(): boolean {
    let broke = false;
    for (;;) {
      const c = this.ch(this.at);
      if (c === SPACE || c === TAB) this.at++;
      else if (c === LF || c === CR) {
        broke = true;
        this.at++;
      } else if (c === 47 /* / */ && (this.ch(this.at + 1) === 47 || this.ch(this.at + 1) === 42)) this.giveUp();
      else return broke;
    }
  }

  /**
   * Past white space and line breaks between the entries of a container, its line comments read in
   * as its children (where the grammar hangs them).
   */
  private between(children: number[]): void {
    for (;;) {
      const c = this.ch(this.at);
      if (c === SPACE || c === TAB || c === LF || c === CR) this.at++;
      else if (c === 47 && this.ch(this.at + 1) === 47) {
        const start = this.at;
        let e = start;
        for (let d = this.ch(e); d !== LF && d !== -1; d = this.ch(++e)) if (d === CR) this.giveUp();
        children.push(this.rows.row(this.type.comment, start, e, 0, true));
        this.at = e;
      } else if (c === 47 && this.ch(this.at + 1) === 42) this.giveUp();
      else return;
    }
  }

  /**
   * After an entry of a container (`close`: its closing bracket, -1 at the top level): a comma
   * (another entry may follow on the line), or a line break, a line comment or the close.
   */
  private entryEnd(close: number): void {
    this.spaces();
    const c = this.ch(this.at);
    if (c === 44 && close !== -1) {
      this.at++;
      this.spaces();
      return;
    }
    if (c === LF || c === CR || c === close || (c === 47 && this.ch(this.at + 1) === 47)) return;
    this.giveUp();
  }

  /** The word at `i` (letters, digits, `_`, starting with no digit), or '' for none. */
  private wordAt(i: number): string {
    if (!isWordStart(this.ch(i))) return '';
    let e = i + 1;
    while (isWord(this.ch(e))) e++;
    return this.src.slice(i, e);
  }

  /** The next character that is not a space or tab on this line (-2 at a line break), without moving. */
  private peekOnLine(): number {
    let i = this.at;
    let c = this.ch(i);
    while (c === SPACE || c === TAB) c = this.ch(++i);
    return c === LF || c === CR ? -2 : c;
  }

  // --- rows -------------------------------------------------------------------------------------

  private leaf(type: number, start: number, end: number, named = true): number {
    return this.rows.row(type, start, end, 0, named);
  }

  private parent(type: number, start: number, end: number, children: readonly number[]): number {
    const row = this.rows.row(type, start, end, 0, true);
    this.rows.link(row, children);
    return row;
  }

  private withField(row: number, field: number): number {
    this.rows.setField(row, field);
    return row;
  }

  // --- statements -------------------------------------------------------------------------------

  private top(out: number[]): void {
    let decorated = false;
    for (;;) {
      this.between(out);
      const c = this.ch(this.at);
      if (c === -1) break;
      if (c === 64 /* @ */) {
        if (decorated) this.giveUp();
        out.push(this.decorators());
        decorated = true;
        continue;
      }
      out.push(this.declaration());
      decorated = false;
      this.entryEnd(-1);
    }
    if (decorated) this.giveUp();
  }

  private decorators(): number {
    const start = this.at;
    const list: number[] = [];
    for (;;) {
      const at = this.at;
      this.at++; // @
      const expression = this.postfix(this.primary());
      const type = this.rows.typeId(expression);
      if (type !== this.type.call_expression) this.giveUp();
      list.push(this.parent(this.type.decorator, at, this.rows.end(expression), [expression]));
      this.spaces();
      const c = this.ch(this.at);
      if (c !== LF && c !== CR) this.giveUp();
      this.blank();
      if (this.ch(this.at) !== 64) break;
    }
    return this.parent(this.type.decorators, start, this.rows.end(list[list.length - 1]), list);
  }

  private declaration(): number {
    const start = this.at;
    const keyword = this.wordAt(start);
    this.at += keyword.length;
    if (keyword === '' || !isWordStart(this.ch(start))) this.giveUp();
    const children: number[] = [];
    const sep = () => {
      const c = this.ch(this.at);
      if (c !== SPACE && c !== TAB) this.giveUp();
      this.spaces();
    };
    const equals = () => {
      this.spaces();
      if (this.ch(this.at) !== 61 /* = */ || this.ch(this.at + 1) === 61 || this.ch(this.at + 1) === 126 || this.ch(this.at + 1) === 62) this.giveUp();
      children.push(this.leaf(this.token['='], this.at, this.at + 1, false));
      this.at++;
      this.spaces();
    };
    const symbol = () => {
      sep();
      const name = this.wordAt(this.at);
      if (!name) this.giveUp();
      children.push(this.leaf(this.type.identifier, this.at, this.at + name.length));
      this.at += name.length;
    };
    let type: number;
    switch (keyword) {
      case 'targetScope':
        type = this.type.target_scope_assignment;
        equals();
        children.push(this.expression());
        break;
      case 'param':
      case 'output': {
        type = keyword === 'param' ? this.type.parameter_declaration : this.type.output_declaration;
        symbol();
        sep();
        const name = this.wordAt(this.at);
        if (!PRIMITIVE_TYPES.has(name)) this.giveUp();
        const typeStart = this.at;
        this.at += name.length;
        // (`string[]`, `string?`, `'a' | 'b'`, … are for the grammar)
        const after = this.peekOnLine();
        if (after !== -2 && after !== -1 && after !== 61 /* = */ && !(after === 47 && this.ch(this.at + this.spacesAhead() + 1) === 47)) this.giveUp();
        children.push(this.parent(this.type.type, typeStart, this.at, [this.leaf(this.type.primitive_type, typeStart, this.at)]));
        if (keyword === 'output' || after === 61) {
          equals();
          children.push(this.expression());
        }
        break;
      }
      case 'var':
      case 'metadata':
        type = keyword === 'var' ? this.type.variable_declaration : this.type.metadata_declaration;
        symbol();
        equals();
        children.push(this.expression());
        break;
      case 'resource':
      case 'module': {
        type = keyword === 'resource' ? this.type.resource_declaration : this.type.module_declaration;
        symbol();
        sep();
        if (this.ch(this.at) !== 39) this.giveUp();
        children.push(this.string());
        this.spaces();
        if (keyword === 'resource' && this.wordAt(this.at) === 'existing') {
          children.push(this.leaf(this.token.existing, this.at, this.at + 8, false));
          this.at += 8;
        }
        equals();
        children.push(this.body());
        break;
      }
      default:
        return this.giveUp();
    }
    return this.parent(type, start, this.rows.end(children[children.length - 1]), children);
  }

  /** A resource's or module's body: an object, `if (…) {…}` or `[for …: …]`. */
  private body(): number {
    const c = this.ch(this.at);
    if (c === 123 /* { */) return this.object();
    if (c === 91 /* [ */ && this.forAhead()) return this.forStatement();
    if (this.wordAt(this.at) === 'if') return this.ifStatement();
    return this.giveUp();
  }

  private ifStatement(): number {
    const start = this.at;
    this.at += 2;
    this.spaces();
    if (this.ch(this.at) !== 40) this.giveUp();
    const condition = this.parenthesized();
    this.spaces();
    if (this.ch(this.at) !== 123) this.giveUp();
    const body = this.object();
    return this.parent(this.type.if_statement, start, this.rows.end(body), [condition, body]);
  }

  // --- expressions ------------------------------------------------------------------------------

  private expression(): number {
    const condition = this.binary(1);
    if (this.peekOnLine() !== 63 /* ? */ || this.ch(this.at + this.spacesAhead() + 1) === 63 || this.ch(this.at + this.spacesAhead() + 1) === 46) {
      this.operatorOnNextLine();
      return condition;
    }
    this.spaces();
    this.at++; // ?
    this.blank();
    const consequence = this.expression();
    this.blank();
    this.expect(58 /* : */);
    this.blank();
    const alternative = this.expression();
    return this.parent(this.type.ternary_expression, this.rows.start(condition), this.rows.end(alternative), [
      this.withField(condition, this.field.condition),
      this.withField(consequence, this.field.consequence),
      this.withField(alternative, this.field.alternative),
    ]);
  }

  private spacesAhead(): number {
    let i = this.at;
    while (this.ch(i) === SPACE || this.ch(i) === TAB) i++;
    return i - this.at;
  }

  /** An expression does not go on past a line break: a line that starts with an operator is left to the grammar. */
  private operatorOnNextLine(): void {
    if (this.peekOnLine() !== -2) return;
    let i = this.at;
    for (let c = this.ch(i); c === SPACE || c === TAB || c === LF || c === CR; c = this.ch(++i));
    const c = this.ch(i);
    // ('(' '[' '.' would go on the expression, an operator would join it to the next line's)
    if (c === 40 || c === 46 || c === 63 || c === 33 || c === 45 || c === 43 || c === 42 || c === 37 || c === 38 || c === 124 || c === 61 || c === 60 || c === 62 || c === 58) this.giveUp();
    if (c === 47 && this.ch(i + 1) !== 47) this.giveUp();
  }

  /** The binary operator after spaces on this line, or undefined. */
  private operatorAhead(): string | undefined {
    const i = this.at + this.spacesAhead();
    const c = this.ch(i);
    const d = this.ch(i + 1);
    const two = String.fromCharCode(c, d);
    if (two === '??' || two === '||' || two === '&&' || two === '==' || two === '!=' || two === '=~' || two === '!~' || two === '<=' || two === '>=') return two;
    if (c === 47 /* / */ && (d === 47 || d === 42)) return undefined;
    if (c === 60 || c === 62 || c === 43 || c === 45 || c === 42 || c === 47 || c === 37) return String.fromCharCode(c);
    return undefined;
  }

  private binary(level: number): number {
    let left = this.unary();
    for (;;) {
      const op = this.operatorAhead();
      const opLevel = op === undefined ? 0 : LEVEL[op];
      if (op === undefined || opLevel < level) return left;
      this.spaces();
      const opRow = this.withField(this.leaf(this.token[op], this.at, this.at + op.length, false), this.field.operator);
      this.at += op.length;
      this.blank();
      const right = this.binary(opLevel + 1);
      left = this.parent(this.type.binary_expression, this.rows.start(left), this.rows.end(right), [
        this.withField(left, this.field.left),
        opRow,
        this.withField(right, this.field.right),
      ]);
    }
  }

  private unary(): number {
    const c = this.ch(this.at);
    if (c === 33 /* ! */ || (c === 45 /* - */ && !isDigit(this.ch(this.at + 1)))) {
      if (c === 45 && this.ch(this.at + 1) !== 40 && !isWordStart(this.ch(this.at + 1))) this.giveUp();
      const start = this.at;
      const op = this.withField(this.leaf(this.token[c === 33 ? '!' : '-'], start, start + 1, false), this.field.operator);
      this.at++;
      const next = this.ch(this.at);
      // (the grammar binds the operator to the operand and its call, and a member after that to the whole)
      const operand = next === 33 || next === 45 ? this.unary() : this.calls(this.primary());
      const row = this.parent(this.type.unary_expression, start, this.rows.end(operand), [op, this.withField(operand, this.field.argument)]);
      const after = this.ch(this.at);
      if (after === 46 || after === 91 || after === 40) this.giveUp();
      return row;
    }
    return this.postfix(this.primary());
  }

  /** Calls after a symbol (`f(x)`), and nothing else. */
  private calls(row: number): number {
    if (this.rows.typeId(row) === this.type.identifier && this.ch(this.at) === 40) return this.call(row);
    return row;
  }

  private call(callee: number): number {
    const args = this.arguments();
    return this.parent(this.type.call_expression, this.rows.start(callee), this.rows.end(args), [
      this.withField(callee, this.field.function),
      this.withField(args, this.field.arguments),
    ]);
  }

  /** `read` inside brackets of its own: not an array's item's top level (`inItem`). */
  private nested<T>(read: () => T): T {
    const item = this.inItem;
    this.inItem = false;
    const out = read();
    this.inItem = item;
    return out;
  }

  /** An array's item. */
  private item(): number {
    this.inItem = true;
    const row = this.expression();
    this.inItem = false;
    return row;
  }

  private arguments(): number {
    return this.nested(() => this.argumentList());
  }

  private argumentList(): number {
    const start = this.at;
    this.at++; // (
    const list: number[] = [];
    this.blank();
    if (this.ch(this.at) !== 41) {
      for (;;) {
        list.push(this.expression());
        this.blank();
        if (this.ch(this.at) === 44) {
          this.at++;
          this.blank();
          continue;
        }
        break;
      }
    }
    this.expect(41 /* ) */);
    return this.parent(this.type.arguments, start, this.at, list);
  }

  /** Member accesses, subscripts and calls after an operand, on its line. */
  private postfix(row: number): number {
    for (;;) {
      const c = this.ch(this.at);
      if (c === 46 /* . */) {
        const d = this.ch(this.at + 1);
        if (d === 63 || d === 46) this.giveUp(); // .? and ...
        this.at++;
        const name = this.wordAt(this.at);
        if (!name) this.giveUp();
        const property = this.withField(this.leaf(this.type.property_identifier, this.at, this.at + name.length), this.field.property);
        this.at += name.length;
        row = this.parent(this.type.member_expression, this.rows.start(row), this.at, [this.withField(row, this.field.object), property]);
      } else if (c === 91 /* [ */) {
        if (this.ch(this.at + 1) === 63 || this.inItem) this.giveUp(); // [? and an array's item (see inItem)
        this.at++;
        this.blank();
        const index = this.expression();
        this.blank();
        this.expect(93);
        row = this.parent(this.type.subscript_expression, this.rows.start(row), this.at, [this.withField(row, this.field.object), this.withField(index, this.field.index)]);
      } else if (c === 40 /* ( */) {
        const type = this.rows.typeId(row);
        // (`a.b(x)` as an array's item: the grammar may read `a.b` and `(x)`, which the walk keeps apart)
        if (type !== this.type.identifier && (type !== this.type.member_expression || this.inItem)) this.giveUp();
        row = this.call(row);
      } else if (c === 33 /* ! */ && this.ch(this.at + 1) !== 61 && this.ch(this.at + 1) !== 126) this.giveUp(); // x!
      else if (c === 58 && this.ch(this.at + 1) === 58) this.giveUp(); // ::
      else if (c === SPACE || c === TAB) {
        // (`f (x)`: left to the grammar)
        const next = this.peekOnLine();
        if (next === 40 || next === 91 || next === 46) this.giveUp();
        return row;
      } else return row;
    }
  }

  private primary(): number {
    const start = this.at;
    const c = this.ch(start);
    if (c === 39 /* ' */) return this.nested(() => this.string());
    if (isDigit(c) || (c === 45 && isDigit(this.ch(start + 1)))) {
      let e = start + 1;
      while (isDigit(this.ch(e))) e++;
      if (this.ch(e) === 46 || isWordStart(this.ch(e))) this.giveUp();
      this.at = e;
      return this.leaf(this.type.number, start, e);
    }
    if (c === 40) return this.nested(() => this.parenthesized());
    if (c === 123) return this.nested(() => this.object());
    if (c === 91) return this.nested(() => (this.forAhead() ? this.forStatement() : this.array()));
    const word = this.wordAt(start);
    if (!word || KEYWORDS.has(word)) this.giveUp();
    this.at += word.length;
    if (word === 'true' || word === 'false') return this.leaf(this.type.boolean, start, this.at);
    if (word === 'null') return this.leaf(this.type.null, start, this.at);
    // (`x => …`, a lambda, is for the grammar)
    if (this.ch(this.at + this.spacesAhead()) === 61 && this.ch(this.at + this.spacesAhead() + 1) === 62) this.giveUp();
    return this.leaf(this.type.identifier, start, this.at);
  }

  private parenthesized(): number {
    const start = this.at;
    this.at++;
    this.blank();
    if (this.ch(this.at) === 41) this.giveUp(); // `() => …`
    const inner = this.expression();
    this.blank();
    this.expect(41);
    // (`(x) => …`, a lambda, is for the grammar)
    const k = this.at + this.spacesAhead();
    if (this.ch(k) === 61 && this.ch(k + 1) === 62) this.giveUp();
    return this.parent(this.type.parenthesized_expression, start, this.at, [inner]);
  }

  /** A string: its quotes, its content and its interpolations (a plain one as syntax.ts keeps it). */
  private string(): number {
    const start = this.at;
    if (this.ch(start + 1) === 39 && this.ch(start + 2) === 39) this.giveUp(); // '''
    // (made at the first interpolation: most strings have none)
    let children: number[] | undefined;
    let run = start + 1;
    let i = start + 1;
    for (;;) {
      const c = this.ch(i);
      if (c === -1 || c === LF || c === CR || c === 92 /* \ */) this.giveUp();
      if (c === 39) break;
      if (c === 36 /* $ */ && this.ch(i + 1) === 123) {
        children ??= [];
        if (i > run) children.push(this.leaf(this.type.string_content, run, i));
        this.at = i + 2;
        this.blank();
        const inner = this.expression();
        this.blank();
        this.expect(125 /* } */);
        children.push(this.parent(this.type.interpolation, i, this.at, [inner]));
        i = run = this.at;
        continue;
      }
      i++;
    }
    this.at = i + 1;
    if (!children) return this.rows.plainString(start, this.at, 0);
    if (i > run) children.push(this.leaf(this.type.string_content, run, i));
    return this.parent(this.type.string, start, this.at, children);
  }

  private object(): number {
    const start = this.at;
    this.at++;
    const children: number[] = [];
    for (;;) {
      this.between(children);
      const c = this.ch(this.at);
      if (c === 125 /* } */) break;
      children.push(this.property());
      this.entryEnd(125);
    }
    this.at++;
    return this.parent(this.type.object, start, this.at, children);
  }

  private property(): number {
    const start = this.at;
    const c = this.ch(start);
    let key: number;
    if (c === 39) {
      key = this.string();
      if (this.rows.typeId(key) !== this.type.string || this.rows.firstChild(key) < 0 || this.rows.typeId(this.rows.firstChild(key)) !== this.rows.types.quote) this.giveUp();
    } else {
      const word = this.wordAt(start);
      if (!word) this.giveUp();
      this.at += word.length;
      if (word === 'resource' && (this.ch(this.at) === SPACE || this.ch(this.at) === TAB) && isWordStart(this.ch(this.at + this.spacesAhead()))) {
        this.at = start;
        const nested = this.declaration();
        return this.parent(this.type.object_property, start, this.rows.end(nested), [nested]);
      }
      key = this.leaf(this.type.identifier, start, this.at);
    }
    this.spaces();
    this.expect(58 /* : */);
    if (this.ch(this.at) === 58) this.giveUp();
    this.spaces();
    const c2 = this.ch(this.at);
    if (c2 === LF || c2 === CR || c2 === -1) this.giveUp();
    const value = this.expression();
    return this.parent(this.type.object_property, start, this.rows.end(value), [key, value]);
  }

  /** `[` then `for`. */
  private forAhead(): boolean {
    let i = this.at + 1;
    for (let c = this.ch(i); c === SPACE || c === TAB || c === LF || c === CR; c = this.ch(++i));
    return this.wordAt(i) === 'for';
  }

  private forStatement(): number {
    const start = this.at;
    this.at++;
    this.blank();
    this.at += 3; // for
    const children: number[] = [];
    this.spaces();
    if (this.ch(this.at) === 40) {
      const params = this.at;
      this.at++;
      this.blank();
      const item = this.wordAt(this.at);
      if (!item) this.giveUp();
      const variable = this.leaf(this.type.loop_variable, this.at, this.at + item.length);
      this.at += item.length;
      this.blank();
      this.expect(44);
      this.blank();
      const index = this.wordAt(this.at);
      if (!index) this.giveUp();
      const enumerator = this.leaf(this.type.loop_enumerator, this.at, this.at + index.length);
      this.at += index.length;
      this.blank();
      this.expect(41);
      children.push(this.parent(this.type.for_loop_parameters, params, this.at, [variable, enumerator]));
    } else {
      const item = this.wordAt(this.at);
      if (!item || KEYWORDS.has(item)) this.giveUp();
      children.push(this.withField(this.leaf(this.type.identifier, this.at, this.at + item.length), this.field.initializer));
      this.at += item.length;
    }
    this.spaces();
    if (this.wordAt(this.at) !== 'in') this.giveUp();
    this.at += 2;
    this.spaces();
    children.push(this.expression());
    this.blank();
    this.expect(58 /* : */);
    this.blank();
    const body = this.wordAt(this.at) === 'if' ? this.ifStatement() : this.expression();
    children.push(this.withField(body, this.field.body));
    this.blank();
    this.expect(93 /* ] */);
    return this.parent(this.type.for_statement, start, this.at, children);
  }

  private array(): number {
    const start = this.at;
    const spans = plainArray(this.src, start, this.end);
    if (spans) {
      this.at = spans.end;
      return this.rows.plainArray(start, spans.end, spans.strings, 0);
    }
    this.at++;
    const children: number[] = [];
    for (;;) {
      this.between(children);
      const c = this.ch(this.at);
      if (c === 93 /* ] */) break;
      // (an item that starts with an operator or a bracket may be read by the grammar with the item before it)
      if (c === 40 || c === 45 || c === 46 || c === 63 || c === 33 || c === 43 || c === 42 || c === 47 || c === 37 || c === 38 || c === 124 || c === 61 || c === 60 || c === 62 || c === 58) this.giveUp();
      children.push(this.item());
      this.entryEnd(93);
    }
    this.at++;
    return this.parent(this.type.array, start, this.at, children);
  }
}

/**
 * An array of plain strings only (`'…'` on one line, no escape, no interpolation; white space and
 * commas between), as syntax.ts reads one without its nodes: its end and the strings' spans.
 */
function plainArray(source: string, start: number, limit: number): { end: number; strings: number[] } | undefined {
  const strings: number[] = [];
  for (let i = start + 1; i < limit;) {
    const c = source.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF || c === CR || c === 44) {
      i++;
      continue;
    }
    if (c === 93) return { end: i + 1, strings };
    if (c !== 39) return undefined;
    // ('' then ' is a multi-line string)
    if (source.charCodeAt(i + 1) === 39 && source.charCodeAt(i + 2) === 39) return undefined;
    let e = i + 1;
    for (; e < limit; e++) {
      const d = source.charCodeAt(e);
      if (d === 39 || d === 92 || d === LF || d === CR || (d === 36 && source.charCodeAt(e + 1) === 123)) break;
    }
    if (e >= limit || source.charCodeAt(e) !== 39) return undefined;
    strings.push(i, e + 1);
    i = e + 1;
  }
  return undefined;
}
