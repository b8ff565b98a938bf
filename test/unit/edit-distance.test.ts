// The catalog's edit distance (catalog/edit-distance.ts), with a limit, against the textbook
// table: the distance where it is within the limit, and more than the limit where it is not.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { EditDistance } from '../../server/src/catalog/edit-distance';

/** Levenshtein's table, in full. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

describe('edit distance within a limit', () => {
  const distance = new EditDistance();

  it('measures slips in operation names as the full table does', () => {
    const name = 'microsoft.recoveryservices/vaults/backupfabrics/protectioncontainers/protecteditems/read';
    for (const [a, b] of [
      [name, name], [name, name.replace('read', 'reads')], [name, name.replace('/read', '/raed')], [name, name.slice(0, -5)],
      ['vaults/read', 'vault/read'], ['', 'abc'], ['abc', ''], ['kitten', 'sitting'],
    ]) {
      for (const limit of [0, 1, 2, 3, 4, 6, 40]) {
        const d = distance.between(a, b, limit);
        const full = levenshtein(a, b);
        if (full <= limit) assert.equal(d, full, `${a} ~ ${b} within ${limit}`);
        else assert.ok(d > limit, `${a} ~ ${b} within ${limit}: ${d}`);
      }
    }
  });

  it('is the full table’s distance within any limit, from any start of the second string (property)', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '/', 'd'), maxLength: 14 });
    fc.assert(fc.property(text, text, fc.nat({ max: 8 }), fc.nat({ max: 4 }), (a, b, limit, start) => {
      const from = Math.min(start, b.length);
      const d = distance.between(a, b, limit, from);
      const full = levenshtein(a, b.slice(from));
      if (full <= limit) assert.equal(d, full);
      else assert.ok(d > limit);
    }), { numRuns: 3000 });
  });
});
