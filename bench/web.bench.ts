/**
 * Web benchmark (`npm run bench:web`): (a) the production bundle's initial JavaScript,
 * gzipped; then, with 1,000,000 × BENCH_SCALE generated person records imported (runImport)
 * into a fresh PGlite store (or a fresh schema on DATABASE_URL when set) behind the real
 * server (buildApp), in headless Chromium: (b) time to interactive of the home and search
 * pages and (c) search results rendered after typing stops, next to the same searches
 * timed against the API directly.
 *
 * Ends with one JSON line: {"bench":"web","scale":…,"results":{…}}.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { totpCode } from '../src/auth/totp.ts';
import { DEMO_PASSWORD, demoTotpSecret } from '../src/demo/demo-cast.ts';
import { ensureDemoData } from '../src/demo/demo.ts';
import { generateEntities, type GeneratedEntity } from '../src/demo/generator/index.ts';
import { writeFtmLines } from '../src/demo/generator/write.ts';
import { systemActor } from '../src/kernel/access/actor.ts';
import { loadConfig } from '../src/kernel/config.ts';
import { migrate } from '../src/kernel/store/migrate.ts';
import { PgliteStore } from '../src/kernel/store/pglite-store.ts';
import { PostgresStore } from '../src/kernel/store/postgres-store.ts';
import type { Store } from '../src/kernel/store/store.ts';
import { NameIndexSync } from '../src/kernel/index/index-sync.ts';
import { buildApp } from '../src/server/app.ts';
import { runImport } from '../src/transfer/index.ts';
import { initialJs } from './lib/bundle.ts';
import { readBenchEnv, scaled } from './lib/env.ts';
import { formatNumber, printJsonResult, printTable, ratio, round, verdict } from './lib/report.ts';
import { median, quantile } from './lib/stats.ts';

const TARGETS = { initialJsGzipKb: 300, searchRenderMs: 300 };
const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '..');
const TTI_RUNS = 5;
/** A page or request slower than this is recorded as timed out (∞) and not repeated. */
const TIMEOUT_MS = 90_000;
const QUERIES = 20;
/** The search page once its results (or its count of none) are shown. */
const SEARCH_DONE = 'section[aria-busy="false"] table tbody tr, section[aria-busy="false"] [data-testid="result-count"]:not(:empty)';

const { scale, explicitDatabaseUrl } = readBenchEnv();
const count = scaled(1_000_000, scale);
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-web-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

