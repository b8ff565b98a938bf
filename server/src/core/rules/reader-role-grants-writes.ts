import { backupCatalogFor } from '../../catalog/backup/backup-catalog';
import type { Catalog } from '../../catalog/catalog';
import { type Pattern, pattern } from '../../catalog/wildcard';
import { isExpression } from '../model/arm-expression';
import { prop, stringValue } from '../model/json';
import { compileModelBlock } from '../analysis/grants';
import type { RoleDefinition } from '../model/role-document';
import { lowerOf } from '../model/string-item';
import { type Rule, again, andList, count, facts, lead, quote } from './rule';

export const id = 'reader-role-grants-writes';

/** A name that says the role only reads: "Reader", "Viewer", "read-only" as words. */
const READS_ONLY_NAME = /\b(reader|viewer|read[- ]?only)\b/i;
/** A description that says so: "read-only", or that the role cannot make changes. */
const READS_ONLY_DESCRIPTION = /\bread[- ]?only\b|\b(can't|cannot|can not|does not allow you to|doesn't allow you to) make (any )?changes\b/i;
/**
 * A name that claims more than reading: its description's "read-only" is then about a part
 * ("Load Test Contributor: … view and list … but can not make any changes"), not the role.
 */
const CLAIMS_MORE = /\b(contributor|owner|editor|admin|administrator|operator|developer|user|manager|writer)s?\b/i;

/**
 * Writes Azure's own reader roles carry that change nothing the role reads: support tickets;
 * deployments (a deployment grants nothing by itself: each resource in it needs its own
 * permission); alert handling (classic alert rules, resolving a backup alert and choosing who is
 * e-mailed about it).
 */
const NOT_A_CHANGE: readonly Pattern[] = [
  'Microsoft.Support/*',
  'Microsoft.Resources/deployments/*',
  'Microsoft.Resources/subscriptions/resourceGroups/deployments/*',
  'Microsoft.Insights/alertRules/*',
  'Microsoft.RecoveryServices/Vaults/monitoringAlerts/*',
  'Microsoft.RecoveryServices/Vaults/monitoringConfigurations/*',
].map(pattern);

/** The records of long-running operations (`operationResults`, `operationStatus`…), whatever their verbs. */
const OPERATION_RECORD = /\/operations?(results?|status(es)?)\//;

/** Why the role reads as read-only, for the message; undefined when nothing says so. */
function readsOnly(role: RoleDefinition): string | undefined {
  const name = role.name && !role.name.expression ? role.name.value : undefined;
  if (name && READS_ONLY_NAME.test(name)) return `its name ${quote(name)} says it only reads`;
  if (name && CLAIMS_MORE.test(name)) return undefined;
  const description = stringValue(prop(role.node, 'description'));
  if (description && !isExpression(description) && READS_ONLY_DESCRIPTION.test(description)) return 'its description says it only reads';
  return undefined;
}

/**
 * What an operation changes, as a message says it: "is a write", "is a delete", or the backup
 * operations it runs when the backup catalog knows it as an operator's permission (restore/action,
 * backup/action…); undefined when it changes nothing.
 */
function changeOf(lower: string, catalog: Catalog): string | undefined {
  if (OPERATION_RECORD.test(lower) || NOT_A_CHANGE.some((p) => p.matchesLower(lower))) return undefined;
  if (lower.endsWith('/write')) return 'is a write';
  if (lower.endsWith('/delete')) return 'is a delete';
  const runs = [...new Set(backupCatalogFor(catalog).evidenceFor(lower).map((o) => o.title))];
  if (runs.length === 0) return undefined;
  const shown = runs.length > 2 ? [...runs.slice(0, 2), count(runs.length - 2, 'other')] : runs;
  return `lets holders run backup operations (${andList(shown)})`;
}


export const rule: Rule = {
  id,
  summary: 'A role whose name or description says it only reads grants writes, deletes or a backup operator\'s actions.',
  defaultSeverity: 'warning',
  // a built-in role can say "Reader" and grant restores too (Backup Reader did until 2025)
  appliesToBuiltInRoles: true,
  check({ role, catalog, report }) {
    const says = readsOnly(role);
    if (!says) return;
    for (const block of role.blocks) {
      for (const list of [block.lists.actions, block.lists.dataActions]) {
        // what the block's deny list of this plane takes away (nothing can be told when it is computed at deployment)
        const compiled = compileModelBlock(block, { planes: [list.plane] });
        if (!compiled) continue;
        const denied = (lower: string) => compiled.deny[list.plane].some((d) => d.matchesLower(lower));
        for (const item of list.items) {
          if (item.expression) continue;
          const lower = lowerOf(item);
          if (facts(item, catalog).stars === 0) {
            const change = changeOf(lower, catalog);
            if (!change || denied(lower)) continue;
            report({
              at: item.node,
              message: `${lead(item.value)} ${change}, yet ${says}; remove ${again(item.value)}, or name the role for what it does.`,
              data: { grants: [item.value] },
            });
            continue;
          }
          const granted = catalog.match(item.value, list.plane).filter((op) => changeOf(op.lower, catalog) && !denied(op.lower)).map((op) => op.name);
          if (granted.length === 0) {
            // operations the catalog lacks (a stale provider) are still writes by their verb
            const verb = /\/(write|delete)$/.exec(lower)?.[1];
            if (verb && changeOf(lower.replace(/\*/g, 'x'), catalog) && !denied(lower)) {
              report({ at: item.node, message: `${lead(item.value)} grants ${verb}s, yet ${says}; remove ${again(item.value)}, or name the role for what it does.`, data: { grants: [item.value] } });
            }
            continue;
          }
          const shown = granted.length > 2 ? [...granted.slice(0, 2).map(quote), count(granted.length - 2, 'other')] : granted.map(quote);
          report({
            at: item.node,
            message: `${lead(item.value)} grants ${count(granted.length, 'write, delete or backup operator action', 'writes, deletes or backup operator actions')} (${andList(shown)}), yet ${says}; remove ${again(item.value)}, or name the role for what it does.`,
            data: { grants: granted },
          });
        }
      }
    }
  },
};
