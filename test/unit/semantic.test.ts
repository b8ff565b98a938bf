import * as assert from 'node:assert/strict';
import { cliRole, marked, service } from '../support/harness';

describe('semantic tokens', () => {
  it('mark operations the latest permissions docs no longer list as deprecated', () => {
    const { text, spans } = marked(cliRole({ actions: '"«Microsoft.RecoveryServices/Vaults/tokenInfo/read»", "Microsoft.RecoveryServices/Vaults/read", "Microsoft.Resources/*"' }));
    assert.deepEqual(service.semanticSpans(service.parse(text)), [{ ...spans[0], type: 'function', modifiers: ['deprecated'] }]);
  });
});
