// File system access shared by the CLI and the language server's workspace scan: finding role
// files (JSON, JSONC, Bicep) under folders and reading them as text (UTF-8, or UTF-16 with a BOM as Windows PowerShell
// writes), telling binary and oversized files apart. Never follows a file's content anywhere.
import { promises as fs, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_MAX_FILE_SIZE } from '../core';


/** Folders never worth walking into. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist', '.vscode-test', 'bower_components', '.terraform']);

export const ROLE_FILE_EXTENSIONS = ['.json', '.jsonc', '.bicep'];

export function isCandidateFile(path: string): boolean {
  const lower = path.toLowerCase();
  return ROLE_FILE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** A Bicep file, by its name (a path or a URI). */
export function isBicepFile(path: string): boolean {
  return path.toLowerCase().endsWith('.bicep');
}

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

export type ReadResult =
  | { kind: 'text'; text: string }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; message: string };

export async function readTextFile(path: string, maxSize = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return { kind: 'error', message: 'not a file' };
    if (stat.size > maxSize) return { kind: 'too-large', size: stat.size };
    return decode(await fs.readFile(path));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { kind: 'error', message: err.code === 'EACCES' ? 'permission denied' : err.code === 'ENOENT' ? 'no such file' : err.message };
  }
}

export function decode(bytes: Buffer): ReadResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { kind: 'text', text: bytes.subarray(2).toString('utf16le') };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    swapped.swap16();
    return { kind: 'text', text: swapped.toString('utf16le') };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary' };
  return { kind: 'text', text: bytes.toString('utf8') };
}
