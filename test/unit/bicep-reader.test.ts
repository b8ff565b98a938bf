// The reader of plain Bicep (core/bicep/reader.ts) reads a statement as the grammar does, for all
// the walk to JSON's shape can tell: a file read with it is walked to the same template, syntax
// problems and re-read units as with the grammar alone. Held to that on every real Bicep file we
// hold, the examples, the benchmark's generated file, hand-written forms the grammar reads oddly,
// every prefix of real files (files being typed) and random edits of them. Where it is not sure, it
// gives the statement up to the grammar: those forms are listed here too, and so is what it must
// read itself (the benchmark's file, all of it), so that the speed it exists for is not lost
// without a test failing.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type { Node } from 'jsonc-parser';
import { Language } from 'web-tree-sitter';
import { type BicepParser, createBicepParser, statementRanges } from '../../server/src/core/bicep/parser';
import { BicepReader } from '../../server/src/core/bicep/reader';
import { FlatSyntax, NodeTypes } from '../../server/src/core/bicep/syntax';
import type { RoleDocument } from '../../server/src/core/model/role-document';
import { BICEP_GRAMMAR, CRR_ROLE } from '../support/bicep';
import { REPO } from '../support/harness';

const FIXTURES = join(REPO, 'test', 'fixtures', 'bicep');
const RUNS = Number(process.env.FC_RUNS ?? 60);

/** A template as data: its nodes without their parents. */
function plain(n: Node | undefined): unknown {
  return n && { type: n.type, offset: n.offset, length: n.length, value: n.value, colon: n.colonOffset, children: n.children?.map(plain) };
}

/** What the rules read of a Bicep file's model: its template, its syntax problems, each top-level resource read again alone. */
function model(document: RoleDocument): unknown {
  const resources = document.root?.children?.find((p) => p.children?.[0]?.value === 'resources')?.children?.[1];
  const units = (resources?.type === 'object' ? resources.children ?? [] : []).map((p) => {
    const value = p.children?.[1];
    const unit = value && value.length > 2 ? document.units?.unitAt(document.root!, value.offset + 1, value.offset + 2) : undefined;
    return unit && plain(document.units!.read(document.text.slice(unit.start, unit.end), unit, (o) => o - unit.start));
  });
  return { root: plain(document.root), problems: document.syntaxProblems, units };
}

