// Paths of the file system as the settings' globs see them: relative to the workspace folder.
import { relative, sep } from 'node:path';

/** A path relative to the innermost folder holding it ('/ws/a' does not hold '/ws/ab/x.json'); the path itself outside them all. */
export function relativeToFolders(path: string, folders: readonly string[]): string {
  const holds = (f: string) => path.startsWith(f.endsWith(sep) ? f : f + sep);
  const folder = folders.filter(holds).sort((a, b) => b.length - a.length)[0];
  return folder ? relative(folder, path) : path;
}