function buildBundle() {
  log('Building the web app (npm run web:build) …');
  execFileSync('npm', ['run', 'web:build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  return initialJs(path.join(ROOT, 'web/dist'));
}

async function openStore(): Promise<{ store: Store; kind: string; drop: () => Promise<void> }> {
  if (!explicitDatabaseUrl) {
    const store = await PgliteStore.open(path.join(workDir, 'pglite'));
    await migrate(store);
    return { store, kind: 'PGlite', drop: async () => {} };
  }
  const schema = `bench_web_${randomBytes(4).toString('hex')}`;
  const admin = await PostgresStore.open(explicitDatabaseUrl, { maxConnections: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const store = await PostgresStore.open(explicitDatabaseUrl, { searchPath: `${schema},public`, maxConnections: 8 });
  await migrate(store);
  return { store, kind: 'PostgreSQL', drop: async () => { await admin.exec(`DROP SCHEMA ${schema} CASCADE`); await admin.close(); } };
}

/** Generates the persons into an FtM file (keeping ~20 names spread over the data), then imports them. */
async function loadRecords(store: Store): Promise<{ names: string[]; imported: number; seconds: number }> {
  const file = path.join(workDir, 'persons.ftm.jsonl');
  const every = Math.max(1, Math.floor(count / QUERIES));
  const names: string[] = [];
  function* sampled(): Generator<GeneratedEntity> {
    let i = 0;
    for (const generated of generateEntities({ seed: 'bench-web', count, kind: 'persons' })) {
      const name = generated.entity.properties.name?.[0];
      if (i % every === 0 && name && names.length < QUERIES) names.push(name);
      i += 1;
      yield generated;
    }
  }
  log(`Generating ${count.toLocaleString('en')} person records …`);
  const out = fs.createWriteStream(file);
  await writeFtmLines(sampled(), out);
  await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject));
  log('Importing them (runImport) …');
  const started = performance.now();
  const report = await runImport(store, systemActor('ncb-fr', 'ncb'), {
    file, format: 'ftm', dataset: 'bench-web',
    defaults: { crimeArea: 'fugitive', restriction: { mode: 'everyone', orgs: [] }, handling: { code: 'H0' }, evaluation: { source: 'B', information: 2 } },
  });
  return { names, imported: report.imported, seconds: (performance.now() - started) / 1000 };
}

async function signInApi(baseUrl: string, username: string, post: (url: string, body: unknown) => Promise<unknown>): Promise<unknown> {
  const { challenge } = (await post(`${baseUrl}/api/auth/login`, { username, password: DEMO_PASSWORD })) as { challenge: string };
  return post(`${baseUrl}/api/auth/totp`, { challenge, code: totpCode(demoTotpSecret(username)) });
}

/**
 * The page's globals, as functions that Playwright runs in the page see them (inline casts: the
 * functions are sent as source text). The bench is compiled without DOM types, and the app's
 * CSP forbids the eval that string predicates would need.
 */
type InPage = { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } };

/** Navigation start → the predicate holds (checked every frame), in the page's own clock. */
async function timeToInteractive(context: BrowserContext, url: string, ready: string): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page.waitForFunction((selector) => ((globalThis as unknown as InPage).document.querySelector(selector) ? performance.now() : null), ready, { polling: 'raf', timeout: TIMEOUT_MS });
    return (await handle.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** Types the query into the search box; from the debounced request's start to the results shown. */
async function searchRender(page: Page, name: string): Promise<number> {
  await page.evaluate('performance.clearResourceTimings()');
  await page.getByRole('searchbox').fill(name);
  const handle = await page.waitForFunction((q) => {
    const request = performance.getEntriesByType('resource').find((e) => e.name.includes('/api/records?') && new URL(e.name).searchParams.get('q') === q);
    const section = (globalThis as unknown as InPage).document.querySelector('section[aria-busy]');
    return request && section?.getAttribute('aria-busy') === 'false' ? performance.now() - request.startTime : null;
  }, name, { polling: 'raf', timeout: TIMEOUT_MS });
  return (await handle.jsonValue()) as number;
}

/** Runs `measure` up to `runs` times; a timeout is recorded as ∞ and stops the repetitions. */
async function repeated(what: string, runs: number, measure: (i: number) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    try {
      times.push(await measure(i));
    } catch (error) {
      if (!(error instanceof Error && error.name === 'TimeoutError')) throw error;
      log(`  ${what}: timed out after ${TIMEOUT_MS / 1000} s; not repeated`);
      times.push(Number.POSITIVE_INFINITY);
      break;
    }
  }
  log(`  ${what}: ${times.map((t) => formatNumber(t)).join(', ')} ms`);
  return times;
}

async function measureBrowser(baseUrl: string, names: string[]) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'] });
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const post = async (url: string, data: unknown) => (await context.request.post(url, { data })).json() as Promise<unknown>;
    await signInApi(baseUrl, 'fr.officer', post);
    log('Measuring time to interactive (home, search) …');
    const home = await repeated('home TTI', TTI_RUNS, () => timeToInteractive(context, '/', 'main table tbody tr'));
    const search = await repeated('search TTI', TTI_RUNS, (i) => timeToInteractive(context, `/records?q=${encodeURIComponent(names[i % names.length] ?? '')}`, SEARCH_DONE));
    log(`Measuring search rendering over ${names.length} queries …`);
    const page = await context.newPage();
    await page.goto('/records');
    await page.getByRole('searchbox').waitFor();
    const renders = await repeated('search rendered', names.length, (i) => searchRender(page, names[i] ?? ''));
    log(`Measuring fuzzy search rendering over ${names.length} misspelt queries …`);
    await page.locator('input[name="fuzzy"]').check();
    const fuzzyRenders = await repeated('fuzzy search rendered', names.length, (i) => searchRender(page, misspell(names[i] ?? '')));
    return { home, search, renders, fuzzyRenders };
  } finally {
    await browser.close();
  }
}

