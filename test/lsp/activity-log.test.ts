// "New Least-Privilege Role from Activity Log…" through the language server: the client sends the
// log's text, the server answers the role with its notes, the callers to choose from, or why not.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serverForSuite } from '../support/lsp-client';
import { REPO } from '../support/harness';
import { type ActivityLogAnswer, ROLE_FROM_ACTIVITY_LOG_REQUEST, type RoleFromActivityLogParams } from '../../server/src/protocol';

const log = readFileSync(join(REPO, 'test', 'fixtures', 'activity-log', 'az-activity-log-list.json'), 'utf8');

describe('language server: a role from an activity log', function () {
  this.timeout(30000);
  const server = serverForSuite();

  const ask = (params: RoleFromActivityLogParams) => server().connection.sendRequest<ActivityLogAnswer>(ROLE_FROM_ACTIVITY_LOG_REQUEST, params);

  it('names the callers to choose from, then answers the chosen caller\'s role as Bicep with its notes', async () => {
    const first = await ask({ text: log, format: 'bicep' });
    assert.equal(first.kind, 'choose-caller');
    assert.deepEqual(first.kind === 'choose-caller' && first.callers.map((c) => c.caller), ['alice@contoso.com', '5b7e0d1c-2a3f-4b6e-8d9c-0f1e2d3c4b5a', 'bob@contoso.com']);
    const answer = await ask({ text: log, format: 'bicep', caller: first.kind === 'choose-caller' ? first.callers[0].caller : '' });
    assert.equal(answer.kind, 'role');
    if (answer.kind !== 'role') return;
    assert.equal(answer.language, 'bicep');
    assert.equal(answer.name, 'Activity of alice@contoso.com');
    assert.match(answer.text, /^targetScope = 'subscription'\n[\s\S]*'Microsoft\.RecoveryServices\/Vaults\/backupFabrics\/protectionContainers\/protectedItems\/recoveryPoints\/restore\/action'/);
    assert.ok(answer.notes.some((n) => n.startsWith('read added (the activity log records no reads): ')), answer.notes.join('\n'));
  });

  it('answers a malformed log with the line, and a request without a format with what is missing', async () => {
    assert.deepEqual(await ask({ text: '[\n  { "caller": \n', format: 'cli' }), { kind: 'problem', message: 'line 3: not valid JSON: ValueExpected' });
    assert.equal((await ask({ text: log } as unknown as RoleFromActivityLogParams)).kind, 'problem');
  });
});
