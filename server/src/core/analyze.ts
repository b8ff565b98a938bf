// Runs the rules over a parsed document and turns their reports into diagnostics.
import type { Node } from 'jsonc-parser';
import type { Catalog } from '../catalog/catalog';
import type { RoleDocument } from './role-document';
import { RULES } from './rules';
import type { Report } from './rules/rule';
import { type Diagnostic, SEVERITY_BY_NAME, SOURCE, type SeverityName } from './types';

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
}

/** The pseudo-rule under which syntax errors of a role file are reported. */
export const INVALID_JSON = 'invalid-json';

export function analyze(document: RoleDocument, catalog: Catalog, options: AnalyzeOptions = {}): Diagnostic[] {
  if (document.kind !== 'role-file') return [];
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
  for (const role of document.roles) {
    for (const rule of RULES) {
      if (role.builtIn && !rule.appliesToBuiltInRoles) continue;
      if (options.rules?.[rule.id] === 'off') continue;
      rule.check({
        document, role, catalog,
        declaredOperations: options.declaredOperations ?? [],
        report: (report) => {
          const d = make(rule.id, rule.defaultSeverity, report);
          if (d) diagnostics.push(d);
        },
      });
    }
  }
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
