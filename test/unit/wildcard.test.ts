import * as assert from 'node:assert/strict';
import { covers, intersects, pattern } from '../../server/src/catalog/wildcard';

describe('wildcard', () => {
  it('matches case-insensitively, with one * spanning segments as Azure does', () => {
    const p = pattern('Microsoft.Compute/*');
    assert.ok(p.matches('microsoft.compute/virtualMachines/extensions/read'));
    assert.ok(!p.matches('Microsoft.ComputeSchedule/actions/read'));
    assert.ok(pattern('*/read').matches('Microsoft.Storage/storageAccounts/read'));
    assert.ok(!pattern('*/read').matches('Microsoft.Storage/storageAccounts/write'));
    assert.ok(pattern('Microsoft.Storage/*/read').matches('Microsoft.Storage/storageAccounts/blobServices/read'));
  });

  it('matches an exact string only as itself', () => {
    const p = pattern('Microsoft.Compute/virtualMachines/read');
    assert.ok(p.matches('MICROSOFT.COMPUTE/VIRTUALMACHINES/READ'));
    assert.ok(!p.matches('Microsoft.Compute/virtualMachines/readx'));
    assert.equal(p.stars, 0);
  });

  it('records the provider only when no * comes before the first /', () => {
    assert.equal(pattern('Microsoft.Compute/*').provider, 'microsoft.compute');
    assert.equal(pattern('*/read').provider, undefined);
    assert.equal(pattern('Microsoft.*/read').provider, undefined);
  });

  it('still matches strings with several * (for the rule that reports them)', () => {
    const p = pattern('Microsoft.*/*/read');
    assert.equal(p.stars, 2);
    assert.ok(p.matches('Microsoft.Compute/disks/read'));
    assert.ok(!p.matches('Contoso.Foo/bar/read'));
  });

  it('tells whether two wildcards can match a common name', () => {
    assert.ok(intersects(pattern('Microsoft.Compute/*'), pattern('*/read')));
    assert.ok(intersects(pattern('Microsoft.Compute/virtualMachines/*'), pattern('Microsoft.Compute/*')));
    assert.ok(!intersects(pattern('Microsoft.Compute/*'), pattern('Microsoft.Storage/*')));
    assert.ok(!intersects(pattern('*/read'), pattern('*/write')));
  });

  it('tells whether one wildcard covers another', () => {
    assert.ok(covers(pattern('Microsoft.Compute/*'), pattern('Microsoft.Compute/virtualMachines/*')));
    assert.ok(covers(pattern('Microsoft.Compute/*'), pattern('Microsoft.Compute/disks/read')));
    assert.ok(covers(pattern('*/read'), pattern('Microsoft.Compute/*/read')));
    assert.ok(!covers(pattern('Microsoft.Compute/virtualMachines/*'), pattern('Microsoft.Compute/*')));
    assert.ok(!covers(pattern('*/read'), pattern('Microsoft.Compute/*')));
    assert.ok(!covers(pattern('Microsoft.*/*/read'), pattern('Microsoft.Compute/disks/read')), 'a string Azure rejects covers nothing');
  });
});
