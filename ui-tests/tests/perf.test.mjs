// Render and update timings of the view in Chromium: 500 environments x 3 zones against the
// 24-environment train, measured in the same browser in the same run, reported as a ratio and
// written to ui-tests/target/perf.json. A timed harness, not a benchmark: see bench/ui-render.md.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { fixture, launchBrowser, openPage, screenshot, startServer, TARGET, waitForTrainStatus } from '../lib/harness.mjs';

const WARMUP = 2;
const RUNS = 15;
// A task longer than this is a "long task" to the browser (Long Tasks API): the page stops responding.
const LONG_TASK_MS = 50;

let server;
let browser;

before(async () => {
  server = await startServer('train-24-done'); // the mounted live view stops at once: it must not compete
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * In the page. Render: for each run a fresh view renders the first document (JSON.parse + apply,
 * then forced style and layout). Update: one long-lived view, as a watched page is, takes polls that
 * alternate between the two documents (each differs in two cells and the header). Medians over RUNS.
 */
async function measure(page, first, next) {
  return page.evaluate(async ({ firstText, nextText, warmup, runs }) => {
    const { createTrainView } = await import('./train-view.js');
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const round = (x) => Math.round(x * 100) / 100;
    const samples = { parse: [], render: [], renderLayout: [], update: [], updateLayout: [], applyLayout: [], applyOnly: [] };
    let cells = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const host = document.createElement('div');
      document.body.append(host);
      const view = createTrainView(host);
      const t0 = performance.now();
      view.apply(JSON.parse(firstText));
      const t1 = performance.now();
      void document.body.offsetHeight; // force style and layout, the part of a frame the DOM size drives
      const t2 = performance.now();
      cells = host.querySelectorAll('.dt-cell[data-target]').length;
      host.remove();
      if (i >= warmup) {
        samples.render.push(t1 - t0);
        samples.renderLayout.push(t2 - t0);
      }
    }
    const host = document.createElement('div');
    document.body.append(host);
    const view = createTrainView(host);
    view.apply(JSON.parse(firstText));
    const touched = new Set();
    for (let i = 0; i < warmup + runs; i++) {
      const t0 = performance.now();
      const doc = JSON.parse(i % 2 === 0 ? nextText : firstText);
      const tParsed = performance.now();
      const result = view.apply(doc);
      const t1 = performance.now();
      void document.body.offsetHeight;
      const t2 = performance.now();
      touched.add(result.cellsUpdated);
      if (i >= warmup) {
        samples.parse.push(tParsed - t0);
        samples.update.push(t1 - t0);
        samples.updateLayout.push(t2 - t0);
        samples.applyLayout.push(t2 - tParsed);
      }
    }
    // The view's own cost per poll, without the parse's garbage: documents parsed beforehand.
    const docs = Array.from({ length: warmup + runs }, (_, i) => JSON.parse(i % 2 === 0 ? nextText : firstText));
    for (let i = 0; i < docs.length; i++) {
      const t0 = performance.now();
      view.apply(docs[i]);
      void document.body.offsetHeight;
      if (i >= warmup) samples.applyOnly.push(performance.now() - t0);
    }
    host.remove();
    return {
      cells, cellsUpdatedPerPoll: [...touched],
      medianMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))])),
      maxMs: Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(Math.max(...v))])),
    };
  }, { firstText: JSON.stringify(first), nextText: JSON.stringify(next), warmup: WARMUP, runs: RUNS });
}

it('renders and updates 500 x 3 zones, reported against 24 x 3', async () => {
  const page = await openPage(browser, server.url);
  await waitForTrainStatus(page, 'succeeded');
  const small = await measure(page, fixture('train-24-perf'), fixture('train-24-perf-next'));
  const large = await measure(page, fixture('train-500'), fixture('train-500-next'));
  assert.equal(small.cells, 72);
  assert.equal(large.cells, 1500);
  // One step finished and the next started: two cells per poll, in both trains.
  assert.deepEqual(small.cellsUpdatedPerPoll, [2]);
  assert.deepEqual(large.cellsUpdatedPerPoll, [2]);
  const ratio = (key) => Math.round((large.medianMs[key] / small.medianMs[key]) * 10) / 10;
  const report = {
    what: 'ms in headless Chromium (median and max over runs); render = JSON.parse + first apply on a fresh view; update = JSON.parse + apply of the next poll on a long-lived view; parse = the JSON.parse part of update; applyLayout = update without the parse; applyOnly = apply + layout of documents parsed beforehand (no parse garbage); *Layout adds the forced style and layout',
    runs: RUNS, warmup: WARMUP, chromium: browser.version(),
    envs24: small, envs500: large,
    ratio500to24: Object.fromEntries(Object.keys(large.medianMs).map((k) => [k, ratio(k)])),
  };
  mkdirSync(TARGET, { recursive: true });
  for (const key of Object.keys(large.medianMs)) {
    console.log(`ui perf ${key}: 24 envs ${small.medianMs[key]} ms, 500 envs ${large.medianMs[key]} ms, ratio ${report.ratio500to24[key]}x`);
  }
  // Keyed updates: a poll that changes two cells must cost a small part of rendering the train
  // afresh. Both are measured in the same run, so the ratio holds on a busy machine too.
  const updateToRender = large.medianMs.applyOnly / large.medianMs.renderLayout;
  report.updateToRender500 = Math.round(updateToRender * 1000) / 1000;
  report.longTaskMs = LONG_TASK_MS;
  report.update500UnderLongTask = large.medianMs.updateLayout < LONG_TASK_MS;
  writeFileSync(join(TARGET, 'perf.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`ui perf 500 envs: a poll costs ${report.updateToRender500} of a full render; `
    + `update with parse ${large.medianMs.updateLayout} ms (long task from ${LONG_TASK_MS} ms)`);
  assert.ok(updateToRender < 0.25, `a two-cell poll costs ${updateToRender} of a full render of 1500 cells`);
  assert.deepEqual(page.problems, []);

  await server.setStage('train-500');
  const live = await openPage(browser, server.url);
  await waitForTrainStatus(live, 'running', 20000);
  await screenshot(live, 'light-500', { fullPage: false });
  // Three weeks of train: past a week from its start a cell names the date, not just the weekday.
  const cellText = (id) => live.$eval(`.dt-cell[data-target="${id}"] .dt-time`, (t) => t.textContent);
  assert.equal(await cellText('cell-0001/us-east-1a'), 'Thu 09:05');
  assert.equal(await cellText(fixture('train-500')['ledger-train'].targets.at(-1).id), '\u2248 17 Dec, 04:40');
  assert.deepEqual(live.problems, []);
  await live.context().close();
  await page.context().close();
});
