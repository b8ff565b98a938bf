// `check --fail-level`: the least severe finding that fails the run (exit 1). The levels are SARIF's,
// as code scanning shows them: error, warning, note (information and hints), and none (never).
import type { Summary } from './report';

export const FAIL_LEVELS = ['error', 'warning', 'note', 'none'] as const;
export type FailLevel = (typeof FAIL_LEVELS)[number];
/** Today's behaviour, and the default: errors fail the run, warnings and notes do not. */
export const DEFAULT_FAIL_LEVEL: FailLevel = 'error';

export function isFailLevel(value: string): value is FailLevel {
  return (FAIL_LEVELS as readonly string[]).includes(value);
}

/**
 * The exit code of a check at a fail level: 1 when a finding at or above the level was found, or
 * when the run did not check what it was asked to (a file it could not read, a named file it did
 * not check, nothing checked): a check that did not happen never passes. At `none` it is always 0:
 * the report is all the run gives.
 */
export function exitCodeAt(summary: Summary, level: FailLevel): 0 | 1 {
  if (level === 'none') return 0;
  if (summary.unreadable > 0 || summary.incomplete) return 1;
  const failing = summary.errors + (level === 'error' ? 0 : summary.warnings) + (level === 'note' ? summary.others : 0);
  return failing > 0 ? 1 : 0;
}
