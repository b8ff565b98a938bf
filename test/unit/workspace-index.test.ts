// The index of the workspace's custom roles: lookups by GUID, by guid() expression and by name,
// kept current as files change, and as their roles move within a file.
import * as assert from 'node:assert/strict';
import { WorkspaceIndex, customRolesOf, sameEntries } from '../../server/src/core/model/workspace';
import { service } from '../support/harness';

const SUB = '/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f';
const role = (name: string, id: string) => JSON.stringify({ Name: name, Id: id, IsCustom: true, Actions: ['Microsoft.RecoveryServices/Vaults/read'], AssignableScopes: [SUB] });
const entriesOf = (uri: string, text: string) => customRolesOf(uri, service.parse(text));

describe('workspace index', () => {
  it('finds a role by GUID and by name, the first file that defines it winning', () => {
    const index = new WorkspaceIndex();
    index.set('file:///a.json', entriesOf('file:///a.json', role('Restore operator', '7c3b2a1d-0000-4000-8000-00000000000a')));
    index.set('file:///b.json', entriesOf('file:///b.json', role('Restore operator', '7c3b2a1d-0000-4000-8000-00000000000b')));
    assert.equal(index.byGuid('7C3B2A1D-0000-4000-8000-00000000000B')?.uri, 'file:///b.json');
    assert.equal(index.byName('restore OPERATOR')?.uri, 'file:///a.json');
    index.delete('file:///a.json');
    assert.equal(index.byName('Restore operator')?.uri, 'file:///b.json');
    assert.equal(index.byGuid('7c3b2a1d-0000-4000-8000-00000000000a'), undefined);
  });

  it('follows a role that moved within its file without losing the first-wins order', () => {
    const index = new WorkspaceIndex();
    const text = role('Restore operator', '7c3b2a1d-0000-4000-8000-00000000000a');
    index.set('file:///a.json', entriesOf('file:///a.json', text));
    index.set('file:///b.json', entriesOf('file:///b.json', role('Restore operator', '7c3b2a1d-0000-4000-8000-00000000000b')));
    assert.equal(index.byName('Restore operator')?.range.start.line, 0); // the lookups are built
    const moved = entriesOf('file:///a.json', `\n\n\n${text}`);
    assert.ok(sameEntries(index.get('file:///a.json'), moved), 'only where it is written changed');
    index.move('file:///a.json', moved);
    assert.equal(index.byName('Restore operator'), moved[0]);
    assert.equal(index.byGuid('7c3b2a1d-0000-4000-8000-00000000000a')?.range.start.line, 3);
    assert.equal(index.byGuid('7c3b2a1d-0000-4000-8000-00000000000b')?.uri, 'file:///b.json');
  });
});
