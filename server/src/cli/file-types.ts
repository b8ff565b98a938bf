// Which files `check` reads, and what it says of the others: a file named on the command line
// that it does not read is never counted as checked (a folder's other files pass unseen).
import { extname } from 'node:path';
import { isCandidateFile } from '../node/files';

/** Why `check` does not read this file, or undefined for the .json, .jsonc and .bicep files it reads. */
export function notCheckedReason(path: string): string | undefined {
  if (isCandidateFile(path)) return undefined;
  const ext = extname(path).toLowerCase();
  if (ext === '.bicepparam') return 'Bicep parameter files hold no role definitions or assignments; check the .bicep file they feed';
  if (ext === '.tf') return 'Terraform files are not supported';
  return `${ext ? `'${ext}'` : 'a file without an extension'} is not a role file type; only .json, .jsonc and .bicep files are checked`;
}
