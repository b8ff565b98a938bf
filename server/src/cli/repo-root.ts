// Where the repository a check runs in begins: the folder holding `.git`, found by walking up from
// the working directory, without running git. Code scanning reads a report's paths from the
// checkout's root, whichever folder the check ran in.
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The nearest folder at or above `start` that holds a `.git` folder (a clone) or a `.git` file (a
 * worktree, a submodule): the root git itself would name. Undefined outside any repository.
 */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    let found = false;
    try {
      const stat = statSync(join(dir, '.git'));
      found = stat.isDirectory() || stat.isFile();
    } catch {
      // no .git here (or not readable): look above
    }
    if (found) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
