// Every diagnostic code: the rules' ids, and the two the checker itself reports.
import { RULE_IDS } from './rules';

/** Syntax errors of a role file (reported by the CLI; in the editor, VS Code's JSON support does). */
export const INVALID_JSON = 'invalid-json';
/** A suppression comment that silences nothing. */
export const UNUSED_SUPPRESSION = 'unused-suppression';

export const ALL_CODES: readonly string[] = [...RULE_IDS, INVALID_JSON, UNUSED_SUPPRESSION];
