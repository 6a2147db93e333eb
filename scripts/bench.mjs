// `npm run bench`: speed and memory of postmortem-lint against markdownlint and alex on generated postmortems
// of ~200, 2,000 and 20,000 lines, all in one run (medians of repeated runs; ratios survive a noisy machine).
// Writes bench-results/latest.json (git-ignored) and docs/bench.md (committed; the README embeds its table).
// Not a test: nothing here asserts; targets are reported as met / missed.
//   BENCH_RUNS=5   repetitions for the small and medium documents (the 20,000-line one uses fewer)
//   BENCH_SIZES=200,2000   only these sizes
//   BENCH_WORKSPACE_DOCS=500, BENCH_REPORT_DOCS=1000   documents for the workspace scans and the report (0: skip)
import { spawn, spawnSync, execSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { generatePostmortem } from './bench-docs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const WARMUP_EDITS = 4;
const SIZES = (process.env.BENCH_SIZES ?? '200,2000,20000').split(',').map(Number);
const log = (...a) => console.error(...a);

// ---- build: the engine as one bundle (what the server runs), the server and the .vsix when missing ----
fs.mkdirSync(path.join(root, 'out', 'bench'), { recursive: true });
await esbuild.build({
  stdin: {
    contents: `export { lintDocument, resolveConfig, allRules } from './server/src/engine/index';
export { IncrementalDocument } from './server/src/engine/incremental';
export { clearContentMemos } from './server/src/engine/index';
export { LANGUAGE_RULE_IDS } from './server/src/engine/language/index';`,
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  mainFields: ['module', 'main'],
  outfile: path.join(root, 'out', 'bench', 'engine.cjs'),
  logLevel: 'warning',
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
});
log('bench: building dist/ (node esbuild.mjs)');
execSync('node esbuild.mjs', { cwd: root, stdio: 'inherit' });
const vsixPath = path.join(root, 'dist', 'postmortem-lint.vsix');
if (!fs.existsSync(vsixPath)) {
  log('bench: packaging the .vsix (npm run package)');
  execSync('npm run package', { cwd: root, stdio: 'inherit' });
}

const engine = require(path.join(root, 'out', 'bench', 'engine.cjs'));
const { lint: markdownlint } = await import('markdownlint/sync');
const { markdown: alex } = await import('alex');
const config = engine.resolveConfig([{}], engine.allRules);
// the same configuration with the ten language rules off: the difference is the language pass's share
const noLanguage = engine.resolveConfig([{ rules: Object.fromEntries(engine.LANGUAGE_RULE_IDS.map((r) => [r, 'off'])) }], engine.allRules);

function median(xs) {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
}
function time(fn, runs, warm = true) {
  if (warm) fn(-1); // warm-up (JIT), not counted
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(i);
    out.push(performance.now() - t);
  }
  return median(out);
}

/** Medians of two functions timed alternately (after one warm-up call of each). */
function timePair(a, b, runs) {
  a();
  b();
  const ta = [];
  const tb = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    a();
    ta.push(performance.now() - t);
    t = performance.now();
    b();
    tb.push(performance.now() - t);
  }
  return [median(ta), median(tb)];
}

// ---- LSP client over stdio (pull diagnostics, as VS Code does) ----
function lspSession(nodeArgs = []) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist', 'server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // incoming bytes: chunks are joined only once a whole message is there (joining on every 64 KB chunk is
  // quadratic in the message size, and a 20,000-line document's diagnostics are several MB)
  let buf = Buffer.alloc(0);
  let chunks = [];
  let buffered = 0;
  let needed = 0;
  let nextId = 1;
  const pending = new Map();
  child.stdout.on('data', (chunk) => {
    chunks.push(chunk);
    buffered += chunk.length;
    if (buffered < needed) return;
    buf = Buffer.concat([buf, ...chunks]);
    chunks = [];
    buffered = 0;
    needed = 0;
    for (;;) {
      const head = buf.indexOf('\r\n\r\n');
      if (head < 0) return;
      const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())[1]);
      if (buf.length < head + 4 + len) {
        needed = head + 4 + len - buf.length;
        return;
      }
      const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString('utf8'));
      buf = buf.subarray(head + 4 + len);
      if (msg.id !== undefined && msg.method)
        send({ jsonrpc: '2.0', id: msg.id, result: null }); // server→client request
      else if (msg.id !== undefined && pending.has(msg.id)) {
        const { resolve, reject } = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
        else resolve(msg.result);
      }
    }
  });
  function send(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  }
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ jsonrpc: '2.0', id, method, params });
    });
  const notify = (method, params) => send({ jsonrpc: '2.0', method, params });
  const peakKb = () => {
    try {
      return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))[1]);
    } catch {
      return undefined;
    }
  };
  const close = async () => {
    await request('shutdown', null).catch(() => undefined);
    notify('exit', null);
    await new Promise((r) => child.once('exit', r));
  };
  return { t0, request, notify, close, peakKb };
}

