#!/usr/bin/env node
// The GitHub Action's job summary of a check (action.yml): the findings of its SARIF report as
// Markdown, counted by level and listed (the most severe first, then by file and line), and
// whether the job fails at its fail level. Reads only the report; prints to stdout.
//   node scripts/action-summary.mjs <report.sarif> <exit code of the check> <fail level>
import { readFileSync } from 'node:fs';

/** Findings listed one by one, up to this many; code scanning and the report hold them all. */
const LISTED = 30;
const ORDER = ['error', 'warning', 'note', 'none'];

const [file, exitCode, failLevel] = process.argv.slice(2);
if (!file) {
  console.error('usage: node scripts/action-summary.mjs <report.sarif> <exit code> <fail level>');
  process.exit(2);
}
const run = JSON.parse(readFileSync(file, 'utf8')).runs[0];
const results = run.results ?? [];
const notifications = run.invocations?.[0]?.toolExecutionNotifications ?? [];

/** Text in a Markdown table cell: one line, and none of Markdown's marks (a wildcard's `*`, a `<placeholder>`). */
const cell = (s) => String(s).replace(/\s+/g, ' ').trim().replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
/** A path in a code span: one line, no backtick to end it early. */
const code = (s) => `\`${String(s).replace(/\s+/g, ' ').replace(/`/g, "'")}\``;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const where = (r) => {
  const loc = r.locations?.[0]?.physicalLocation;
  return loc ? `${decodeURIComponent(loc.artifactLocation.uri)}:${loc.region?.startLine ?? 1}` : '';
};

const counts = ORDER.slice(0, 3).map((level) => plural(results.filter((r) => (r.level ?? 'warning') === level).length, level));
const failed = exitCode !== '0';
const lines = ['## Azure Backup RBAC', ''];
lines.push(`${failed ? '**Failed**' : '**Passed**'} at fail level \`${failLevel}\`: ${counts.join(', ')}.`);
if (notifications.length) {
  lines.push('', `${plural(notifications.length, 'file')} not checked:`, '');
  for (const n of notifications) lines.push(`- ${cell(n.message.text)}`);
}
if (results.length) {
  const sorted = [...results].sort((a, b) => ORDER.indexOf(a.level ?? 'warning') - ORDER.indexOf(b.level ?? 'warning') || where(a).localeCompare(where(b), 'en', { numeric: true }));
  lines.push('', '| Level | Where | Finding | Rule |', '| --- | --- | --- | --- |');
  for (const r of sorted.slice(0, LISTED)) lines.push(`| ${r.level ?? 'warning'} | ${code(where(r)).replace(/\|/g, '\\|')} | ${cell(r.message.text)} | ${code(r.ruleId)} |`);
  if (results.length > LISTED) lines.push('', `… and ${results.length - LISTED} more in code scanning and in ${code(file)}.`);
}
console.log(lines.join('\n'));
