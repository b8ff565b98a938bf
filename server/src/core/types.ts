// Plain data shapes shared by the analysis core and its faces. They are structurally identical to
// the Language Server Protocol's, so the LSP layer passes them through unchanged, but this file
// (like all of core/) imports nothing from vscode or the LSP packages.

export interface Position {
  /** zero-based line */
  line: number;
  /** zero-based UTF-16 offset in the line */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export const enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

export const enum DiagnosticTag {
  Unnecessary = 1,
  Deprecated = 2,
}

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITY_BY_NAME: Record<SeverityName, Severity> = {
  error: Severity.Error,
  warning: Severity.Warning,
  information: Severity.Information,
  hint: Severity.Hint,
};

export const SEVERITY_NAME: Record<Severity, SeverityName> = {
  [Severity.Error]: 'error',
  [Severity.Warning]: 'warning',
  [Severity.Information]: 'information',
  [Severity.Hint]: 'hint',
};

export interface Diagnostic {
  range: Range;
  severity: Severity;
  /** the rule id, stable forever */
  code: string;
  codeDescription?: { href: string };
  source: string;
  message: string;
  tags?: DiagnosticTag[];
  /** rule-specific payload read by code actions (never the message) */
  data?: unknown;
}

export const SOURCE = 'azure-backup-rbac';