const BENCH_URI = pathToFileURL(path.join(root, 'out', 'bench', 'postmortems', 'bench.md')).href;

/** A fresh server with the document open: its first diagnostic report, and the time from spawn to it. */
async function openFresh(text, nodeArgs) {
  const s = lspSession(nodeArgs);
  await s.request('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false }, synchronization: { didSave: false } } },
  });
  s.notify('initialized', {});
  s.notify('textDocument/didOpen', { textDocument: { uri: BENCH_URI, languageId: 'markdown', version: 1, text } });
  const first = await s.request('textDocument/diagnostic', { textDocument: { uri: BENCH_URI } });
  return { s, first, startToFirst: performance.now() - s.t0 };
}

/** Server start to first diagnostics: the median of three fresh starts (one start is at the mercy of the machine). */
async function startMeasure(text) {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const { s, startToFirst } = await openFresh(text);
    times.push(startToFirst);
    await s.close();
  }
  return median(times);
}

async function lspMeasure(text, runs) {
  const { s, first, startToFirst } = await openFresh(text);
  const uri = BENCH_URI;
  // one-character edits in the middle (insert, then delete it again), each followed by a diagnostic pull
  const lines = text.split('\n');
  const line = lines.length >> 1;
  const character = lines[line].length >> 1; // inside the line, as typing does
  const trips = [];
  let version = 1;
  // the first edits warm the JIT and the per-node memos of the incremental paths, as the first keystrokes of a
  // session do: WARMUP_EDITS of them are not counted (the in-process re-lint above warms up the same way)
  for (let i = -WARMUP_EDITS; i < runs; i++) {
    const insert = (i + WARMUP_EDITS) % 2 === 0;
    const change = insert
      ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
      : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    const t = performance.now();
    s.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    const report = await s.request('textDocument/diagnostic', { textDocument: { uri } });
    if (i >= 0) trips.push(performance.now() - t);
    if (!report || !Array.isArray(report.items)) throw new Error('no diagnostic report');
  }
  const peak = s.peakKb();
  await s.close();
  return {
    startToFirst: text.length < 100_000 ? await startMeasure(text) : startToFirst,
    roundTrip: median(trips),
    firstCount: first.items.length,
    serverPeakMb: peak ? peak / 1024 : undefined,
  };
}

/**
 * The server's live heap while typing (issue 21): a server started with `--expose-gc`, 500 one-character edits in
 * the middle of the document (three letters typed, one deleted, a pull after each), the heap after a forced
 * collection (postmortemLint/serverStatus) after the first 10 and after all 500, and the resident set at the end.
 */
async function memoryMeasure(text) {
  const { s } = await openFresh(text, ['--expose-gc']);
  const uri = BENCH_URI;
  const lines = text.split('\n');
  const line = lines.length >> 1;
  let character = lines[line].length >> 1;
  const heap = async () => (await s.request('postmortemLint/serverStatus', { collect: true })).heapUsed / 1e6;
  let heap10 = 0;
  for (let i = 0; i < 500; i++) {
    const typed = i % 4 !== 3;
    const from = typed ? character : character - 1;
    s.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line, character: from }, end: { line, character } }, text: typed ? 'postmortem '[i % 11] : '' }],
    });
    character += typed ? 1 : -1;
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    if (i === 9) heap10 = await heap();
  }
  const heap500 = await heap();
  const { rss } = await s.request('postmortemLint/serverStatus', {});
  await s.close();
  return { heap10, heap500, rssMb: rss / 1e6 };
}