/** One typing error: the two letters in the middle of the name swapped ('Riviere' → 'Riviree'). */
function misspell(name: string): string {
  const letters = [...name];
  const i = Math.max(1, Math.floor(letters.length / 2) - 1);
  [letters[i], letters[i + 1]] = [letters[i + 1] ?? '', letters[i] ?? ''];
  return letters.join('');
}

async function measureApi(baseUrl: string, names: string[]): Promise<{ search: number[]; fuzzy: number[]; home: number[] }> {
  const post = async (url: string, body: unknown) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  const { token } = (await signInApi(baseUrl, 'fr.supervisor', post)) as { token: string };
  const notFound: string[] = [];
  const timed = async (query: string) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/records?${query}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json()) as { total?: number };
    const elapsed = performance.now() - started;
    if (!body.total) notFound.push(decodeURIComponent(query));
    return elapsed;
  };
  log('Measuring the same requests against the API …');
  // The home page's request: the organisation's ten most recent records.
  const home = await repeated('API home request', TTI_RUNS, () => timed('ownerOrg=ncb-fr&limit=10'));
  const search = await repeated('API search', names.length, (i) => timed(`q=${encodeURIComponent(names[i] ?? '')}`));
  const fuzzy = await repeated('API fuzzy search', names.length, (i) => timed(`fuzzy=true&q=${encodeURIComponent(misspell(names[i] ?? ''))}`));
  if (notFound.length > 0) log(`  found nothing for: ${notFound.join(' | ')}`);
  return { search, fuzzy, home };
}

