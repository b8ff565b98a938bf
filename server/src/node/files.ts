// File system access shared by the CLI and the language server's workspace scan: finding role
// files (JSON, JSONC, Bicep) under folders and reading them as text (UTF-8, or UTF-16 with a BOM as Windows PowerShell
// writes), telling binary and oversized files apart. Never follows a file's content anywhere.
import { promises as fs, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE, type ReadResult, SKIPPED_FOLDERS, decodeText, isCandidateFile } from '../core';

export { type ReadResult, isBicepFile, isCandidateFile } from '../core';

const SKIP_DIRS = new Set(SKIPPED_FOLDERS);

/**
 * Role files (JSON, JSONC, Bicep) below a folder, sorted, skipping dependency and build folders.
 */
export async function findRoleFiles(root: string, options: { limit?: number; isCancelled?: () => boolean } = {}): Promise<string[]> {
  const found: string[] = [];
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const walk = async (dir: string): Promise<void> => {
    if (found.length >= limit || options.isCancelled?.()) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folders are passed over
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found.length >= limit) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile() && isCandidateFile(entry.name)) {
        found.push(path);
      }
    }
  };
  await walk(root);
  return found;
}

export async function readTextFile(path: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { kind: 'error', message: 'not a file' };
    if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
    return decodeText(await fs.readFile(path));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { kind: 'error', message: err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file' : err.message };
  }
}