/**
 * Workspace linting (issue 17 §1): "Lint All Postmortems" over WORKSPACE_DOCS generated postmortems of `docLines`
 * lines in a workspace folder (the bench client does not pull workspace diagnostics, so the server scans and pushes),
 * while a 2,000-line document open in the same server is edited: the scan's time, and the edit-to-diagnostics round
 * trip during the scan against the same edits before it. Run at ~200 lines and at the real postmortems' mean length.
 */
const WORKSPACE_DOCS = Number(process.env.BENCH_WORKSPACE_DOCS ?? 500);
/** The mean line count of the real postmortems in ../shared/corpus (110 when it is not there). */
function corpusMeanLines() {
  const dir = path.join(root, '..', 'shared', 'corpus');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  if (!files.length) return 110;
  const lines = files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length);
  return Math.round(lines.reduce((a, b) => a + b, 0) / lines.length);
}
async function workspaceMeasure(openText, docLines) {
  const dir = path.join(root, 'out', 'bench', 'workspace');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'postmortems'), { recursive: true });
  let bytes = 0;
  for (let i = 0; i < WORKSPACE_DOCS; i++) {
    const text = generatePostmortem(docLines, 100 + i);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, 'postmortems', `pm-${String(i).padStart(4, '0')}.md`), text);
  }
  const s = lspSession();
  await s.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }],
    capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } },
  });
  s.notify('initialized', {});
  const uri = pathToFileURL(path.join(dir, 'open.md')).href;
  s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: openText } });
  await s.request('textDocument/diagnostic', { textDocument: { uri } });
  const lines = openText.split('\n');
  const line = lines.length >> 1;
  const character = lines[line].length >> 1;
  let version = 1;
  const edit = async () => {
    const insert = version % 2 === 1;
    const change = insert
      ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
      : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
    const t = performance.now();
    s.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
    await s.request('textDocument/diagnostic', { textDocument: { uri } });
    return performance.now() - t;
  };
  const idle = [];
  for (let i = -WARMUP_EDITS; i < 20; i++) {
    const ms = await edit();
    if (i >= 0) idle.push(ms);
  }
  const t0 = performance.now();
  let done = false;
  const scan = s.request('postmortemLint/lintWorkspace', null).then((r) => ((done = true), r));
  const during = [];
  while (!done) {
    during.push(await edit());
    await new Promise((r) => setTimeout(r, 50)); // a typist's pace: a keystroke every ~50 ms
  }
  const summary = await scan;
  const scanMs = performance.now() - t0;
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    docs: WORKSPACE_DOCS,
    docLines,
    meanKb: bytes / WORKSPACE_DOCS / 1000,
    scanMs,
    postmortems: summary.postmortems,
    idleRoundTripMs: median(idle),
    duringRoundTripMs: median(during),
    duringEdits: during.length,
  };
}

