// Generated least-privilege roles (core/features/generate.ts), held to the checker: every file the
// generator writes, for any single operation and random sets of up to four, in all three shapes,
// gets no finding at all, and the coverage view says each role enables exactly the operations it
// was generated for, at the scopes it was generated for, and that together they enable every
// operation asked at every scope it needs.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, type Diagnostic, type GeneratedShape, type GenerateResult, type RoleCoverage, WorkspaceSession, createLanguageService } from '../../server/src/core';
import { BACKUP_OPERATIONS } from '../../server/src/catalog/backup/backup-operations';
import { catalog } from '../support/harness';
import { fold } from '../../server/src/core/features/generate';
import { loadBicepParser } from '../support/bicep';

const SHAPES: readonly GeneratedShape[] = ['cli', 'arm', 'bicep'];
const IDS = BACKUP_OPERATIONS.map((o) => o.id);
const service = createLanguageService(catalog);

export function generated(ids: readonly string[], shape: GeneratedShape, compact = false): Extract<GenerateResult, { kind: 'generated' }> {
  const result = service.generate({ operations: ids, shape, ...(compact ? { compact } : {}) });
  assert.equal(result.kind, 'generated', JSON.stringify(result));
  return result as Extract<GenerateResult, { kind: 'generated' }>;
}

describe('generated least-privilege roles', function () {
  this.timeout(120000);
  let session: WorkspaceSession;
  let n = 0;
  before(async () => {
    session = new WorkspaceSession({ catalog });
    session.useBicep(await loadBicepParser());
  });

  /** The checker's findings on a generated text, and the coverage of its roles. */
  function check(text: string, shape: GeneratedShape): { diagnostics: Diagnostic[]; coverage: RoleCoverage[] } {
    const language = shape === 'bicep' ? 'bicep' as const : 'json' as const;
    const uri = `untitled:generated-${n++}.${shape === 'bicep' ? 'bicep' : 'json'}`;
    session.openDocument(uri, 1, text, { settings: DEFAULT_SETTINGS, language });
    const diagnostics = session.diagnostics(uri);
    const coverage = session.coverage(uri)?.roles ?? [];
    session.closeDocument(uri, false);
    return { diagnostics, coverage };
  }

  function holds(ids: readonly string[], shape: GeneratedShape, compact = false): void {
    const result = generated(ids, shape, compact);
    const { diagnostics, coverage } = check(result.text, shape);
    const label = `${ids.join(',')} as ${shape}${compact ? ' (compact)' : ''}`;
    assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), [], `${label}:\n${result.text}`);
    assert.equal(coverage.length, result.roles.length, label);
    for (const r of result.roles) assert.doesNotMatch(r.name, /[/\\[\]]/, `${label}: a plain name`);
    // each role: what it declares is complete, and nothing else is declared or aimed
    const enabled = new Set<string>();
    coverage.forEach((role, i) => {
      const declared = new Set(result.roles[i].declarations.map((d) => d.split('@')[0]));
      const shown = role.operations.filter((o) => o.declared);
      assert.deepEqual(shown.map((o) => o.id).sort(), [...declared].sort(), `${label}: role ${i + 1} declares`);
      for (const o of shown) {
        assert.ok(o.complete, `${label}: role ${i + 1} lacks ${JSON.stringify(o.parts.filter((p) => p.missing.length))} for ${o.id}`);
        for (const p of o.parts) enabled.add(`${o.id}|${p.index}`);
      }
      assert.deepEqual(role.operations.filter((o) => o.aimed && !o.declared).map((o) => o.id), [], `${label}: role ${i + 1} aims at nothing else`);
      // the lens: "enables <what it was generated for> at <where>", and nothing missing
      assert.match(role.summary, /^enables /, `${label}: role ${i + 1}'s lens`);
      assert.doesNotMatch(role.summary, /missing/, `${label}: role ${i + 1}'s lens`);
      for (const o of shown) for (const p of o.parts) assert.ok(role.summary.includes(p.where), `${label}: role ${i + 1}'s lens names ${p.where}: ${role.summary}`);
    });
    // together: every operation asked (and what it needs besides) at every scope it needs
    for (const id of result.operations) {
      const operation = BACKUP_OPERATIONS.find((o) => o.id === id);
      operation?.requirements.forEach((_, index) => assert.ok(enabled.has(`${id}|${index}`), `${label}: ${id} part ${index} is enabled by no role`));
    }
  }

  for (const shape of SHAPES) {
    it(`passes check with no finding for every single operation, as ${shape}`, () => {
      for (const id of IDS) holds([id], shape);
    });
  }

  it('passes check with no finding for random sets of up to four operations, in all three shapes', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 4 }), fc.constantFrom(...SHAPES), fc.boolean(), (ids, shape, compact) => {
      holds(ids, shape, compact);
    }), { numRuns: Number(process.env.FC_RUNS ?? 60) });
  });
});

describe('generated roles, compact', () => {
  const names = (wildcard: string) => catalog.match(wildcard, 'action').map((o) => o.name);

  it('folds a list into a wildcard only when the wildcard matches nothing more in the catalog, and says so', () => {
    const all = names('Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/*');
    assert.ok(all.length > 2);
    assert.deepEqual(fold(catalog, [...all, 'Microsoft.RecoveryServices/Vaults/read'], 'action', true), {
      list: ['Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/*', 'Microsoft.RecoveryServices/Vaults/read'],
      folded: [{ wildcard: 'Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/protectedItems/recoveryPoints/*', count: all.length }],
    });
    // one fewer: the wildcard would grant it, so nothing is folded
    assert.deepEqual(fold(catalog, all.slice(1), 'action', true).folded, []);
    assert.deepEqual(fold(catalog, all, 'action', false).list, all);
  });

  it('folds nothing in the tables\' own sets (each is less than a whole subtree), so compact roles equal exact ones', () => {
    for (const id of IDS) assert.equal(generated([id], 'cli', true).text, generated([id], 'cli').text, id);
  });
});
