// Each resource's `name:` as an ARM expression, which a file's symbols keep for the declarations
// read again alone after an edit (core/bicep/to-json.ts): read from the value the walk made of the
// body where it can be, it is what working it out from the tree gives, for every resource of every
// real Bicep file we hold and of the bench file, and for loops, literals, escapes and interpolations.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { FlatSyntax, NodeTypes } from '../../server/src/core/bicep/syntax';
import { BicepToJson } from '../../server/src/core/bicep/to-json';
import { BICEP_GRAMMAR, CRR_ROLE, loadBicepParser } from '../support/bicep';
import { REPO } from '../support/harness';

const FIXTURES = join(REPO, 'test', 'fixtures', 'bicep');

type Hooks = { keepName?: unknown; nameOf?: unknown };

/** The walk as it was: every name worked out from its tree at the end. */
class NamesFromTrees extends BicepToJson {}
(NamesFromTrees.prototype as unknown as Hooks).keepName = () => undefined;

/** The walk with nothing worked out from the trees: only the names it read from the values it made. */
class NamesFromValues extends BicepToJson {}
(NamesFromValues.prototype as unknown as Hooks).nameOf = () => null;

describe('Bicep resource names kept for declarations read again', () => {
  let parser: Parser;
  let types: NodeTypes;

  before(async () => {
    await loadBicepParser();
    const language = await Language.load(readFileSync(BICEP_GRAMMAR));
    parser = new Parser();
    parser.setLanguage(language);
    types = new NodeTypes(language);
  });

  function names(text: string, Walk: typeof BicepToJson): Map<string, string | null> {
    const tree = parser.parse(text)!;
    try {
      const syntax = new FlatSyntax(types);
      syntax.reset(text, tree.rootNode.descendantCount);
      const front = new Walk(text);
      front.template({ namedChildren: syntax.statements(tree) });
      return front.symbols.names;
    } finally {
      tree.delete();
    }
  }

  const same = (text: string) => {
    const kept = names(text, BicepToJson);
    assert.deepEqual([...kept].sort(), [...names(text, NamesFromTrees)].sort());
    return kept;
  };

  it('are the names worked out from the trees, in every real file', () => {
    // (the two ways these tests compare are the walk's own methods)
    assert.equal(typeof (BicepToJson.prototype as unknown as Hooks).keepName, 'function');
    assert.equal(typeof (BicepToJson.prototype as unknown as Hooks).nameOf, 'function');
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.bicep')).sort();
    let count = 0;
    for (const f of files) count += same(readFileSync(join(FIXTURES, f), 'utf8')).size;
    count += same(CRR_ROLE).size;
    assert.ok(count >= 50, `${count} resources`);
  });

  it('are the same for literal, escaped, interpolated, computed, looped and nested names', () => {
    const text = [
      "param vaultName string",
      "var prefix = 'x'",
      "resource a 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: guid(subscription().id, 'a') }",
      "resource b 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: 'plain' }",
      "resource c 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: '[bracketed]' }",
      "resource d 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: 'it\\'s' }",
      "resource e 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: '${prefix}-e' }",
      "resource f 'Microsoft.Authorization/roleDefinitions@2022-04-01' = [for i in range(0, 2): { name: guid('f', string(i)) }]",
      "resource v 'Microsoft.RecoveryServices/vaults@2023-01-01' = {",
      "  name: vaultName",
      "  resource p 'backupPolicies' = { name: 'daily' }",
      "}",
      "resource g 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { name: 12 }",
      "resource h 'Microsoft.Authorization/roleDefinitions@2022-04-01' = { properties: {} }",
      '',
    ].join('\n');
    const kept = same(text);
    // (and they are what a declaration read again alone compares with)
    assert.equal(kept.get('b'), "'plain'");
    assert.equal(kept.get('c'), "'[bracketed]'");
    assert.equal(kept.get('d'), "'it''s'");
    assert.equal(kept.get('v'), "parameters('vaultName')");
    assert.equal(kept.get('h'), null);
    // read from the values made, all but a loop's (its variables stand for the item only in its body)
    // and a name that is no string; those are worked out from the trees
    const read = names(text, NamesFromValues);
    for (const symbol of ['a', 'b', 'c', 'd', 'e', 'v', 'p']) assert.equal(read.get(symbol), kept.get(symbol), symbol);
    assert.ok(!read.get('f') && !read.get('g'), 'a loop\'s name and a number are left to the trees');
  });
});
