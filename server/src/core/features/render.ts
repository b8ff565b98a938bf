// Explanations as Markdown (hovers) and plain text (the CLI). Short enough to read in a review.
import type { Explanation, OperationExplanation, RoleExplanation, UnknownExplanation, WildcardExplanation } from './explain';
import { count, thousands } from '../messages';

const MAX_ROLES = 6;

function code(text: string): string {
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

const n = thousands;

function planeLabel(e: OperationExplanation): string {
  switch (e.plane) {
    case 'control': return 'Control-plane action (goes in `actions`)';
    case 'data': return 'Data action (goes in `dataActions`)';
    case 'control and data': return 'Registered both as an action and as a data action';
    default: return 'Plane not recorded in the catalog';
  }
}

function rolesLine(names: readonly string[], style: (s: string) => string): string {
  if (names.length === 0) return 'No built-in role grants it.';
  const shown = names.slice(0, MAX_ROLES).map(style).join(', ');
  const more = names.length > MAX_ROLES ? ` and ${n(names.length - MAX_ROLES)} more` : '';
  return `Granted by ${shown}${more}.`;
}

const MAX_OPERATIONS = 4;

/** One line per scope: "Restore VM, Restore managed disks… and 2 more (at the Recovery Services vault)". */
function backupLines(groups: OperationExplanation['backup']): string[] {
  return groups.map((g) => {
    const shown = g.operations.slice(0, MAX_OPERATIONS).join(', ');
    const more = g.operations.length > MAX_OPERATIONS ? ` and ${g.operations.length - MAX_OPERATIONS} more` : '';
    return `${shown}${more} (at ${g.where})`;
  });
}

/** Backup tasks named before "and N more tasks". */
const MAX_TASKS = 4;

/**
 * "enables 20 operations (14 tasks): Restore VM (Azure VM), …, and 10 more tasks". The list is of
 * tasks (a table row's title), and one may stand for several workloads' operations, so where the
 * list is cut the line counts tasks as the list does, and the shown ones plus the rest make the
 * stated number of tasks; the workloads in brackets make the number of operations.
 */
function backupEnablesLine(e: RoleExplanation): string {
  if (e.backupEnabledCount === e.backupOperationCount) return `enables all ${n(e.backupOperationCount)} management operations`;
  const tasks = e.backupEnables;
  const operations = e.backupEnabledCount === 1 ? 'one operation' : `${n(e.backupEnabledCount)} operations`;
  const shown = tasks.slice(0, MAX_TASKS).map((t) => t.label).join(', ');
  if (tasks.length <= MAX_TASKS) return `enables ${operations}: ${shown}`;
  const counted = tasks.length === e.backupEnabledCount ? operations : `${operations} (${n(tasks.length)} tasks)`;
  return `enables ${counted}: ${shown}, and ${n(tasks.length - MAX_TASKS)} more ${tasks.length === e.backupEnabledCount ? 'operations' : 'tasks'}`;
}

function providersLine(e: RoleExplanation): string {
  const shown = e.providers.slice(0, 4).map((p) => `${p.name} (${n(p.entries)})`).join(', ');
  const more = e.providers.length > 4 ? `, +${n(e.providers.length - 4)} more` : '';
  return shown + more;
}

function countsLine(e: RoleExplanation): string {
  const parts = [`${n(e.counts.actions)} actions`];
  if (e.counts.notActions) parts.push(`${n(e.counts.notActions)} notActions`);
  parts.push(`${n(e.counts.dataActions)} dataActions`);
  if (e.counts.notDataActions) parts.push(`${n(e.counts.notDataActions)} notDataActions`);
  return parts.join(', ');
}

function wildcardSummary(e: WildcardExplanation): string {
  const plane = e.plane === 'action' ? 'control-plane ' : e.plane === 'data' ? 'data-plane ' : '';
  if (e.count === 0) return `Matches no ${plane}operation in the catalog.`;
  const where = e.providers > 1 ? ` across ${n(e.providers)} providers` : '';
  return `Matches ${count(e.count, `${plane}operation`)}${where}.`;
}

export function toMarkdown(e: Explanation): string {
  switch (e.kind) {
    case 'operation': {
      const lines = [`${code(e.written ?? e.name)}`, ''];
      if (e.description) lines.push(e.description, '');
      const resource = e.resourceType ? ` · resource type ${code(e.resourceType)}${e.resourceDisplayName ? ` (${e.resourceDisplayName})` : ''}` : '';
      lines.push(`${planeLabel(e)} · provider ${code(e.provider)}${resource}`, '');
      lines.push(rolesLine(e.grantedBy, (s) => `**${s}**`), '');
      if (e.backup.length) lines.push('Needed by Azure Backup for', ...backupLines(e.backup).map((l) => `- ${l}`), '');
      if (e.inLatestDocs === false) lines.push('_No longer listed in the Feb-2026 Azure permissions docs: it may have been removed._', '');
      if (e.notInImport) lines.push('_Not in your imported catalog, though its provider is: it may have been removed._', '');
      // (the heading is the text as written: the catalog's spelling, where its case differs)
      if (e.written) lines.push(`_The catalog writes it ${code(e.name)}; Azure compares permissions without regard to case._`, '');
      lines.push(`_${e.catalogNote}_`);
      return lines.join('\n');
    }
    case 'wildcard': {
      const lines = [`${code(e.text)} (wildcard)`, '', wildcardSummary(e)];
      if (e.examples.length) {
        lines.push('');
        for (const x of e.examples) lines.push(`- ${code(x.name)}${x.description ? ` — ${x.description}` : ''}`);
        if (e.count > e.examples.length) lines.push(`- … ${n(e.count - e.examples.length)} more`);
      }
      lines.push('', `_${e.catalogNote}_`);
      return lines.join('\n');
    }
    case 'role': {
      const what = e.roleKind === 'built-in' ? `built-in role ${code(e.id)}` : `custom role${e.definedIn ? ` in ${code(e.definedIn)}` : ''}`;
      const lines = [`**${e.name}** · ${what}`, ''];
      if (e.description) lines.push(e.description, '');
      lines.push(`Permissions: ${countsLine(e)}${e.conditional ? ' (with an ABAC condition)' : ''}.`);
      if (e.providers.length) lines.push(`Providers: ${providersLine(e)}.`);
      if (e.wildcards.length) lines.push(`Wildcards: ${e.wildcards.slice(0, 6).map(code).join(', ')}${e.wildcards.length > 6 ? ', …' : ''}.`);
      if (e.notActions.length) lines.push(`Excludes: ${e.notActions.slice(0, 6).map(code).join(', ')}${e.notActions.length > 6 ? ', …' : ''}.`);
      if (e.backupEnables.length) lines.push('', `Azure Backup: ${backupEnablesLine(e)}.`);
      lines.push('', `_${e.catalogNote}_`);
      return lines.join('\n');
    }
    case 'unknown': {
      const lines = [`${code(e.text)}`, '', 'Not in the catalog.'];
      if (e.suggestions.length) lines.push('', `Closest: ${e.suggestions.map(code).join(', ')}.`);
      lines.push('', `_${e.catalogNote}_`);
      return lines.join('\n');
    }
  }
}

const UNKNOWN_TEXT: Record<UnknownExplanation['lookedUpAs'], string> = {
  'operation': 'not in the catalog',
  'role id': 'no built-in role has this id in the catalog',
  'role name': 'no role of this name in the catalog',
};

export function toText(e: Explanation): string {
  switch (e.kind) {
    case 'operation': {
      const lines = [e.name];
      if (e.description) lines.push(`  ${e.description}`);
      lines.push(`  plane:     ${e.plane}`);
      lines.push(`  provider:  ${e.provider}${e.providerDisplayName ? ` (${e.providerDisplayName})` : ''}`);
      if (e.resourceType) lines.push(`  resource:  ${e.resourceType}${e.resourceDisplayName ? ` (${e.resourceDisplayName})` : ''}`);
      if (e.backup.length) lines.push('  needed by Azure Backup:', ...backupLines(e.backup).map((l) => `    ${l}`));
      lines.push(`  granted by: ${e.grantedBy.length ? e.grantedBy.slice(0, 12).join(', ') + (e.grantedBy.length > 12 ? `, and ${n(e.grantedBy.length - 12)} more` : '') : 'no built-in role'}`);
      if (e.inLatestDocs === false) lines.push('  note:      no longer listed in the Feb-2026 Azure permissions docs');
      if (e.notInImport) lines.push('  note:      not in your imported catalog, though its provider is');
      lines.push(`  catalog:   ${e.catalogNote}`);
      return lines.join('\n');
    }
    case 'wildcard': {
      const lines = [`${e.text} (wildcard)`, `  ${wildcardSummary(e)}`];
      for (const x of e.examples) lines.push(`  - ${x.name}${x.description ? ` — ${x.description}` : ''}`);
      if (e.count > e.examples.length) lines.push(`  - … ${n(e.count - e.examples.length)} more`);
      lines.push(`  catalog: ${e.catalogNote}`);
      return lines.join('\n');
    }
    case 'role': {
      const lines = [`${e.name} (${e.roleKind === 'built-in' ? `built-in role ${e.id}` : `custom role${e.definedIn ? ` in ${e.definedIn}` : ''}`})`];
      if (e.description) lines.push(`  ${e.description}`);
      lines.push(`  permissions: ${countsLine(e)}${e.conditional ? ' (with an ABAC condition)' : ''}`);
      if (e.providers.length) lines.push(`  providers:   ${providersLine(e)}`);
      if (e.wildcards.length) lines.push(`  wildcards:   ${e.wildcards.join(', ')}`);
      if (e.notActions.length) lines.push(`  excludes:    ${e.notActions.join(', ')}`);
      if (e.backupEnables.length) lines.push(`  backup:      ${backupEnablesLine(e)}`);
      lines.push(`  catalog:     ${e.catalogNote}`);
      return lines.join('\n');
    }
    case 'unknown': {
      const lines = [e.text, `  ${UNKNOWN_TEXT[e.lookedUpAs]}`];
      if (e.suggestions.length) lines.push(`  did you mean: ${e.suggestions.join(', ')}?`);
      lines.push(`  catalog: ${e.catalogNote}`);
      return lines.join('\n');
    }
  }
}
