// Plain data shapes shared by the analysis core and its faces: the Language Server Protocol's own
// types (vscode-languageserver-types: plain data, no connection, no IO), so the LSP layer passes
// them through unchanged and the browser and CLI faces read the same shapes.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type Position, type Range } from 'vscode-languageserver-types';

export { DiagnosticTag };
export type { Position, Range };

/** The protocol's severities: 1 error … 4 hint. */
export const Severity = DiagnosticSeverity;
export type Severity = DiagnosticSeverity;

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

/** A diagnostic of ours: the protocol's, with a severity, the rule id as its code, and our source. */
export interface Diagnostic extends LspDiagnostic {
  severity: Severity;
  /** the rule id, stable forever */
  code: string;
  source: string;
  /** one sentence, plain text */
  message: string;
  /** rule-specific payload read by code actions (never the message) */
  data?: unknown;
}

/** A diagnostic as a client sends it back (with a code action request): the protocol's, anything in it. */
export type ClientDiagnostic = LspDiagnostic;

export const SOURCE = 'azure-backup-rbac';
