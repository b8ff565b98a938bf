// The real Bicep files of test/fixtures/bicep (copied from public repositories, SOURCES.md), read
// through the real grammar as the CLI and the editor read them.
//
// Regression guards: each file's findings, and what the model read of its role definitions and
// assignments, must stay what test/fixtures/bicep/baselines records. The baselines are the checker's
// own output; every finding and every misreading in them is judged in test/fixtures/bicep/REVIEW.md
// (true or false, and which Bicep construct causes a false one), so a baseline proves nothing right:
// it catches a change nobody meant, and whoever changes one updates the review with it.
// UPDATE_BASELINES=1 rewrites the baselines that changed (test/support/baseline.ts).
//
// Properties: every role definition and assignment the file declares is modelled; and every prefix of
// every file (a file being typed) parses without throwing, with every finding inside the text and no
// rule's finding on a statement reported as not read.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type LanguageService, createLanguageService } from '../../server/src/core/language-service';
import type { RoleDocument } from '../../server/src/core/model/role-document';
import { type Diagnostic, SEVERITY_NAME } from '../../server/src/core/types';
import { BicepLoader } from '../../server/src/node/load-bicep';
import { matchesBaseline } from '../support/baseline';
import { REPO, catalog } from '../support/harness';

const DIR = join(REPO, 'test', 'fixtures', 'bicep');
const BASELINES = join(DIR, 'baselines');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.bicep')).sort();
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');

/** As the CLI checks a file: syntax problems (statements not read) reported. */
const OPTIONS = { reportSyntaxErrors: true };

/** Where each line of a text starts, worked out here rather than by the model's own line index. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** A position's offset, or undefined when the position is not in the text. */
function offsetOf(text: string, starts: readonly number[], position: { line: number; character: number }): number | undefined {
  if (position.line < 0 || position.line >= starts.length || position.character < 0) return undefined;
  const end = position.line + 1 < starts.length ? starts[position.line + 1] - 1 : text.length;
  return starts[position.line] + position.character <= end ? starts[position.line] + position.character : undefined;
}

const lineOf = (starts: readonly number[], offset: number) => starts.filter((s) => s <= offset).length;

/** What a baseline records of a file: its findings and what the model read of its roles and assignments. */
function record(text: string, document: RoleDocument, diagnostics: readonly Diagnostic[]): string {
  const starts = lineStarts(text);
  const findings = diagnostics.map((d) => {
    const start = offsetOf(text, starts, d.range.start)!;
    return { code: String(d.code), severity: SEVERITY_NAME[d.severity], line: d.range.start.line + 1, covers: text.slice(start, offsetOf(text, starts, d.range.end)), message: d.message };
  });
  const model = {
    roles: document.roles.map((r) => ({ line: lineOf(starts, r.resource?.offset ?? r.node.offset), roleName: r.name?.value ?? null })),
    assignments: document.assignments.map((a) => ({
      line: lineOf(starts, a.resource?.node.offset ?? a.node.offset),
      roleDefinitionId: a.roleDefinitionId?.value ?? null,
      scope: a.scope?.value ?? null,
      principalId: a.principalId?.value ?? null,
    })),
  };
  return `${JSON.stringify({ findings, model }, null, 2)}\n`;
}

/** Role definition and assignment resources the text declares (not `existing` ones: those are references). */
function declared(text: string): { roles: number; assignments: number } {
  const declarations = [...text.matchAll(/^[ \t]*resource\s+\w+\s+'Microsoft\.Authorization\/(roleDefinitions|roleAssignments)@[^']*'(\s+existing\b)?/gim)].filter((m) => !m[2]);
  return {
    roles: declarations.filter((m) => m[1].toLowerCase() === 'roledefinitions').length,
    assignments: declarations.filter((m) => m[1].toLowerCase() === 'roleassignments').length,
  };
}

/**
 * Where to cut a text: at every line end and every `step` characters, and at its end. A large file's
 * long prefixes are slow to parse (the grammar's error recovery), so when the prefixes would add up to
 * more than `budget` characters an evenly spaced sample of the cuts is kept, the whole text always.
 */
function cuts(text: string, step: number, budget: number): number[] {
  const all = new Set([text.length]);
  for (let i = 0; i < text.length; i += step) all.add(i);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) all.add(i);
  const sorted = [...all].sort((a, b) => a - b);
  let kept = sorted;
  for (let every = 2; kept.reduce((sum, cut) => sum + cut, 0) > budget; every++) kept = sorted.filter((_, i) => i % every === 0 || i === sorted.length - 1);
  return kept;
}

