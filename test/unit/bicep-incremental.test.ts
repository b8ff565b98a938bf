// An edit inside one `resource` declaration of a Bicep file, re-checked in part (the declaration
// parsed again alone, analysis/incremental.ts), gives exactly the diagnostics a full analysis of
// the new text gives; what the rest of the file reads of the declaration changing sends it to a
// full analysis.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { BicepParser } from '../../server/src/core/bicep/parser';
import { type Analysis, analyzeDocument } from '../../server/src/core/analysis/analyze';
import { reanalyze } from '../../server/src/core/analysis/incremental';
import { loadBicepParser } from '../support/bicep';
import { catalog } from '../support/harness';

const URI = 'untitled:incremental.bicep';
let parser: BicepParser;

/**
 * A file with what the front end reads across statements: a list variable written after the role
 * that uses it, roles referred to by symbol (`crr.id`), assignments made in a loop, and a
 * statement the grammar cannot read (kept as it is, outside the units).
 */
const FILE = `targetScope = 'subscription'
extension microsoftGraphV1

param principalId string

resource crr 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'crr')
  properties: {
    roleName: 'Cross region restore operator'
    permissions: [
      {
        actions: restoreActions
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource typo 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'typo')
  properties: {
    roleName: 'Typo role'
    permissions: [
      {
        actions: [
          'Microsoft.Compute/virtualMachine/read'
          'Microsoft.RecoveryServices/Vaults/read'
          '*'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource crrAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, crr.id, principalId)
  properties: {
    roleDefinitionId: crr.id
    principalId: principalId
  }
}

resource typoAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, typo.id, principalId)
  properties: {
    roleDefinitionId: typo.id
    principalId: principalId
    principalType: 'User'
  }
}

resource teamAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for (team, i) in teams: {
  name: guid(subscription().id, typo.id, team)
  properties: {
    roleDefinitionId: typo.id
    principalId: team
    principalType: 'Group'
  }
}]

param teams array = []

var restoreActions = [
  'Microsoft.RecoveryServices/locations/backupCrossRegionRestore/action'
  'Microsoft.RecoveryServices/locations/backupCrrJob/action'
  'Microsoft.Compute/virtualMachines/rea'
]
`;

const full = (text: string): Analysis => analyzeDocument(parser.parse(text), catalog, { uri: URI });
const strip = (a: Analysis) => JSON.parse(JSON.stringify(a.diagnostics));
const edited = (text: string, offset: number, length: number, insert: string) => text.slice(0, offset) + insert + text.slice(offset + length);

