// Runs the rules over a parsed document and turns their reports into diagnostics. Diagnostics are
// kept per owner (a role, an assignment, the document as a whole) so that an edit inside one role
// re-checks that role only (see incremental.ts).
import type { Node } from 'jsonc-parser';
import type { Catalog } from '../../catalog/catalog';
import type { RoleAssignment } from '../model/assignment';
import { ALL_CODES, BICEP_NOT_READ, INVALID_JSON, UNUSED_SUPPRESSION, nestedTooDeeply } from './codes';
import { type ResolvedRole, resolveRole } from './resolve';
import type { RoleDefinition, RoleDocument } from '../model/role-document';
import { RULES } from '../rules';
import type { AssignmentContext, Report, RuleContext } from '../rules/rule';
import { assignmentScope } from './scope';
import { applySuppressions, findSuppressions } from './suppressions';
import { type Diagnostic, DiagnosticTag, SEVERITY_BY_NAME, SOURCE, type SeverityName } from '../types';
import { type CustomRoleEntry, type WorkspaceRoles, customRolesOf, literalBlocksOf, sameBlocks, withDocument } from '../model/workspace';

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


/** What a diagnostic belongs to. */
export type Owner = RoleDefinition | RoleAssignment | 'document';

/** A document's analysis, kept so that an edit can be re-checked in part. */
export interface Analysis {
  readonly document: RoleDocument;
  readonly catalog: Catalog;
  readonly options: AnalyzeOptions;
  /** the rules' diagnostics per owner, before suppressions */
  readonly byOwner: ReadonlyMap<Owner, readonly Diagnostic[]>;
  /** what each assignment's role resolved to */
  readonly resolved: ReadonlyMap<RoleAssignment, ResolvedRole>;
  /** every diagnostic of the document, suppressions applied, in document order */
  readonly diagnostics: readonly Diagnostic[];
}

export function analyze(document: RoleDocument, catalog: Catalog, options: AnalyzeOptions = {}): Diagnostic[] {
  return [...analyzeDocument(document, catalog, options).diagnostics];
}

export function analyzeDocument(document: RoleDocument, catalog: Catalog, options: AnalyzeOptions = {}): Analysis {
  if (document.tooDeep) {
    const d = nestedTooDeeply(options);
    return { document, catalog, options, byOwner: new Map(), resolved: new Map(), diagnostics: d ? [d] : [] };
  }
  if (document.kind === 'other') return { document, catalog, options, byOwner: new Map(), resolved: new Map(), diagnostics: [] };
  return checkOwners(document, catalog, options, { roles: document.roles, assignments: document.assignments, previous: undefined });
}

/**
 * What each assignment's role resolves to, worked out once per analysis run and kept by it: the
 * document rules (mua-defeated) and the assignment loop ask for the same assignments. The run owns
 * it because a resolution depends on the workspace and the environment, which the next run may
 * see changed; a previous run's resolutions are never read (not even those a partial re-check
 * keeps for the owners it does not check).
 */
function runResolution(catalog: Catalog, workspace: WorkspaceRoles, document: RoleDocument): (assignment: RoleAssignment) => ResolvedRole {
  const known = new Map<RoleAssignment, ResolvedRole>();
  const text = document.source ?? document.text;
  return (assignment) => {
    let role = known.get(assignment);
    if (!role) {
      role = resolveRole(catalog, workspace, assignment.roleDefinitionId, assignment.roleDefinitionName, assignment.template?.env, text);
      known.set(assignment, role);
    }
    return role;
  };
}

/**
 * The role definition of this document a custom-role entry was made from, when the entry is one
 * of the document's own (customRolesOf, under the URI this run gives it) and still lists the
 * role's permission strings as they are; otherwise undefined. Made lazily, kept by the run.
 */
