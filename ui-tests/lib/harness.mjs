// Shared by the browser tests: starts the Java test server (engine test classes) and Debian's
// Chromium through playwright-core, and watches every page for CSP violations, script errors and
// dialogs, any of which fails the test that caused it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const UI_TESTS = join(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO = join(UI_TESTS, '..');
export const TARGET = join(UI_TESTS, 'target');
export const SCREENSHOTS = join(TARGET, 'screenshots');
const FIXTURES = join(REPO, 'engine/src/test/resources/io/jenkins/plugins/deploytrain/ui');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function fixture(name) {
  return JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
}

/** Counts of each target status in a fixture, the numbers the DOM must show. */
export function statusCounts(doc) {
  const counts = {};
  for (const t of doc['ledger-train'].targets) counts[t.status] = (counts[t.status] || 0) + 1;
  return counts;
}

/** Starts UiTestServer on an ephemeral 127.0.0.1 port; it exits when we close its stdin. */
export async function startServer(stage) {
  const dependencies = join(REPO, 'engine/target/ui-classpath.txt');
  if (!existsSync(dependencies)) throw new Error(`${dependencies} is missing: run ui-tests/run.sh, which builds it`);
  const classpath = [join(REPO, 'engine/target/classes'), join(REPO, 'engine/target/test-classes'),
    readFileSync(dependencies, 'utf8').trim()].join(':');
  const child = spawn('java', ['-cp', classpath, 'io.jenkins.plugins.deploytrain.ui.UiTestServer', stage],
    { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timeout = setTimeout(() => reject(new Error(`UiTestServer did not start: ${out}`)), 30000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timeout);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`UiTestServer exited with ${code} (run ui-tests/run.sh to build the engine test classes first): ${out}`)));
  });
  const call = async (method, path, body) => {
    const res = await fetch(new URL(path, url), { method, body });
    if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    url,
    setStage: (name) => call('POST', 'test/stage', name),
    failNext: (n) => call('POST', 'test/fail-next', String(n)),
    approvals: async () => (await call('GET', 'test/approvals')).map((a) => ({ ...a, body: JSON.parse(a.body) })),
    stats: () => call('GET', 'test/stats'),
    stop: () => new Promise((resolve) => {
      child.on('exit', resolve);
      child.stdin.end();
    }),
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A page that records CSP violations (event and console), uncaught errors and dialogs in
 * page.problems; tests assert it stays empty.
 */
export async function openPage(browser, url, { colorScheme = 'light', width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({
    viewport: { width, height }, colorScheme, timezoneId: 'UTC', locale: 'en-GB', reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    // A failed fetch (the fault-injection test's 503s) is logged by Chromium itself; anything else is ours.
    const expectedNetworkNoise = /^Failed to load resource/.test(msg.text());
    if ((msg.type() === 'error' && !expectedNetworkNoise) || /Content Security Policy/i.test(msg.text())) {
      problems.push(`console ${msg.type()}: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.exposeFunction('__reportCspViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  page.problems = problems;
  await page.goto(url);
  return page;
}

export async function screenshot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/** Waits until the view shows the given train status (set on the root element after each render). */
export async function waitForTrainStatus(page, status, timeout = 10000) {
  await page.waitForFunction((s) => document.querySelector('.dt-view')?.dataset.trainStatus === s, status, { timeout });
}

/** The number of grid cells in each status, read from the DOM. */
export function domStatusCounts(page) {
  return page.$$eval('.dt-cell[data-target]', (cells) => {
    const counts = {};
    for (const c of cells) counts[c.dataset.status] = (counts[c.dataset.status] || 0) + 1;
    return counts;
  });
}
