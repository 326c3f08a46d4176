// The view against the REAL command line: `deploy-train run --serve 0` with a deploy that fails once,
// the page shows the failed cell and the question, a click on Retry lands in the ledger through the
// CLI's approval endpoint, and the live runner continues to the end; then `deploy-train serve` shows
// the finished train from the same state folder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, domStatusCounts, launchBrowser, openPage, screenshot, waitForTrainStatus } from '../lib/harness.mjs';

const JAR = join(REPO, 'cli/target/deploy-train.jar');
const TRAIN = 'serve-svc-3.1.0-1';

/** A fleet of three environments x three zones whose deploy of cell-01/b fails the first time. */
function writeTrain(dir) {
  const envs = ['staging', 'shadow', 'primary'].map((tier, i) => `  - name: cell-0${i}\n    provider: aws\n`
    + `    region: region-${i}\n    zones: [a, b, c]\n    tier: ${tier}\n`).join('');
  writeFileSync(join(dir, 'fleet.yaml'), `timezone: UTC\nenvironments:\n${envs}`);
  writeFileSync(join(dir, 'train.yaml'), 'service: serve-svc\nversion: 3.1.0\nfleet: fleet.yaml\nbake: 20m\n'
    + 'soakAfterZone: 1m\nsoakAfterEnvironment: 2m\nzoneDeployEstimate: 1m\n');
  const script = join(dir, 'deploy.sh');
  writeFileSync(script, `#!/bin/sh
echo "deploying $TRAIN_TARGET attempt $TRAIN_ATTEMPT"
if [ "$TRAIN_TARGET" = cell-01/b ] && [ "$TRAIN_ATTEMPT" = 1 ]; then echo "health check timed out"; exit 7; fi
`);
  chmodSync(script, 0o755);
  return script;
}

/**
 * A fleet of three environments x three zones with one Prometheus gate whose Prometheus never answers
 * (a port just closed), so the first target's gate fails and the train waits with proceed among the choices.
 */
async function writeGatedTrain(dir) {
  const script = writeTrain(dir);
  writeFileSync(join(dir, 'train.yaml'), 'service: gated-svc\nversion: 3.2.0\nfleet: fleet.yaml\nbake: 20m\n'
    + 'soakAfterZone: 1m\nsoakAfterEnvironment: 2m\nzoneDeployEstimate: 1m\ngates:\n  default:\n    - name: error-ratio\n'
    + '      prometheus:\n        query: \'deploy_error_ratio{environment="${TRAIN_ENVIRONMENT}"} > 0.05\'\n');
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  return { script, prometheus: `http://127.0.0.1:${port}` };
}

