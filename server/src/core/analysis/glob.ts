// Glob patterns of settings (`**/roles/crr-*.json`): `**` any folders, `*` any name part, `?` one
// character, `{a,b}` alternatives; matched against '/'-separated relative paths. Pure: the faces
// work out the relative path (server/src/node/paths.ts), this only matches it.

export function globToRegExp(glob: string): RegExp {
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
  return new RegExp(`^${out}$`);
}

/**
 * Matches relative paths against the settings' globs, each compiled once. Owned by whoever holds
 * the settings (a workspace session), never kept at module level.
 */
export class GlobMatcher {
  private readonly compiled = new Map<string, RegExp>();

  private regExp(glob: string): RegExp {
    let re = this.compiled.get(glob);
    if (!re) {
      re = globToRegExp(glob);
      this.compiled.set(glob, re);
    }
    return re;
  }

  /** Whether a relative path matches; a glob without '/' matches the file name anywhere. */
  matches(relativePath: string, glob: string): boolean {
    const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    const g = glob.replace(/^\.\//, '');
    if (!g.includes('/')) return this.regExp(g).test(path.slice(path.lastIndexOf('/') + 1));
    return this.regExp(g).test(path);
  }

  /** The operation ids a settings map declares for a file. */
  declaredFor(relativePath: string, map: Readonly<Record<string, readonly string[]>>): string[] {
    const ids: string[] = [];
    for (const [glob, list] of Object.entries(map)) if (this.matches(relativePath, glob)) ids.push(...list);
    return [...new Set(ids)];
  }

  /** Whether a file is checked under the include/exclude settings (an empty include takes every file). */
  inScope(relativePath: string, include: readonly string[], exclude: readonly string[]): boolean {
    if (exclude.some((g) => this.matches(relativePath, g))) return false;
    return include.length === 0 || include.some((g) => this.matches(relativePath, g));
  }
}
