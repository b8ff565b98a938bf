// The backup operation catalog as the checks use it: the rows of backup-operations.ts, indexed by
// id and by permission, with each requirement's signature (what only an operator, not a reader,
// would hold) worked out against the built-in roles.
import type { Catalog } from '../catalog';
import { Memo, memoKey } from '../memo';
import { type CompiledBlock, roleGrants } from '../permissions';
import { pattern } from '../wildcard';
import { BACKUP_OPERATIONS, type BackupOperation, type Permission, type Requirement } from './backup-operations';

export interface RequirementInfo {
  readonly operation: BackupOperation;
  readonly requirement: Requirement;
  readonly index: number;
  /** permissions of the Recovery Services or Data Protection providers: the vault side of the operation */
  readonly backupSpecific: boolean;
  /**
   * Non-optional permissions that are not reads and that Backup Reader does not grant: holding one
   * says "operator", where reading (even Backup Reader's query actions such as the CRR job reads)
   * says nothing.
   */
  readonly signature: readonly Permission[];
  /** the non-optional permissions that are reads, and those that are not (what a role's reach for the scope is judged by, core/analysis/assess.ts) */
  readonly reads: readonly Permission[];
  readonly nonReads: readonly Permission[];
}

const BACKUP_PROVIDER = /^microsoft\.(recoveryservices|dataprotection)\//i;

export function isBackupPermission(name: string): boolean {
  return BACKUP_PROVIDER.test(name);
}

/**
 * Whether a role's names include a backup permission written out (not a wildcard): without one a
 * role is not taken for a backup role, whatever else it names.
 */
export function namesBackupPermission(names: Iterable<string>): boolean {
  for (const name of names) if (!name.includes('*') && BACKUP_PROVIDER.test(name)) return true;
  return false;
}

export class BackupCatalog {
  readonly operations: readonly BackupOperation[] = BACKUP_OPERATIONS;
  /** facts derived from this catalog (the assessments of built-in and other files' roles: core/backup/assess.ts) */
  readonly memo = new Memo();
  private readonly byId = new Map<string, BackupOperation>();
  private readonly infos = new Map<BackupOperation, RequirementInfo[]>();
  private readonly byPermission = new Map<string, RequirementInfo[]>();
  private readonly lowerNames = new Map<Permission, string>();
  /** a permission's lower-cased provider namespace, the key of an assessment's index of allow patterns */
  private readonly providerNames = new Map<Permission, string>();
  /** lower-cased signature permission of a vault-side requirement → the operations it is evidence for */
  private readonly bySignature = new Map<string, BackupOperation[]>();

  constructor(readonly catalog: Catalog) {
    const reader = catalog.roleByName('Backup Reader');
    const readerBlocks: readonly CompiledBlock[] = reader ? catalog.compiled(reader) : [];

    for (const operation of this.operations) {
      this.byId.set(operation.id, operation);
      const infos = operation.requirements.map((requirement, index) => {
        const info: RequirementInfo = {
          operation, requirement, index,
          backupSpecific: requirement.permissions.some((p) => isBackupPermission(p.name)),
          signature: requirement.permissions.filter((p) => !p.optional && !/\/read$/i.test(p.name) && !blocksGrant(readerBlocks, p)),
          reads: requirement.permissions.filter((p) => !p.optional && /\/read$/i.test(p.name)),
          nonReads: requirement.permissions.filter((p) => !p.optional && !/\/read$/i.test(p.name)),
        };
        if (info.backupSpecific) {
          for (const p of info.signature) {
            const key = p.name.toLowerCase();
            const list = this.bySignature.get(key) ?? [];
            if (!list.includes(operation)) list.push(operation);
            this.bySignature.set(key, list);
          }
        }
        for (const p of requirement.permissions) {
          const key = p.name.toLowerCase();
          this.lowerNames.set(p, key);
          this.providerNames.set(p, key.slice(0, key.indexOf('/')));
          this.providers.add(key.slice(0, key.indexOf('/')));
          this.byPermission.set(key, [...(this.byPermission.get(key) ?? []), info]);
        }
        return info;
      });
      this.infos.set(operation, infos);
    }
  }

  private readonly providers = new Set<string>();

  /** Whether a permission string (wildcards included) can match a permission of the catalog. */
  mayConcern(text: string): boolean {
    return this.mayConcernLower(text.toLowerCase());
  }

  /** The same for a string already lower-cased. */
  mayConcernLower(lower: string): boolean {
    if (lower.startsWith('*')) return true;
    const slash = lower.indexOf('/');
    const ns = slash < 0 ? lower : lower.slice(0, slash);
    if (ns.includes('*')) {
      const p = pattern(ns);
      for (const provider of this.providers) if (p.matchesLower(provider)) return true;
      return false;
    }
    return this.providers.has(ns);
  }

  /** A permission's lower-cased name (worked out once). */
  lower(permission: Permission): string {
    return this.lowerNames.get(permission) ?? permission.name.toLowerCase();
  }

  /** A permission's lower-cased provider namespace (worked out once). */
  providerOf(permission: Permission): string {
    const known = this.providerNames.get(permission);
    if (known !== undefined) return known;
    const lower = this.lower(permission);
    return lower.slice(0, lower.indexOf('/'));
  }

  operation(id: string): BackupOperation | undefined {
    return this.byId.get(id);
  }

  requirements(operation: BackupOperation): readonly RequirementInfo[] {
    return this.infos.get(operation) ?? [];
  }

  /** The operations a (lower-cased) permission named by a role is evidence for: a signature permission of their vault side. */
  evidenceFor(lower: string): readonly BackupOperation[] {
    return this.bySignature.get(lower) ?? [];
  }

  /** The requirements whose set names the permission, in table order. */
  needing(name: string): readonly RequirementInfo[] {
    return this.byPermission.get(name.toLowerCase()) ?? [];
  }

  /** Every operation id (an unknown one in a message is compared with them). */
  ids(): string[] {
    return this.operations.map((o) => o.id);
  }
}

/** Whether compiled blocks grant a permission (in its plane). */
export function blocksGrant(blocks: readonly CompiledBlock[], permission: Permission): boolean {
  return roleGrants(blocks, permission.name, permission.data ? 'data' : 'action');
}

const BACKUP_CATALOG = memoKey<BackupCatalog>('backup catalog');

/** The backup catalog over a catalog, built once and kept by it. */
export function backupCatalogFor(catalog: Catalog): BackupCatalog {
  return catalog.memo.get(BACKUP_CATALOG, () => new BackupCatalog(catalog));
}

/** Short workload names for labels: "Cross region restore (Azure VM, SQL/HANA)". */
export const WORKLOAD_SHORT: Record<BackupOperation['workload'], string> = {
  vm: 'Azure VM', 'sql-hana': 'SQL/HANA', 'file-share': 'Azure Files', disk: 'disks', blob: 'blobs', postgresql: 'PostgreSQL',
};
