// What a role's own words say it is for: its name and description ("VM restore – target resource
// group", "Backup operator", "Cross region restore"). Words are weaker evidence than permissions:
// they only point among the operations the role's permissions reach for (assess.ts elects one per
// kind of operation they name), and what is found that way is said at information severity.
import type { BackupOperation, Workload } from '../../catalog/backup/backup-operations';

/** What a management operation does, as words name it. */
export type OperationKind =
  | 'create-vault' | 'enable' | 'backup-now' | 'restore' | 'cross-region-restore' | 'policy' | 'stop' | 'register' | 'unregister' | 'validate'
  /** the operations Microsoft gives Backup Operator for: a role named after it stands in for it */
  | 'operator';

export interface IntentWords {
  /** where the words were read */
  readonly source: 'name' | 'description' | 'name and description';
  readonly kinds: readonly OperationKind[];
  /** the workloads named; none: any */
  readonly workloads: readonly Workload[];
}

const CRR = /cross[\s_-]*regions?[\s_-]*(restore)?|\bcrr\b/i;

/** Phrases, tried on the text with the cross-region-restore phrase taken out (its "restore" is no restore of its own). */
const KIND_WORDS: readonly (readonly [RegExp, OperationKind])[] = [
  [/restor/i, 'restore'],
  [/on[\s_-]*demand|backup[\s_-]*now|ad[\s_-]*hoc[\s_-]*backup/i, 'backup-now'],
  [/enabl|configur|onboard/i, 'enable'],
  [/validat/i, 'validate'],
  [/polic(y|ies)/i, 'policy'],
  [/\bstop/i, 'stop'],
  [/\b(un|de)-?regist/i, 'unregister'],
  [/(?<!un|de|de-|un-)\bregist/i, 'register'],
  [/\bcreat\w*\s+(\w+\s+){0,3}vaults?\b|\bvaults?\s+creat/i, 'create-vault'],
  [/backup[\s_-]*operator/i, 'operator'],
];

const WORKLOAD_WORDS: readonly (readonly [RegExp, Workload])[] = [
  [/\bvms?\b|virtual[\s_-]*machines?/i, 'vm'],
  [/\bsql\b|\bhana\b|\bdbs?\b|\bdatabases?\b(?!\s+for\s+postgre)/i, 'sql-hana'],
  [/file[\s_-]*shares?|azure[\s_-]*files|\bafs\b/i, 'file-share'],
  [/\bdisks?\b/i, 'disk'],
  [/\bblobs?\b/i, 'blob'],
  [/postgre|\bpg\b/i, 'postgresql'],
];

/** The kinds of operation a text names. */
function kindsIn(text: string): OperationKind[] {
  const kinds: OperationKind[] = [];
  if (CRR.test(text)) kinds.push('cross-region-restore');
  const rest = text.replace(new RegExp(CRR.source, 'gi'), ' ');
  for (const [re, kind] of KIND_WORDS) if (re.test(rest)) kinds.push(kind);
  return kinds;
}

/**
 * What a role's name and description name, read together (a name says "restore", its description
 * "of Azure VMs"); undefined when neither names a kind of operation.
 */
export function intentWords(name: string | undefined, description: string | undefined): IntentWords | undefined {
  const fromName = name ? kindsIn(name) : [];
  const fromDescription = description ? kindsIn(description) : [];
  const kinds = [...new Set([...fromName, ...fromDescription])];
  if (kinds.length === 0) return undefined;
  const text = `${name ?? ''}\n${description ?? ''}`;
  let workloads = WORKLOAD_WORDS.filter(([re]) => re.test(text)).map(([, w]) => w);
  // "restore managed disks of a VM" is a VM operation
  if (workloads.includes('vm')) workloads = workloads.filter((w) => w !== 'disk');
  const source = fromName.length && fromDescription.length ? 'name and description' : fromName.length ? 'name' : 'description';
  return { source, kinds, workloads };
}

/** The kinds an operation is of, from its id ("disk-validate-restore": validate and restore). */
export function kindsOf(operation: BackupOperation): OperationKind[] {
  const id = operation.id;
  const kinds: OperationKind[] = [];
  if (id.includes('cross-region-restore')) kinds.push('cross-region-restore');
  else if (id.includes('restore')) kinds.push('restore');
  if (id.includes('enable-backup')) kinds.push('enable');
  if (id.includes('backup-now')) kinds.push('backup-now');
  if (id.includes('validate')) kinds.push('validate');
  if (id.includes('policy')) kinds.push('policy');
  if (id.includes('stop')) kinds.push('stop');
  if (id.startsWith('unregister') || id.endsWith('-unregister')) kinds.push('unregister');
  else if (id.startsWith('register')) kinds.push('register');
  if (id.includes('create-vault')) kinds.push('create-vault');
  if (operation.requirements.some((r) => r.role === 'Backup Operator')) kinds.push('operator');
  return kinds;
}

/**
 * Whether words of one kind point to an operation: of that kind, and of a workload they name (none
 * named: any). "Disks" name the disk backup table and the VM operations that restore disks.
 */
export function pointsTo(words: IntentWords, kind: OperationKind, operation: BackupOperation): boolean {
  if (!kindsOf(operation).includes(kind)) return false;
  return words.workloads.length === 0 || words.workloads.includes(operation.workload) || (words.workloads.includes('disk') && /\bdisks?\b/i.test(operation.title));
}