/** Starts the CLI; resolves with the URL it prints once it serves, and a promise of its exit code. */
function startCli(args) {
  const child = spawn('java', ['-jar', JAR, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c) => { out += c; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the CLI did not start serving: ${err}`)), 60000);
    child.stderr.on('data', (c) => {
      err += c;
      const m = /serving the train view (?:of \S+ )?on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
      if (m) {
        clearTimeout(timeout);
        resolve(m[1]);
      }
    });
    exited.then((code) => reject(new Error(`the CLI exited with ${code}: ${err}`)));
  });
  return { child, url, exited, output: () => ({ out, err }) };
}

/** The ETA fact: its label and whether it shows a time (not "unknown"). */
function etaFact(page) {
  return page.$eval('.dt-fact--eta', (f) => ({ label: f.querySelector('dt').textContent, hasTime: !!f.querySelector('dd time') }));
}

// The ledger as its store reads it (the snapshot and the journal of transitions since), never the snapshot file alone.
function ledger(state) {
  return JSON.parse(execFileSync('java', ['-jar', JAR, 'status', '--state', state, '--format', 'json'], { encoding: 'utf8' }));
}

describe('train view on the real CLI server', () => {
  let browser;
  let dir;

  before(async () => {
    if (!existsSync(JAR)) throw new Error(`${JAR} is missing: run ui-tests/run.sh, which builds it`);
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'deploy-train-serve-'));
  });

  after(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the failed cell, records a Retry click in the ledger, and the live run continues to the end', async () => {
    const script = writeTrain(dir);
    const state = join(dir, 'state');
    const run = startCli(['run', '--train', join(dir, 'train.yaml'), '--state', state, '--deploy-command', script,
      '--serve', '0', '--time-scale', '1000', '--start', '2026-11-30T08:00:00Z', '--by', 'alice']);
    try {
      const p = await openPage(browser, await run.url);
      await waitForTrainStatus(p, 'awaiting-approval', 30000);
      const failed = p.locator('.dt-cell[data-target="cell-01/b"]');
      assert.equal(await failed.getAttribute('data-status'), 'failed');
      assert.match(await failed.textContent(), /Failed/);
      assert.match(await p.textContent('.dt-approval-reason'), /deploy of cell-01\/b failed \(attempt 1: exit code 7/);
      assert.deepEqual(await p.$$eval('.dt-approval button', (bs) => bs.map((b) => b.dataset.action)),
        ['retry', 'skip', 'mark-succeeded', 'abort']);
      assert.deepEqual(await domStatusCounts(p), { succeeded: 4, failed: 1, pending: 4 });
      assert.deepEqual(await etaFact(p), { label: 'ETA if approved now', hasTime: true });
      await failed.focus();
      await screenshot(p, 'cli-serve-awaiting-retry');

      await p.getByLabel('Reason (optional, kept in the audit log)').fill('health check flaked; INC-7');
      await p.getByRole('button', { name: 'Retry', exact: true }).click();
      await p.waitForFunction(() => /Sent "retry"/.test(document.querySelector('.dt-approval-result').textContent));

      assert.equal(await run.exited, 0, run.output().err);
      assert.match(run.output().out, new RegExp(`train ${TRAIN} completed`));
      const train = ledger(state).trains.find((t) => t.id === TRAIN);
      assert.equal(train.status, 'succeeded');
      assert.deepEqual(train.approvals.map(({ target, action, by, reason }) => ({ target, action, by, reason })),
        [{ target: 'cell-01/b', action: 'retry', by: 'alice', reason: 'health check flaked; INC-7' }]);
      const retried = train.targets.find((t) => t.id === 'cell-01/b');
      assert.deepEqual(retried.attempts.map((a) => a.outcome), ['failed', 'succeeded']);
      assert.deepEqual(p.problems, []);
      await p.context().close();
    } finally {
      run.child.kill();
    }

    const serve = startCli(['serve', '--state', state, '--port', '0']);
    try {
      const p = await openPage(browser, await serve.url);
      await waitForTrainStatus(p, 'succeeded', 30000);
      assert.deepEqual(await domStatusCounts(p), { succeeded: 9 });
      assert.equal(await p.locator('.dt-approval button').count(), 0, 'a finished train asks nothing');
      assert.deepEqual(await etaFact(p), { label: 'Completed', hasTime: true });
      assert.equal(await p.getAttribute('.dt-fact--eta time', 'datetime'), new Date(ledger(state).trains
        .find((t) => t.id === TRAIN).finished).toISOString(), 'the completion time, not an ETA after it');
      await screenshot(p, 'cli-serve-completed');
      assert.deepEqual(p.problems, []);
      await p.context().close();
    } finally {
      serve.child.kill();
      await serve.exited;
    }
  });

  it('proceeds past a failed gate with a 1 h silence chosen on the page: the ledger keeps silenceFor', async () => {
    const gated = join(dir, 'gated');
    mkdirSync(gated);
    const { script, prometheus } = await writeGatedTrain(gated);
    const state = join(gated, 'state');
    const run = startCli(['run', '--train', join(gated, 'train.yaml'), '--state', state, '--deploy-command', script,
      '--prometheus', prometheus, '--serve', '0', '--time-scale', '1000', '--start', '2026-11-30T08:00:00Z', '--by', 'alice']);
    try {
      const p = await openPage(browser, await run.url);
      await waitForTrainStatus(p, 'awaiting-approval', 30000);
      assert.equal(await p.locator('.dt-cell[data-target="cell-00/a"]').getAttribute('data-status'), 'paused');
      assert.match(await p.textContent('.dt-approval-reason'), /gate failed on cell-00\/a/);
      const silence = p.getByLabel('and silence error-ratio for');
      assert.deepEqual(await silence.evaluate((s) => [...s.options].map((o) => o.textContent)),
        ['no silence', '30 min', '1 h', '2 h', '4 h']);
      await silence.selectOption('PT1H');
      await screenshot(p, 'cli-serve-proceed-silence');
      await p.getByRole('button', { name: 'Proceed', exact: true }).click();
      await p.waitForFunction(() => /Sent "proceed" with a silence of 1 h/.test(document.querySelector('.dt-approval-result').textContent));

      const train = ledger(state).trains.find((t) => t.id === 'gated-svc-3.2.0-1');
      assert.deepEqual(train.approvals.map(({ target, action, by, silenceFor }) => ({ target, action, by, silenceFor })),
        [{ target: 'cell-00/a', action: 'proceed', by: 'alice', silenceFor: 'PT1H' }]);
      assert.ok(train.audit.some((a) => a.what === 'silence-intent' && /^error-ratio for 1h/.test(a.why)),
        'the intent to silence the failed gate is written with the approval');
      assert.deepEqual(p.problems, []);
      await p.context().close();
    } finally {
      run.child.kill();
      await run.exited;
    }
  });
  it('keeps a page watching a running train up to date with deltas: it ends as a fresh page shows the train', async () => {
    const watched = join(dir, 'watched');
    mkdirSync(watched);
    const script = writeTrain(watched);
    writeFileSync(script, '#!/bin/sh\necho "deploying $TRAIN_TARGET"\n');
    const state = join(watched, 'state');
    // the train runs about 20 s (the primary's 20 min bake at 100x): several of the page's 3 s polls see it move
    const run = spawn('java', ['-jar', JAR, 'run', '--train', join(watched, 'train.yaml'), '--state', state,
      '--deploy-command', script, '--time-scale', '100', '--start', '2026-11-30T08:00:00Z', '--by', 'alice'],
    { stdio: 'ignore' });
    const runExited = new Promise((resolve) => run.on('exit', resolve));
    const started = Date.now();
    while (!existsSync(join(state, 'ledger.json'))) {
      if (Date.now() - started > 60000) throw new Error('the run wrote no ledger within a minute');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const serve = startCli(['serve', '--state', state, '--port', '0']);
    try {
      const p = await openPage(browser, await serve.url);
      const polls = [];
      p.on('response', (r) => {
        if (r.url().includes('/api/view')) {
          polls.push((r.status() === 200 ? r.json() : Promise.resolve(null))
            .then((body) => ({ url: r.url(), status: r.status(), body })));
        }
      });
      assert.equal(await runExited, 0);
      await waitForTrainStatus(p, 'succeeded', 30000);
      const answers = await Promise.all(polls);
      const deltas = answers.filter((a) => a.status === 200 && a.body.delta);
      assert.ok(deltas.length > 0, `no delta among ${answers.map((a) => `${a.status} ${a.url}`).join(', ')}`);
      // a delta at the page's own revision is legitimate: the plan (planned again each minute of the run's clock) or
      // the open question changed while the ledger did not
      assert.ok(deltas.every((d) => /[?&]since=\d+/.test(d.url) && d.body.revision >= d.body.delta.since));
      assert.ok(deltas.some((d) => d.body['ledger-train'].targets.length < 9), 'a delta carries only the changed targets');
      assert.deepEqual(await domStatusCounts(p), { succeeded: 9 });

      const fresh = await openPage(browser, await serve.url);
      await waitForTrainStatus(fresh, 'succeeded', 30000);
      const cells = (page) => page.$$eval('.dt-cell[data-target]',
        (all) => all.map((c) => `${c.dataset.target} ${c.dataset.status} ${c.textContent}`));
      assert.deepEqual(await cells(p), await cells(fresh));
      assert.deepEqual(p.problems, []);
      await p.context().close();
      await fresh.context().close();
    } finally {
      run.kill();
      serve.child.kill();
      await serve.exited;
    }
  });

  it('the README\'s example train: environment names are not cut, the ETA while asked is the one if approved now', async () => {
    const example = join(dir, 'example');
    mkdirSync(example);
    const script = join(example, 'deploy.sh');
    writeFileSync(script, '#!/bin/sh\n[ "$TRAIN_ATTEMPT" = 1 ] && exit 3\nexit 0\n');
    chmodSync(script, 0o755);
    const run = startCli(['run', '--train', join(REPO, 'examples/train.yaml'), '--state', join(example, 'state'),
      '--deploy-command', script, '--serve', '0', '--time-scale', '100000', '--start', '2026-11-30T08:00:00Z']);
    try {
      const p = await openPage(browser, await run.url);
      await waitForTrainStatus(p, 'awaiting-approval', 30000);
      assert.deepEqual(await etaFact(p), { label: 'ETA if approved now', hasTime: true });
      const cut = await p.$$eval('.dt-env', (heads) => heads.filter((h) => h.scrollWidth > h.clientWidth)
        .map((h) => h.querySelector('.dt-env-name').textContent));
      assert.deepEqual(cut, [], 'every environment name of the example fleet is shown whole');
      const names = await p.locator('.dt-env-name').allTextContents();
      assert.ok(names.includes('dedicated-globex-gcp-us-east4') && names.includes('staging-aws-us-east-1'), names.join(', '));
      await screenshot(p, 'cli-serve-example-names');
      assert.deepEqual(p.problems, []);
      await p.context().close();
    } finally {
      run.child.kill();
      await run.exited;
    }
  });
});
