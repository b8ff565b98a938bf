// "New Least-Privilege Role from Activity Log…": picks a log file (the output of
// `az monitor activity-log list`, or a Log Analytics AzureActivity export as JSON or CSV), asks for
// the role's format, hands the log's text to the server, which makes the role, and opens the role
// as a new untitled document. When the log holds several callers, the server names them and the
// user picks one. The role's notes (reads added, operations the catalog lacks, where to assign)
// go to the output channel.
import { type OutputChannel, type QuickPickItem, type Uri, window, workspace } from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { type ActivityLogAnswer, ROLE_FROM_ACTIVITY_LOG_REQUEST, type RoleFormat, type RoleFromActivityLogParams } from '../../server/src/protocol';
import { showNewUntitled } from './untitled';

const FORMATS: readonly (QuickPickItem & { format: RoleFormat })[] = [
  { label: 'Role JSON', description: 'for az role definition create', format: 'cli' },
  { label: 'ARM template', description: 'a subscription deployment', format: 'arm' },
  { label: 'Bicep', description: 'a subscription deployment', format: 'bicep' },
];

/** The file's text: UTF-8, or UTF-16 with its byte-order mark (PowerShell's redirection writes it). */
function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export async function newRoleFromActivityLog(client: LanguageClient, output: OutputChannel, given?: Uri, format?: RoleFormat, caller?: string): Promise<void> {
  const picked = given ? [given] : await window.showOpenDialog({
    canSelectMany: false, openLabel: 'Make a Role', title: 'An activity log: az monitor activity-log list output, or an AzureActivity export',
    filters: { 'Activity log (JSON, CSV)': ['json', 'csv'], 'All files': ['*'] },
  });
  if (!picked?.length) return;
  const chosen = format ?? (await window.showQuickPick(FORMATS, { title: 'Write the role as' }))?.format;
  if (!chosen) return;
  const text = decode(await workspace.fs.readFile(picked[0]));
  let params: RoleFromActivityLogParams = { text, format: chosen, ...(caller ? { caller } : {}) };
  let answer = await client.sendRequest<ActivityLogAnswer>(ROLE_FROM_ACTIVITY_LOG_REQUEST, params);
  if (answer.kind === 'choose-caller' && !caller && answer.callers.length > 1) {
    const who = await window.showQuickPick(answer.callers.map((c) => ({ label: c.caller, description: `${c.calls} succeeded call${c.calls === 1 ? '' : 's'}` })),
      { title: 'The log holds calls by several callers: make the role of' });
    if (!who) return;
    params = { ...params, caller: who.label };
    answer = await client.sendRequest<ActivityLogAnswer>(ROLE_FROM_ACTIVITY_LOG_REQUEST, params);
  }
  if (answer.kind !== 'role') {
    void window.showErrorMessage(`No role made from ${picked[0].path.split('/').pop() ?? 'the log'}: ${answer.message}`);
    return;
  }
  if (!(await showNewUntitled(answer.text, answer.language, answer.name))) return;
  output.appendLine(`${answer.name}, from ${picked[0].fsPath}:`);
  for (const note of answer.notes) output.appendLine(`  ${note}`);
  void window.showInformationMessage(`${answer.name}: ${answer.notes[0] ?? ''}`, 'Show Notes').then((button) => {
    if (button) output.show(true);
  });
}
