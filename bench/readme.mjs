// The README's performance table, written by `npm run bench` between the markers below from the
// results it records (bench/results.json, and bench/before.json for the "before" column), never by
// hand. A unit test renders the block again from those files and compares it with the README.

export const START = '<!-- bench:start: written by `npm run bench` (scripts/bench.mjs); do not edit by hand -->';
export const END = '<!-- bench:end -->';

const short = (commit) => (commit ? commit.slice(0, 7) : 'unknown');
const at = (run) => `commit \`${short(run.commit)}\`${run.dirty ? ' + uncommitted changes' : ''}`;
const day = (iso) => iso.slice(0, 10);
const num = (x) => (typeof x === 'number' ? x.toLocaleString('en-US') : String(x));
const seconds = (ms) => `${num(Math.round(ms / 10) / 100)} s`;

const mb = (x) => `${num(Math.round(x * 100) / 100)} MB`;

/**
 * One row per budget: its label (null: the run's own name for it), how a run's figures read in a
 * cell (undefined: not measured; given the other run's figures in the "now" column), its result id,
 * and for a budget set against the "before" column its goal and whether the "now" figure meets it.
 */
const ROWS = [
  ['analysis of the template / bare `jsonc-parser` parse', (r) => r['analysis-ratio'] && `${num(r['analysis-ratio'].value)}× (${seconds(r['analysis-ratio'].extra.analysisMs)})`, 'analysis-ratio'],
  ["CLI check of one file / bare `node -e ''`", (r) => r['cli-ratio'] && `${num(r['cli-ratio'].value)}× (${num(r['cli-ratio'].extra.cliMs)} ms / ${num(r['cli-ratio'].extra.nodeMs)} ms)`, 'cli-ratio'],
  ["CLI check of one file, over `node -e ''`", (r) => r['cli-start'] && `${num(r['cli-start'].value)} ms`, 'cli-start'],
  ["CLI check of one Bicep file, over `node -e ''`", (r) => r['cli-bicep'] && `${num(r['cli-bicep'].value)} ms`, 'cli-bicep'],
  ["language server started to first hover / bare `node -e ''`", (r) => r['server-ready'] && `${num(r['server-ready'].value)}× (${num(r['server-ready'].extra.readyMs)} ms / ${num(r['server-ready'].extra.nodeMs)} ms)`, 'server-ready'],
  ['hover on the template, p99 round trip (p50)', (r) => r['hover-p99'] && `${num(r['hover-p99'].value)} ms (${num(r['hover-p99'].extra.p50)})`, 'hover-p99'],
  ['completion on the template, p99 round trip (p50)', (r) => r['completion-p99'] && `${num(r['completion-p99'].value)} ms (${num(r['completion-p99'].extra.p50)})`, 'completion-p99'],
  ['diagnostics after an edit in the template (median)', (r) => {
    const e = r['edit-diagnostics'];
    return e && `${num(e.value)} ms (${e.extra.inPart > 0 ? `${e.extra.inPart}/${e.extra.edits} checked in part` : 'full check'}; p90 ${num(e.extra.p90)} ms)`;
  }, 'edit-diagnostics'],
  ...[['', 'the Bicep file'], ['-no-member', 'the same file with `subscriptionResourceId(…)` for each `role.id`']].flatMap(([key, what]) => [
    [`analysis of ${what} / bare tree-sitter parse`, (r) => {
      const a = r[`bicep-analysis-ratio${key}`];
      return a && `${num(a.value)}× (${seconds(a.extra.analysisMs)} / ${seconds(a.extra.parseMs)})`;
    }, `bicep-analysis-ratio${key}`],
    [`${key ? 'the same file' : 'the Bicep file'}: reading (tree-sitter, or the plain reader) / walk to JSON's shape / model / rules`, (r) => {
      const p = r[`bicep-phases${key}`]?.extra;
      return p && [p.readMs ?? p.treeSitterMs, p.toJsonMs, p.modelMs, p.rulesMs].map(seconds).join(' / ');
    }, `bicep-phases${key}`],
  ]),
  ['diagnostics after an edit in the Bicep file (median)', (r) => {
    const e = r['bicep-edit-diagnostics'];
    return e && `${num(e.value)} ms (p99 ${num(e.extra.p99)} ms of ${e.extra.edits} edits)`;
  }, 'bicep-edit-diagnostics'],
  ['browser (Chromium): worker started to first diagnostics, JSON / Bicep file (median)', (r) => {
    const b = r['browser-first-diagnostics'];
    return b && (b.extra ? `${seconds(b.extra.jsonMs)} / ${seconds(b.extra.bicepMs)}` : 'not measured (no chromium)');
  }, 'browser-first-diagnostics'],
  [null, (r) => r['workspace-index'] && `${num(r['workspace-index'].value)} s`, 'workspace-index'],
  ['server memory after indexing (peak RSS)', (r) => r['workspace-memory'] && `${num(r['workspace-memory'].value)} MB`, 'workspace-memory'],
  ['catalog load / with all operations / JS heap', (r) => r['catalog-load'] && `${num(r['catalog-load'].value)} ms / ${num(r['catalog-load-operations'].value)} ms / ${num(r['catalog-heap'].value)} MB`, 'catalog-load'],
  ['VSIX (growth over the "before" column)', (r, other) => {
    const size = r['vsix-size']?.value;
    if (size === undefined) return undefined;
    if (typeof size !== 'number') return 'not built';
    const was = other?.['vsix-size']?.value;
    return typeof was === 'number' ? `${mb(size)} (${size >= was ? '+' : '−'}${mb(Math.abs(size - was))})` : mb(size);
  }, 'vsix-size', {
    goal: '≤ +1 MB',
    ok: (r, other) => (typeof r['vsix-size']?.value === 'number' && typeof other?.['vsix-size']?.value === 'number' ? r['vsix-size'].value - other['vsix-size'].value <= 1 : undefined),
  }],
];

