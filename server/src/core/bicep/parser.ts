// The Bicep front end: tree-sitter-bicep (WebAssembly) run by web-tree-sitter, and the syntax tree
// as the model the rules read (to-json.ts). IO-free: the faces hand in the two WebAssembly files'
// bytes (the Node faces read them from disk, a browser worker from the extension), and nothing is
// loaded until a Bicep file is met.
import { Language, Parser } from 'web-tree-sitter';
import { type RoleDocument, type SyntaxProblem, documentFromTree } from '../model/role-document';
import { BicepToJson, type SyntaxNode } from './to-json';

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

/** A parser over the grammar; one per session (the runtime is set up once per process by web-tree-sitter). */
export async function createBicepParser(wasm: BicepWasm): Promise<BicepParser> {
  await Parser.init({ wasmBinary: wasm.runtime });
  const language = await Language.load(wasm.grammar);
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text, passed) {
      // a statement the grammar does not know can swallow the statements after it into one ERROR
      // node: its text is blanked (offsets kept) from the statement up to the next line that starts
      // a declaration, and the text parsed again, until no ERROR hides a declaration
      // nullable parameter types (`param lock lockType?`, Bicep 0.30) are unknown to the grammar, which
      // reads a conditional and takes the statements after it in: the `?` is blanked (a parameter's
      // type is nothing the checks read), offsets kept
      let source = text.replace(NULLABLE_PARAMETER, '$1 ');
      const skipped: SyntaxProblem[] = [];
      for (let attempt = 0; ; attempt++) {
        const tree = parser.parse(source);
        if (!tree) return documentFromTree(text, undefined, [{ offset: 0, length: 0, message: 'the Bicep parser gave no tree', language: 'bicep' }], 'bicep');
        try {
          // a statement the grammar read wrongly is as bad as one it could not read when it runs on
          // into the declarations after it
          const swallowing = attempt < MAX_RECOVERIES ? tree.rootNode.children.find((c) => !!c && (c.type === 'ERROR' || c.hasError) && nextDeclaration(source, c.startIndex, c.endIndex) !== undefined) : undefined;
          if (!swallowing) {
            const front = new BicepToJson(text);
            const root = front.template(tree.rootNode as unknown as SyntaxNode);
            return documentFromTree(text, root, [...skipped, ...front.problems], 'bicep', passed);
          }
          const restart = nextDeclaration(source, swallowing.startIndex, swallowing.endIndex)!;
          skipped.push({ offset: swallowing.startIndex, length: restart - swallowing.startIndex, message: JSON.stringify(text.slice(swallowing.startIndex, Math.min(restart, swallowing.startIndex + 40)).trimEnd()), language: 'bicep' });
          source = source.slice(0, swallowing.startIndex) + source.slice(swallowing.startIndex, restart).replace(/[^\r\n]/g, ' ') + source.slice(restart);
        } finally {
          tree.delete();
        }
      }
    },
  };
}

/** `param name type?` at the end of its line (the type may be `resourceInput<'…'>.tags`): group 1 is all but the `?`. */
const NULLABLE_PARAMETER = /^(param[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]+[^=\r\n]*?)\?(?=[ \t]*(?:\r?\n|$))/gm;

/** How many unreadable statements a file may have before the rest is left as the grammar read it. */
const MAX_RECOVERIES = 50;

/** A line that starts a declaration (or its decorator), at the start of a line. */
const DECLARATION = /^(?:resource|param|var|module|output|targetScope|type|func|metadata|import|extension|@)\b/;

/** Where the first declaration after the first line of [start, end) begins; undefined when none does. */
function nextDeclaration(text: string, start: number, end: number): number | undefined {
  for (let i = text.indexOf('\n', start); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) {
    if (DECLARATION.test(text.slice(i + 1, i + 20))) return i + 1;
  }
  return undefined;
}