// ---- measure ----
const results = [];
for (const size of SIZES) {
  const text = generatePostmortem(size, 7);
  const mb = Buffer.byteLength(text, 'utf8') / 1e6;
  const lines = text.split('\n').length;
  const runs = size >= 20000 ? Math.max(3, Math.min(RUNS, 3)) : RUNS;
  log(`bench: ${lines} lines, ${(mb * 1000).toFixed(0)} kB, ${runs} runs`);

  // full lint, cold: every content-keyed memo is cleared before each run (node-keyed ones start cold with the parse);
  // markdownlint's runs alternate with ours, so a machine that speeds up or slows down mid-run moves both alike
  let findings = 0;
  const [full, md] = timePair(
    () => {
      engine.clearContentMemos();
      findings = engine.lintDocument(text, config, { force: true }).findings.length;
    },
    () => markdownlint({ strings: { doc: text } }),
    runs,
  );

  // the language pass's share of a full lint: full lints with and without the language rules, alternated
  const [withLanguage, withoutLanguage] = timePair(
    () => {
      engine.clearContentMemos();
      engine.lintDocument(text, config, { force: true });
    },
    () => {
      engine.clearContentMemos();
      engine.lintDocument(text, noLanguage, { force: true });
    },
    runs,
  );
  const languageMs = Math.max(0, withLanguage - withoutLanguage);

  // re-lint after a one-character edit in the middle (incremental engine, memo warm as in the editor)
  const doc = new engine.IncrementalDocument(text);
  doc.lint(config, { force: true });
  // the middle of the middle line: typing inside a sentence, as an author does
  const lineStart = text.lastIndexOf('\n', text.length >> 1) + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  const mid = lineStart + ((lineEnd - lineStart) >> 1);
  const edited = text.slice(0, mid) + 'x' + text.slice(mid);
  let modes = new Set();
  const relint = time(
    (i) => {
      const info = doc.update((i + 1) % 2 === 0 ? edited : text); // warm-up (-1) edits, then alternate
      modes.add(info.mode);
      doc.lint(config, { force: true });
    },
    Math.max(runs, 5) * 2 + 1,
  );
  // sanity: the incremental result equals a full lint of the same text
  engine.clearContentMemos();
  const same =
    JSON.stringify(doc.lint(config, { force: true }).findings) ===
    JSON.stringify(engine.lintDocument(doc.text, config, { force: true }).findings);

  const alexRuns = size >= 20000 ? 1 : Math.min(runs, 3);
  const alexMs = time(() => alex(text), alexRuns, size < 20000);

  const lsp = await lspMeasure(text, 15);
  const memory = size === 2000 ? await memoryMeasure(text) : undefined;
  const row = {
    lines,
    bytes: Buffer.byteLength(text, 'utf8'),
    findings,
    fullLintMs: full,
    fullLintMBps: mb / (full / 1000),
    languageMs,
    languageShare: languageMs / withLanguage,
    relintMs: relint,
    relintModes: [...modes],
    incrementalEqualsFull: same,
    markdownlintMs: md,
    alexMs,
    alexRuns,
    lspRoundTripMs: lsp.roundTrip,
    serverStartToFirstDiagnosticsMs: lsp.startToFirst,
    serverPeakMb: lsp.serverPeakMb,
    memory,
    ratios: { fullVsMarkdownlint: full / md, relintVsMarkdownlint: relint / md, alexVsFull: alexMs / full },
  };
  results.push(row);
  log(JSON.stringify(row));
}

const workspace = WORKSPACE_DOCS > 0 ? await workspaceMeasure(generatePostmortem(2000, 7), 200) : undefined;
if (workspace) log(JSON.stringify({ workspace }));
const realLines = corpusMeanLines();
const workspaceReal = WORKSPACE_DOCS > 0 ? await workspaceMeasure(generatePostmortem(2000, 7), realLines) : undefined;
if (workspaceReal) log(JSON.stringify({ workspaceReal }));

/**
 * The follow-through report's cost (issue 17 §3): `postmortem-lint report --format json` over REPORT_DOCS generated
 * postmortems of the real mean length, as a separate process (parse, digests, recurrence index, promise search).
 */
