// The Bicep front end: tree-sitter-bicep (WebAssembly) run by web-tree-sitter, and the syntax tree
// as the model the rules read (to-json.ts). IO-free: the faces hand in the two WebAssembly files'
// bytes (the Node faces read them from disk, a browser worker from the extension), and nothing is
// loaded until a Bicep file is met.
import { Language, Parser, type Range, type Tree } from 'web-tree-sitter';
import { LineIndex } from '../model/line-index';
import { prop } from '../model/json';
import { type RoleDocument, type UnitReader, documentFromTree } from '../model/role-document';
import { BicepReader } from './reader';
import { FlatSyntax, NodeTypes } from './syntax';
import { type BicepSymbols, BicepToJson, type SyntaxNode } from './to-json';

export interface BicepWasm {
  /** web-tree-sitter's runtime (web-tree-sitter.wasm) */
  readonly runtime: Uint8Array;
  /** the grammar (tree-sitter-bicep.wasm) */
  readonly grammar: Uint8Array;
}

export interface BicepParser {
  /**
   * The model of a Bicep file: its role definitions and assignments, with offsets into its text;
   * `passed`, the parameter values its callers pass it as a module (model/modules.ts).
   */
  parse(text: string, passed?: RoleDocument['passed']): RoleDocument;
}

export interface BicepParserOptions {
  /**
   * Plain statements read without the grammar (reader.ts), the grammar reading the rest: true
   * unless said otherwise (false: the grammar reads all, as the tests compare the two).
   */
  readonly plainReader?: boolean;
}

