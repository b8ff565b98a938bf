// What a change grants (change-report.ts) as Markdown for a pull-request comment or a GitHub job
// summary: a heading, the one-line verdict, then per file a table per role of what it grants and
// takes away by provider and plane, the Azure Backup operations and escalation paths, and a table
// of the role assignments; long lists of operations fold into <details>. The order is the
// report's: files by path, roles and assignments in the order of their file's text.
import { WORKLOAD_SHORT } from '../../catalog/backup/backup-catalog';
import type { Workload } from '../../catalog/backup/backup-operations';
import type { Granted } from '../analysis/operation-set';
import { count, thousands } from '../messages';
import type {
  AssignedRole, AssignmentChange, AssignmentField, AssignmentFields, BackupOperationRef, ChangeReport, Effect, EscalationPath, FileChangeReport, GrantChange, RoleChange,
  Revision, RoleSummary, Shown,
} from './change-report';

/** Operation names listed under one heading before the rest is counted (the JSON format lists all). */
const LISTED = 200;
/** Backup operations named inline before they fold into <details>. */
const INLINE = 5;
/** Providers in a role's table; more are folded into <details>, the largest changes shown above it. */
const PROVIDER_ROWS = 15;
const TOP_PROVIDERS = 10;

/** Text as Markdown, its markup characters escaped. */
function plain(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`)).replace(/\s*\n\s*/g, ' ');
}

/** A code span that holds any text (a backtick inside gets a longer fence). */
function code(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length)) + 1);
  return fence.length > 1 || flat.startsWith('`') || flat.endsWith('`') ? `${fence} ${flat} ${fence}` : `${fence}${flat}${fence}`;
}

/** A table cell: a pipe would end it. */
function cell(markdown: string): string {
  return markdown.replace(/\|/g, '\\|');
}

function value(s: Shown | undefined): string {
  if (!s) return '—';
  return `${s.prose ? plain(s.text) : code(s.text)}${s.symbolic ? ' *(symbolic)*' : ''}`;
}

function roleName(role: RoleChange): string {
  return role.name ? (role.name.symbolic ? `${code(role.name.text)} *(symbolic)*` : plain(role.name.text)) : '*(no name)*';
}

function assignedRole(role: AssignedRole): string {
  switch (role.kind) {
    case 'built-in': return `${plain(role.name ?? '')} (${role.imported ? 'custom, from --roles' : 'built-in'})`;
    case 'custom': return `${role.name !== undefined ? plain(role.name) : code(role.id ?? role.text)} (custom, ${code(role.definedIn ?? '?')})`;
    case 'unknown': return `${code(role.id ?? role.text)} (neither built-in nor a role of the repository)`;
    case 'symbolic': return `${code(role.text)} *(symbolic${role.byDefault ? `; ${plain(role.byDefault)} by default` : ''})*`;
  }
}

function workload(w: string): string {
  return WORKLOAD_SHORT[w as Workload] ?? w;
}

function backupList(ops: readonly BackupOperationRef[]): string[] {
  return ops.map((o) => `${code(o.id)} ${plain(o.title)} (${workload(o.workload)})`);
}

/** A labelled list of Backup operations: inline when short, folded when long. */
function backupLine(label: string, ops: readonly BackupOperationRef[]): string[] {
  if (!ops.length) return [];
  const items = backupList(ops);
  if (ops.length <= INLINE) return [`- ${label} (${ops.length}): ${items.join('; ')}`];
  return [`- <details><summary>${label} (${ops.length})</summary>`, '', ...items.map((i) => `  - ${i}`), '', '  </details>'];
}

function escalationText(list: readonly EscalationPath[]): string {
  return list.map((e) => `${plain(e.what)} (${code(e.operation)})`).join('; ');
}

function grantedItem(g: Granted): string {
  return `- ${code(g.name)}${g.plane === 'data' ? ' (data action)' : ''}${g.known ? '' : ' (not in the catalog)'}`;
}

function listed(title: string, list: readonly Granted[]): string[] {
  if (!list.length) return [];
  const lines = [`${title} (${thousands(list.length)}):`, '', ...list.slice(0, LISTED).map(grantedItem)];
  if (list.length > LISTED) lines.push(`- … and ${thousands(list.length - LISTED)} more (\`--format json\` lists them all)`);
  lines.push('');
  return lines;
}

function counted(added: number, removed: number): string {
  return [added ? `+${thousands(added)}` : '', removed ? `−${thousands(removed)}` : ''].filter(Boolean).join(' ');
}

/** The table of a grant change by provider, and the operations folded beneath it. */
function operationsDetails(grants: GrantChange): string[] {
  const summary = [grants.added.length ? `${thousands(grants.added.length)} granted` : '', grants.removed.length ? `${thousands(grants.removed.length)} taken away` : ''].filter(Boolean).join(', ');
  return [`<details><summary>Operations: ${summary}</summary>`, '', ...listed('Granted', grants.added), ...listed('Taken away', grants.removed), '</details>', ''];
}