const byId = (run) => Object.fromEntries((run?.results ?? []).map((r) => [r.id, r]));

/** The block (markers included) for a run and, when given, the run it is compared with. */
export function renderBenchBlock(now, before) {
  const n = byId(now);
  const b = byId(before);
  const lines = [
    START,
    `Measured at ${at(now)} on ${day(now.date)} (Node ${now.node}, ${now.cpus} CPUs, ${now.platform})` +
      (before ? `; the "before" column at ${at(before)} on ${day(before.date)}, by the same script (\`node scripts/bench.mjs --before ${short(before.commit)}\`).` : '.'),
    `Workload: ${now.workload}.`,
    '',
    before ? `| budget | goal | before (\`${short(before.commit)}\`) | now (\`${short(now.commit)}\`) |` : `| budget | goal | now (\`${short(now.commit)}\`) |`,
    before ? '|---|---|---|---|' : '|---|---|---|',
  ];
  for (const [label, cell, id, relative] of ROWS) {
    const row = n[id];
    if (!row) continue;
    const shown = (r, other) => {
      if (!r[id]) return '—';
      const ok = relative && other ? relative.ok(r, other) : r[id].ok;
      return `${cell(r, other)}${ok === false ? ' — missed' : ''}`;
    };
    const name = label ?? row.name;
    const goal = (before && relative?.goal) || row.goal || '';
    lines.push(before ? `| ${name} | ${goal} | ${shown(b)} | ${shown(n, b)} |` : `| ${name} | ${goal} | ${shown(n)} |`);
  }
  lines.push(END);
  return lines.join('\n');
}

/** The README with its block replaced (the markers must be there once each). */
export function replaceBenchBlock(readme, block) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start || readme.indexOf(START, start + 1) >= 0) throw new Error(`README.md needs one ${START} … ${END} block`);
  return readme.slice(0, start) + block + readme.slice(end + END.length);
}

/** The block the README holds, markers included; undefined when there is none. */
export function benchBlockOf(readme) {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  return start < 0 || end < start ? undefined : readme.slice(start, end + END.length);
}