function ownDefinitions(uri: string, document: RoleDocument): (entry: CustomRoleEntry) => RoleDefinition | undefined {
  let byEntry: Map<CustomRoleEntry, RoleDefinition> | undefined;
  return (entry) => {
    if (!byEntry) {
      byEntry = new Map();
      for (const e of customRolesOf(uri, document)) {
        const role = document.roles[e.roleIndex];
        if (role && !role.builtIn && sameBlocks(e.blocks, literalBlocksOf(role))) byEntry.set(e, role);
      }
    }
    return byEntry.get(entry);
  };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** The reporter of a context before a rule's is set. */
const NO_REPORT = (): void => undefined;

/**
 * Checks some owners of a document and keeps the diagnostics of the others from a previous
 * analysis (already moved to where they are now): the heart of a partial re-check.
 */
export function checkOwners(document: RoleDocument, catalog: Catalog, options: AnalyzeOptions, what: {
  readonly roles: readonly RoleDefinition[];
  readonly assignments: readonly RoleAssignment[];
  readonly previous: { readonly byOwner: ReadonlyMap<Owner, readonly Diagnostic[]>; readonly resolved: ReadonlyMap<RoleAssignment, ResolvedRole> } | undefined;
}): Analysis {
  // a template without roles or assignments may still deploy what needs them (a Backup vault)
  const byOwner = new Map<Owner, readonly Diagnostic[]>();
  const resolved = new Map<RoleAssignment, ResolvedRole>();
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
  // One reporter per rule for the whole run, writing into the list of the owner being checked:
  // a reporter per rule and owner would be tens of thousands of closures in a large file. Rules
  // report while they are called (none keeps its reporter for later), so `current` is the owner's.
  let current: Diagnostic[] = [];
  const into = (owner: Owner) => {
    current = [];
    byOwner.set(owner, current);
  };
  const active = RULES.filter((r) => options.rules?.[r.id] !== 'off').map((rule) => ({
    rule,
    report: (report: Report) => {
      const d = make(rule.id, rule.defaultSeverity, report);
      if (d) current.push(d);
    },
  }));
  // each hook's rules, picked once rather than per owner
  const documentRules = active.filter((r) => r.rule.checkDocument);
  const assignmentRules = active.filter((r) => r.rule.checkAssignment);
  const roleRules = active.filter((r) => r.rule.check);
  const builtInRoleRules = roleRules.filter((r) => r.rule.appliesToBuiltInRoles);
  const workspace = withDocument(options.workspace, options.uri ?? 'untitled:document', document);
  const roleSet = new Set(what.roles);
  const assignmentSet = new Set(what.assignments);
  const declaredOperations = options.declaredOperations ?? [];
  const roleOf = runResolution(catalog, workspace, document);
  const definitionOf = ownDefinitions(options.uri ?? 'untitled:document', document);

  into('document');
  for (const { rule, report } of documentRules) rule.checkDocument!({ document, catalog, workspace, roleOf, definitionOf, report });
  for (const assignment of document.assignments) {
    if (!assignmentSet.has(assignment) && what.previous) {
      byOwner.set(assignment, what.previous.byOwner.get(assignment) ?? []);
      const r = what.previous.resolved.get(assignment);
      if (r) resolved.set(assignment, r);
      continue;
    }
    const role = roleOf(assignment);
    resolved.set(assignment, role);
    const scope = assignmentScope(assignment, document);
    into(assignment);
    // (one context for the owner, its reporter set for each rule: rules read the context as they are
    // called and keep nothing of it, and a context per rule and owner is tens of thousands of objects)
    const context: Writable<AssignmentContext> = { document, catalog, workspace, roleOf, definitionOf, assignment, role, scope, report: NO_REPORT };
    for (const { rule, report } of assignmentRules) {
      context.report = report;
      rule.checkAssignment!(context);
    }
  }
  for (const role of document.roles) {
    if (!roleSet.has(role) && what.previous) {
      byOwner.set(role, what.previous.byOwner.get(role) ?? []);
      continue;
    }
    into(role);
    const rules = role.builtIn ? builtInRoleRules : roleRules;
    const context: Writable<RuleContext> = { document, role, catalog, declaredOperations, report: NO_REPORT };
    for (const { rule, report } of rules) {
      context.report = report;
      rule.check!(context);
    }
  }

  const all: Diagnostic[] = [];
  if (document.language === 'bicep') {
    // what is passed over matters where roles are: a role there would go unchecked
    if (document.roles.length > 0 || document.assignments.length > 0 || /roleDefinitions|roleAssignments/i.test(document.text)) {
      for (const p of document.syntaxProblems) {
        const message = p.inside
          ? `Not checked: this part of the role could not be read (${p.message}); what it holds is passed over.`
          : `Not checked: this Bicep statement could not be read (${p.message}); any role in it is passed over.`;
        const d = make(BICEP_NOT_READ, 'warning', { at: p, message });
        if (d) all.push(d);
      }
    }
  } else if (options.reportSyntaxErrors) {
    for (const p of document.syntaxProblems) {
      const d = make(INVALID_JSON, 'error', { at: p, message: `The role file is not valid JSON: ${p.message}.` });
      if (d) all.push(d);
    }
  }
  for (const list of byOwner.values()) all.push(...list);
  const suppressions = findSuppressions(document);
  const kept = applySuppressions(all, suppressions, ALL_CODES, (offset, length, message) =>
    make(UNUSED_SUPPRESSION, 'hint', { at: { offset, length }, message, tags: [DiagnosticTag.Unnecessary] }));
  kept.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { document, catalog, options, byOwner, resolved, diagnostics: kept };
}
