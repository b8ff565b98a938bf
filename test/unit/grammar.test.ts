// The TextMate injection grammars. Their patterns, run as JavaScript regular expressions (the same
// syntax as Oniguruma for what the grammar uses), split permission strings into their parts; then
// the grammars as VS Code runs them (vscode-textmate on Oniguruma, injections found from
// package.json's injectTo), inside the grammars users have: VS Code's JSON and JSON with comments,
// and Microsoft's Bicep grammar (from tm-grammars, which copies it from the Bicep repository).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { REPO } from '../support/harness';

const grammar = JSON.parse(readFileSync(join(REPO, 'syntaxes', 'azure-rbac.injection.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));

function parts(value: string): Record<string, string> {
  const re = new RegExp(grammar.repository.permission.match);
  const m = re.exec(`"${value}"`);
  assert.ok(m, `matches ${value}`);
  const out: Record<string, string> = {};
  for (const [i, c] of Object.entries(grammar.repository.permission.captures as Record<string, { name: string }>)) {
    if (m[Number(i)]) out[c.name.split('.').slice(0, 3).join('.')] = m[Number(i)];
  }
  return out;
}

describe('injection grammar', () => {
  it('is contributed as an injection into JSON and JSON with comments', () => {
    const g = pkg.contributes.grammars.find((x: { scopeName: string }) => x.scopeName === grammar.scopeName);
    assert.deepEqual(g.injectTo, ['source.json', 'source.json.comments']);
    assert.equal(g.path, './syntaxes/azure-rbac.injection.json');
  });

  it('splits a permission string into provider, resource type and verb', () => {
    assert.deepEqual(parts('Microsoft.Compute/virtualMachines/read'), {
      'entity.name.namespace': 'Microsoft.Compute', 'entity.name.type': 'virtualMachines/', 'support.function.verb': 'read',
    });
    assert.deepEqual(parts('Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'), {
      'entity.name.namespace': 'Microsoft.RecoveryServices', 'entity.name.type': 'locations/', 'support.function.verb': 'backupCrossRegionRestore/action',
    });
  });

  it('marks the wildcard', () => {
    assert.deepEqual(parts('Microsoft.RecoveryServices/Vaults/backupJobs/*'), {
      'entity.name.namespace': 'Microsoft.RecoveryServices', 'entity.name.type': 'Vaults/backupJobs/', 'support.function.verb': '*',
    });
    assert.equal(parts('*/read')['entity.name.namespace'], '*');
  });

  it('leaves other strings alone, and finds role GUIDs', () => {
    assert.equal(new RegExp(grammar.repository.permission.match).exec('"https://schema.management.azure.com/x"'), null);
    assert.equal(new RegExp(grammar.repository.permission.match).exec('"Backup Operator"'), null);
    assert.ok(new RegExp(grammar.repository.guid.match).test("[subscriptionResourceId('x', '00c29273-979b-4161-815c-10b084fb9324')]"));
  });
});

interface GrammarContribution {
  readonly scopeName: string;
  readonly path: string;
  readonly injectTo?: readonly string[];
}

/** The grammars VS Code would have: ours from package.json, the languages' own from tm-grammars. */
function registry(): textmate.Registry {
  const ours = pkg.contributes.grammars as GrammarContribution[];
  const theirs: Record<string, string> = { 'source.json': 'json', 'source.json.comments': 'jsonc', 'source.bicep': 'bicep' };
  const wasm = readFileSync(join(REPO, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  const onigLib = oniguruma.loadWASM({ data: wasm }).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  return new textmate.Registry({
    onigLib,
    loadGrammar: async (scopeName) => {
      const own = ours.find((g) => g.scopeName === scopeName);
      const path = own ? join(REPO, own.path) : theirs[scopeName] ? join(REPO, 'node_modules', 'tm-grammars', 'grammars', `${theirs[scopeName]}.json`) : undefined;
      return path ? textmate.parseRawGrammar(readFileSync(path, 'utf8'), path) : null;
    },
    // as VS Code does: a grammar injected into `source.json` is also injected into `source.json.comments`
    getInjections: (scopeName) => ours
      .filter((g) => g.injectTo?.some((to) => scopeName === to || scopeName.startsWith(`${to}.`)))
      .map((g) => g.scopeName),
  });
}

type Token = readonly [text: string, scope: string];

/** The tokens of `lines` that carry one of our scopes (the innermost, without `.azure-rbac`). */
async function ours(scopeName: string, ...lines: string[]): Promise<Token[]> {
  return (await tokens(scopeName, ...lines))
    .filter(([, scopes]) => scopes.at(-1)!.endsWith('.azure-rbac'))
    .map(([text, scopes]) => [text, scopes.at(-1)!.replace(/\.azure-rbac$/, '')] as const);
}

async function tokens(scopeName: string, ...lines: string[]): Promise<[string, string[]][]> {
  const grammar = await grammars.loadGrammar(scopeName);
  assert.ok(grammar, scopeName);
  let state = textmate.INITIAL;
  const out: [string, string[]][] = [];
  for (const line of lines) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
    state = r.ruleStack;
  }
  return out;
}

const grammars = registry();
const READ = [['Microsoft.RecoveryServices', 'entity.name.namespace.provider'], ['vaults/backupJobs/', 'entity.name.type.resource'], ['read', 'support.function.verb']];
const GUID = '5e467623-bb1f-42f4-a55d-6e525e11384b';

describe('injection grammars in the editor\'s tokenizer', () => {
  it('are contributed: the JSON one into JSON, the Bicep one into source.bicep, with the bicep language', () => {
    const grammar = pkg.contributes.grammars.find((g: GrammarContribution) => g.scopeName === 'azure-rbac.bicep-injection');
    assert.deepEqual(grammar, { injectTo: ['source.bicep'], scopeName: 'azure-rbac.bicep-injection', path: './syntaxes/azure-rbac.bicep-injection.json' });
    // no base grammar: Microsoft's Bicep extension provides source.bicep (ARCHITECTURE.md says why)
    assert.deepEqual(pkg.contributes.grammars.filter((g: { language?: string }) => g.language), []);
    assert.deepEqual(pkg.contributes.languages, [{
      id: 'bicep', aliases: ['Bicep', 'bicep'], extensions: ['.bicep'], configuration: './syntaxes/bicep.language-configuration.json',
    }]);
  });

  it('gives Bicep the comments, brackets and pairs Microsoft\'s Bicep extension gives it, and nothing else of the language configuration', () => {
    // VS Code merges the two extensions' configurations key by key, the later one winning: every key
    // we set has the Bicep extension's value, and the others (indentation, word pattern) stay its own
    const configuration = JSON.parse(readFileSync(join(REPO, 'syntaxes', 'bicep.language-configuration.json'), 'utf8'));
    assert.deepEqual(configuration, {
      comments: { lineComment: '//', blockComment: ['/*', '*/'] },
      brackets: [['{', '}'], ['[', ']'], ['(', ')']],
      autoClosingPairs: [
        { open: '{', close: '}' }, { open: '[', close: ']' }, { open: '(', close: ')' },
        { open: "'", close: "'", notIn: ['string', 'comment'] },
      ],
      surroundingPairs: [['{', '}'], ['[', ']'], ['(', ')'], ["'", "'"]],
    });
  });

  it('colours permission strings in JSON and JSON with comments', async () => {
    assert.deepEqual(await ours('source.json', '{ "actions": [ "Microsoft.RecoveryServices/vaults/backupJobs/read" ] }'), READ);
    assert.deepEqual(await ours('source.json.comments', '// Microsoft.RecoveryServices/vaults/backupJobs/read', '{ "actions": [ "Microsoft.RecoveryServices/vaults/backupJobs/read" ] }'), READ);
  });

  it('colours a permission string in Bicep', async () => {
    assert.deepEqual(await ours('source.bicep',
      'var actions = [',
      "  'Microsoft.RecoveryServices/vaults/backupJobs/read'",
      ']'), READ);
    assert.deepEqual(await ours('source.bicep', "    actions: [ 'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action' ]"), [
      ['Microsoft.RecoveryServices', 'entity.name.namespace.provider'], ['locations/', 'entity.name.type.resource'], ['backupCrossRegionRestore/action', 'support.function.verb'],
    ]);
  });

  it('marks the wildcard in Bicep', async () => {
    assert.deepEqual(await ours('source.bicep', "notActions: [ 'Microsoft.RecoveryServices/Vaults/backupJobs/*', '*/read', 'Microsoft.Compute/virtualMachines/re*' ]"), [
      ['Microsoft.RecoveryServices', 'entity.name.namespace.provider'], ['Vaults/backupJobs/', 'entity.name.type.resource'], ['*', 'support.function.verb'],
      ['*', 'entity.name.namespace.provider'], ['read', 'support.function.verb'],
    ]);
  });

  it('finds the role GUID in a Bicep roleDefinitionId, and leaves the resource type, the function and the API version alone', async () => {
    assert.deepEqual(await ours('source.bicep',
      "resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {",
      '  properties: {',
      `    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${GUID}')`,
      '  }',
      '}'), [[GUID, 'constant.other.guid.role']]);
  });

  it('leaves an interpolation to Bicep: a string with one is no permission, and its GUIDs and inner strings are still found', async () => {
    assert.deepEqual(await ours('source.bicep', "var action = 'Microsoft.Compute/${resourceType}/read'"), []);
    const all = await tokens('source.bicep', `var id = '\${subscription().id}/providers/Microsoft.Authorization/roleDefinitions/${GUID}'`);
    assert.deepEqual(all.filter(([, s]) => s.at(-1)!.startsWith('punctuation.definition.template-expression')).map(([t]) => t), ['${', '}']);
    assert.deepEqual(all.filter(([, s]) => s.at(-1)!.endsWith('.azure-rbac')).map(([t]) => t), [GUID]);
    assert.deepEqual(await ours('source.bicep', "var name = '${guid('Microsoft.RecoveryServices/vaults/backupJobs/read')}-x'"), READ);
  });

  it('colours a permission in a verbatim string, and never after an escaped quote', async () => {
    assert.deepEqual(await ours('source.bicep', "var a = '''Microsoft.RecoveryServices/vaults/backupJobs/read'''"), READ);
    assert.deepEqual(await ours('source.bicep', "var a = 'it\\'Microsoft.RecoveryServices/vaults/backupJobs/read'"), []);
  });

  it('does not colour an action string in a Bicep comment, nor a string that is no permission', async () => {
    assert.deepEqual(await ours('source.bicep',
      "// grants 'Microsoft.RecoveryServices/vaults/backupJobs/read' to the vault's identity",
      `/* ${GUID} 'Microsoft.Compute/virtualMachines/read' */`,
      "var roleName = 'Backup Operator'",
      "var scope = '/subscriptions/${subscription().subscriptionId}/resourceGroups/rg'",
      "var docs = 'https://learn.microsoft.com/azure/backup/read'"), []);
  });
});