/** Forms the grammar reads oddly, or that are easy to read wrongly; each a whole file. */
const FORMS = [
  "targetScope = 'subscription'",
  "metadata name = 'ALZ Bicep - Custom Role Definitions'\nmetadata description ='Custom Role Definitions'\n",
  "@description('x')\n@minLength(2)\nparam p string = 'a'\nparam q object\nparam r int = -1\n",
  "@allowed([\n  'a'\n  'b'\n])\nparam s string\n@secure()\nparam t string\n@sys.description('x')\nparam u bool = true\n",
  "var roles = {\n  a: 'b'\n  'c': concat(['x', 'y'], z)\n  'd-e': [\n    subscription().id\n  ]\n}\n",
  "var a = x == 1 && y != 2 || !z && w > 3 ?? q\nvar b = c ? d : e ? f : g\nvar c = 1 + 2 * 3 - -4\nvar d = a.b.c[1].d(2)\nvar e = x ?? y ?? z\n",
  "var f = [for x in y: x]\nvar g = [\n  'a', 'b'\n  c\n]\nvar h = -x\nvar i = {}\nvar j = []\nvar k = 'a${b}c${d}'\nvar l = ''\nvar m = !!x\n",
  "var o = {\n  a: 1, b: 2\n}\nvar p = { a: 1 }\nvar q = [ 1, 2 ]\n",
  "var a = [\n  subscription().id\n  resourceGroup('a', 'b').id\n  f(x)\n  'x'\n  g(1)[0]\n]\nvar b = [ f(x)\n]\nvar d = [f(x), g(y)\n  h(z)\n]\n",
  "var a = [f(x)]\nvar b = [subscription().id]\nvar c = [\n  resourceGroup('a', 'b').id\n]\nvar e = [\n  'x'\n  [1]\n]\nvar h = [\n  x\n  [0]\n]\nvar l = [\n  f(g(x))\n]\n",
  "var a = x < 1 == y >= 2\nvar b = a % 2 + b / 3\nvar c = !a.b\nvar d = a ?? b ? c : d\nvar e = x =~ 'a' && y !~ 'b'\nvar f = -a.b\nvar g = a || b ? c || d : e && f\nvar h = a + -1\n",
  "var a = !empty(x)\nvar b = !f(x).y\nvar c = -f(1)\nvar d = !(x)\nvar e = !contains(a, 'b') && length(c) > 0\n",
  "var a = {\n  type: 'x'\n  resource: 1\n  existing: 3\n  if: 4\n  true: 6\n  x: r.type\n  y: r.properties.principalId\n}\n",
  "// head\nvar a = {\n  // first\n  x: 1\n  // mid\n  y: [\n    // in array\n    'a'\n    // after a\n  ]\n  // last\n}\n// between\n\n// again\n@description('d')\n// after dec\nresource r 'x@1' = {\n  name: 'n' // trailing\n}\nvar z = 1 // after\n",
  "resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(subscription().id, 'x${p}y')\n  properties: {\n    assignableScopes: [\n      subscription().id\n    ]\n  }\n}\n",
  "resource e 'x@1' existing = {\n  name: 'n'\n  scope: resourceGroup('x')\n}\nresource l 'x@1' = [for (x, i) in range(0, 3): if (i > 1) {\n  name: x.name\n}]\n",
  "resource c 'x@1' = if (cond && !other) {\n  parent: e\n  name: 'a'\n  resource child 'y' = { name: 'z' }\n}\nmodule m './x.bicep' = {\n  name: 'm'\n  params: { a: 1 }\n}\noutput o string = r.id\n",
  "resource ra 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (p, i) in principals: {\n  name: guid(rg.id, p, roles[i % length(roles)])\n  scope: rg\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.backupContributor)\n    principalId: p\n    principalType: empty(t) ? 'ServicePrincipal' : t\n  }\n}]\n",
  "var a = x -1\nvar b = [\n  x\n  -1\n]\nvar c = (a)\nvar d = f (x)\nvar e = [\n  a.b(x)\n]\nvar f = [\n  f([x])\n]\n",
  "resource r 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {\n  name: guid(roleName)\n  properties: {\n    roleName: roleName\n    assignableScopes: [\n      roleDefinitions('Backup Contributor').id\n      managementGroup().id\n    ]\n  }\n}\n",
];

/** Forms the reader leaves to the grammar. */
const LEFT_TO_GRAMMAR = [
  "var a = '''\nmulti\n'''",
  "var a = 'it\\'s'",
  'var f = (x) => x',
  'var g = map(xs, x => x.id)',
  'var a = {\n  ...base\n  b: 1\n}',
  'var a = x.?y',
  'var a = x!',
  'param p string?',
  "param p 'a' | 'b'",
  'param p string[]',
  "import * as x from 'y.bicep'",
  'type t = string',
  'var a = /* c */ 1',
  'var a = [\n  x\n  (y)\n]',
  'var a = [\n  g(1)[0]\n]',
  "resource r 'x@1' = {\n  name: 'n'",
  'var a = ',
];

