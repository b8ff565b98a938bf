// The syntax trees read out of the WebAssembly into flat arrays (core/bicep/syntax.ts) are walked to
// exactly the template web-tree-sitter's own nodes are walked to: every real Bicep file we hold,
// every prefix of some (files being typed, full of errors and missing tokens), and random edits of
// them; and each top-level resource read again alone.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { FlatSyntax, NodeTypes } from '../../server/src/core/bicep/syntax';
import { BicepToJson, type SyntaxNode } from '../../server/src/core/bicep/to-json';
import { BICEP_GRAMMAR, CRR_ROLE, loadBicepParser } from '../support/bicep';
import { REPO } from '../support/harness';

const FIXTURES = join(REPO, 'test', 'fixtures', 'bicep');
const RUNS = Number(process.env.FC_RUNS ?? 60);

/** A template as data: its nodes without their parents. */
function plain(n: Node): unknown {
  return { type: n.type, offset: n.offset, length: n.length, value: n.value, colon: n.colonOffset, children: n.children?.map(plain) };
}

describe('Bicep syntax read into flat arrays', () => {
  let parser: Parser;
  let types: NodeTypes;
  const texts: string[] = [];

  before(async () => {
    await loadBicepParser(); // (sets web-tree-sitter up)
    const language = await Language.load(readFileSync(BICEP_GRAMMAR));
    parser = new Parser();
    parser.setLanguage(language);
    types = new NodeTypes(language);
    for (const f of readdirSync(FIXTURES).filter((f) => f.endsWith('.bicep')).sort()) texts.push(readFileSync(join(FIXTURES, f), 'utf8'));
    texts.push(CRR_ROLE);
  });

  /** The template and problems of a text, walked over web-tree-sitter's nodes and over the flat rows. */
  function both(text: string): { raw: unknown; flat: unknown; tree: Tree } {
    const tree = parser.parse(text)!;
    const walk = (statements: readonly SyntaxNode[]) => {
      const front = new BicepToJson(text);
      const root = front.template({ namedChildren: statements });
      // and each top-level resource read again alone, against the file's symbols
      const units = statements.filter((s) => s.type === 'resource_declaration').map((s) => {
        const unit = new BicepToJson(text, front.symbols).unit(s);
        return unit ? plain(unit) : undefined;
      });
      return { root: plain(root), problems: front.problems, units };
    };
    const raw = walk(tree.rootNode.namedChildren.filter((c) => c !== null) as unknown as SyntaxNode[]);
    const syntax = new FlatSyntax(types);
    syntax.reset(text, tree.rootNode.descendantCount);
    const flat = walk(syntax.statements(tree));
    return { raw, flat, tree };
  }

  const same = (text: string) => {
    const { raw, flat, tree } = both(text);
    tree.delete();
    assert.deepEqual(flat, raw);
  };

  it('walks every real file to the template its own nodes give', () => {
    for (const text of texts) same(text);
  });

  it('walks every prefix of real files (files being typed) alike', () => {
    for (const text of texts.slice(0, 6)) {
      for (let end = 0; end <= text.length; end += Math.max(1, Math.floor(text.length / 150))) same(text.slice(0, end));
    }
  });

  it('walks random edits of real files alike (property)', () => {
    const edit = fc.record({
      file: fc.nat(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("'", "''", '[', ']', '{', '}', '\n', ', ', '${', '\\', "'''", '?', '.', '!', '??', 'existing ', ' = ', '//', '/*')),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = texts[edits[0].file % texts.length];
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      same(text);
    }), { numRuns: RUNS });
  });
});