const REPORT_DOCS = Number(process.env.BENCH_REPORT_DOCS ?? 1000);
async function reportMeasure() {
  // outside this repository: the CLI's discovery skips what its .gitignore excludes, out/ among them
  const dir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'pml-bench-report-'));
  for (let i = 0; i < REPORT_DOCS; i++)
    fs.writeFileSync(path.join(dir, `pm-${String(i).padStart(4, '0')}.md`), generatePostmortem(realLines, 5000 + i));
  const t = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'report', '--format', 'json', dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t;
  fs.rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`report failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return { docs: REPORT_DOCS, ms, postmortems: report.postmortems, items: report.actions.total };
}
const reportCost = REPORT_DOCS > 0 ? await reportMeasure() : undefined;
if (reportCost) log(JSON.stringify({ reportCost }));

const vsixBytes = fs.statSync(vsixPath).size;
const bySize = (n) => results.find((r) => Math.abs(r.lines - n) / n < 0.1);
const mid = bySize(2000);
const big = bySize(20000);
const small = bySize(200) ?? results[0];
const targets = [];
if (mid) {
  targets.push({
    target: 're-lint after 1-char edit, 2,000 lines: < 10% of markdownlint full lint',
    value: `${(100 * mid.ratios.relintVsMarkdownlint).toFixed(1)}%`,
    met: mid.ratios.relintVsMarkdownlint < 0.1,
  });
  targets.push({
    target: 're-lint after 1-char edit, 2,000 lines: < 16 ms',
    value: `${mid.relintMs.toFixed(1)} ms`,
    met: mid.relintMs < 16,
  });
  targets.push({
    target: 'full lint, 2,000 lines: no slower than markdownlint',
    value: `${mid.ratios.fullVsMarkdownlint.toFixed(2)}×`,
    met: mid.ratios.fullVsMarkdownlint <= 1,
  });
}
if (mid?.memory) {
  const { heap10, heap500, rssMb } = mid.memory;
  targets.push({
    target: 'server heap after 500 keystrokes, 2,000 lines: within 10% of the heap after the first 10',
    value: `${heap10.toFixed(1)} → ${heap500.toFixed(1)} MB (${heap500 >= heap10 ? '+' : ''}${((100 * (heap500 - heap10)) / heap10).toFixed(1)}%)`,
    met: heap500 <= heap10 * 1.1,
  });
  targets.push({
    target: 'server resident memory with a 2,000-line document, after 500 keystrokes: ≤ 200 MB',
    value: `${rssMb.toFixed(0)} MB`,
    met: rssMb <= 200,
  });
}
if (big)
  targets.push({
    target: 'edit-to-diagnostics (LSP), 20,000 lines: < 100 ms',
    value: `${big.lspRoundTripMs.toFixed(1)} ms`,
    met: big.lspRoundTripMs < 100,
  });
if (small)
  targets.push({
    target: 'server start to first diagnostics: < 500 ms',
    value: `${small.serverStartToFirstDiagnosticsMs.toFixed(0)} ms (${small.lines} lines)`,
    met: small.serverStartToFirstDiagnosticsMs < 500,
  });
for (const w of [workspace, workspaceReal].filter(Boolean)) {
  targets.push({
    target: `lint all postmortems, ${w.docs} documents of ${w.docLines} lines (${w.meanKb.toFixed(1)} kB)${w === workspaceReal ? ", the real postmortems' mean length" : ''}: < 10 s`,
    value: `${(w.scanMs / 1000).toFixed(1)} s (${w.postmortems} postmortems)`,
    met: w.scanMs < 10_000 && w.postmortems === w.docs,
  });
}
if (workspace) {
  targets.push({
    target: 'edit-to-diagnostics (LSP, 2,000 lines) while the workspace is linted: within 25% of idle',
    value: `${workspace.duringRoundTripMs.toFixed(1)} ms (idle ${workspace.idleRoundTripMs.toFixed(1)} ms, ${workspace.duringEdits} edits)`,
    met: workspace.duringRoundTripMs <= workspace.idleRoundTripMs * 1.25,
  });
}
if (reportCost)
  targets.push({
    target: `\`postmortem-lint report\` over ${reportCost.docs.toLocaleString('en-US')} postmortems of ${realLines} lines: its cost (no target)`,
    value: `${(reportCost.ms / 1000).toFixed(1)} s (${reportCost.items.toLocaleString('en-US')} action items)`,
    met: reportCost.postmortems === reportCost.docs,
  });
// the language model (wink-nlp's lite English model, issue 15) is most of the package: < 3 MB
targets.push({ target: 'bundled .vsix: < 3 MB', value: `${(vsixBytes / 1e6).toFixed(2)} MB`, met: vsixBytes < 3e6 });

