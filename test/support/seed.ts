// Reads Microsoft's tables of minimum roles per backup operation (test/fixtures/seeds) into rows,
// so the tests can hold the backup catalog to every one of them.
import type { Workload } from '../../server/src/catalog/backup/backup-operations';
import { catalog, fixture } from './harness';

export interface SeedRequirement {
  readonly role: string;
  readonly scope: string;
  readonly alternative: string;
}

export interface SeedRow {
  readonly workload: Workload;
  readonly title: string;
  readonly requirements: SeedRequirement[];
}

const TABLES: [RegExp, Workload][] = [
  [/Azure VM backup$/, 'vm'],
  [/SQL and HANA DB backups/, 'sql-hana'],
  [/File share backup$/i, 'file-share'],
  [/disk backup$/i, 'disk'],
  [/blob backup$/i, 'blob'],
  [/PostGreSQL server backup$/i, 'postgresql'],
];

export function seedRows(): SeedRow[] {
  const lines = fixture('seeds', 'backup-minimum-roles.txt').split(/\r?\n/);
  const rows: SeedRow[] = [];
  let workload: Workload | undefined;
  let inTable = false;
  for (const line of lines) {
    const heading = /^Minimum role requirements for (.*)$/.exec(line.trim());
    if (heading) {
      workload = TABLES.find(([re]) => re.test(heading[1]))?.[1];
      inTable = false;
      continue;
    }
    if (!line.includes('|')) {
      inTable = false;
      continue;
    }
    if (/^Management Operation \|/.test(line)) {
      inTable = true;
      continue;
    }
    if (!inTable || !workload || /^-+\|/.test(line)) continue;
    const cells = line.split('|').map((c) => c.trim());
    while (cells.length && cells[cells.length - 1] === '') cells.pop();
    const isRole = (s: string) => catalog.roleByName(s) !== undefined;
    if (isRole(cells[0])) {
      rows[rows.length - 1].requirements.push({ role: cells[0], scope: cells[1] ?? '', alternative: cells[2] ?? '' });
    } else {
      rows.push({ workload, title: cells[0], requirements: [{ role: cells[1], scope: cells[2] ?? '', alternative: cells[3] ?? '' }] });
    }
  }
  return rows;
}

/** The permission strings an "Alternative" cell lists. */
export function alternativePermissions(text: string): string[] {
  return [...text.matchAll(/Microsoft\.[A-Za-z]+\/[A-Za-z/]+/g)].map((m) => m[0]);
}