/** A parser over the grammar; one per session (the runtime is set up once per process by web-tree-sitter). */
export async function createBicepParser(wasm: BicepWasm, options: BicepParserOptions = {}): Promise<BicepParser> {
  await Parser.init({ wasmBinary: wasm.runtime });
  const language = await Language.load(wasm.grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  const types = new NodeTypes(language);
  // the rows the syntax trees are read into, used again by each file (see syntax.ts)
  const syntax = new FlatSyntax(types);
  // the plain statements, read without the grammar (see reader.ts)
  const reader = options.plainReader === false ? undefined : new BicepReader(language);
  return {
    parse(text, passed) {
      // nullable parameter types (`param lock lockType?`, Bicep 0.30) are unknown to the grammar, which
      // reads a conditional and takes the statements after it in: the `?` is blanked (a parameter's
      // type is nothing the checks read), offsets kept
      // (looked for first: most files have none, and a replace copies the whole text all the same)
      const source = mayHoldNullableParameter(text) ? text.replace(NULLABLE_PARAMETER, '$1 ') : text;
      // each top-level statement parsed alone (an included range of the whole text, so offsets stay
      // the text's): a statement the grammar cannot read never takes the ones after it in, and the
      // grammar's error recovery, whose scanner reads ahead to the end of what it is given (at each
      // `symbol.property`), reads to the end of the statement, not of the file
      const trees: Tree[] = [];
      try {
        // (the text's lines, found as its statements are: blanking a `?` moves no line; a text with
        // \r in it has them found by LineIndex, which reads \r\n and \r as line breaks too)
        const lineStarts = source.includes('\r') ? undefined : [];
        const ranges = statementRanges(source, lineStarts);
        const lines = lineStarts ? new LineIndex(text, new Int32Array(lineStarts)) : new LineIndex(text);
        const parse = (start: number, end: number): Tree | undefined => {
          // the text handed over ends with the statement: web-tree-sitter copies each piece it is
          // given into the WebAssembly memory (up to 10 KB at a time), and a node's text is read from it
          const text = (index: number) => (index < end ? source.slice(index, end) : '');
          const tree = parser.parse(text, null, { includedRanges: [range(lines, start, end)] }) ?? undefined;
          if (tree) trees.push(tree);
          return tree;
        };
        // (room for about one row per 8 characters, what a role file takes: made once, not grown as read)
        syntax.reset(source, source.length >> 3);
        const statements: SyntaxNode[] = [];
        for (const [start, declaration, end] of ranges) {
          const plain = reader?.statements(syntax, source, start, end);
          if (plain) {
            statements.push(...plain);
            continue;
          }
          let parsed = [parse(start, end)];
          // decorators the grammar cannot read must not take their declaration with them
          if (parsed[0]?.rootNode.hasError && declaration > start) parsed = [parse(start, declaration), parse(declaration, end)];
          for (const tree of parsed) {
            if (!tree) return documentFromTree(text, undefined, [{ offset: 0, length: 0, message: 'the Bicep parser gave no tree', language: 'bicep' }], 'bicep');
            statements.push(...syntax.statements(tree));
          }
        }
        const front = new BicepToJson(text);
        const root = front.template({ namedChildren: statements });
        return documentFromTree(text, root, front.problems, 'bicep', passed, resourceUnits(parser, types, reader, front.symbols), lines);
      } finally {
        for (const tree of trees) tree.delete();
      }
    },
  };
}

/**
 * The units of a Bicep file for a re-check in part (analysis/incremental.ts): its top-level
 * `resource` declarations, each read again alone with what the file's other statements declare.
 */
function resourceUnits(parser: Parser, types: NodeTypes, reader: BicepReader | undefined, symbols: BicepSymbols): UnitReader {
  return {
    problemsPerUnit: true,
    unitAt(root, start, end) {
      const resources = prop(root, 'resources');
      if (resources?.type !== 'object') return undefined;
      for (const node of resources.children ?? []) {
        const value = node.children?.[1];
        if (value && value.offset < start && end < value.offset + value.length) return { node, start: value.offset, end: value.offset + value.length };
      }
      return undefined;
    },
    read(text, _unit, moved) {
      // one declaration still (a line the edit made that starts another is read with the file)
      if (statementRanges(text).length !== 1) return undefined;
      const unitSyntax = new FlatSyntax(types);
      unitSyntax.reset(text, text.length >> 3);
      const unit = (statements: readonly SyntaxNode[]) => {
        const [declaration, ...others] = statements.filter((c) => c.type !== 'comment');
        if (others.length > 0 || !declaration || declaration.startIndex !== 0 || declaration.endIndex !== text.length) return undefined;
        return new BicepToJson(text, symbols, moved).unit(declaration);
      };
      const plain = reader?.statements(unitSyntax, text, 0, text.length);
      if (plain) return unit(plain);
      const tree = parser.parse(text);
      try {
        return tree ? unit(unitSyntax.statements(tree)) : undefined;
      } finally {
        tree?.delete();
      }
    },
  };
}

function range(lines: LineIndex, start: number, end: number): Range {
  const from = lines.positionAt(start);
  const to = lines.positionAt(end);
  return { startIndex: start, endIndex: end, startPosition: { row: from.line, column: from.character }, endPosition: { row: to.line, column: to.character } };
}

/** A line that starts a declaration: a keyword at the start of a line. */
const DECLARATION = /^(?:resource|param|var|module|output|targetScope|type|func|metadata|import|extension)\b/;

/**
 * The top-level statements of a text, as [start, declaration, end): each begins at the decorators
 * (`@name…` lines) before a line that starts a declaration, else at that line, and runs to the next.
 * `lineStarts`, if given, receives where each line starts (lines end at \n), as model/line-index.ts
 * keeps them: the text is read line by line once for both.
 */
export function statementRanges(text: string, lineStarts?: number[]): [number, number, number][] {
  const starts: number[] = [0];
  const declarations: number[] = [0];
  let decorators: number | undefined;
  let seenDeclaration = false;
  for (let at = 0; at < text.length;) {
    lineStarts?.push(at);
    const next = text.indexOf('\n', at);
    const lineEnd = next < 0 ? text.length : next + 1;
    const c = text.charCodeAt(at);
    // decorators may span lines (`@allowed([` … `])`): they belong to the declaration after them
    if (c === 64 /* @ */ && /^@[A-Za-z_]/.test(text.slice(at, at + 2))) decorators ??= at;
    else if (c >= 97 && c <= 122 && DECLARATION.test(text.slice(at, at + 12))) {
      const start = decorators ?? at;
      if (seenDeclaration && start > starts[starts.length - 1]) {
        starts.push(start);
        declarations.push(at);
      } else declarations[declarations.length - 1] = Math.max(declarations[declarations.length - 1], seenDeclaration ? declarations[declarations.length - 1] : at);
      seenDeclaration = true;
      decorators = undefined;
    }
    at = lineEnd;
  }
  // (an empty text is one line; so is what follows a last line break)
  if (lineStarts && (text.length === 0 || text.charCodeAt(text.length - 1) === 10)) lineStarts.push(text.length);
  return starts.map((s, i) => [s, declarations[i], starts[i + 1] ?? text.length]);
}

/** `param name type?` at the end of its line (the type may be `resourceInput<'…'>.tags`): group 1 is all but the `?`. */
export const NULLABLE_PARAMETER = /^(param[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+[^=\r\n]*?)\?(?=[ \t]*(?:\r?\n|$))/gm;

const isLineBreak = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Whether a text may hold what NULLABLE_PARAMETER matches: a `?` that ends a line (but for spaces
 * and tabs) with `param` before it on the line. (The expression's lines end at \u2028 and \u2029
 * too, but what it reads between `param` and the `?` may hold them: the line looked back along is
 * the one \n and \r end.) Looked for from each `?` (a file has few): the expression, tried at every
 * line start of a large file, takes longer than the rest of its reading.
 */
export function mayHoldNullableParameter(text: string): boolean {
  for (let q = text.indexOf('?'); q >= 0; q = text.indexOf('?', q + 1)) {
    let end = q + 1;
    while (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9) end++;
    if (end < text.length && !isLineBreak(text.charCodeAt(end))) continue;
    let start = q;
    while (start > 0 && text.charCodeAt(start - 1) !== 10 && text.charCodeAt(start - 1) !== 13) start--;
    if (text.slice(start, q).includes('param')) return true;
  }
  return false;
}