async function main(): Promise<void> {
  const bundle = buildBundle();
  const { store, kind, drop } = await openStore();
  const config = loadConfig({ PASSERELLE_DATA: path.join(workDir, 'unused'), LOG_LEVEL: 'silent', PASSERELLE_RATE_LIMIT_PER_MINUTE: '1000000', PASSERELLE_SIGNIN_RATE_LIMIT_PER_MINUTE: '1000' });
  await ensureDemoData(store, config, { log: () => {} });
  const loaded = await loadRecords(store);
  log(`Imported ${formatNumber(loaded.imported)} records in ${loaded.seconds.toFixed(1)} s (not counted).`);
  // As `passerelle serve` does at start: the name index (fuzzy search) is built before the pages are used.
  const nameIndex = new NameIndexSync(store);
  const memoryBefore = process.memoryUsage();
  const building = performance.now();
  await nameIndex.catchUp();
  const seconds = (performance.now() - building) / 1000;
  const stats = await nameIndex.index.stats();
  const index = {
    seconds,
    entries: stats.entries,
    mib: stats.bytes / 2 ** 20,
    rssMiB: (process.memoryUsage().rss - memoryBefore.rss) / 2 ** 20,
  };
  log(`Name index: ${formatNumber(index.entries)} entries in ${index.seconds.toFixed(1)} s, ${formatNumber(index.mib)} MiB of arrays (RSS +${formatNumber(index.rssMiB)} MiB).`);
  const app = await buildApp({ config, store, nameIndex }, { logger: false });
  try {
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await measureBrowser(baseUrl, loaded.names);
    const apiTimes = await measureApi(baseUrl, loaded.names);
    report(bundle, kind, loaded.imported, browser, apiTimes, index);
  } finally {
    await app.close();
    await store.close();
    await drop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

interface IndexBuild {
  seconds: number;
  entries: number;
  mib: number;
  rssMiB: number;
}

function report(bundle: ReturnType<typeof initialJs>, kind: string, imported: number, browser: { home: number[]; search: number[]; renders: number[]; fuzzyRenders: number[] }, api: { search: number[]; fuzzy: number[]; home: number[] }, index: IndexBuild): void {
  const fuzzyP95 = quantile(browser.fuzzyRenders, 0.95);
  const apiFuzzyP95 = quantile(api.fuzzy, 0.95);
  const p50 = quantile(browser.renders, 0.5);
  const p95 = quantile(browser.renders, 0.95);
  const apiP50 = quantile(api.search, 0.5);
  const apiP95 = quantile(api.search, 0.95);
  console.log('');
  console.log(`Web benchmark — ${formatNumber(imported)} generated person records (BENCH_SCALE=${scale}) in ${kind}, headless Chromium, Node ${process.version}, ${os.cpus().length} CPU`);
  console.log(`Initial JS: ${bundle.files.join(', ')} — ${formatNumber(bundle.rawKb)} KB raw.`);
  console.log('');
  printTable(
    ['', 'web app', 'API direct', 'web/API', 'target', 'web app'],
    [
      ['initial JS, gzip -9 (KB)', formatNumber(bundle.gzipKb, 1), '', '', `≤ ${TARGETS.initialJsGzipKb}`, verdict(bundle.gzipKb, { max: TARGETS.initialJsGzipKb + 1e-9 })],
      [`home TTI, median of ${browser.home.length} (ms)`, formatNumber(median(browser.home)), formatNumber(median(api.home)), ratio(median(browser.home), median(api.home)), '', ''],
      [`search TTI, median of ${browser.search.length} (ms)`, formatNumber(median(browser.search)), '', '', '', ''],
      [`search rendered p50, ${browser.renders.length} queries (ms)`, formatNumber(p50), formatNumber(apiP50), ratio(p50, apiP50), '', ''],
      [`search rendered p95, ${browser.renders.length} queries (ms)`, formatNumber(p95), formatNumber(apiP95), ratio(p95, apiP95), `≤ ${TARGETS.searchRenderMs}`, verdict(p95, { max: TARGETS.searchRenderMs + 1e-9 })],
      ['name index build at start (s)', formatNumber(index.seconds, 1), '', '', '', ''],
      ['name index arrays / process RSS growth (MiB)', formatNumber(index.mib), formatNumber(index.rssMiB), '', '', ''],
      [`fuzzy search rendered p95, ${browser.fuzzyRenders.length} misspelt (ms)`, formatNumber(fuzzyP95), formatNumber(apiFuzzyP95), ratio(fuzzyP95, apiFuzzyP95), `≤ ${TARGETS.searchRenderMs}`, verdict(fuzzyP95, { max: TARGETS.searchRenderMs + 1e-9 })],
    ],
  );
  console.log('');
  console.log('TTI: navigation start → the page\'s table of records shown (warm HTTP cache, signed in). Search rendered: the debounced');
  console.log('request\'s start → results shown (checked every frame). API direct: the page\'s GET /api/records request, round trip from Node on localhost.');
  console.log(`– means timed out (over ${TIMEOUT_MS / 1000} s) or not measured.`);
  printJsonResult({
    bench: 'web',
    scale,
    results: {
      initial_js_gzip_kb: round(bundle.gzipKb),
      home_tti_ms: round(median(browser.home), 0),
      search_tti_ms: round(median(browser.search), 0),
      search_render_p50_ms: round(p50, 0),
      search_render_p95_ms: round(p95, 0),
      api_search_p95_ms: round(apiP95, 0),
      fuzzy_search_render_p95_ms: round(fuzzyP95, 0),
      api_fuzzy_search_p95_ms: round(apiFuzzyP95, 0),
      name_index_build_s: round(index.seconds),
      name_index_mib: round(index.mib),
      name_index_rss_growth_mib: round(index.rssMiB),
      records: imported,
    },
  });
}

await main();
