// Every diagnostic code: the rules' ids, and those the checker itself reports.
import { megabytes } from '../messages';
import { RULE_IDS } from '../rules';
import { type Diagnostic, SEVERITY_BY_NAME, SOURCE, type SeverityName } from '../types';

/** Syntax errors of a role file (reported by the CLI; in the editor, VS Code's JSON support does). */
export const INVALID_JSON = 'invalid-json';
/** A suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';
/** A file over the size limit, not checked. */
export const FILE_TOO_LARGE = 'file-too-large';

/** JSON nested too deeply to read, not checked. */
export const NESTED_TOO_DEEPLY = 'nested-too-deeply';

/**
 * A Bicep statement the grammar cannot read (newer syntax, or text being typed): left out, so not
 * checked. Reported in the editor too (the Bicep extension reports Bicep's errors, not what this
 * checker passes over), but only in files that hold role definitions or assignments.
 */
export const BICEP_NOT_READ = 'bicep-statement-not-read';

export const ALL_CODES: readonly string[] = [...RULE_IDS, INVALID_JSON, UNUSED_SUPPRESSION, FILE_TOO_LARGE, NESTED_TOO_DEEPLY, BICEP_NOT_READ];

/** How the settings shape a whole-file note: its severity (or 'off'), and where its code is documented. */
export interface NoteOptions {
  readonly rules?: Readonly<Record<string, SeverityName | 'off' | undefined>>;
  readonly ruleDocs?: (code: string) => string | undefined;
}

/** The one diagnostic of a file that is not checked, at its start; undefined when its code is off. */
function fileNote(code: string, message: string, options: NoteOptions): Diagnostic | undefined {
  const setting = options.rules?.[code];
  if (setting === 'off') return undefined;
  const href = options.ruleDocs?.(code);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: SEVERITY_BY_NAME[setting ?? 'information'],
    code,
    ...(href ? { codeDescription: { href } } : {}),
    source: SOURCE,
    message,
  };
}

/** The note of a file too large to check. */
export function fileTooLarge(size: number, max: number, options: NoteOptions = {}): Diagnostic | undefined {
  return fileNote(FILE_TOO_LARGE, `Not checked: this file (${megabytes(size)}) is over the ${megabytes(max)} limit of azureBackupRbac.maxFileSize; raise the limit to check it.`, options);
}

/** The note of a file nested too deeply to read. */
export function nestedTooDeeply(options: NoteOptions = {}): Diagnostic | undefined {
  return fileNote(NESTED_TOO_DEEPLY, 'Not checked: this file nests arrays or objects thousands of levels deep, too deep to read.', options);
}
