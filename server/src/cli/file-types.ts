// Which files `check` reads, and what it says of the others: a file it does not read is never
// counted as checked, whether it was named or found in a folder.
import { extname } from 'node:path';
import { isCandidateFile } from '../node/files';

/** Role files of other syntaxes that a folder search names as not checked (others pass unseen). */
export const NOTED_IN_FOLDERS: readonly string[] = ['.bicep'];

/** Why `check` does not read this file, or undefined for the .json and .jsonc files it reads. */
export function notCheckedReason(path: string): string | undefined {
  if (isCandidateFile(path)) return undefined;
  const ext = extname(path).toLowerCase();
  if (ext === '.bicep' || ext === '.bicepparam') return 'Bicep files are not supported yet';
  if (ext === '.tf') return 'Terraform files are not supported';
  return `${ext ? `'${ext}'` : 'a file without an extension'} is not a role file type; only .json and .jsonc files are checked`;
}
