// The requests behind "New Least-Privilege Role for Backup Operations…": the operations the
// client offers, and the roles the server writes, which the server then checks clean when the
// client opens them; forged requests get null.
import * as assert from 'node:assert/strict';
import { serverForSuite } from '../support/lsp-client';
import { BACKUP_OPERATIONS_REQUEST, GENERATE_REQUEST, type GenerateAnswer, type OperationChoice } from '../../server/src/protocol';

describe('language server: generated least-privilege roles', function () {
  this.timeout(30000);
  const server = serverForSuite();

  it('offers every backup operation with its workload and what it needs where', async () => {
    const operations = await server().connection.sendRequest<OperationChoice[]>(BACKUP_OPERATIONS_REQUEST);
    assert.equal(operations.length, 46);
    const crr = operations.find((o) => o.id === 'vm-cross-region-restore');
    assert.deepEqual(crr, {
      id: 'vm-cross-region-restore', title: 'Cross region restore', workload: 'Azure VM backup',
      detail: 'Backup Operator at the subscription of the Recovery Services vault; with vm-restore',
    });
  });

  it('writes the roles in the shape asked, and checks them clean once opened', async () => {
    const answer = await server().connection.sendRequest<GenerateAnswer | null>(GENERATE_REQUEST, { operations: ['vm-cross-region-restore'], shape: 'arm' });
    assert.ok(answer);
    assert.equal(answer.language, 'jsonc');
    assert.equal(answer.roles, 5);
    assert.deepEqual(answer.operations, ['vm-restore', 'vm-cross-region-restore']);
    const uri = 'untitled:generated-crr.json';
    await server().open(uri, answer.text, 'jsonc');
    assert.deepEqual(await server().waitForDiagnostics(uri, () => true), []);
  });

  it('answers null for an unknown id, a shape it does not write, and forged parameters', async () => {
    for (const params of [{ operations: ['vm-restor'], shape: 'arm' }, { operations: ['vm-restore'], shape: 'yaml' }, { operations: 'vm-restore', shape: 'cli' }, { operations: [3], shape: 'cli' }, null]) {
      assert.equal(await server().connection.sendRequest(GENERATE_REQUEST, params), null, JSON.stringify(params));
    }
  });
});
