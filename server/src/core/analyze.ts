// Runs the rules over a parsed document and turns their reports into diagnostics.
import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { RoleDocument } from './role-document';
import { RULES } from './rules';
import { ALL_CODES, INVALID_JSON, UNUSED_SUPPRESSION } from './codes';
import { applySuppressions, findSuppressions } from './suppressions';
import type { Report, Rule } from './rules/rule';
import { resolveRole } from './resolve';
import { assignmentScope } from './scope';
import { type WorkspaceRoles, withDocument } from './workspace';
import { type Diagnostic, DiagnosticTag, SEVERITY_BY_NAME, SOURCE, type SeverityName } from './types';

export type RuleSetting = SeverityName | 'off';

export interface AnalyzeOptions {
  /** per-rule severity, or 'off'; rules not named keep their default */
  readonly rules?: Readonly<Record<string, RuleSetting | undefined>>;
  /** report JSON syntax errors of role files (the CLI does; in the editor the JSON service does) */
  readonly reportSyntaxErrors?: boolean;
  /** where a rule's documentation lives, for codeDescription.href */
  readonly ruleDocs?: (ruleId: string) => string | undefined;
  /** backup operations the roles of this file are meant for (from the settings, by file glob) */
  readonly declaredOperations?: readonly string[];
  /** the custom roles of the rest of the workspace, for resolving assignments */
  readonly workspace?: WorkspaceRoles;
  /** the document's URI, to tell its own roles from the workspace's copy of them */
  readonly uri?: string;
}

export { INVALID_JSON } from './codes';

export function analyze(document: RoleDocument, catalog: Catalog, options: AnalyzeOptions = {}): Diagnostic[] {
  // a template without roles or assignments may still deploy what needs them (a Backup vault)
  if (document.kind === 'other') return [];
  const diagnostics: Diagnostic[] = [];
  const make = (ruleId: string, defaultSeverity: SeverityName, report: Report): Diagnostic | undefined => {
    const setting = options.rules?.[ruleId];
    if (setting === 'off') return undefined;
    const severity = SEVERITY_BY_NAME[setting ?? report.severity ?? defaultSeverity];
    const at = report.at as Node | { offset: number; length: number };
    const href = options.ruleDocs?.(ruleId);
    return {
      range: document.lines.range(at.offset, at.length),
      severity,
      code: ruleId,
      ...(href ? { codeDescription: { href } } : {}),
      source: SOURCE,
      message: report.message,
      ...(report.tags?.length ? { tags: report.tags } : {}),
      ...(report.data !== undefined ? { data: report.data } : {}),
    };
  };
  if (options.reportSyntaxErrors) {
    for (const p of document.syntaxProblems) {
      const d = make(INVALID_JSON, 'error', { at: p, message: `The role file is not valid JSON: ${p.message}.` });
      if (d) diagnostics.push(d);
    }
  }
  const reporter = (rule: Rule) => (report: Report) => {
    const d = make(rule.id, rule.defaultSeverity, report);
    if (d) diagnostics.push(d);
  };
  const active = RULES.filter((r) => options.rules?.[r.id] !== 'off');
  const workspace = withDocument(options.workspace, options.uri ?? 'untitled:document', document);
  for (const rule of active) rule.checkDocument?.({ document, catalog, workspace, report: reporter(rule) });
  for (const assignment of document.assignments) {
    const env = assignment.template?.env;
    const role = resolveRole(catalog, workspace, assignment.roleDefinitionId, assignment.roleDefinitionName, env);
    const scope = assignmentScope(assignment, document);
    for (const rule of active) rule.checkAssignment?.({ document, catalog, workspace, assignment, role, scope, report: reporter(rule) });
  }
  for (const role of document.roles) {
    for (const rule of active) {
      if (role.builtIn && !rule.appliesToBuiltInRoles) continue;
      if (!rule.check) continue;
      rule.check({ document, role, catalog, declaredOperations: options.declaredOperations ?? [], report: reporter(rule) });
    }
  }
  const suppressions = findSuppressions(document.text, document.lines);
  const kept = applySuppressions(diagnostics, suppressions, ALL_CODES, (offset, length, message) =>
    make(UNUSED_SUPPRESSION, 'hint', { at: { offset, length }, message, tags: [DiagnosticTag.Unnecessary] }));
  return kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