describe('Bicep: incremental re-check', () => {
  before(async () => {
    parser = await loadBicepParser();
  });

  it('re-checks a role after an edit in one of its strings, and matches a full analysis', () => {
    const before = full(FILE);
    assert.ok(before.diagnostics.some((d) => d.code === 'unknown-action' && d.message.includes('virtualMachine/read')));
    assert.ok(before.diagnostics.some((d) => d.code === 'bicep-statement-not-read'), 'the extension statement is reported');
    const at = FILE.indexOf('virtualMachine/read') + 'virtualMachine'.length;
    const after = reanalyze(before, { offset: at, length: 0, text: 's' }, URI);
    assert.ok(after, 'an edit inside a permission string is re-checked in part');
    const text = edited(FILE, at, 0, 's');
    assert.equal(after.document.text, text);
    assert.equal(after.document.language, 'bicep');
    assert.deepEqual(strip(after), strip(full(text)));
    assert.ok(!after.diagnostics.some((d) => d.code === 'unknown-action' && d.message.includes('virtualMachine/read')));
    assert.ok(after.diagnostics.some((d) => d.code === 'bicep-statement-not-read'), 'the statement left out is still reported');
  });

  it('keeps a variable written after the edit where it now is, in the role that uses it', () => {
    // lines added in the role before the variable move it; its strings, read into the role, move too
    const at = FILE.indexOf("roleName: 'Cross region restore operator'");
    const before = full(FILE);
    const after = reanalyze(before, { offset: at, length: 0, text: "\n    description: 'Restores in the paired region'\n    " }, URI);
    assert.ok(after);
    const text = after.document.text;
    assert.deepEqual(strip(after), strip(full(text)));
    const covered = after.diagnostics.filter((d) => d.code === 'unknown-action')
      .map((d) => text.slice(after.document.lines.offsetAt(d.range.start), after.document.lines.offsetAt(d.range.end)));
    assert.ok(covered.some((c) => c.includes('Microsoft.Compute/virtualMachines/rea')), `the variable's misspelt permission is reported where it is written: ${covered.join(', ')}`);
  });

  it('follows a role through to the assignment that uses it by its symbol', () => {
    const before = full(FILE);
    const at = FILE.indexOf("'*'");
    const after = reanalyze(before, { offset: at + 1, length: 1, text: 'Microsoft.Compute/virtualMachines/read' }, URI);
    assert.ok(after);
    assert.deepEqual(strip(after), strip(full(after.document.text)));
    assert.ok(before.diagnostics.some((d) => d.code === 'overly-broad-wildcard'));
    assert.ok(!after.diagnostics.some((d) => d.code === 'overly-broad-wildcard'));
  });

  it('leaves to a full analysis what the rest of the file reads of the edited declaration', () => {
    const at = (s: string) => FILE.indexOf(s);
    const cases: [string, number, number, string][] = [
      // the role's name, which `crr.id` in the assignment reads
      ['the name', at("'crr')") + 1, 3, 'crr2'],
      // its type
      ['the type', at("typo 'Microsoft.Authorization/roleDefinitions") + 'typo \'Microsoft.Authorization/role'.length, 11, 'Assignments'],
      // its symbol
      ['the symbol', at('typo \'Microsoft') + 1, 3, 'ypo2'],
      // a variable (not a unit)
      ['a variable', at("'Microsoft.Compute/virtualMachines/rea'") + 1, 0, 'x'],
      // a declaration that no longer reads cleanly
      ['a syntax error', at("roleName: 'Typo role'") + 10, 1, ''],
      // a line that starts another declaration
      ['a new declaration', at("    principalType: 'User'"), 0, "resource extra 'Microsoft.Authorization/roleAssignments@2022-04-01' = {}\n"],
    ];
    for (const [what, offset, length, text] of cases) {
      assert.equal(reanalyze(full(FILE), { offset, length, text }, URI), undefined, what);
    }
  });

  it('matches a full analysis after any small edit inside the declarations (property)', () => {
    const from = FILE.indexOf('resource crr');
    const to = FILE.indexOf('var restoreActions');
    const starts: number[] = [];
    for (let i = from; i < to; i++) starts.push(i);
    let inPart = 0;
    fc.assert(fc.property(
      fc.constantFrom(...starts), fc.integer({ min: 0, max: 3 }), fc.constantFrom('', 's', 'x', '\n', '*', '/', "'", 'Microsoft.', '  ', 'read', '\n  '),
      (offset, length, insert) => {
        const after = reanalyze(full(FILE), { offset, length, text: insert }, URI);
        const expected = full(edited(FILE, offset, length, insert));
        if (after) {
          inPart++;
          assert.deepEqual(strip(after), strip(expected));
        }
      },
    ), { numRuns: 150, seed: 11 });
    assert.ok(inPart > 40, `${inPart} of 150 edits were re-checked in part`);
  });

  it('matches a full analysis after a chain of edits, each re-checked in part from the one before', () => {
    let analysis = full(FILE);
    let text = FILE;
    const typed = 'Microsoft.RecoveryServices/Vaults/backupJobs/read';
    // a new, empty item, then a permission typed into it character by character
    let at = text.indexOf("'Microsoft.RecoveryServices/Vaults/read'");
    const item = "''\n          ";
    text = edited(text, at, 0, item);
    const next = reanalyze(analysis, { offset: at, length: 0, text: item }, URI);
    assert.ok(next);
    analysis = next;
    at += 1;
    for (const c of typed) {
      const after = reanalyze(analysis, { offset: at, length: 0, text: c }, URI);
      text = edited(text, at, 0, c);
      assert.ok(after, `typing '${c}' is re-checked in part`);
      assert.equal(after.document.text, text);
      analysis = after;
      at++;
    }
    assert.deepEqual(strip(analysis), strip(full(text)));
  });
});
