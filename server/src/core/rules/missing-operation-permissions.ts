import { WORKLOAD_SHORT, backupCatalogFor, namesBackupPermission } from '../../catalog/backup/backup-catalog';
import type { Permission } from '../../catalog/backup/backup-operations';
import { editDistance } from '../../catalog/edit-distance';
import { type OperationAssessment, type PartAssessment, assessRole, sameAs } from '../backup/assess';
import { declaredIds } from '../backup/directives';
import type { ListKey, PermissionBlockModel, RoleDefinition, StringItem } from '../role-document';
import { type Rule, count, permissionEntries, quote } from './rule';

export const id = 'missing-operation-permissions';

/** Payload of the diagnostic on the list: what the quick fix adds. */
export interface MissingData {
  readonly kind: 'missing';
  readonly operation: string;
  readonly title: string;
  readonly part: number;
  /** the vault side of the operation (a warning), not a part another role may hold (information) */
  readonly primary: boolean;
  /** missing permissions that adding to the allow list grants */
  readonly addable: readonly { readonly name: string; readonly data?: true }[];
  /** missing permissions a notAction takes away */
  readonly blocked: readonly string[];
}

/** Payload of the diagnostic on a notAction that removes a needed permission. */
export interface BlockerData {
  readonly kind: 'blocker';
  readonly operation: string;
  readonly blocker: string;
  readonly removes: readonly string[];
}

/** "Cross region restore (Azure VM, SQL/HANA)" */
export function operationLabel(target: OperationAssessment, all: readonly OperationAssessment[]): string {
  const workloads = [target, ...sameAs(target, all)].map((o) => WORKLOAD_SHORT[o.operation.workload]);
  return `${target.operation.title} (${[...new Set(workloads)].join(', ')})`;
}

/** The block and allow list where a role's missing permissions go: the first block with that list, else the first. */
export function targetList(role: RoleDefinition, data: boolean): { block: PermissionBlockModel; key: ListKey } | undefined {
  const key: ListKey = data ? 'dataActions' : 'actions';
  const block = role.blocks.find((b) => b.lists[key].array) ?? role.blocks[0];
  return block ? { block, key } : undefined;
}

function describeMissing(part: PartAssessment): string {
  return part.missing.map((m) => {
    const b = part.blocked.find((x) => x.permission === m);
    return b ? `${quote(m.name)} (removed by notActions ${b.by.map((i) => quote(i.value)).join(', ')})` : quote(m.name);
  }).join(', ');
}

export const rule: Rule = {
  id,
  summary: 'A role evidently meant for an Azure Backup operation lacks some of the permissions Microsoft lists for it.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: false,
  check({ document, role, catalog, declaredOperations, report }) {
    const backup = backupCatalogFor(catalog);
    const { ids, unknown } = declaredIds(role, document.roles, document.text, declaredOperations, backup);
    for (const x of unknown) {
      const near = backup.ids().map((k) => ({ k, d: editDistance(x.id, k, 6) })).filter((c) => c.d <= 6).sort((a, b) => a.d - b.d)[0];
      report({
        at: { offset: x.offset, length: x.length },
        message: `${quote(x.id)} is not a backup operation id${near ? `; did you mean ${quote(near.k)}?` : '; see docs/backup-operations.md for the ids.'}`,
        data: { kind: 'unknown-id', suggestion: near?.k },
      });
    }
    // without a declaration, only a role naming a backup permission itself can be meant for an operation
    // (the assessment decides the same; this spares it for the many roles that are not about backup)
    if (ids.size === 0 && !namesBackupPermission(permissionEntries(role, ['actions', 'dataActions']).map((e) => e.item.value))) return;
    const assessment = assessRole(role, backup, ids);
    if (!assessment) return;
    const reported = new Set<OperationAssessment>();
    for (const op of assessment.aimed) {
      if (reported.has(op)) continue;
      for (const twin of sameAs(op, assessment.aimed)) reported.add(twin);
      reported.add(op);
      // a declared operation is that one; evidence may speak for its twins in other tables too
      const label = operationLabel(op, op.declared ? assessment.aimed : assessment.withTitle(op.operation.title));
      const verb = op.declared ? 'is declared' : 'looks meant';
      for (const part of op.parts) {
        if (part.complete) continue;
        const primary = part.info.backupSpecific;
        if (!primary && !part.touched && !op.declared) continue; // another role may hold it there
        const requirement = part.info.requirement;
        const data = part.missing.some((m) => m.data);
        const target = targetList(role, data);
        const at = target?.block.lists[target.key].property?.children?.[0] ?? role.name?.node ?? role.node;
        const blockedNames = new Set(part.blocked.map((b) => b.permission.name));
        const payload: MissingData = {
          kind: 'missing', operation: op.operation.id, title: op.operation.title, part: part.info.index, primary,
          addable: part.missing.filter((m: Permission) => !blockedNames.has(m.name)).map((m) => (m.data ? { name: m.name, data: true } : { name: m.name })),
          blocked: [...blockedNames],
        };
        const them = part.missing.length === 1 ? 'it' : 'them';
        report(primary
          ? {
            at,
            message: `This role ${verb} for ${label} but lacks ${part.missing.length === part.total ? `all ${count(part.total, 'permission')}` : `${part.missing.length} of the ${count(part.total, 'permission')}`} it needs at ${requirement.where}: ${describeMissing(part)}.`,
            data: payload,
          }
          : {
            at,
            severity: 'information',
            message: `For ${label}, this role also lacks at ${requirement.where}: ${describeMissing(part)}; unless another role grants ${them} there.`,
            data: payload,
          });
        const byBlocker = new Map<StringItem, { removes: string[]; list: string }>();
        for (const b of part.blocked) {
          for (const item of b.by) {
            const entry = byBlocker.get(item) ?? { removes: [], list: b.permission.data ? 'notDataActions' : 'notActions' };
            entry.removes.push(b.permission.name);
            byBlocker.set(item, entry);
          }
        }
        for (const [item, { removes, list }] of byBlocker) {
          const itself = removes.length === 1 && removes[0].toLowerCase() === item.value.toLowerCase();
          report({
            at: item.node,
            ...(primary ? {} : { severity: 'information' as const }),
            message: itself
              ? `${quote(item.value)} in ${list} takes away a permission ${op.operation.title} needs at ${requirement.where}; remove it.`
              : `${quote(item.value)} in ${list} takes away ${removes.map(quote).join(', ')}, which ${op.operation.title} needs at ${requirement.where}; narrow or remove it.`,
            data: { kind: 'blocker', operation: op.operation.id, blocker: item.value, removes } satisfies BlockerData,
          });
        }
      }
    }
  },
};
