// Deploy Train view: renders a train's view model (docs/ui.md) as an environments x zones grid and
// keeps it live by polling the host. Plain ES module, no dependencies, CSP-safe: it builds every
// node with DOM APIs and sets text with textContent only, so user input (environment names,
// versions, reasons) can never become markup.

// The ledger's TrainStatus values that end a train (TrainStatus.finished()).
const TERMINAL_TRAIN_STATUSES = new Set(['succeeded', 'failed', 'stopped', 'superseded']);
const DONE_TARGET_STATUSES = new Set(['succeeded', 'skipped']);
// What the plan's eta assumes (TrainEta.Basis): the label of the ETA fact.
const ETA_LABELS = { planned: 'ETA', 'if-approved-now': 'ETA if approved now', completed: 'Completed' };

// Status is shown by colour (CSS class), icon and text, so it never depends on colour alone.
const TARGET_STATUSES = {
  pending: { icon: '\u25CB', label: 'Pending' },
  deploying: { icon: '\u25B6', label: 'Deploying' },
  soaking: { icon: '\u25D0', label: 'Soaking' },
  verifying: { icon: '\u25CE', label: 'Verifying' },
  succeeded: { icon: '\u2713', label: 'Succeeded' },
  failed: { icon: '\u2717', label: 'Failed' },
  skipped: { icon: '\u21B7', label: 'Skipped' },
  paused: { icon: '\u2016', label: 'Paused' },
  'awaiting-approval': { icon: '\u2691', label: 'Awaiting approval' },
};
const UNKNOWN_STATUS = { icon: '?', label: 'Unknown' };

const TRAIN_STATUS_LABELS = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  'awaiting-approval': 'Awaiting approval',
  succeeded: 'Succeeded',
  failed: 'Failed',
  stopped: 'Stopped',
  superseded: 'Superseded',
};

const TIERS = new Set(['staging', 'shadow', 'primary', 'production', 'dedicated']);
// The ledger's ApprovalAction values a button can send, in the order they are shown.
const ACTIONS = [
  ['proceed', 'Proceed'],
  ['retry', 'Retry'],
  ['skip', 'Skip'],
  ['mark-succeeded', 'Mark succeeded'],
  ['pause', 'Pause train'],
  ['resume', 'Resume train'],
  ['abort', 'Abort'],
];
// Offered with Proceed when a failed gate paused the target, unless the host sends its own list.
const DEFAULT_SILENCE_DURATIONS = ['PT30M', 'PT1H', 'PT2H', 'PT4H'];
const DEFAULT_POLL_MS = 5000;
const MAX_BACKOFF_MS = 60000;
const ABORT_CONFIRM_MS = 5000;

/** Ledger enums may arrive as Java constant names (AWAITING_APPROVAL): compare them normalised. */
function normalise(value) {
  return typeof value === 'string' ? value.trim().toLowerCase().replace(/_/g, '-') : '';
}

function text(value) {
  return value === null || value === undefined ? '' : String(value);
}

function el(tag, className, content) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (content !== undefined && content !== null) node.textContent = String(content);
  return node;
}