let load;
try {
  load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
} catch {
  load = 'n/a';
}
const meta = {
  date: new Date().toISOString(),
  benchPeakRssMb: process.resourceUsage().maxRSS / 1024,
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
  loadavg: load,
  runs: RUNS,
};
fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
fs.writeFileSync(
  path.join(root, 'bench-results', 'latest.json'),
  JSON.stringify({ meta, results, workspace, workspaceReal, reportCost, vsixBytes, targets }, null, 2) + '\n',
);

const f = (x, d = 1) => (x === undefined ? 'n/a' : x.toFixed(d));
const table = [
  '| lines | full lint | MB/s | language pass | re-lint after 1-char edit | markdownlint | alex | full ÷ markdownlint | re-lint ÷ markdownlint | LSP edit→diagnostics | server start→first diagnostics | server peak RSS |',
  '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...results.map(
    (r) =>
      `| ${r.lines.toLocaleString('en-US')} | ${f(r.fullLintMs)} ms | ${f(r.fullLintMBps, 2)} | ${f(r.languageMs)} ms (${f(100 * r.languageShare, 0)}%) | ${f(r.relintMs)} ms | ${f(r.markdownlintMs)} ms | ${f(r.alexMs)} ms | ${f(r.ratios.fullVsMarkdownlint, 2)}× | ${f(100 * r.ratios.relintVsMarkdownlint)}% | ${f(r.lspRoundTripMs)} ms | ${f(r.serverStartToFirstDiagnosticsMs, 0)} ms | ${f(r.serverPeakMb, 0)} MB |`,
  ),
].join('\n');
const targetTable = [
  '| target | measured | met |',
  '|---|---:|:---:|',
  ...targets.map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'yes' : '**no**'} |`),
].join('\n');
const md = `# Benchmark

Generated by \`npm run bench\` (${meta.date.slice(0, 10)}, Node ${meta.node}, ${meta.cpus} CPUs, load average ${meta.loadavg}).
Documents are generated postmortems (front matter, timeline lists per day, factor prose with and without
blameful phrasing, code blocks, an action-item table). Times are medians of repeated runs in one process;
markdownlint 0.38 (default rules) and alex 11 run on the same documents in the same run (markdownlint's runs
alternate with our full lints), so the ratios hold on a busy machine even when the absolute times do not.
"Full lint" is parse + model + every rule with every content memo cleared; "re-lint" is the incremental engine after a one-character edit in the middle; the LSP columns go
through \`node dist/server.js --stdio\` (didChange, then a diagnostic pull; the first ${WARMUP_EDITS} edits warm up and are not
counted). Memory (2,000 lines): a server started with \`--expose-gc\` takes 500 one-character edits in the middle of the
document, a pull after each; the heap is read after a forced collection (the \`postmortemLint/serverStatus\` request)
after the first 10 and after all 500, and the resident set at the end. Workspace: "Lint All Postmortems" over
${WORKSPACE_DOCS} generated postmortems of ~200 lines, and again of ${realLines} lines (the mean of the real postmortems in the
test corpus), while a 2,000-line document in the same server is edited every ~50 ms. Report: \`postmortem-lint report\`
over ${REPORT_DOCS.toLocaleString('en-US')} generated postmortems of ${realLines} lines, as its own process. .vsix: ${(vsixBytes / 1e6).toFixed(2)} MB.

<!-- bench:table:start -->
${table}
<!-- bench:table:end -->

${targetTable}
`;
// hand-written notes below the marker survive a re-run
const benchMdPath = path.join(root, 'docs', 'bench.md');
const NOTES = '<!-- bench:notes -->';
const previous = fs.existsSync(benchMdPath) ? fs.readFileSync(benchMdPath, 'utf8') : '';
const notes = previous.includes(NOTES) ? previous.slice(previous.indexOf(NOTES)) : '';
fs.writeFileSync(benchMdPath, notes ? `${md}\n${notes}` : md);
// README: replace the embedded table when the README carries the markers
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const re = /(<!-- bench:table:start -->)[\s\S]*?(<!-- bench:table:end -->)/;
if (re.test(readme)) fs.writeFileSync(readmePath, readme.replace(re, `$1\n${table}\n$2`));
console.log(`${table}\n\n${targetTable}`);