type Row = { provider: string; action: { added: number; removed: number }; data: { added: number; removed: number } };

function table(rows: readonly Row[], rest?: Row): string[] {
  const cells = (r: Row) => `${counted(r.action.added, r.action.removed)} | ${counted(r.data.added, r.data.removed)}`;
  return ['| provider | actions | data actions |', '| --- | --- | --- |', ...rows.map((r) => `| ${cell(plain(r.provider))} | ${cells(r)} |`),
    ...(rest ? [`| *${rest.provider}* | ${cells(rest)} |`] : [])];
}

/**
 * The table of a grant change by provider (the largest changes first when there are many, all of
 * them folded beneath), and its operations folded beneath that.
 */
function grantTable(grants: GrantChange): string[] {
  if (!grants.added.length && !grants.removed.length) return [];
  const rows = new Map<string, Row>();
  for (const c of grants.byProvider) {
    const key = c.provider.toLowerCase();
    const row = rows.get(key) ?? { provider: c.provider, action: { added: 0, removed: 0 }, data: { added: 0, removed: 0 } };
    row[c.plane] = { added: c.added, removed: c.removed };
    rows.set(key, row);
  }
  const all = [...rows.values()];
  if (all.length <= PROVIDER_ROWS) return [...table(all), '', ...operationsDetails(grants)];
  const size = (r: Row) => r.action.added + r.action.removed + r.data.added + r.data.removed;
  const top = [...all].sort((a, b) => size(b) - size(a)).slice(0, TOP_PROVIDERS);
  const others = all.filter((r) => !top.includes(r));
  const sum = (plane: 'action' | 'data', which: 'added' | 'removed') => others.reduce((n, r) => n + r[plane][which], 0);
  const rest: Row = { provider: `${others.length} other providers`, action: { added: sum('action', 'added'), removed: sum('action', 'removed') }, data: { added: sum('data', 'added'), removed: sum('data', 'removed') } };
  return [...table(top, rest), '', `<details><summary>All ${all.length} providers</summary>`, '', ...table(all), '', '</details>', '', ...operationsDetails(grants)];
}

function effectLines(effect: Effect): string[] {
  const lines: string[] = [];
  lines.push(...backupLine('Azure Backup operations newly enabled', effect.backup.enabled), ...backupLine('Azure Backup operations no longer enabled', effect.backup.disabled));
  if (effect.escalation.opened.length) lines.push(`- **Escalation path opened**: holders can ${escalationText(effect.escalation.opened)}`);
  if (effect.escalation.closed.length) lines.push(`- Escalation path closed: holders can no longer ${escalationText(effect.escalation.closed)}`);
  return lines;
}

function roleSection(role: RoleChange): string[] {
  const head = `**${role.builtIn ? 'Built-in' : 'Custom'} role ${role.change}: ${roleName(role)}**`;
  const facts = [
    role.id !== undefined ? `id ${code(role.id)}` : '',
    role.change === 'changed' && role.matchedBy === 'name' ? `matched by name${role.previousId !== undefined ? ` (its id was ${code(role.previousId)})` : ''}` : '',
    role.movedFrom ? `moved from ${code(role.movedFrom)}` : '',
  ].filter(Boolean);
  const lines = [`${head}${facts.length ? ` — ${facts.join(', ')}` : ''}`, ''];
  const bullets: string[] = [];
  if (role.previousName) bullets.push(`- Renamed from ${role.previousName.symbolic ? code(role.previousName.text) : plain(role.previousName.text)}`);
  if (role.effect) {
    const e = role.effect;
    if (role.change === 'changed' && !e.grants.added.length && !e.grants.removed.length) {
      bullets.push(role.rewritten ? '- Its permissions were rewritten and grant the same as before, after wildcards and notActions' : '- Grants the same as before');
    }
    if (role.change !== 'changed' && !e.grants.added.length && !e.grants.removed.length) bullets.push('- Grants no operation');
    bullets.push(...effectLines(e));
  }
  if (role.assignableScopes.added.length) bullets.push(`- Assignable scopes added: ${role.assignableScopes.added.map(value).join(', ')}`);
  if (role.assignableScopes.removed.length) bullets.push(`- Assignable scopes removed: ${role.assignableScopes.removed.map(value).join(', ')}`);
  if (role.descriptionChanged) bullets.push('- Description changed');
  for (const s of role.symbolic) bullets.push(`- *Symbolic*: ${plain(s)}`);
  if (role.effect) lines.push(...grantTable(role.effect.grants));
  lines.push(...bullets);
  if (bullets.length) lines.push('');
  return lines;
}

const FIELD_WORD: Record<AssignmentField, string> = { role: 'role', principal: 'principal', principalType: 'principal type', scope: 'scope', condition: 'condition' };

function fieldCells(fields: AssignmentFields): Record<AssignmentField, string> {
  const principal = fields.principalName ? `${plain(fields.principalName)} (${value(fields.principal)})` : value(fields.principal);
  return {
    role: assignedRole(fields.role), principal, principalType: fields.principalType ? value({ ...fields.principalType, prose: true }) : '—', scope: value(fields.scope),
    condition: value(fields.condition),
  };
}

