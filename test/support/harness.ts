// Shared by the unit tests: the real bundled catalog, the language service over it, and inline
// range markers: « and » around the text a diagnostic must cover.
import * as assert from 'node:assert/strict';
import { createLanguageService } from '../../server/src/core/language-service';
import type { AnalyzeOptions } from '../../server/src/core/analysis/analyze';
import { type Diagnostic, SEVERITY_NAME, type SeverityName } from '../../server/src/core/types';
import { LineIndex } from '../../server/src/core/model/line-index';
import { bundledCatalog } from '../../server/src/node/load-catalog';

export const catalog = bundledCatalog();
export const service = createLanguageService(catalog);

export interface Marked {
  readonly text: string;
  /** the marked spans, in order */
  readonly spans: readonly { offset: number; length: number }[];
}

/** Removes « » markers and returns the spans they enclosed. */
export function marked(source: string): Marked {
  let text = '';
  const spans: { offset: number; length: number }[] = [];
  const open: number[] = [];
  for (const ch of source) {
    if (ch === '«') open.push(text.length);
    else if (ch === '»') {
      const start = open.pop();
      if (start === undefined) throw new Error('unbalanced » in test input');
      spans.push({ offset: start, length: text.length - start });
    } else text += ch;
  }
  if (open.length) throw new Error('unbalanced « in test input');
  spans.sort((a, b) => a.offset - b.offset);
  return { text, spans };
}

export function diagnose(text: string, options?: AnalyzeOptions): Diagnostic[] {
  return service.diagnostics(service.parse(text), options);
}

export interface Expected {
  readonly severity: SeverityName;
  readonly message: string | RegExp;
}

/**
 * Asserts that `ruleId` reports exactly at the marked spans of `source`, in order, with the
 * given severities and messages (a string must be equal; a RegExp must match).
 */
export function expectRule(ruleId: string, source: string, expected: readonly Expected[], options?: AnalyzeOptions): Diagnostic[] {
  const { text, spans } = marked(source);
  assert.equal(spans.length, expected.length, 'test input: one « » span per expected diagnostic');
  const found = diagnose(text, options).filter((d) => d.code === ruleId);
  const lines = new LineIndex(text);
  const describe = (d: Diagnostic) => `${text.slice(lines.offsetAt(d.range.start), lines.offsetAt(d.range.end))} → ${d.message}`;
  assert.equal(found.length, expected.length, `${ruleId}: expected ${expected.length} diagnostics, got:\n${found.map(describe).join('\n')}`);
  found.forEach((d, i) => {
    assert.equal(d.source, 'azure-backup-rbac');
    assert.equal(d.code, ruleId);
    assert.deepEqual(d.range, lines.range(spans[i].offset, spans[i].length), `range of diagnostic ${i}: ${describe(d)}`);
    assert.equal(SEVERITY_NAME[d.severity], expected[i].severity, `severity of diagnostic ${i}`);
    const m = expected[i].message;
    if (typeof m === 'string') assert.equal(d.message, m);
    else assert.match(d.message, m);
  });
  return found;
}

/** Asserts that `ruleId` reports nothing on the text, which must be read as a role file or template (else every rule is quiet). */
export function expectQuiet(ruleId: string, text: string, options?: AnalyzeOptions): void {
  assert.notEqual(service.parse(text).kind, 'other', `${ruleId}: the text is not read as a role file, so its silence proves nothing`);
  const found = diagnose(text, options).filter((d) => d.code === ruleId);
  assert.deepEqual(found.map((d) => d.message), [], `${ruleId} should stay quiet`);
}

/** A CLI-shaped custom role with the given lists (JSON fragments without the brackets). */
export function cliRole(lists: { actions?: string; notActions?: string; dataActions?: string; notDataActions?: string; scopes?: string }): string {
  return `{
  "Name": "Test role",
  "IsCustom": true,
  "Description": "test",
  "Actions": [${lists.actions ?? ''}],
  "NotActions": [${lists.notActions ?? ''}],
  "DataActions": [${lists.dataActions ?? ''}],
  "NotDataActions": [${lists.notDataActions ?? ''}],
  "AssignableScopes": [${lists.scopes ?? '"/subscriptions/6d0c3b5e-1f2a-4c7d-9e8b-0a1b2c3d4e5f"'}]
}`;
}

/** The repository root (tests run compiled, from out/test/). */
export const REPO = require('node:path').resolve(__dirname, '..', '..', '..') as string;

export function fixture(...parts: string[]): string {
  return require('node:fs').readFileSync(require('node:path').join(REPO, 'test', 'fixtures', ...parts), 'utf8') as string;
}

/** Applies offset edits (as the core returns them) to a text, as an editor would: apart from core/edits' applyEdits, so a fault there does not hide itself. */
export function applyOffsetEdits(text: string, edits: readonly { offset: number; length: number; text: string }[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** An ARM template around resource JSON (written inline, with « » markers kept). */
export function armTemplate(resources: string, options: { schema?: 'resourceGroup' | 'subscription' | 'managementGroup'; variables?: string; parameters?: string } = {}): string {
  const schema = { resourceGroup: '2019-04-01/deploymentTemplate', subscription: '2018-05-01/subscriptionDeploymentTemplate', managementGroup: '2019-08-01/managementGroupDeploymentTemplate' }[options.schema ?? 'resourceGroup'];
  return `{
  "$schema": "https://schema.management.azure.com/schemas/${schema}.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {${options.parameters ?? ''}},
  "variables": {${options.variables ?? ''}},
  "resources": [
${resources}
  ]
}`;
}

/** A role assignment resource. */
export function assignmentResource(props: { name?: string; roleDefinitionId: string; principalId?: string; principalType?: string; scope?: string }): string {
  const lines = [
    '"type": "Microsoft.Authorization/roleAssignments"',
    '"apiVersion": "2022-04-01"',
    `"name": ${props.name ?? '"[guid(resourceGroup().id, \'x\')]"'}`,
    ...(props.scope ? [`"scope": ${props.scope}`] : []),
    `"properties": { "roleDefinitionId": ${props.roleDefinitionId}${props.principalId === undefined ? ', "principalId": "[parameters(\'principalId\')]"' : props.principalId ? `, "principalId": ${props.principalId}` : ''}${props.principalType === undefined ? ', "principalType": "ServicePrincipal"' : props.principalType ? `, "principalType": ${props.principalType}` : ''} }`,
  ];
  return `    {\n      ${lines.join(',\n      ')}\n    }`;
}

/** The quick fixes of the one `code` finding of a text (JSON, or Bicep with a service that reads it): title, preferred, and the text after it. */
export function quickFixes(text: string, code: string, options: { service?: typeof service; language?: 'bicep' } = {}): { title: string; preferred: boolean; text: string }[] {
  const svc = options.service ?? service;
  const document = svc.parse(text, options.language);
  const diagnostics = svc.diagnostics(document).filter((d) => d.code === code);
  assert.equal(diagnostics.length, 1, `one ${code}: ${JSON.stringify(svc.diagnostics(document).map((d) => d.code))}`);
  return svc.codeActions(document, diagnostics, { only: ['quickfix'] }).map((a) => ({ title: a.title, preferred: !!a.isPreferred, text: applyOffsetEdits(text, a.edits) }));
}
