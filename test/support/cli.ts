// The CLI as users run it: the built bundle in a child process, its output and exit code.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './harness';

export const CLI = join(REPO, 'server', 'out', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `azure-backup-rbac <args>` in `cwd`, without colours; `node` options and environment may be
 * added, and another installed copy of the CLI run (see `installCopy`).
 */
export function runCli(args: readonly string[], cwd = REPO, options: { nodeOptions?: readonly string[]; env?: Readonly<Record<string, string>>; cli?: string } = {}): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeOptions ?? []), options.cli ?? CLI, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The package's files as they are laid out once installed (the bundle, its catalog, the rule docs,
 * package.json) copied below `dir`, with package.json's fields or the catalog's text replaced where
 * given: a publisher's package, or a damaged installation. Returns the copy's CLI.
 */
export function installCopy(dir: string, changes: { packageJson?: Readonly<Record<string, unknown>>; catalogText?: string } = {}): string {
  for (const sub of ['server/out', 'server/data', 'docs']) mkdirSync(join(dir, sub), { recursive: true });
  copyFileSync(CLI, join(dir, 'server/out/cli.js'));
  copyFileSync(join(REPO, 'docs/rules.md'), join(dir, 'docs/rules.md'));
  const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...pkg, ...changes.packageJson }, null, 2));
  if (changes.catalogText === undefined) copyFileSync(join(REPO, 'server/data/catalog.json'), join(dir, 'server/data/catalog.json'));
  else writeFileSync(join(dir, 'server/data/catalog.json'), changes.catalogText);
  return join(dir, 'server/out/cli.js');
}

/**
 * How a reader counts a role's "Azure Backup: enables …" line: the operations and tasks it states,
 * the tasks it names and the workloads named with them, and the tasks it says are left ("and N
 * more"). Undefined when the line is missing.
 */
export function readBackupLine(text: string): { operations: number; tasks: number | undefined; named: number; workloads: number; more: number } | undefined {
  const m = /enables (\d+|one) operations?(?: \((\d+) tasks\))?: (.*?)(?:, and (\d+) more (?:tasks|operations))?\.?$/m.exec(text);
  if (!m) return undefined;
  // each task ends with its workloads in brackets: "Restore VM (Azure VM), Cross region restore (Azure VM, SQL/HANA)"
  const labels = m[3].split(/(?<=\)), /);
  return {
    operations: m[1] === 'one' ? 1 : Number(m[1]),
    tasks: m[2] === undefined ? undefined : Number(m[2]),
    named: labels.length,
    workloads: labels.reduce((sum, l) => sum + (/\(([^()]*)\)$/.exec(l)?.[1].split(', ').length ?? 0), 0),
    more: m[4] === undefined ? 0 : Number(m[4]),
  };
}
