// Multi-user authorization holds only while the vault's administrators cannot approve their own
// critical operations: a principal that administers a vault and also holds Contributor, Backup MUA
// Admin or Backup MUA Operator on the Resource Guard defeats it. Which roles and permissions count
// is data (catalog/backup/mua.ts); analysis/mua.ts finds the assignments that count, in this file
// and (by literal principal id) in the others the workspace index keeps.
import { type MuaEntry, type MuaHolder, isLiteralPrincipal, muaHolders } from '../analysis/mua';
import { lead, type Rule } from './rule';

export const id = 'mua-defeated';

export interface Data {
  readonly guardRole: string;
  readonly adminRole: string;
}

/** The last segment of a file's URI, to name it in a message. */
function fileName(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

function who(holder: MuaHolder): string {
  return lead(String(holder.assignment.principalId!.node.value), 50);
}

export const rule: Rule<Data> = {
  id,
  summary: 'A principal administers a Backup vault and holds Contributor, Backup MUA Admin or Backup MUA Operator on its Resource Guard, which defeats multi-user authorization.',
  defaultSeverity: 'warning',
  appliesToBuiltInRoles: true,
  checkDocument({ document, catalog, workspace, roleOf, report }) {
    // (the run's resolutions: the assignment rules ask for the same)
    const found = muaHolders(document, catalog, workspace, false, roleOf);
    if (found.length === 0) return;
    let elsewhere: MuaEntry[] | undefined;
    const others = () => (elsewhere ??= [...workspace.muaEntries?.() ?? []]);
    for (const holder of found) {
      const at = holder.assignment.roleDefinitionId?.node ?? holder.assignment.node;
      if (holder.onGuard) {
        const admin = found.find((h) => h.administers && h.principal === holder.principal && h !== holder) ?? (holder.administers ? holder : undefined);
        if (admin === holder) {
          report({
            at, data: { guardRole: holder.role, adminRole: holder.role },
            message: `${holder.role} defeats multi-user authorization: its scope holds both a Backup vault and the Resource Guard, so ${who(holder)} approves its own critical operations; `
              + 'keep the Resource Guard in a resource group or subscription the vault administrators have no role on.',
          });
          continue;
        }
        if (admin) {
          report({
            at, data: { guardRole: holder.role, adminRole: admin.role },
            message: `${holder.role} on the Resource Guard defeats multi-user authorization: ${who(holder)} also administers the vault (${admin.role}); `
              + "give the guard's roles to a principal that does not administer the vault.",
          });
          continue;
        }
      }
      // the other half in another file: only a literal principal id is the same principal there
      if (!isLiteralPrincipal(holder.principal) || found.some((h) => h !== holder && h.principal === holder.principal && (holder.onGuard ? h.administers : h.onGuard))) continue;
      const partner = others().find((e) => e.principal === holder.principal && (holder.onGuard ? e.administers : e.onGuard));
      if (!partner) continue;
      report({
        at,
        data: holder.onGuard ? { guardRole: holder.role, adminRole: partner.role } : { guardRole: partner.role, adminRole: holder.role },
        message: holder.onGuard
          ? `${holder.role} on the Resource Guard defeats multi-user authorization: ${who(holder)} also administers a vault (${partner.role}, in ${fileName(partner.uri)}); `
            + "give the guard's roles to a principal that does not administer the vault."
          : `${holder.role} for ${who(holder)} defeats multi-user authorization: the principal also holds ${partner.role} on the Resource Guard (in ${fileName(partner.uri)}); `
            + "give the guard's roles to a principal that does not administer the vault.",
      });
    }
  },
  isData(data: unknown): data is Data {
    return typeof data === 'object' && data !== null && typeof (data as Data).guardRole === 'string' && typeof (data as Data).adminRole === 'string';
  },
};