function parseInstant(value) {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const CELL_TIME = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
// A weekday names a day only within a week of the train's start; further out a cell shows the date.
const CELL_DATE_TIME = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WEEKDAY_HORIZON_MS = 6 * 24 * 3600 * 1000;

function cellTime(date, trainStart) {
  return trainStart !== null && Math.abs(date.getTime() - trainStart) > WEEKDAY_HORIZON_MS
    ? CELL_DATE_TIME.format(date) : CELL_TIME.format(date);
}
const FULL_TIME = new Intl.DateTimeFormat(undefined, {
  weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short',
});

function timeElement(className, value, format, prefix = '') {
  const date = parseInstant(value);
  if (!date) return null;
  const node = el('time', className, prefix + format.format(date));
  node.dateTime = date.toISOString();
  return node;
}

/** "PT1H30M" -> "1 h 30 min", for the silence select; anything unexpected is shown as sent. */
function describeDuration(iso) {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(text(iso));
  if (!m || (!m[1] && !m[2])) return text(iso);
  return [m[1] && `${Number(m[1])} h`, m[2] && `${Number(m[2])} min`].filter(Boolean).join(' ');
}

/** Only http(s) links are rendered: a javascript: URL from the host's data must never be clickable. */
function safeHttpUrl(value) {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function targetId(target) {
  return text(target.id || `${text(target.environment)}/${text(target.zone)}`);
}

/**
 * The grid's shape from the ledger targets: groups (provider, region) in order of first
 * appearance in the train, environments in train order inside them, zones in order.
 */
function layoutOf(targets) {
  const groups = new Map();
  for (const target of targets) {
    const provider = text(target.provider) || 'unknown provider';
    const region = text(target.region) || 'unknown region';
    const groupKey = JSON.stringify([provider, region]);
    let group = groups.get(groupKey);
    if (!group) {
      group = { key: groupKey, provider, region, environments: new Map() };
      groups.set(groupKey, group);
    }
    const envName = text(target.environment);
    let env = group.environments.get(envName);
    if (!env) {
      env = { name: envName, tier: normalise(target.tier), targetIds: [] };
      group.environments.set(envName, env);
    }
    env.targetIds.push(targetId(target));
  }
  const list = [...groups.values()].map((g) => ({ ...g, environments: [...g.environments.values()] }));
  const zoneColumns = Math.max(1, ...list.flatMap((g) => g.environments.map((e) => e.targetIds.length)));
  return { groups: list, zoneColumns };
}

function attemptsOf(target) {
  return Array.isArray(target.attempts) ? target.attempts : [];
}

function lastAttempt(target) {
  const attempts = attemptsOf(target);
  return attempts.length ? attempts[attempts.length - 1] : null;
}

/**
 * Everything a cell shows; when it is unchanged between two polls the cell is left alone. Gate
 * results are not part of it: they live in the tooltip, which is built from the latest document.
 */
function cellSignature(target, plannedStep) {
  const last = lastAttempt(target) || {};
  return `${text(target.status)}|${attemptsOf(target).length}|${text(last.started)}|${text(last.ended)}|`
    + `${text(target.waitUntil)}|${text(target.zone)}|${plannedStep ? text(plannedStep.plannedStart) : ''}`;
}

/** Identifies the grid's shape cheaply, so that layoutOf runs only when environments or zones change. */
function shapeKey(targets) {
  let key = '';
  for (const t of targets) {
    key += `${text(t.provider)}\u0000${text(t.region)}\u0000${text(t.environment)}\u0000${text(t.tier)}\u0000${targetId(t)}\u0001`;
  }
  return key;
}

function statusOf(value) {
  if (typeof value === 'string' && TARGET_STATUSES[value]) return value; // the ledger's own spelling, the common case
  const status = normalise(value);
  return TARGET_STATUSES[status] ? status : 'unknown';
}

let cellPrototype = null;

/** The fixed part of a cell's content, cloned per cell: a large first render creates far fewer nodes one by one. */
function cellContent() {
  if (!cellPrototype) {
    const icon = el('span', 'dt-icon');
    icon.setAttribute('aria-hidden', 'true');
    const main = el('span', 'dt-cell-main');
    main.append(icon, el('span', 'dt-status-text'));
    const sub = el('span', 'dt-cell-sub');
    sub.append(el('span', 'dt-zone'), el('time', 'dt-time'));
    cellPrototype = [main, sub];
  }
  return cellPrototype.map((node) => node.cloneNode(true));
}

function describeCell(cell, target, plannedStep, trainStart) {
  const status = statusOf(target.status);
  const meta = TARGET_STATUSES[status] || UNKNOWN_STATUS;
  cell.className = `dt-cell dt-status--${status}`;
  cell.dataset.status = status;
  const label = status === 'unknown' ? `${meta.label} (${text(target.status)})` : meta.label;
  const [main, sub] = cellContent();
  main.firstChild.textContent = meta.icon;
  main.lastChild.textContent = label;
  const attempts = attemptsOf(target).length;
  if (attempts > 1) {
    const badge = el('span', 'dt-attempts', `\u00D7${attempts}`);
    badge.title = `${attempts} attempts`;
    main.append(badge);
  }
  sub.firstChild.textContent = text(target.zone);
  const last = lastAttempt(target);
  let when = null;
  let prefix = '';
  if (status === 'succeeded' || status === 'failed' || status === 'skipped') {
    when = parseInstant(last && last.ended);
  } else if (status === 'soaking' && target.waitUntil) {
    when = parseInstant(target.waitUntil);
    prefix = 'until ';
  } else if (!last) {
    when = parseInstant(plannedStep && plannedStep.plannedStart);
    prefix = '\u2248 ';
    sub.lastChild.classList.add('dt-time--planned');
  } else {
    when = parseInstant(last.started);
    prefix = 'since ';
  }
  if (when) {
    sub.lastChild.textContent = prefix + cellTime(when, trainStart);
    sub.lastChild.dateTime = when.toISOString();
  } else {
    sub.lastChild.remove();
  }
  cell.replaceChildren(main, sub);
  cell.setAttribute('aria-label', `${targetId(target)}: ${label}${attempts > 1 ? `, attempt ${attempts}` : ''}`);
}

function tipLine(label, ...content) {
  const line = el('p', 'dt-tip-line', label);
  line.append(...content);
  return line;
}

function timeSpan(attempt) {
  const parts = [timeElement('', attempt.started, CELL_TIME)];
  const ended = timeElement('', attempt.ended, CELL_TIME);
  if (ended) parts.push(' \u2013 ', ended);
  return parts.filter(Boolean);
}

/** Why a target stands still, in words: the host's question about it, its failed gate, or its failed deploy. */
/** The gate whose failure on the current attempt paused the target, or undefined. */
function failedGateOf(target) {
  const current = attemptsOf(target).length;
  const results = Array.isArray(target.gateResults) ? target.gateResults : [];
  return normalise(target.status) === 'paused' ? [...results].reverse().find((r) => !r.passed && r.attempt === current) : undefined;
}

function reasonFor(target, awaiting) {
  if (awaiting && awaiting.target === target.id && awaiting.reason) return text(awaiting.reason);
  const status = normalise(target.status);
  const failedGate = failedGateOf(target);
  if (failedGate) return `gate ${text(failedGate.gate)} failed: ${text(failedGate.reason)}`;
  const last = lastAttempt(target);
  if (status === 'failed' && last && last.detail) return text(last.detail);
  if (status === 'awaiting-approval' || (status === 'pending' && target.approvalBefore)) return 'needs approval before it deploys';
  return '';
}

function tooltipContent(target, plannedStep, awaiting) {
  const status = statusOf(target.status);
  const meta = TARGET_STATUSES[status] || UNKNOWN_STATUS;
  const attempts = attemptsOf(target);
  const nodes = [el('strong', 'dt-tip-title', targetId(target))];
  nodes.push(el('p', 'dt-tip-line', `${meta.label}${status === 'unknown' ? ` (${text(target.status)})` : ''} \u00B7 `
    + `${attempts.length === 1 ? '1 attempt' : `${attempts.length} attempts`}`));
  const reason = reasonFor(target, awaiting);
  if (reason) {
    const line = el('p', 'dt-tip-reason', 'Reason: ');
    line.append(el('span', '', reason));
    nodes.push(line);
  }
  const planned = timeElement('', !attempts.length && plannedStep ? plannedStep.plannedStart : null, FULL_TIME);
  if (planned) nodes.push(tipLine('Planned start: ', planned));
  const until = timeElement('', status === 'soaking' ? target.waitUntil : null, FULL_TIME);
  if (until) nodes.push(tipLine('Soaks and bakes until ', until));
  for (const attempt of attempts) {
    const outcome = normalise(attempt.outcome) || 'unknown';
    nodes.push(tipLine(`Attempt ${text(attempt.number)} (${outcome}): `, ...timeSpan(attempt),
      attempt.detail ? ` \u2014 ${text(attempt.detail)}` : ''));
  }
  const declared = Array.isArray(target.gates) ? target.gates : [];
  const results = Array.isArray(target.gateResults) ? target.gateResults : [];
  if (declared.length || results.length) {
    const list = el('ul', 'dt-tip-gates');
    const current = attempts.length;
    // Earlier attempts' verdicts first, then each declared gate on the current attempt (pending until it ran).
    const rows = results.filter((r) => r.attempt !== current)
      .map((r) => [r.passed ? 'pass' : 'fail', r.gate, r.reason, r.attempt]);
    for (const gate of declared) {
      const r = [...results].reverse().find((x) => x.gate === gate && x.attempt === current);
      rows.push(r ? [r.passed ? 'pass' : 'fail', gate, r.reason, current] : ['pending', gate, '', current]);
    }
    for (const r of results.filter((x) => x.attempt === current && !declared.includes(x.gate))) {
      rows.push([r.passed ? 'pass' : 'fail', r.gate, r.reason, current]);
    }
    for (const [result, gate, why, attempt] of rows) {
      const item = el('li', `dt-gate dt-gate--${result}`);
      item.append(el('span', 'dt-gate-result', result), ' ', el('span', 'dt-gate-name', text(gate)));
      if (attempt !== current || attempts.length > 1) item.append(el('span', 'dt-gate-attempt', ` (attempt ${text(attempt)})`));
      if (why) item.append(el('span', 'dt-gate-detail', ` \u2014 ${text(why)}`));
      list.append(item);
    }
    nodes.push(list);
  } else {
    nodes.push(el('p', 'dt-tip-line', 'No gates.'));
  }
  if (target.approvalBefore) nodes.push(el('p', 'dt-tip-line', 'A person approves this target before it deploys.'));
  return nodes;
}

/**
 * A view bound to one root element. apply(viewModel) renders a document, touching only the cells,
 * header fields and approvals that changed since the previous one.
 */
export function createTrainView(root, { onAction } = {}) {
  root.classList.add('dt-view');
  const header = el('header', 'dt-header');
  const title = el('h1', 'dt-title');
  const service = el('span', 'dt-service');
  const version = el('span', 'dt-version');
  title.append(service, ' ', version);
  const facts = el('dl', 'dt-facts');
  const fact = (label, className) => {
    const wrap = el('div', `dt-fact ${className}`);
    const value = el('dd', 'dt-fact-value');
    wrap.append(el('dt', '', label), value);
    facts.append(wrap);
    return value;
  };
  const trainStatus = fact('Status', 'dt-fact--status');
  const progressValue = fact('Progress', 'dt-fact--progress');
  const eta = fact('ETA', 'dt-fact--eta');
  const nextWindow = fact('Next window opens', 'dt-fact--window');
  const started = fact('Started', 'dt-fact--started');
  const slack = fact('Slack', 'dt-fact--slack');
  const reasonLine = el('p', 'dt-train-reason');
  reasonLine.hidden = true;
  header.append(title, facts, reasonLine);

  const notice = el('p', 'dt-notice');
  notice.setAttribute('role', 'status');
  const approvals = el('section', 'dt-approvals');
  approvals.setAttribute('aria-label', 'Pending approvals');
  approvals.hidden = true;

  // A grid of divs rather than a table: each provider/region group can skip layout while it is
  // off screen (content-visibility), which a table row group cannot.
  const table = el('div', 'dt-grid');
  table.setAttribute('role', 'grid');
  const caption = el('p', 'dt-caption', 'Environments by provider and region; one cell per zone. Arrow keys move between cells.');
  caption.id = `dt-caption-${Math.random().toString(36).slice(2)}`;
  table.setAttribute('aria-describedby', caption.id);
  table.setAttribute('aria-label', 'Train progress by environment and zone');
  const thead = el('div', 'dt-grid-head');
  thead.setAttribute('role', 'rowgroup');
  table.append(thead);
  const gridWrap = el('div', 'dt-grid-wrap');
  gridWrap.append(table, caption);

  const legend = el('ul', 'dt-legend');
  legend.setAttribute('aria-label', 'Legend');
  for (const [status, meta] of Object.entries(TARGET_STATUSES)) {
    const item = el('li', `dt-legend-item dt-status--${status}`);
    const icon = el('span', 'dt-icon', meta.icon);
    icon.setAttribute('aria-hidden', 'true');
    item.append(icon, ' ', meta.label);
    legend.append(item);
  }

  const tip = el('div', 'dt-tip');
  tip.id = `dt-tip-${Math.random().toString(36).slice(2)}`;
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;

  root.replaceChildren(header, notice, approvals, gridWrap, legend, tip);

  let layoutKey = null;
  let cells = new Map(); // target id -> { cell, signature }
  let targets = new Map(); // target id -> { target, step }
  let approvalsKey = null;
  let tipCell = null;
  let activeCell = null;
  let current = null;

  function setText(node, value) {
    const next = text(value);
    if (node.textContent !== next) node.textContent = next;
  }

  function role(node, value) {
    node.setAttribute('role', value);
    return node;
  }

  function buildGrid(layout) {
    const headRow = role(el('div', 'dt-row dt-head-row'), 'row');
    headRow.append(role(el('div', 'dt-col-env', 'Environment'), 'columnheader'));
    for (let i = 1; i <= layout.zoneColumns; i++) {
      headRow.append(role(el('div', 'dt-col-zone', `Zone ${i}`), 'columnheader'));
    }
    thead.replaceChildren(headRow);
    for (const group of [...table.querySelectorAll(':scope > .dt-group')]) group.remove();
    cells = new Map();
    table.setAttribute('aria-colcount', String(layout.zoneColumns + 1));
    // The environment column grows with the longest name (the CSS bounds it), so names that fit are not cut.
    const longestName = Math.max(0, ...layout.groups.flatMap((g) => g.environments.map((env) => env.name.length)));
    table.style.setProperty('--dt-env-chars', String(longestName));
    for (const group of layout.groups) {
      const body = role(el('div', 'dt-group'), 'rowgroup');
      // Lets an off-screen group keep its place in the scroll height without being laid out.
      body.style.setProperty('--dt-group-rows', String(group.environments.length));
      const groupRow = role(el('div', 'dt-group-row'), 'row');
      const groupHead = role(el('div', 'dt-group-head'), 'rowheader');
      groupHead.setAttribute('aria-colspan', String(layout.zoneColumns + 1));
      groupHead.append(el('span', 'dt-provider', group.provider), ' \u00B7 ', el('span', 'dt-region', group.region));
      groupRow.append(groupHead);
      body.append(groupRow);
      for (const env of group.environments) {
        const row = role(el('div', 'dt-row dt-env-row'), 'row');
        const envHead = role(el('div', 'dt-env'), 'rowheader');
        envHead.append(el('span', 'dt-env-name', env.name));
        envHead.title = env.name;
        if (env.tier) {
          const tier = TIERS.has(env.tier) ? env.tier : 'other';
          envHead.append(' ', el('span', `dt-tier dt-tier--${tier}`, env.tier));
        }
        row.append(envHead);
        for (let i = 0; i < layout.zoneColumns; i++) {
          const id = env.targetIds[i];
          const cell = el('div', id === undefined ? 'dt-cell dt-cell--none' : 'dt-cell');
          role(cell, 'gridcell');
          if (id !== undefined) {
            cell.tabIndex = -1;
            cell.dataset.target = id;
            cells.set(id, { cell, signature: null });
          }
          row.append(cell);
        }
        body.append(row);
      }
      table.append(body);
    }
    activeCell = null;
    hideTip();
  }

  function ensureActiveCell() {
    if (activeCell && activeCell.isConnected) return;
    const first = table.querySelector('.dt-cell[data-target]');
    if (first) makeActive(first, false);
  }

  function makeActive(cell, focus) {
    if (activeCell && activeCell !== cell) activeCell.tabIndex = -1;
    activeCell = cell;
    cell.tabIndex = 0;
    if (focus) cell.focus();
  }

  function renderHeader(train, plan, links, awaiting) {
    setText(service, train.service);
    setText(version, train.version);
    const status = normalise(train.status);
    trainStatus.className = `dt-fact-value dt-train-status dt-train--${TRAIN_STATUS_LABELS[status] ? status : 'unknown'}`;
    setText(trainStatus, TRAIN_STATUS_LABELS[status] || text(train.status) || 'Unknown');
    const all = Array.isArray(train.targets) ? train.targets : [];
    let done = 0;
    let skipped = 0;
    for (const t of all) {
      const status = typeof t.status === 'string' && TARGET_STATUSES[t.status] ? t.status : normalise(t.status);
      if (DONE_TARGET_STATUSES.has(status)) done++;
      if (status === 'skipped') skipped++;
    }
    const bar = el('progress', 'dt-progress');
    bar.max = Math.max(all.length, 1);
    bar.value = done;
    bar.setAttribute('aria-label', 'zones done');
    const progressText = `${done} / ${all.length} zones done${skipped ? ` (${skipped} skipped)` : ''}`;
    if (progressValue.dataset.text !== progressText) {
      progressValue.dataset.text = progressText;
      progressValue.replaceChildren(bar, ' ', el('span', 'dt-progress-text', progressText));
    }
    setText(eta.previousElementSibling, Object.hasOwn(ETA_LABELS, plan.etaBasis) ? ETA_LABELS[plan.etaBasis] : 'ETA');
    replaceIfChanged(eta, [plan.eta, status], () => [timeElement('', plan.eta, FULL_TIME)
      || (TERMINAL_TRAIN_STATUSES.has(status) ? 'train over' : 'unknown')]);
    replaceIfChanged(started, [train.created, train.by], () => [
      timeElement('', train.created, FULL_TIME) || 'unknown', train.by ? ` by ${text(train.by)}` : '']);
    // The open question already says why the train waits; the reason line would only repeat it.
    const reason = train.reason && !(awaiting && awaiting.reason === train.reason) ? train.reason : '';
    setText(reasonLine, reason);
    reasonLine.hidden = !reason;
    nextWindow.parentElement.hidden = !plan.nextWindowOpensAt;
    replaceIfChanged(nextWindow, [plan.nextWindowOpensAt, plan.waitReason], () => [
      timeElement('', plan.nextWindowOpensAt, FULL_TIME) || 'unknown',
      plan.waitReason ? el('span', 'dt-wait-reason', ` \u2014 ${text(plan.waitReason)}`) : '',
    ]);
    const href = safeHttpUrl(links.slackThread);
    const link = slack.querySelector('a');
    if (!href) {
      if (slack.textContent !== 'no thread' || link) slack.replaceChildren('no thread');
    } else if (!link || link.href !== href) {
      const a = el('a', 'dt-slack-link', 'Slack thread');
      a.href = href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      slack.replaceChildren(a);
    }
  }

  /** Rebuilds a header field only when what it shows changed, so polling leaves the DOM still. */
  function replaceIfChanged(node, parts, build) {
    const key = JSON.stringify(parts);
    if (node.dataset.key === key) return;
    node.dataset.key = key;
    node.replaceChildren(...build());
  }

  /** The host's open question (the reconciler's AwaitApproval), as buttons when the viewer may answer. */
  function renderApprovals(train, awaiting, viewer) {
    const open = awaiting && typeof awaiting === 'object' && !TERMINAL_TRAIN_STATUSES.has(normalise(train.status)) ? awaiting : null;
    const mayApprove = Boolean(viewer && viewer.mayApprove) && typeof onAction === 'function';
    const key = JSON.stringify([open, mayApprove, train.id]);
    if (key === approvalsKey) return;
    approvalsKey = key;
    approvals.hidden = !open;
    approvals.replaceChildren(...(open ? [el('h2', 'dt-approvals-title', 'Waiting for a decision'), approvalItem(train, open, mayApprove)] : []));
  }

  function approvalItem(train, approval, mayApprove) {
    const item = el('article', 'dt-approval');
    item.append(el('p', 'dt-approval-reason', text(approval.reason)));
    item.append(el('p', 'dt-approval-meta', approval.target ? text(approval.target) : 'the whole train'));
    if (!mayApprove) {
      item.append(el('p', 'dt-approval-readonly', 'You may not approve this train; someone with the Approve permission will decide.'));
      return item;
    }
    const choices = new Set((Array.isArray(approval.choices) ? approval.choices : []).map(normalise));
    const waiting = approval.target ? (train.targets || []).find((t) => targetId(t) === approval.target) : null;
    // Proceeding past a failed gate may silence what it saw firing (the ledger's Approval.silenceFor).
    const silenceGate = waiting ? failedGateOf(waiting) : undefined;
    const actions = el('div', 'dt-approval-actions');
    const why = el('input', 'dt-approval-why');
    why.type = 'text';
    why.maxLength = 500;
    why.id = `dt-why-${Math.random().toString(36).slice(2)}`;
    const whyLabel = el('label', 'dt-approval-why-label', 'Reason (optional, kept in the audit log)');
    whyLabel.htmlFor = why.id;
    const whyRow = el('p', 'dt-approval-why-row');
    whyRow.append(whyLabel, ' ', why);
    const result = el('p', 'dt-approval-result');
    result.setAttribute('role', 'status');
    const buttons = [];
    const send = async (action, extra) => {
      buttons.forEach((b) => { b.disabled = true; });
      result.textContent = `Sending ${action}\u2026`;
      // The ledger's Approval fields; the host adds who (from the session) and when.
      const body = { train: train.id, target: approval.target ?? null, action, ...extra };
      if (why.value.trim()) body.reason = why.value.trim();
      const outcome = await onAction(body);
      result.textContent = outcome.message;
      result.className = `dt-approval-result ${outcome.ok ? 'dt-approval-result--ok' : 'dt-approval-result--error'}`;
      if (!outcome.ok) buttons.forEach((b) => { b.disabled = false; });
    };
    for (const [action, label] of ACTIONS) {
      if (!choices.has(action)) continue;
      const button = el('button', `dt-button dt-button--${action}`, label);
      button.type = 'button';
      button.dataset.action = action;
      if (action === 'abort') {
        // A second click within a few seconds confirms: no window.confirm dialog, keyboard-friendly.
        let armedUntil = 0;
        button.addEventListener('click', () => {
          if (Date.now() > armedUntil) {
            armedUntil = Date.now() + ABORT_CONFIRM_MS;
            button.textContent = 'Confirm abort';
            button.classList.add('dt-button--armed');
            setTimeout(() => {
              if (Date.now() >= armedUntil && !button.disabled) {
                button.textContent = label;
                button.classList.remove('dt-button--armed');
              }
            }, ABORT_CONFIRM_MS);
            return;
          }
          send(action, {});
        });
      } else if (action === 'proceed' && silenceGate) {
        const silence = silenceSelect(silenceGate, approval.silenceDurations);
        button.addEventListener('click', () => send(action, silence.select.value ? { silenceFor: silence.select.value } : {}));
        buttons.push(button, silence.select);
        actions.append(button, silence.group);
        continue;
      } else {
        button.addEventListener('click', () => send(action, {}));
      }
      buttons.push(button);
      actions.append(button);
    }
    buttons.push(why);
    item.append(whyRow, actions, result);
    return item;
  }

  /** "Silence <gate> for" and a select whose first choice is no silence; the host validates what is sent. */
  function silenceSelect(gate, hostDurations) {
    const group = el('span', 'dt-silence');
    const select = el('select', 'dt-silence-duration');
    select.id = `dt-silence-${Math.random().toString(36).slice(2)}`;
    const label = el('label', 'dt-silence-label', `and silence ${text(gate.gate)} for`);
    label.htmlFor = select.id;
    const none = el('option', '', 'no silence');
    none.value = '';
    select.append(none);
    const durations = Array.isArray(hostDurations) && hostDurations.length ? hostDurations : DEFAULT_SILENCE_DURATIONS;
    for (const duration of durations) {
      const option = el('option', '', describeDuration(duration));
      option.value = text(duration);
      select.append(option);
    }
    group.append(label, ' ', select);
    return { group, select };
  }

  function showTip(cell) {
    const entry = targets.get(cell.dataset.target);
    if (!entry) return;
    tip.replaceChildren(...tooltipContent(entry.target, entry.step, current && current.awaiting));
    tip.hidden = false;
    tipCell = cell;
    cell.setAttribute('aria-describedby', tip.id);
    placeTip(cell);
  }

  function placeTip(cell) {
    // Positioned through CSSOM custom properties (allowed under a strict style-src), never a style attribute string.
    const box = cell.getBoundingClientRect();
    const below = box.bottom + 6;
    const fitsBelow = below + tip.offsetHeight < window.innerHeight;
    const top = fitsBelow ? below : Math.max(4, box.top - tip.offsetHeight - 6);
    const left = Math.max(4, Math.min(box.left, window.innerWidth - tip.offsetWidth - 4));
    tip.style.setProperty('--dt-tip-top', `${Math.round(top)}px`);
    tip.style.setProperty('--dt-tip-left', `${Math.round(left)}px`);
  }

  function hideTip() {
    if (tipCell) tipCell.removeAttribute('aria-describedby');
    tipCell = null;
    tip.hidden = true;
  }

  table.addEventListener('mouseover', (event) => {
    const cell = event.target.closest('.dt-cell[data-target]');
    if (cell && cell !== tipCell) showTip(cell);
  });
  table.addEventListener('mouseleave', () => {
    if (!table.contains(document.activeElement)) hideTip();
  });
  table.addEventListener('focusin', (event) => {
    const cell = event.target.closest('.dt-cell[data-target]');
    if (cell) {
      makeActive(cell, false);
      showTip(cell);
    }
  });
  table.addEventListener('focusout', (event) => {
    if (!table.contains(event.relatedTarget)) hideTip();
  });
  table.addEventListener('keydown', (event) => {
    const cell = event.target.closest('.dt-cell[data-target]');
    if (!cell) return;
    if (event.key === 'Escape') {
      hideTip();
      return;
    }
    const next = neighbour(cell, event.key);
    if (next) {
      event.preventDefault();
      makeActive(next, true);
    }
  });
  window.addEventListener('scroll', () => { if (tipCell) placeTip(tipCell); }, { passive: true });

  function neighbour(cell, key) {
    const row = cell.parentElement;
    const cellsOf = (r) => r.children;
    const index = [...cellsOf(row)].indexOf(cell);
    const rows = [...table.querySelectorAll('.dt-env-row')];
    const rowIndex = rows.indexOf(row);
    const usable = (c) => (c && c.dataset.target !== undefined ? c : null);
    switch (key) {
      case 'ArrowRight': return usable(cellsOf(row)[index + 1]);
      case 'ArrowLeft': return usable(cellsOf(row)[index - 1]);
      case 'Home': return usable(cellsOf(row)[1]);
      case 'End': return [...cellsOf(row)].reverse().find((c) => c.dataset.target !== undefined) || null;
      case 'ArrowDown':
        for (let r = rowIndex + 1; r < rows.length; r++) { const c = usable(cellsOf(rows[r])[index]); if (c) return c; }
        return null;
      case 'ArrowUp':
        for (let r = rowIndex - 1; r >= 0; r--) { const c = usable(cellsOf(rows[r])[index]); if (c) return c; }
        return null;
      default: return null;
    }
  }

  /** Renders one view model; returns how much of the DOM it had to touch. */
  function apply(viewModel) {
    const train = viewModel && viewModel['ledger-train'];
    if (!train || typeof train !== 'object' || !Array.isArray(train.targets)) {
      setNotice('The host sent a view model without a ledger-train and its targets; showing the last good state.', 'error');
      return { rebuilt: false, cellsUpdated: 0, valid: false };
    }
    const plan = (viewModel.plan && typeof viewModel.plan === 'object') ? viewModel.plan : {};
    const steps = new Map((Array.isArray(plan.steps) ? plan.steps : []).map((s) => [text(s.target), s]));
    current = viewModel;
    root.dataset.trainStatus = normalise(train.status);
    renderHeader(train, plan, viewModel.links || {}, viewModel.awaiting);
    renderApprovals(train, viewModel.awaiting, viewModel.viewer || {});
    const shape = shapeKey(train.targets);
    let rebuilt = false;
    if (shape !== layoutKey) {
      buildGrid(layoutOf(train.targets));
      layoutKey = shape;
      rebuilt = true;
    }
    targets = new Map();
    let cellsUpdated = 0;
    const created = parseInstant(train.created);
    const trainStart = created ? created.getTime() : null;
    for (const target of train.targets) {
      const id = targetId(target);
      const step = steps.get(id);
      targets.set(id, { target, step });
      const entry = cells.get(id);
      if (!entry) continue;
      const signature = cellSignature(target, step);
      if (signature === entry.signature) continue;
      entry.signature = signature;
      describeCell(entry.cell, target, step, trainStart);
      cellsUpdated++;
    }
    if (tipCell) showTip(tipCell);
    ensureActiveCell();
    return { rebuilt, cellsUpdated, valid: true };
  }

  function setNotice(message, kind) {
    notice.textContent = message || '';
    notice.className = `dt-notice${kind ? ` dt-notice--${kind}` : ''}`;
    notice.hidden = !message;
  }
  setNotice('Loading the train\u2026');

  return {
    apply,
    setNotice,
    get viewModel() { return current; },
    isOver() {
      return Boolean(current) && TERMINAL_TRAIN_STATUSES.has(normalise(current['ledger-train'].status));
    },
  };
}

/**
 * The whole document from the one the page holds and a delta the host sent for its revision (docs/ui.md,
 * "Conditional polls"): changed targets replace theirs by id, the audit keeps its first auditFrom entries and
 * gains the ones sent, everything else comes from the delta. Null when the delta is for another revision.
 */
function withDelta(held, doc) {
  if (!doc || !doc.delta) return doc;
  if (!held || held.revision !== doc.delta.since) return null;
  const part = doc['ledger-train'] || {};
  const changed = new Map((Array.isArray(part.targets) ? part.targets : []).map((t) => [targetId(t), t]));
  const before = held['ledger-train'];
  const targets = before.targets.map((t) => changed.get(targetId(t)) || t);
  const audit = (Array.isArray(before.audit) ? before.audit : []).slice(0, Number(doc.delta.auditFrom) || 0)
    .concat(Array.isArray(part.audit) ? part.audit : []);
  const whole = { ...doc, 'ledger-train': { ...part, targets, audit } };
  delete whole.delta;
  return whole;
}

/**
 * Mounts a live view on an element whose data-* attributes configure it (see docs/ui.md):
 * data-state-url, data-approve-url, data-crumb-header, data-crumb-value, data-poll-interval.
 */
export function mount(root) {
  const stateUrl = root.dataset.stateUrl;
  const approveUrl = root.dataset.approveUrl;
  const crumbHeader = root.dataset.crumbHeader;
  const crumbValue = root.dataset.crumbValue;
  const interval = Math.max(500, Number(root.dataset.pollInterval) || DEFAULT_POLL_MS);
  let etag = null;
  let held = null;
  let timer = null;
  let stopped = false;
  let failures = 0;

  async function sendAction(body) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (crumbHeader && crumbValue) headers[crumbHeader] = crumbValue;
    try {
      const response = await fetch(approveUrl, {
        method: 'POST', headers, body: JSON.stringify(body), credentials: 'same-origin',
      });
      if (!response.ok) {
        const detail = (await response.text()).slice(0, 200);
        return { ok: false, message: `The host refused "${body.action}" (HTTP ${response.status})${detail ? `: ${detail}` : ''}` };
      }
      pollSoon(0);
      const silence = body.silenceFor ? ` with a silence of ${describeDuration(body.silenceFor)}` : '';
      return { ok: true, message: `Sent "${body.action}"${silence}; the train will pick it up.` };
    } catch (error) {
      return { ok: false, message: `Could not reach the host to send "${body.action}": ${error.message}` };
    }
  }

  const view = createTrainView(root, { onAction: approveUrl ? sendAction : undefined });
  if (!stateUrl) {
    view.setNotice('This page has no data-state-url: nothing to show.', 'error');
    return { view, stop() {} };
  }

  function pollSoon(delay) {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    if (stopped) return;
    if (document.hidden) {
      pollSoon(interval);
      return;
    }
    try {
      const headers = { Accept: 'application/json' };
      if (etag) headers['If-None-Match'] = etag;
      // a host that numbers its documents sends only what changed since the one this page holds
      const url = new URL(stateUrl, document.baseURI);
      if (held && Number.isInteger(held.revision)) url.searchParams.set('since', String(held.revision));
      const response = await fetch(url, { headers, cache: 'no-store', credentials: 'same-origin' });
      if (response.status === 304) {
        if (failures > 0) view.setNotice(null);
        failures = 0;
      } else if (response.ok) {
        const doc = withDelta(held, await response.json());
        if (doc === null) {
          // a delta for a document this page no longer holds: ask for the whole one at once
          etag = null;
          held = null;
          pollSoon(0);
          return;
        }
        const started = performance.now();
        const result = view.apply(doc);
        performance.measure('deploy-train:apply', { start: started, end: performance.now() });
        if (result.valid) {
          etag = response.headers.get('ETag');
          held = doc;
          failures = 0;
          view.setNotice(null);
        }
      } else {
        throw new Error(`HTTP ${response.status}`);
      }
    } catch (error) {
      failures++;
      view.setNotice(`Live updates interrupted (${error.message}); retrying.`, 'error');
    }
    if (view.isOver()) {
      stopped = true;
      root.dataset.live = 'stopped';
      view.setNotice('The train is over; live updates stopped.', 'info');
      return;
    }
    root.dataset.live = 'polling';
    pollSoon(Math.min(MAX_BACKOFF_MS, interval * 2 ** failures));
  }

  document.addEventListener('visibilitychange', () => { if (!document.hidden && !stopped) pollSoon(0); });
  poll();
  return {
    view,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

for (const root of document.querySelectorAll('[data-deploy-train]')) mount(root);