function summaryText(s: RoleSummary, gone: boolean): string {
  if (!s.operations && !s.notInCatalog) return gone ? 'its role granted no operation' : 'its role grants no operation';
  const planes = (['action', 'data'] as const).map((plane) => {
    const list = s.byProvider.filter((c) => c.plane === plane).sort((a, b) => b.count - a.count || (a.provider.toLowerCase() < b.provider.toLowerCase() ? -1 : 1));
    if (!list.length) return '';
    const shown = list.slice(0, 5).map((c) => `${plain(c.provider)} ${thousands(c.count)}`).join(', ');
    const more = list.length > 5 ? ` and ${count(list.length - 5, 'more provider')}` : '';
    return `${plane === 'data' ? 'data actions: ' : ''}${shown}${more}`;
  }).filter(Boolean);
  const what = `${count(s.operations, 'operation')}${planes.length ? ` (${planes.join('; ')})` : ''}${s.notInCatalog ? ` and ${count(s.notInCatalog, 'name')} the catalog lacks` : ''}`;
  const backup = s.backup.length ? `${count(s.backup.length, 'Azure Backup operation')}${s.backup.length <= INLINE ? ` (${s.backup.map((o) => code(o.id)).join(', ')})` : ''}` : '';
  if (gone) {
    return [`takes away what its role granted: ${what}`, backup ? `it enabled ${backup}` : '', s.escalation.length ? `holders could ${escalationText(s.escalation)}` : ''].filter(Boolean).join('; ');
  }
  return [`its role grants ${what}`, backup ? `enables ${backup}` : '', s.escalation.length ? `**escalation**: holders can ${escalationText(s.escalation)}` : 'no escalation path'].filter(Boolean).join('; ');
}

function assignmentSection(list: readonly AssignmentChange[]): string[] {
  if (!list.length) return [];
  const lines = ['**Role assignments**', '', '| change | role | principal | principal type | scope | condition |', '| --- | --- | --- | --- | --- | --- |'];
  const notes: string[] = [];
  list.forEach((a, i) => {
    const now = fieldCells(a.fields);
    const before = a.previous ? fieldCells(a.previous) : undefined;
    const cells = (Object.keys(FIELD_WORD) as AssignmentField[]).map((f) => (before && a.changed.includes(f) ? `${before[f]} → **${now[f]}**` : now[f]));
    // numbered, not `#1`: GitHub links that to an issue
    lines.push(`| ${[`${a.change} (${i + 1})`, ...cells].map(cell).join(' | ')} |`);
    const who = `Assignment ${i + 1}, ${a.change === 'changed' ? `changed (${a.changed.map((f) => FIELD_WORD[f]).join(', ')})` : a.change}${a.movedFrom ? `, moved from ${code(a.movedFrom)}` : ''}`;
    if (a.effect) {
      const e = a.effect;
      const counts = e.grants.byProvider.map((c) => `${plain(c.provider)}${c.plane === 'data' ? ' (data)' : ''} ${counted(c.added, c.removed)}`).join(', ');
      notes.push(`- ${who}: with the new role the principal holds ${counts || 'the same operations as before'}`, ...effectLines(e).map((l) => `  ${l}`));
      if (e.grants.added.length || e.grants.removed.length) notes.push('', ...operationsDetails(e.grants).map((l) => (l ? `  ${l}` : l)));
    } else if (a.summary) {
      notes.push(`- ${who}: ${summaryText(a.summary, a.change === 'removed')}`);
    }
    for (const s of a.symbolic) notes.push(`- ${who}: *symbolic*: ${plain(s)}`);
  });
  lines.push('');
  if (notes.length) lines.push(...notes, '');
  return lines;
}

function fileSection(file: FileChangeReport): string[] {
  const how = file.status === 'renamed' && file.previousPath ? ` (renamed from ${code(file.previousPath)})` : file.status === 'added' ? ' (new file)' : file.status === 'deleted' ? ' (deleted)' : '';
  const lines = [`### ${code(file.path)}${how}`, ''];
  for (const n of file.notes) lines.push(`- *Not read*: ${plain(n)}`, '');
  for (const r of file.roles) lines.push(...roleSection(r));
  lines.push(...assignmentSection(file.assignments));
  return lines;
}

function revision(r: Revision): string {
  return r.commit ? `${code(r.label)} (${code(r.commit.slice(0, 7))})` : plain(r.label);
}

/** The report as Markdown. */
export function changeReportMarkdown(report: ChangeReport): string {
  const lines = [
    '## What this change grants', '',
    `Compared ${revision(report.base)} with ${revision(report.head)}, ${report.catalog}.`, '',
    `**${report.verdict.headline}**${report.verdict.details ? ` ${report.verdict.details}` : ''}`, '',
  ];
  for (const file of report.files) lines.push(...fileSection(file));
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
