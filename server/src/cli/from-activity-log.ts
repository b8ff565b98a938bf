// `azure-backup-rbac generate --from-activity-log <file> [--caller <upn|objectId>] [--format cli|arm|bicep] [--name <role name>]`:
// reads the log and hands its text to the core; prints the role on stdout (ready for
// `az role definition create --role-definition @role.json`, or to deploy) and what the reader
// must know of it on stderr (operations the catalog lacks, reads added and why, calls left out,
// where to assign). Exit 0 with a role, 1 when the log holds no succeeded call, 2 for a log that
// cannot be read or names several callers and none was chosen (a usage error naming the line).
import { type Catalog, ROLE_FORMATS, type RoleFormat, activityLogNotes, roleFromActivityLog, writeRole } from '../core';
import { readTextFile } from '../node/files';

export interface FromActivityLogArgs {
  readonly file: string;
  readonly caller?: string;
  readonly name?: string;
  /** cli (the default), arm or bicep */
  readonly format: string;
}

/** A log larger than this is not read (a year of a busy subscription's activity is far less). */
const MAX_LOG_SIZE = 256 * 1024 * 1024;

export async function generateFromActivityLog(args: FromActivityLogArgs, catalog: Catalog, out: (s: string) => void, err: (s: string) => void,
  usage: (message: string) => Error): Promise<number> {
  if (!ROLE_FORMATS.includes(args.format as RoleFormat)) throw usage(`--format must be ${ROLE_FORMATS.join(', ')}, not '${args.format}'`);
  const read = await readTextFile(args.file, MAX_LOG_SIZE);
  if (read.kind !== 'text') throw usage(`cannot read the activity log ${args.file}: ${read.kind === 'error' ? read.message : read.kind === 'binary' ? 'a binary file' : 'too large'}`);
  const result = roleFromActivityLog(catalog, read.text, { ...(args.caller !== undefined ? { caller: args.caller } : {}), ...(args.name !== undefined ? { name: args.name } : {}) });
  switch (result.kind) {
    case 'invalid': throw usage(`${args.file}${result.line !== undefined ? `:${result.line}` : ''}: ${result.message}`);
    case 'choose-caller': throw usage(`${args.file}: ${result.message}`);
    case 'empty':
      err(`azure-backup-rbac: ${args.file}: ${result.message}; no role written.\n`);
      return 1;
    case 'role':
      out(writeRole(result.role, args.format as RoleFormat));
      for (const note of activityLogNotes(result, catalog)) err(`note: ${note}\n`);
      return 0;
  }
}
