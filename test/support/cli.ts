// The CLI as users run it: the built bundle in a child process, its output and exit code.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './harness';

export const CLI = join(REPO, 'server', 'out', 'cli.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `azure-backup-rbac <args>` in `cwd`, without colours; `node` options and environment may be added. */
export function runCli(args: readonly string[], cwd = REPO, options: { nodeOptions?: readonly string[]; env?: Readonly<Record<string, string>> } = {}): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeOptions ?? []), CLI, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env }, maxBuffer: 64 << 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
