// Whatever people paste: random and mutated role files never make the core throw, every diagnostic
// lies inside its document, and every quick fix on a generated role gives valid JSON, clears its
// diagnostic, and has nothing left to do when applied again.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { type ParseError, parseTree } from 'jsonc-parser';
import { QUICK_FIX_KIND } from '../../server/src/core/features/code-actions';
import type { Diagnostic } from '../../server/src/core/types';
import { applyOffsetEdits, catalog, service } from '../support/harness';

const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const RUNS = Number(process.env.FC_RUNS ?? 120);

// --- generated role files ------------------------------------------------------------------------

const operations = catalog.operations;
/** real operation names, spread over the catalog, and the backup ones people write most */
const realActions = [
  ...operations.filter((_, i) => i % 97 === 0).map((o) => o.name),
  'Microsoft.RecoveryServices/Vaults/read',
  'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/restore/action',
  'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action',
  'Microsoft.Compute/virtualMachines/write',
  'Microsoft.Authorization/roleAssignments/write',
];

/** what goes in an action list: real names, slips, wildcards, expressions and odd strings */
const actionString: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...realActions) },
  { weight: 2, arbitrary: fc.constantFrom(...realActions).chain((a) => fc.integer({ min: 0, max: a.length - 1 }).map((i) => a.slice(0, i) + a.slice(i + 1))) },
  { weight: 1, arbitrary: fc.constantFrom(...realActions).map((a) => a.toUpperCase()) },
  { weight: 1, arbitrary: fc.constantFrom('*', '*/read', 'Microsoft.Compute/*', 'Microsoft.RecoveryServices/*/read', 'Microsoft.Nope/*', '*/*/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*') },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'Microsoft.Compute/', '/read', "[parameters('actions')]", "[[literal]", '\ud800', 'Microsoft.Compute/virtualMachines/read ', 'Ωmega/☃/read') },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const list = fc.array(actionString, { maxLength: 8 });
const scopes = fc.array(fc.constantFrom(SUB, `${SUB}/resourceGroups/rg`, '/', '/providers/Microsoft.Management/managementGroups/mg', '{subscription-id}', "[subscription().id]", ''), { minLength: 0, maxLength: 3 });

const cliRole = fc.record({
  Name: fc.oneof(fc.constantFrom('Backup operator', 'CRR operator'), fc.string({ maxLength: 20 })),
  IsCustom: fc.boolean(),
  Description: fc.string({ maxLength: 30 }),
  Actions: list, NotActions: list, DataActions: list, NotDataActions: list,
  AssignableScopes: scopes,
});

const restRole = fc.record({
  name: fc.uuid(),
  properties: fc.record({
    roleName: fc.string({ maxLength: 20 }),
    type: fc.constantFrom('CustomRole', 'BuiltInRole'),
    permissions: fc.array(fc.record({ actions: list, notActions: list, dataActions: list, notDataActions: list }), { maxLength: 2 }),
    assignableScopes: scopes,
  }),
});

const roleResource = fc.record({
  type: fc.constant('Microsoft.Authorization/roleDefinitions'),
  apiVersion: fc.constant('2022-04-01'),
  name: fc.constantFrom("[guid(subscription().id, 'a')]", "[guid(subscription().id, 'b')]", '6f1c9e7a-3b2d-4c8e-9f0a-1b2c3d4e5f60'),
  properties: fc.record({
    roleName: fc.string({ maxLength: 20 }),
    permissions: fc.array(fc.record({ actions: list, notActions: list }), { minLength: 1, maxLength: 2 }),
    assignableScopes: fc.constant(['[subscription().id]']),
  }),
});

const assignmentResource = fc.record({
  type: fc.constant('Microsoft.Authorization/roleAssignments'),
  apiVersion: fc.constant('2022-04-01'),
  name: fc.constantFrom("[guid(resourceGroup().id, 'x')]", 'not-a-guid', '00000000-0000-0000-0000-000000000001'),
  properties: fc.record({
    roleDefinitionId: fc.constantFrom(
      "[resourceId('Microsoft.Authorization/roleDefinitions', guid(subscription().id, 'a'))]",
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e467623-bb1f-42f4-a55d-6e525e11384b')]",
      "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '5e467623-bb1f-42f4-a55d-6e525e11384c')]",
      '/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7',
    ),
    principalId: fc.constant("[parameters('principalId')]"),
  }, { requiredKeys: ['roleDefinitionId'] }),
});

const template = fc.record({
  $schema: fc.constant('https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#'),
  contentVersion: fc.constant('1.0.0.0'),
  parameters: fc.constant({ principalId: { type: 'string' } }),
  resources: fc.array(fc.oneof(roleResource, assignmentResource), { maxLength: 4 }),
});

