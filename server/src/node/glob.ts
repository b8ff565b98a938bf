// Glob patterns of settings (`**/roles/crr-*.json`): `**` any folders, `*` any name part, `?` one
// character, `{a,b}` alternatives; matched against '/'-separated relative paths.

import { relative, sep } from 'node:path';

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          out += '(?:.*/)?';
        } else out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${glob.slice(i + 1, end).split(',').map((s) => s.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  re = new RegExp(`^${out}$`);
  cache.set(glob, re);
  return re;
}

/** Whether a relative path matches; a glob without '/' matches the file name anywhere. */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  const g = glob.replace(/^\.\//, '');
  if (!g.includes('/')) return globToRegExp(g).test(path.slice(path.lastIndexOf('/') + 1));
  return globToRegExp(g).test(path);
}

/** The operation ids a settings map declares for a file. */
export function declaredFor(relativePath: string, map: Readonly<Record<string, readonly string[]>>): string[] {
  const ids: string[] = [];
  for (const [glob, list] of Object.entries(map)) if (matchesGlob(relativePath, glob)) ids.push(...list);
  return [...new Set(ids)];
}

/** Whether a file is checked under the include/exclude settings (an empty include takes every file). */
export function inScope(relativePath: string, include: readonly string[], exclude: readonly string[]): boolean {
  if (exclude.some((g) => matchesGlob(relativePath, g))) return false;
  return include.length === 0 || include.some((g) => matchesGlob(relativePath, g));
}

/** A path relative to the innermost folder holding it ('/ws/a' does not hold '/ws/ab/x.json'); the path itself outside them all. */
export function relativeToFolders(path: string, folders: readonly string[]): string {
  const holds = (f: string) => path.startsWith(f.endsWith(sep) ? f : f + sep);
  const folder = folders.filter(holds).sort((a, b) => b.length - a.length)[0];
  return folder ? relative(folder, path) : path;
}