describe('Bicep read without the grammar (core/bicep/reader.ts)', () => {
  let withReader: BicepParser;
  let grammarOnly: BicepParser;
  let types: NodeTypes;
  let reader: BicepReader;
  const files: { name: string; text: string }[] = [];

  before(async () => {
    const wasm = {
      runtime: readFileSync(join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm')),
      grammar: readFileSync(BICEP_GRAMMAR),
    };
    withReader = await createBicepParser(wasm);
    grammarOnly = await createBicepParser(wasm, { plainReader: false });
    const language = await Language.load(wasm.grammar);
    types = new NodeTypes(language);
    reader = new BicepReader(language);
    for (const f of readdirSync(FIXTURES).filter((f) => f.endsWith('.bicep')).sort()) files.push({ name: f, text: readFileSync(join(FIXTURES, f), 'utf8') });
    files.push({ name: 'examples/backup-operators.bicep', text: readFileSync(join(REPO, 'examples', 'backup-operators.bicep'), 'utf8') });
    files.push({ name: 'CRR_ROLE', text: CRR_ROLE });
  });

  /** How many of a text's statements (parser.ts's ranges) the reader reads itself. */
  function readCount(text: string): { read: number; statements: number } {
    const ranges = statementRanges(text);
    let read = 0;
    for (const [start, , end] of ranges) {
      const rows = new FlatSyntax(types);
      rows.reset(text, 0);
      if (reader.statements(rows, text, start, end)) read++;
    }
    return { read, statements: ranges.length };
  }

  /** A text read with the reader and by the grammar alone is walked to the same model; how many statements the reader read. */
  function compare(text: string): { read: number; statements: number } {
    assert.deepEqual(model(withReader.parse(text)), model(grammarOnly.parse(text)), `read otherwise than by the grammar:\n${text}`);
    return readCount(text);
  }

  it('reads every statement of real files as the grammar does, or leaves it to the grammar', () => {
    let read = 0;
    let statements = 0;
    for (const { text } of files) {
      const counts = compare(text);
      read += counts.read;
      statements += counts.statements;
    }
    // (most real statements are plain: a reader that gave everything up would pass the rest of this test)
    assert.ok(read > statements / 2, `the reader read ${read} of ${statements} statements`);
  });

  it('reads the forms the grammar reads oddly as it does', () => {
    for (const form of FORMS) compare(form);
  });

  it('reads each form the grammar reads oddly, or leaves it', () => {
    // (each form alone, so that one given up does not hide the others)
    let read = 0;
    for (const form of FORMS.flatMap((f) => f.split(/\n(?=[a-z@/])/))) read += compare(form).read;
    assert.ok(read > 40, `read ${read}`);
  });

  it('leaves to the grammar what it is not sure of', () => {
    for (const text of LEFT_TO_GRAMMAR) {
      const rows = new FlatSyntax(types);
      rows.reset(text, 0);
      assert.equal(reader.statements(rows, text, 0, text.length), undefined, text);
      // (and takes back the rows it wrote)
      assert.equal(rows.mark(), 0, text);
    }
  });

  it('reads all of the benchmark\'s generated file itself, as the grammar does', async () => {
    const { generateBicep } = (await import(pathToFileURL(join(REPO, 'bench', 'generate.mjs')).href)) as { generateBicep: (root: string, o?: object) => string };
    for (const symbolIds of [true, false]) {
      // (200 roles and assignments: the same forms as 2,000, in a tenth of the time)
      const text = generateBicep(REPO, { roles: 200, assignments: 200, symbolIds });
      const { read, statements } = compare(text);
      assert.equal(read, statements, `symbolIds ${symbolIds}`);
    }
  });

  it('reads every prefix of real files (files being typed) as the grammar does, or leaves it', () => {
    for (const { text } of files.slice(0, 6)) {
      for (let end = 0; end <= text.length; end += Math.max(1, Math.floor(text.length / 150))) compare(text.slice(0, end));
    }
  });

  it('reads random edits of real files as the grammar does, or leaves them (property)', () => {
    const edit = fc.record({
      file: fc.nat(),
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      cut: fc.nat({ max: 12 }),
      insert: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom("'", "''", '[', ']', '{', '}', '\n', ', ', '${', '\\', "'''", '?', '.', '!', '??', '(', ')', '-1', ' -', 'existing ', ' = ', '//', '/*', 'f(x)', '\n  x\n')),
    });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let text = files[edits[0].file % files.length].text;
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
      }
      compare(text);
    }), { numRuns: RUNS * 3 });
  });
});
