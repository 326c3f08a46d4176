// The train view in Debian's headless Chromium, served by the Java test server under a strict CSP.
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
  domStatusCounts, fixture, launchBrowser, openPage, screenshot, startServer, statusCounts, waitForTrainStatus,
} from '../lib/harness.mjs';

let server;
let browser;

before(async () => {
  server = await startServer('train-24-start');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// A failed test must not leave its page polling (and eating the next test's injected faults).
const open = new Set();
afterEach(async () => {
  for (const p of open) await p.context().close();
  open.clear();
});

async function page(stage, options = {}) {
  await server.setStage(stage);
  const p = await openPage(browser, server.url + (options.path || ''), options);
  open.add(p);
  await waitForTrainStatus(p, fixture(stage)['ledger-train'].status);
  return p;
}

async function close(p) {
  const problems = [...p.problems];
  open.delete(p);
  await p.context().close();
  assert.deepEqual(problems, [], 'no CSP violation, script error or dialog');
}

const cellStatus = (p, id) => p.$eval(`.dt-cell[data-target="${id}"]`, (c) => ({
  status: c.dataset.status, text: c.textContent, icon: c.querySelector('.dt-icon').textContent,
  label: c.querySelector('.dt-status-text').textContent, attempts: c.querySelector('.dt-attempts')?.textContent ?? null,
}));

describe('train view', () => {
  it('renders the first stage: groups, environments with tier badges, one cell per zone', async () => {
    const p = await page('train-24-start');
    const doc = fixture('train-24-start');
    assert.equal(await p.locator('.dt-env-row').count(), 24);
    assert.equal(await p.locator('.dt-cell[data-target]').count(), 72);
    assert.deepEqual(await domStatusCounts(p), statusCounts(doc));
    const groups = await p.locator('.dt-group-head').allTextContents();
    assert.equal(groups.length, 13);
    assert.equal(groups[0], 'aws \u00B7 us-east-1');
    const tiers = await p.locator('.dt-tier').allTextContents();
    assert.deepEqual(
      Object.fromEntries(['staging', 'shadow', 'primary', 'dedicated', 'production'].map((t) => [t, tiers.filter((x) => x === t).length])),
      { staging: 1, shadow: 1, primary: 1, dedicated: 2, production: 19 },
    );
    const first = await cellStatus(p, 'stg-use1/us-east-1a');
    assert.equal(first.status, 'deploying');
    assert.equal(first.icon, '\u25B6');
    assert.equal(first.label, 'Deploying');
    assert.match(first.text, /since Thu 09:00/);
    assert.match((await cellStatus(p, 'prod-jpe/japaneast-3')).text, /Pending.*japaneast-3.*\u2248 Fri 08:40/);
    assert.equal(await p.textContent('.dt-service'), 'payments-api');
    assert.equal(await p.textContent('.dt-version'), '2026.11.26-1');
    assert.equal(await p.textContent('.dt-progress-text'), '0 / 72 zones done');
    assert.match(await p.textContent('.dt-fact--eta dd'), /Fri 27 Nov, 09:00 UTC/);
    assert.equal(await p.isVisible('.dt-fact--window'), false);
    assert.equal(await p.getAttribute('.dt-slack-link', 'href'), doc.links.slackThread);
    assert.equal(await p.isVisible('.dt-approvals'), false);
    await screenshot(p, 'light-24-start');
    await close(p);
  });

  it('follows the train live: keyed updates, no reload, ETag revalidation', async () => {
    const p = await page('train-24-start');
    await p.evaluate(() => {
      window.__sameDocument = true;
      for (const cell of document.querySelectorAll('.dt-cell[data-target]')) cell.__original = true;
      window.__touched = new Set();
      new MutationObserver((records) => {
        for (const r of records) {
          const cell = (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest('.dt-cell[data-target]');
          if (cell) window.__touched.add(cell.dataset.target);
        }
      }).observe(document.querySelector('.dt-grid'), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    const before = await server.stats();
    await new Promise((r) => setTimeout(r, 4500));
    const idle = await server.stats();
    assert.ok(idle.notModified > before.notModified, `unchanged polls are answered 304 (${JSON.stringify(idle)})`);
    assert.deepEqual(await p.evaluate(() => [...window.__touched]), [], 'an unchanged document touches no cell');

    await server.setStage('train-24-bake');
    await waitForTrainStatus(p, 'running');
    await p.waitForFunction(() => document.querySelector('.dt-cell[data-target="prod-use1/us-east-1c"]')?.dataset.status === 'soaking');
    const start = fixture('train-24-start')['ledger-train'].targets;
    const bake = fixture('train-24-bake')['ledger-train'].targets;
    const changed = bake.filter((t, i) => JSON.stringify(t) !== JSON.stringify(start[i])).map((t) => t.id).sort();
    const touched = (await p.evaluate(() => [...window.__touched])).sort();
    assert.deepEqual(touched, changed, 'only the changed cells were touched');
    assert.equal(await p.evaluate(() => window.__sameDocument), true, 'no reload');
    assert.equal(await p.evaluate(() => [...document.querySelectorAll('.dt-cell[data-target]')].every((c) => c.__original)), true,
      'cells are updated in place, not rebuilt');
    assert.deepEqual(await domStatusCounts(p), statusCounts(fixture('train-24-bake')));
    assert.equal(await p.textContent('.dt-progress-text'), '8 / 72 zones done');
    const retried = await cellStatus(p, 'prod-use1/us-east-1b');
    assert.equal(retried.attempts, '\u00D72');
    const soaking = await cellStatus(p, 'prod-use1/us-east-1c');
    assert.equal(soaking.icon, '\u25D0');
    assert.match(soaking.text, /Soaking.*us-east-1c.*until Thu 13:55/);
    assert.equal((await cellStatus(p, 'acme-dedicated/us-east-1a')).status, 'pending');
    await close(p);
  });

  it('shows every stage with the fixture\'s counts of each status', async () => {
    for (const stage of ['train-24-verify', 'train-24-approval', 'train-24-dedicated', 'train-24-waiting', 'train-24-done', 'train-24-failed']) {
      const p = await page(stage);
      assert.deepEqual(await domStatusCounts(p), statusCounts(fixture(stage)), stage);
      const texts = await p.$$eval('.dt-cell[data-target]', (cells) => cells.map((c) => [c.dataset.status, c.querySelector('.dt-status-text').textContent, c.querySelector('.dt-icon').textContent]));
      for (const [status, label, icon] of texts) {
        assert.ok(label.length > 0 && icon.length > 0, `${stage}: ${status} has text and icon`);
      }
      await close(p);
    }
  });

  it('shows when the next deploy window opens while the train waits for it', async () => {
    const p = await page('train-24-waiting');
    assert.equal(await p.textContent('.dt-train-status'), 'Running');
    assert.equal(await p.isVisible('.dt-fact--window'), true);
    assert.equal(await p.textContent('.dt-fact--window dd'),
      'Fri 27 Nov, 07:00 UTC \u2014 deploy window "EU business hours" (Europe/Berlin, Mon-Fri 08:00-17:00) is closed');
    const next = p.locator('.dt-cell[data-status="pending"]').first();
    await next.hover();
    assert.match(await p.textContent('.dt-tip'), /Planned start: Fri 27 Nov, 07:00 UTC/);
    await screenshot(p, 'light-24-waiting');
    await close(p);
  });

  it('shows a failed train: its reason, the failed deploy and its attempts', async () => {
    const p = await page('train-24-failed');
    assert.equal(await p.textContent('.dt-train-status'), 'Failed');
    assert.equal(await p.textContent('.dt-train-reason'), 'aborted by bob at stg-use1/us-east-1c: helm upgrade keeps failing');
    const failed = await cellStatus(p, 'stg-use1/us-east-1c');
    assert.equal(failed.status, 'failed');
    assert.equal(failed.icon, '\u2717');
    assert.equal(failed.attempts, '\u00D73');
    await p.locator('.dt-cell[data-target="stg-use1/us-east-1c"]').hover();
    const tip = await p.textContent('.dt-tip');
    assert.match(tip, /Reason: helm upgrade exited 1: UPGRADE FAILED/);
    assert.match(tip, /Attempt 3 \(failed\)/);
    assert.equal(await p.isVisible('.dt-approvals'), false);
    await close(p);
  });

  it('asks for the approval a dedicated environment needs, with only the choices the train offers', async () => {
    const p = await page('train-24-dedicated');
    const cell = await cellStatus(p, 'globex-dedicated/eu-west-1a');
    assert.equal(cell.status, 'awaiting-approval');
    assert.equal(cell.icon, '\u2691');
    assert.equal(cell.label, 'Awaiting approval');
    assert.deepEqual(await p.$$eval('.dt-approval button', (bs) => bs.map((b) => b.dataset.action)), ['proceed', 'skip', 'abort']);
    assert.equal(await p.locator('.dt-silence-duration').count(), 0);
    assert.equal(await p.textContent('.dt-approval-meta'), 'globex-dedicated/eu-west-1a');
    await close(p);
  });

  it('lets the keyboard walk the grid and shows gate results on focus', async () => {
    const p = await page('train-24-approval');
    await p.locator('.dt-cell[data-target]').first().focus();
    assert.equal(await p.evaluate(() => document.activeElement.dataset.target), 'stg-use1/us-east-1a');
    assert.equal(await p.locator('.dt-cell[data-target][tabindex="0"]').count(), 1, 'one tab stop for the whole grid');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowDown');
    assert.equal(await p.evaluate(() => document.activeElement.dataset.target), 'shadow-use1/us-east-1b');
    const tip = await p.textContent('.dt-tip');
    assert.match(tip, /shadow-use1\/us-east-1b/);
    assert.match(tip, /pass error-rate \u2014 sum\(rate\(http_requests_total/);
    assert.equal(await p.getAttribute('.dt-cell[data-target="shadow-use1/us-east-1b"]', 'aria-describedby'), await p.getAttribute('.dt-tip', 'id'));
    await p.keyboard.press('Escape');
    assert.equal(await p.isVisible('.dt-tip'), false);
    const paused = fixture('train-24-approval')['ledger-train'].targets.find((t) => t.status === 'paused');
    await p.locator(`.dt-cell[data-target="${paused.id}"]`).focus();
    const gateTip = await p.textContent('.dt-tip');
    assert.match(gateTip, /Reason: gate error-rate failed on prod-usw2-b\/us-west-2c \(attempt 2\)/);
    assert.match(gateTip, /fail error-rate \(attempt 1\) \u2014 5xx ratio 1.70%/);
    assert.match(gateTip, /fail error-rate \(attempt 2\) \u2014 5xx ratio 2.30%/);
    assert.match(gateTip, /pending p99-latency/);
    await screenshot(p, 'light-24-approval-tooltip');
    await close(p);
  });

  it('posts the chosen approval to the host, a proceed past the failed gate with its silence duration', async () => {
    const p = await page('train-24-approval');
    const { awaiting } = fixture('train-24-approval');
    assert.deepEqual(await p.$$eval('.dt-approval button', (bs) => bs.map((b) => b.dataset.action)),
      ['proceed', 'retry', 'skip', 'mark-succeeded', 'abort']);
    assert.equal(await p.textContent('.dt-approval-reason'), awaiting.reason);
    assert.equal(await p.isVisible('.dt-train-reason'), false, 'the question already says why the train waits');
    const silence = p.getByLabel('and silence error-rate for');
    assert.deepEqual(await silence.evaluate((s) => [...s.options].map((o) => [o.value, o.textContent])),
      [['', 'no silence'], ['PT15M', '15 min'], ['PT1H', '1 h'], ['PT4H', '4 h'], ['PT24H', '24 h']]);
    assert.equal(await silence.inputValue(), '', 'no silence unless chosen');
    await p.locator('button[data-action="proceed"]').focus();
    await p.keyboard.press('Tab');
    assert.equal(await p.evaluate(() => document.activeElement.className), 'dt-silence-duration', 'the select follows Proceed');
    assert.equal(await p.textContent('.dt-train-status'), 'Awaiting approval');
    const before = (await server.approvals()).length;
    await p.getByLabel('Reason (optional, kept in the audit log)').fill('known noisy canary; INC-4411');
    await silence.selectOption('PT1H');
    await p.getByRole('button', { name: 'Proceed', exact: true }).click();
    await p.waitForFunction(() => /Sent "proceed" with a silence of 1 h/.test(document.querySelector('.dt-approval-result').textContent));
    const recorded = (await server.approvals()).slice(before);
    assert.deepEqual(recorded, [{
      body: {
        train: 'train-0042', target: awaiting.target, action: 'proceed', silenceFor: 'PT1H', reason: 'known noisy canary; INC-4411',
      },
      crumb: null,
    }]);
    assert.equal(await p.locator('.dt-approval button:disabled').count(), 5, 'one decision per question');
    assert.equal(await silence.isDisabled(), true);
    await screenshot(p, 'light-24-proceed-silence');
    await close(p);
  });

  it('asks for a second click before aborting, without a dialog', async () => {
    const p = await page('train-24-approval');
    const before = (await server.approvals()).length;
    const abort = p.locator('button[data-action="abort"]');
    await abort.click();
    assert.equal(await abort.textContent(), 'Confirm abort');
    assert.equal((await server.approvals()).length, before, 'the first click sends nothing');
    await abort.click();
    await p.waitForFunction(() => /Sent "abort"/.test(document.querySelector('.dt-approval-result').textContent));
    const recorded = (await server.approvals()).slice(before);
    assert.deepEqual(recorded.map((r) => r.body.action), ['abort']);
    await close(p);
  });

  it('shows no approval buttons to a viewer who may not approve', async () => {
    const p = await page('train-24-approval-readonly');
    assert.equal(await p.isVisible('.dt-approvals'), true);
    assert.equal(await p.locator('.dt-approval button').count(), 0);
    assert.match(await p.textContent('.dt-approval'), /You may not approve this train/);
    await close(p);
  });

  it('in a Jenkins-like page: dark theme, and the CSRF crumb goes with the approval', async () => {
    const p = await page('train-24-approval', { path: 'jenkins-shell.html' });
    const bg = await p.$eval('.dt-view', (v) => getComputedStyle(v).backgroundColor);
    assert.equal(bg, 'rgb(13, 17, 23)', 'data-theme="dark" on <html> selects the dark palette');
    const before = (await server.approvals()).length;
    await p.getByRole('button', { name: 'Proceed', exact: true }).click();
    await p.waitForFunction(() => /Sent "proceed"/.test(document.querySelector('.dt-approval-result').textContent));
    const recorded = (await server.approvals()).slice(before);
    assert.deepEqual(recorded, [{
      body: { train: 'train-0042', target: 'prod-usw2-b/us-west-2c', action: 'proceed' }, crumb: 'crumb-7f3a9c',
    }]);
    await p.locator('.dt-cell[data-status="paused"]').hover();
    await screenshot(p, 'dark-jenkins-24-approval');
    await close(p);
  });

  it('follows the operating system\'s dark preference on the plain page', async () => {
    const p = await page('train-24-verify', { colorScheme: 'dark' });
    const bg = await p.$eval('.dt-view', (v) => getComputedStyle(v).backgroundColor);
    assert.equal(bg, 'rgb(13, 17, 23)');
    await screenshot(p, 'dark-24-verify');
    await close(p);
  });

  it('renders a hostile train as text: no element, no script, no dialog, no javascript: link', async () => {
    const p = await page('train-hostile');
    const hostile = fixture('train-hostile');
    const doc = hostile['ledger-train'];
    assert.equal(await p.locator('img').count(), 0);
    assert.equal(await p.locator('svg').count(), 0);
    assert.equal(await p.locator('i').count(), 0);
    assert.equal(await p.locator('script').count(), 1, 'only the module script of the page');
    const names = await p.locator('.dt-env-name').allTextContents();
    assert.ok(names.includes('<img src=x onerror=alert(1)>'), 'the hostile name is shown verbatim');
    assert.equal(await p.textContent('.dt-service'), doc.service);
    assert.equal(await p.textContent('.dt-version'), doc.version);
    assert.ok((await p.locator('.dt-region').allTextContents()).includes('</td><script>alert(6)</script>'));
    assert.equal(await p.locator('a').count(), 0, 'the javascript: Slack link is not rendered');
    assert.equal(await p.textContent('.dt-fact--slack dd'), 'no thread');
    assert.equal(await p.textContent('.dt-approval-reason'), hostile.awaiting.reason);
    assert.equal(await p.textContent('.dt-train-reason'), '<b onmouseover=alert(3)>gate error-rate failed</b>');
    await p.locator('.dt-cell[data-status="paused"]').hover();
    assert.match(await p.textContent('.dt-tip'), /Reason: <img src=x onerror=alert\(7\)> gate failed/);
    assert.match(await p.textContent('.dt-tip'), /<svg onload=alert\(4\)> 5xx ratio/);
    assert.equal(await p.locator('b').count(), 0);
    await p.locator('.dt-cell[data-target^="<img"]').first().hover();
    assert.equal(await p.locator('img').count(), 0);
    await screenshot(p, 'light-hostile');
    await close(p);
  });

  it('says when live updates fail and recovers by itself', async () => {
    const p = await page('train-24-verify');
    await server.failNext(1);
    await p.waitForFunction(() => /Live updates interrupted \(HTTP 503\)/.test(document.querySelector('.dt-notice').textContent), null, { timeout: 10000 });
    await server.setStage('train-24-approval');
    await waitForTrainStatus(p, 'awaiting-approval', 15000);
    assert.equal(await p.isVisible('.dt-notice'), false);
    await close(p);
  });

  it('keeps the last good state when the host sends a document without a train', async () => {
    const p = await page('train-24-verify');
    await server.setStage('broken-view-model');
    await p.waitForFunction(() => /without a ledger-train/.test(document.querySelector('.dt-notice').textContent), null, { timeout: 10000 });
    assert.equal(await p.locator('.dt-cell[data-target]').count(), 72);
    assert.deepEqual(await domStatusCounts(p), statusCounts(fixture('train-24-verify')));
    await server.setStage('train-24-approval');
    await waitForTrainStatus(p, 'awaiting-approval', 15000);
    assert.equal(await p.isVisible('.dt-notice'), false);
    await close(p);
  });

  it('stops polling once the train is over', async () => {
    const p = await page('train-24-done');
    await p.waitForFunction(() => document.querySelector('.dt-view').dataset.live === 'stopped');
    assert.match(await p.textContent('.dt-notice'), /The train is over; live updates stopped/);
    const before = (await server.stats()).viewRequests;
    await new Promise((r) => setTimeout(r, 4500));
    assert.equal((await server.stats()).viewRequests, before, 'no request after the end');
    assert.equal(await p.textContent('.dt-progress-text'), '72 / 72 zones done (3 skipped)');
    assert.equal(await p.textContent('.dt-fact--eta dd'), 'train over');
    await screenshot(p, 'light-24-done');
    await close(p);
  });

  it('the CSP watch itself catches a violation (so the checks above can fail)', async () => {
    const p = await page('train-24-done');
    await p.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await p.evaluate(() => window.__inline), undefined, 'the inline script was blocked');
    assert.ok(p.problems.some((x) => /CSP violation: script-src/.test(x)), p.problems.join('\n'));
    open.delete(p);
    await p.context().close();
  });
});
