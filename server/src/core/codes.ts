// Every diagnostic code: the rules' ids, and those the checker itself reports.
import { RULE_IDS } from './rules';
import { type Diagnostic, SOURCE, Severity } from './types';

/** Syntax errors of a role file (reported by the CLI; in the editor, VS Code's JSON support does). */
export const INVALID_JSON = 'invalid-json';
/** A suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';
/** A file over the size limit, not checked. */
export const FILE_TOO_LARGE = 'file-too-large';

/** JSON nested too deeply to read, not checked. */
export const NESTED_TOO_DEEPLY = 'nested-too-deeply';

export const ALL_CODES: readonly string[] = [...RULE_IDS, INVALID_JSON, UNUSED_SUPPRESSION, FILE_TOO_LARGE, NESTED_TOO_DEEPLY];

/** The one diagnostic of a file too large to check. */
export function fileTooLarge(size: number, max: number): Diagnostic {
  const mb = (n: number) => (n < 1048576 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: Severity.Information,
    code: FILE_TOO_LARGE,
    source: SOURCE,
    message: `This file (${mb(size)}) is over the ${mb(max)} limit of azureBackupRbac.maxFileSize, so it is not checked.`,
  };
}