const NOT_READ = 'bicep-statement-not-read';
/** Codes that speak of the text itself, not of a role: they may sit on a statement that was not read. */
const ABOUT_THE_TEXT = new Set([NOT_READ, 'unused-suppression']);

describe('real Bicep files (test/fixtures/bicep)', () => {
  let service: LanguageService;
  before(async () => {
    service = createLanguageService(catalog, await new BicepLoader().load());
  });

  it('has the corpus: the 22 files of shared/corpus, each named in SOURCES.md and reviewed in REVIEW.md', () => {
    assert.equal(FILES.length, 22);
    const sources = readFileSync(join(DIR, 'SOURCES.md'), 'utf8');
    const review = readFileSync(join(DIR, 'REVIEW.md'), 'utf8');
    for (const file of FILES) {
      assert.ok(sources.includes(`| \`${file}\` |`), `${file} is not in SOURCES.md`);
      assert.ok(review.includes(`\`${file}\``), `${file} is not in REVIEW.md`);
    }
  });

  describe('regression guards: findings and model against the recorded baselines', () => {
    for (const file of FILES) {
      it(file, function () {
        const text = read(file);
        const document = service.parse(text, 'bicep');
        matchesBaseline(this, join(BASELINES, file.replace(/\.bicep$/, '.json')), record(text, document, service.diagnostics(document, OPTIONS)), 'the change and REVIEW.md');
      });
    }
  });

  describe('every role definition and role assignment a file declares is modelled', () => {
    for (const file of FILES) {
      it(file, () => {
        const text = read(file);
        const document = service.parse(text, 'bicep');
        assert.deepEqual({ roles: document.roles.length, assignments: document.assignments.length }, declared(text),
          'a declared role or assignment produced no model, or one was made from nothing: see REVIEW.md for the constructs known to lose one');
      });
    }
  });

  describe('every prefix of every real Bicep file', () => {
    for (const file of FILES) {
      it(file, function () {
        this.timeout(120_000); // seconds of CPU for the largest file, many more on a loaded machine
        const text = read(file);
        for (const end of cuts(text, 37, 400_000)) {
          const prefix = text.slice(0, end);
          const at = `${file} cut at ${end} (line ${lineOf(lineStarts(text), end)})`;
          let document: RoleDocument;
          let diagnostics: Diagnostic[];
          try {
            document = service.parse(prefix, 'bicep');
            diagnostics = service.diagnostics(document, OPTIONS);
          } catch (e) {
            assert.fail(`${at}: threw ${e instanceof Error ? e.stack : String(e)}`);
          }
          const starts = lineStarts(prefix);
          const spans = diagnostics.map((d) => {
            const start = offsetOf(prefix, starts, d.range.start);
            const stop = offsetOf(prefix, starts, d.range.end);
            assert.ok(start !== undefined && stop !== undefined && start <= stop, `${at}: ${d.code} has a range outside the text: ${JSON.stringify(d.range)}`);
            return { code: String(d.code), start, stop };
          });
          const unread = [
            ...spans.filter((s) => s.code === NOT_READ),
            ...document.syntaxProblems.map((p) => ({ code: NOT_READ, start: p.offset, stop: p.offset + p.length })),
          ];
          for (const s of spans.filter((x) => !ABOUT_THE_TEXT.has(x.code))) {
            for (const u of unread) {
              const overlaps = Math.max(s.start, u.start) < Math.min(s.stop, u.stop) || (s.start === s.stop && u.start <= s.start && s.start < u.stop);
              assert.ok(!overlaps, `${at}: ${s.code} on ${JSON.stringify(prefix.slice(s.start, s.stop))} lies in a statement not read (${u.start}-${u.stop})`);
            }
          }
        }
      });
    }
  });
});