/** A role file as people keep them: one role, a list of roles, or a template. */
const roleFile: fc.Arbitrary<unknown> = fc.oneof(cliRole, restRole, fc.array(cliRole, { minLength: 1, maxLength: 3 }), template);

/** Replaces values deep in a JSON value with values of other types. */
function wrongTypes(value: unknown, pick: () => number): unknown {
  const others = [null, 0, -1.5, true, 'text', [], {}, [1, [2]], { a: { b: null } }];
  if (pick() < 0.08) return others[Math.floor(pick() * others.length)];
  if (Array.isArray(value)) return value.map((v) => wrongTypes(v, pick));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrongTypes(v, pick)]));
  return value;
}

/** Text-level damage: the ways pasted JSON goes wrong. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('bom' as const) }),
  fc.record({ kind: fc.constant('crlf' as const) }),
  fc.record({ kind: fc.constant('cr' as const) }),
  fc.record({ kind: fc.constant('comment' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('// note\n', '/* note */', '// azure-backup-rbac-disable-next-line\n', '// azure-backup-rbac-operations vm-restore, nope\n', '/* unterminated') }),
  fc.record({ kind: fc.constant('trailing-comma' as const) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom('{', '}', '[', ']', ',', '"', ':', '\\', '\ud800', '\u2028', '\t', '\0', 'null') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('nest' as const), depth: fc.integer({ min: 1, max: 3000 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(text: string, m: Mutation): string {
  const at = (x: number) => Math.floor(x * text.length);
  switch (m.kind) {
    case 'truncate': return text.slice(0, at(m.at));
    case 'bom': return `\ufeff${text}`;
    case 'crlf': return text.replace(/\n/g, '\r\n');
    case 'cr': return text.replace(/\n/g, '\r');
    case 'comment': return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'trailing-comma': return text.replace(/(["\d\]}el])(\s*[\]}])/g, '$1,$2');
    case 'insert': return text.slice(0, at(m.at)) + m.text + text.slice(at(m.at));
    case 'delete': return text.slice(0, at(m.at)) + text.slice(at(m.at) + m.length);
    case 'nest': return `${'['.repeat(m.depth)}${text}${']'.repeat(m.depth)}`;
  }
}

// --- what must hold ------------------------------------------------------------------------------

/** The lines of a text as LSP counts them (\n, \r\n and \r end a line), with their lengths in UTF-16 units. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertInside(text: string, diagnostics: readonly Diagnostic[]): void {
  const lengths = lineLengths(text);
  for (const d of diagnostics) {
    const { start, end } = d.range;
    for (const p of [start, end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lengths.length, `${d.code}: line ${p.line} of ${lengths.length}`);
      assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lengths[p.line], `${d.code}: character ${p.character} of ${lengths[p.line]} on line ${p.line}`);
    }
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${d.code}: range ends before it starts`);
    assert.ok(typeof d.message === 'string' && d.message.length > 0 && !/undefined|\[object Object\]|NaN/.test(d.message), `${d.code}: ${d.message}`);
  }
}

/** Everything the editor asks of a document, at a few offsets. */
function exercise(text: string, offsets: readonly number[]): Diagnostic[] {
  const document = service.parse(text);
  const diagnostics = service.diagnostics(document, { reportSyntaxErrors: true, uri: 'untitled:fuzz.json' });
  service.diagnostics(document, { uri: 'untitled:fuzz.json' });
  for (const o of offsets) {
    const offset = Math.floor(o * (text.length + 1));
    service.hover(document, offset);
    service.complete(document, offset);
    service.definition(document, offset);
  }
  service.semanticSpans(document);
  service.documentSymbols(document);
  service.codeLenses(document);
  service.coverage(document);
  if (document.roles.length > 0) service.addMissingPermissions(document, { role: 0, operation: 'vm-cross-region-restore' });
  service.codeActions(document, diagnostics, { commentsAllowed: true, analyze: { uri: 'untitled:fuzz.json' } });
  return diagnostics;
}

const isValidJson = (text: string, commentsAllowed: boolean): boolean => {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: !commentsAllowed });
  return errors.length === 0;
};

const same = (a: Diagnostic, b: Diagnostic) => a.code === b.code && a.message === b.message;

describe('robustness (property tests)', function () {
  this.timeout(120000);

  it('never throws on generated role files with wrong types, and keeps every diagnostic inside the text', () => {
    fc.assert(fc.property(roleFile, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), fc.integer(), (value, offsets, seed) => {
      let s = seed;
      const pick = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
      const text = JSON.stringify(wrongTypes(value, pick), null, 2);
      assertInside(text, exercise(text, offsets));
    }), { numRuns: RUNS, seed: 1 });
  });

  it('never throws on damaged text (truncation, BOM, CRLF, comments, trailing commas, stray characters, deep nesting)', () => {
    fc.assert(fc.property(roleFile, fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }), (value, mutations, offsets) => {
      const text = mutations.reduce((t, m) => mutate(t, m), JSON.stringify(value, null, 2));
      assertInside(text, exercise(text, offsets));
    }), { numRuns: RUNS, seed: 2 });
  });

  it('never throws on any string at all', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
      assertInside(text, exercise(text, [0, 0.5, 1]));
    }), { numRuns: RUNS, seed: 3 });
  });

  it('reads a 1 MB string, a file nested 100,000 levels deep, and a lone surrogate without throwing', () => {
    const big = JSON.stringify({ Name: 'x', IsCustom: true, Actions: ['a'.repeat(1 << 20), 'Microsoft.Compute/virtualMachines/read'], AssignableScopes: [SUB] });
    const ds = exercise(big, [0.1, 0.5, 0.99]);
    assertInside(big, ds);
    assert.ok(ds.some((d) => d.code === 'unknown-action' && d.message.includes('…')), 'a long value is shortened in the message');
    const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
    assert.deepEqual(exercise(deep, [0.5]).map((d) => d.code), ['nested-too-deeply']);
    const surrogate = JSON.stringify({ Name: '\ud800', IsCustom: true, Actions: ['Microsoft.Compute/virtualMachines/read\udfff'], AssignableScopes: [SUB] });
    assertInside(surrogate, exercise(surrogate, [0.5]));
  });

  it('every quick fix on a generated role gives valid JSON, clears its diagnostic, and has nothing left to do after', () => {
    let fixes = 0;
    let fixAlls = 0;
    fc.assert(fc.property(fc.oneof(cliRole, restRole, template), (value) => {
      const text = JSON.stringify(value, null, 2);
      const commentsAllowed = !Array.isArray(value) && typeof value === 'object' && value !== null && 'resources' in value;
      const document = service.parse(text);
      const diagnostics = service.diagnostics(document, { uri: 'untitled:fix.json' });
      for (const d of diagnostics) {
        for (const action of service.codeActions(document, [d], { only: [QUICK_FIX_KIND], commentsAllowed, analyze: { uri: 'untitled:fix.json' } })) {
          fixes++;
          const fixed = applyOffsetEdits(text, action.edits);
          assert.ok(isValidJson(fixed, commentsAllowed), `'${action.title}' for ${d.code} leaves invalid JSON:\n${fixed}`);
          const after = service.parse(fixed);
          const left = service.diagnostics(after, { uri: 'untitled:fix.json' });
          // cleared: fewer diagnostics like it (a repeat of the same string may take over the message)
          const before = diagnostics.filter((x) => same(x, d)).length;
          const ofCode = (ds: readonly Diagnostic[]) => ds.filter((x) => x.code === d.code).length;
          assert.ok(left.filter((x) => same(x, d)).length < before || ofCode(left) < ofCode(diagnostics), `'${action.title}' does not clear: ${d.message}\n${fixed}`);
          // and, when it was the only one, the same fix is not offered again
          const again = left.filter((x) => same(x, d)).flatMap((x) => service.codeActions(after, [x], { only: [QUICK_FIX_KIND], commentsAllowed }));
          assert.ok(again.length === 0 || ofCode(diagnostics) > 1, `'${action.title}' is offered again after it was applied`);
        }
      }
      // fix all, twice: the second time there is nothing to do
      const all = service.codeActions(document, diagnostics, { only: ['source.fixAll'], analyze: { uri: 'untitled:fix.json' } })[0];
      if (all && all.edits.length > 0) {
        fixAlls++;
        const once = applyOffsetEdits(text, all.edits);
        assert.ok(isValidJson(once, commentsAllowed), `fix all leaves invalid JSON:\n${once}`);
        const second = service.parse(once);
        const twice = service.codeActions(second, service.diagnostics(second, { uri: 'untitled:fix.json' }), { only: ['source.fixAll'], analyze: { uri: 'untitled:fix.json' } })[0];
        assert.ok(!twice || twice.edits.length === 0, `fix all is not idempotent: ${JSON.stringify(twice?.edits)}`);
      }
    }), { numRuns: RUNS, seed: 4 });
    assert.ok(fixes > RUNS, `${fixes} quick fixes were tried`);
    // Fix All had something to do, and was checked twice, on a good share of the generated files
    assert.ok(fixAlls >= RUNS / 4, `Fix All was tried on ${fixAlls} of ${RUNS} generated files`);
  });
});
