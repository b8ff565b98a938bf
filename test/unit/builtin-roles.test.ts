// Azure's own 928 built-in roles (as `az role definition list` prints them) must not be flagged,
// except the handful of strings that are malformed upstream.
import * as assert from 'node:assert/strict';
import { diagnose, fixture } from '../support/harness';

describe('built-in roles', () => {
  it('raise no diagnostics but for the strings malformed upstream', () => {
    const text = fixture('azure-data', 'builtin-roles.json');
    const flagged = diagnose(text).map((d) => {
      const start = d.range.start;
      const line = text.split('\n')[start.line];
      return `${d.code}: ${line.trim()}`;
    });
    const distinct = [...new Set(flagged)].sort();
    assert.deepEqual(distinct, [
      'unknown-action: "Microsoft.Insights/alertRules/",',
      'unknown-action: "Microsoft.Network/virtualNetworks/read ",',
    ]);
    assert.equal(flagged.length, 9, 'seven roles carry the trailing slash, two the trailing space');
  });
});
