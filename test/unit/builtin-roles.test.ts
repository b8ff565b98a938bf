// Azure's own 928 built-in roles (as `az role definition list` prints them), checked whole.
//
// What this cannot prove: that the catalog calls no real operation unknown. The catalog was
// completed from these very roles — every operation name they use is in it (source
// 'builtin-roles-2026-08-22'), their namespaces are known providers, the planes they use a name in
// are taken as its planes, and their wildcards are trusted (Catalog.coversBuiltinPattern) — so a
// false unknown-action, a false wildcard-matches-nothing or a false plane error cannot show here.
// That evidence is elsewhere: real custom roles with known faults (corpus-known-bad.test.ts) and
// the catalog's own tests against Microsoft's operation lists.
//
// What it does prove: a 3 MB file of the flat shape is read as 928 roles; the hygiene and
// least-privilege rules leave built-in roles alone (nobody can edit them); and the correctness
// rules that do judge built-in roles find exactly the strings below — the ones malformed upstream,
// and the reader roles that grant writes, each looked at by hand.
import * as assert from 'node:assert/strict';
import { diagnose, fixture, service } from '../support/harness';

describe('built-in roles', () => {
  const text = fixture('azure-data', 'builtin-roles.json');
  const lines = text.split('\n');
  const found = diagnose(text).map((d) => ({ code: String(d.code), line: lines[d.range.start.line].trim(), message: d.message }));

  it('are read as the 928 roles of the file, each a built-in role', () => {
    const roles = service.parse(text).roles;
    assert.equal(roles.length, 928);
    assert.equal(roles.filter((r) => r.builtIn).length, 928);
  });

  it('are flagged only where a string is malformed upstream, or a reader role grants a write', () => {
    const distinct = [...new Set(found.map((f) => `${f.code}: ${f.line}`))].sort();
    assert.deepEqual(distinct, [
      // Azure matches neither: a name ending in '/' and one with a trailing space
      'unknown-action: "Microsoft.Insights/alertRules/",',
      'unknown-action: "Microsoft.Network/virtualNetworks/read ",',
      // "Has access to Read and Test functions": running a batch test writes its results
      'reader-role-grants-writes: "Microsoft.CognitiveServices/accounts/LUIS/apps/testdatasets/write"',
      // a reader of configuration that can redirect the registry's logs
      'reader-role-grants-writes: "Microsoft.ContainerRegistry/registries/providers/Microsoft.Insights/diagnosticSettings/write",',
      // creates and deletes the account's customer event subscriptions
      'reader-role-grants-writes: "Microsoft.TestBase/testBaseAccounts/customerEvents/delete"',
      'reader-role-grants-writes: "Microsoft.TestBase/testBaseAccounts/customerEvents/write",',
    ].sort());
    assert.equal(found.filter((f) => f.code === 'unknown-action').length, 9, 'seven roles carry the trailing slash, two the trailing space');
    assert.match(found.find((f) => f.code === 'reader-role-grants-writes')!.message, /yet its name '[^']*Reader[^']*' says it only reads/);
  });
});
