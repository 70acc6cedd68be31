import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Page } from 'playwright-core';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import type { InspectionReport } from '../../shared/model/finding.ts';
import type { Topology } from '../../shared/model/topology.ts';
import { matches } from '../../renderer/pages/findings/filter.ts';
import { tempDir, writeFile } from '../support/temp.ts';
import { startTestHost } from '../support/browser-host.ts';
import { launchChromium, recordForeignRequests, screenshot } from '../support/chromium.ts';

const SCENARIO = 'tracetest-broken';

/** Every check id the scenario file says it plants (keys `checkId` / `check` anywhere in it). */
function plantedCheckIds(): string[] {
  const doc: unknown = parse(readFileSync(path.join('resources', 'sandbox', 'scenarios', `${SCENARIO}.yaml`), 'utf8'));
  const ids = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if ((k === 'checkId' || k === 'check') && typeof child === 'string') ids.add(child);
        else walk(child);
      }
    }
  };
  walk(doc);
  return [...ids];
}

/** Watches a page for requests that leave the host and for CSP violations. */
function guard(page: Page, origin: string) {
  const foreign = recordForeignRequests(page, origin);
  const csp: string[] = [];
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) csp.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return {
    check() {
      assert.deepEqual(foreign, [], 'no request may leave the host');
      assert.deepEqual(csp, [], 'no CSP violation');
      assert.deepEqual(errors, [], 'no uncaught page error');
    },
  };
}

describe('inspection pages against the sandbox with planted faults', async () => {
  const dir = tempDir();
  const sandbox = await startSandbox({ scenario: SCENARIO, kubeconfigOut: path.join(dir, 'kubeconfig') });
  after(() => sandbox.close());
  // A second file adds a context nothing answers for (port 1 on loopback refuses at once).
  const offline = writeFile(
    dir,
    'offline.yaml',
    `apiVersion: v1
kind: Config
clusters:
- name: offline
  cluster: {server: 'https://127.0.0.1:1'}
users:
- name: offline
  user: {token: unused}
contexts:
- name: offline
  context: {cluster: offline, user: offline}
`,
  );
  const host = await startTestHost({ KUBECONFIG: [sandbox.kubeconfigPath, offline].join(path.delimiter), GROUNDCREW_HOME: dir });
  const origin = host.url.replace(/\/$/, '');
  const browser = await launchChromium();
  const planted = plantedCheckIds();

  /** A logged-in page in the given colour scheme, with the inspection the UI should be showing. */
  async function open(colorScheme: 'light' | 'dark' = 'light') {
    const context = await browser.newContext({ colorScheme, viewport: { width: 1440, height: 900 } });
    after(() => context.close());
    const page = await context.newPage();
    const watch = guard(page, origin);
    await page.goto(host.loginUrl);
    const res = await context.request.post(`${origin}/api/invoke/inspect.run`, { data: {} });
    const outcome = (await res.json()) as { ok: boolean; result: { report: InspectionReport; topology: Topology } };
    assert.ok(outcome.ok, JSON.stringify(outcome));
    return { page, watch, ...outcome.result };
  }

  test('the scenario plants faults the test can look for, and the cluster settles into them', async () => {
    assert.ok(planted.length >= 3, `expected several planted check ids, got ${JSON.stringify(planted)}`);
    // The simulated controllers converge within seconds; the page assertions compare the UI with
    // a fresh inspection, so start them once every planted fault is reported.
    const { page } = await open();
    const missing = async () => {
      const res = await page.context().request.post(`${origin}/api/invoke/inspect.run`, { data: {} });
      const found = new Set(((await res.json()) as { result: { report: InspectionReport } }).result.report.findings.map((f) => f.checkId));
      return planted.filter((c) => !found.has(c));
    };
    for (let i = 0; i < 60 && (await missing()).length > 0; i++) await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await missing(), []);
  });

  test('Overview shows the installation, score, counts and the worst findings', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, watch, report } = await open(scheme);
      await page.goto(`${origin}/#/overview`);
      const score = page.getByTestId('overall-score');
      await score.waitFor();
      assert.match((await score.textContent()) ?? '', new RegExp(`^${Math.round(report.score.overall)}/100$`));
      assert.equal(await page.getByTestId('grade').textContent(), report.score.grade);
      assert.equal(await page.getByTestId('score-formula').textContent(), report.score.formula);
      assert.ok(report.counts.error > 0, 'the broken scenario must produce errors');
      assert.equal(await page.getByTestId('count-error').locator('.count').textContent(), String(report.counts.error));
      assert.equal(await page.locator('[data-installation="tracetest-onprem"]').count(), 1);
      const worst = page.locator('section[aria-label="Worst findings"] [data-finding-id]');
      assert.equal(await worst.count(), Math.min(5, report.findings.length));
      assert.equal(await worst.first().locator('.sev-badge').textContent(), 'Error');
      // Every component a planted fault lands on is shown unhealthy, in its finding's worst colour.
      for (const f of report.findings.filter((x) => planted.includes(x.checkId))) {
        const c = report.score.components.find((x) => x.profile === f.profile && x.component === f.component);
        if (!c) continue; // cluster-level areas (dns, cert-manager…) may not be scored components
        const health = await page.locator(`.component-tile[data-component="${f.profile}/${f.component}"]`).getAttribute('data-health');
        assert.ok(health === 'error' || (health === 'warning' && f.severity !== 'error'), `${f.component} shows ${health} for ${f.id}`);
      }
      await screenshot(page, `inspection-overview-${scheme}`);

      // A worst finding links to Findings with that finding selected.
      const id = await worst.first().getAttribute('data-finding-id');
      await worst.first().locator('a').click();
      const row = page.locator(`[data-finding-id="${id}"][aria-current="true"]`);
      await row.waitFor();
      assert.ok(await row.getByTestId('finding-details').isVisible());
      watch.check();
    }
  });

  test('Findings lists every planted fault with evidence, filters, and deep-links to one', async () => {
    const { page, watch, report } = await open();
    await page.goto(`${origin}/#/findings`);
    await page.locator('[data-finding-id]').first().waitFor();
    const shownChecks = new Set(await page.locator('[data-check-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-check-id'))));
    for (const check of planted) assert.ok(shownChecks.has(check), `planted ${check} is not listed (listed: ${[...shownChecks].join(', ')})`);
    assert.equal(await page.getByTestId('findings-count').textContent(), `${report.findings.length} of ${report.findings.length}`);

    // Severity filter: errors only.
    await page.getByRole('button', { name: /^warning/i }).click();
    await page.getByRole('button', { name: /^info/i }).click();
    const errorRows = page.locator('[data-finding-id]');
    assert.equal(await errorRows.count(), report.counts.error);
    assert.deepEqual([...new Set(await errorRows.evaluateAll((els) => els.map((e) => e.getAttribute('data-severity'))))], ['error']);

    // Free text narrows to one planted check.
    const target = report.findings.find((f) => f.checkId === planted[0])!;
    await page.goto(`${origin}/#/findings`);
    await page.getByLabel('Search findings').fill(target.checkId);
    await page.locator(`[data-finding-id="${target.id}"]`).waitFor();
    const expected = report.findings.filter((f) => matches(f, { severities: ['error', 'warning', 'info'], text: target.checkId }));
    assert.equal(await page.locator('[data-finding-id]').count(), expected.length);

    // Deep link: selected, scrolled into view, evidence shown in monospace.
    const withEvidence = report.findings.find((f) => f.evidence.some((e) => e.excerpt)) ?? report.findings[report.findings.length - 1]!;
    await page.goto(`${origin}/#/findings?id=${encodeURIComponent(withEvidence.id)}`);
    const selected = page.locator(`[data-finding-id="${withEvidence.id}"][aria-current="true"]`);
    await selected.waitFor();
    assert.ok(await selected.isVisible());
    const evidence = selected.getByRole('list', { name: 'Evidence' });
    assert.equal(await evidence.locator(':scope > li').count(), withEvidence.evidence.length);
    const excerpt = withEvidence.evidence.find((e) => e.excerpt)?.excerpt;
    if (excerpt) assert.equal(await selected.locator('pre.excerpt').first().textContent(), excerpt);
    await screenshot(page, 'inspection-findings-selected');

    // The Fix button appears exactly on findings that have a fix, and opens the fix dialog.
    const fixable = report.findings.filter((f) => f.fixId);
    await page.goto(`${origin}/#/findings`);
    await page.locator('[data-finding-id]').first().waitFor();
    assert.equal(await page.locator('.fix-button').count(), fixable.length);
    if (fixable[0]) {
      await page.locator(`[data-finding-id="${fixable[0].id}"] .fix-button`).click();
      const dialog = page.getByTestId('fix-dialog');
      await dialog.waitFor();
      assert.equal(await dialog.getByTestId('fix-id').textContent(), fixable[0].fixId);
      await page.keyboard.press('Escape');
    }
    watch.check();
  });

  test('Topology draws every node and edge, and clicking a faulty edge shows its evidence', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, watch, report, topology } = await open(scheme);
      await page.goto(`${origin}/#/topology`);
      await page.locator('.react-flow__node').first().waitFor();
      assert.equal(await page.locator('.react-flow__node').count(), topology.nodes.length);
      const ids = new Set(topology.nodes.map((n) => n.id));
      const drawable = topology.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
      assert.equal(await page.locator('path.topo-edge[data-edge-id]').count(), drawable.length);
      // Each node and edge carries the health the inspection gave it.
      for (const health of ['error', 'warning', 'ok'] as const) {
        assert.equal(await page.locator(`.topo-node[data-health="${health}"]`).count(), topology.nodes.filter((n) => n.health === health).length, `${health} nodes`);
        assert.equal(await page.locator(`path.topo-edge.sev-${health}`).count(), drawable.filter((e) => e.health === health).length, `${health} edges`);
      }

      const faulty = drawable.find((e) => e.kind === 'integration' && e.findingIds.length > 0 && (e.health === 'error' || e.health === 'warning'));
      assert.ok(faulty, 'the broken scenario must break at least one integration edge');
      const edgePath = page.locator(`path.topo-edge[data-edge-id="${faulty.id}"]`);
      assert.match((await edgePath.getAttribute('class')) ?? '', new RegExp(`sev-${faulty.health}`));
      // A real click when the label is on top at its centre; the minimap or the controls can cover a
      // label in a corner of the fitted view, and then the keyboard (the label is a button) selects it.
      const label = page.locator(`.topo-edge-label[data-edge-id="${faulty.id}"]`);
      const box = (await label.boundingBox())!;
      const onTop = await page.evaluate(
        ({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-edge-id]')?.getAttribute('data-edge-id'),
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      if (onTop === faulty.id) await label.click();
      else {
        await label.focus();
        await page.keyboard.press('Enter');
      }
      const panel = page.getByTestId('evidence-panel');
      await panel.waitFor();
      for (const id of faulty.findingIds) {
        const f = report.findings.find((x) => x.id === id)!;
        const item = panel.locator(`[data-finding-id="${id}"]`);
        assert.equal(await item.locator('strong').textContent(), f.title);
        assert.equal(await item.locator('.evidence-ref').count(), f.evidence.length);
      }
      await screenshot(page, `inspection-topology-${scheme}`);

      // The panel links to the finding on the Findings page.
      await panel.getByRole('link', { name: 'Open in Findings' }).first().click();
      await page.locator(`[data-finding-id="${faulty.findingIds[0]}"][aria-current="true"]`).waitFor();
      watch.check();
    }
  });

  test('Cluster shows the connection diagnosis and the permissions per operation', async () => {
    const { page, watch } = await open();
    await page.goto(`${origin}/#/cluster`);
    const connection = page.getByTestId('connection');
    await connection.waitFor();
    assert.equal(await connection.getAttribute('data-class'), 'ok');
    await page.locator('[data-testid="context-connection"][data-state="ok"]').waitFor();
    // Other contexts are only diagnosed once the switcher is opened.
    const switcher = page.getByLabel('Kubernetes context');
    assert.equal(await switcher.locator('option[value="offline"]').getAttribute('data-connection'), 'unknown');
    await switcher.focus();
    await switcher.locator('option[value="offline"][data-connection="failing"]').waitFor({ state: 'attached' });
    await switcher.locator('option[value="sandbox-cert"][data-connection="ok"]').waitFor({ state: 'attached' });
    const rows = page.locator('table[aria-label="Operation permissions"] tbody tr');
    await rows.first().waitFor();
    assert.deepEqual(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-operation'))), ['inspect', 'repair', 'install', 'observe', 'support-bundle']);
    // Retry asks the core again (both the diagnosis and the permission review).
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/invoke/cluster.connect')),
      page.waitForResponse((r) => r.url().endsWith('/api/invoke/cluster.permissions')),
      page.getByRole('button', { name: 'Retry' }).click(),
    ]);
    await connection.waitFor();
    await screenshot(page, 'inspection-cluster');
    watch.check();
  });

  test('Fix: the plan shows a diff and a passing dry run; apply removes the finding live; undo brings it back', async () => {
    const { page, watch, report } = await open();
    const target = report.findings.find((f) => f.checkId === 'edge.target-port-mismatch' && f.fixId);
    assert.ok(target, 'the scenario plants a Service whose targetPort no pod listens on');
    await page.goto(`${origin}/#/findings?id=${encodeURIComponent(target.id)}`);
    const row = page.locator(`[data-finding-id="${target.id}"]`);
    await row.locator('.fix-button').click();
    const dialog = page.getByTestId('fix-dialog');
    const plan = dialog.getByTestId('fix-plan');
    await plan.waitFor();
    assert.equal(await plan.getAttribute('data-appliable'), 'true');
    const added = await plan.locator('pre.diff .diff-add').allTextContents();
    assert.ok(added.some((l) => /targetPort/.test(l)), `the diff adds a targetPort line: ${added.join(' | ')}`);
    assert.ok((await plan.locator('[data-testid="dry-run"][data-ok="true"]').count()) >= 1);
    assert.equal(await plan.locator('[data-testid="dry-run"][data-ok="false"]').count(), 0);
    await screenshot(page, 'inspection-fix-plan');

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.locator('[data-testid="fix-result"][data-verified="true"]').waitFor();
    // Behind the dialog, the live inspection drops the finding without a reload.
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'inspection-fix-applied');

    await dialog.getByRole('button', { name: 'Undo' }).click();
    await dialog.getByTestId('undo-result').waitFor();
    await row.waitFor({ state: 'attached' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    assert.equal(await dialog.count(), 0);

    // The journal lists the fix, marked undone, and the undo entry pointing at it.
    await page.goto(`${origin}/#/journal`);
    const undoRow = page.locator('table[aria-label="Journal"] tr[data-undo-of]');
    await undoRow.first().waitFor();
    const fixId = await undoRow.first().getAttribute('data-undo-of');
    const fixRow = page.locator(`table[aria-label="Journal"] tr[data-entry-id="${fixId}"]`);
    assert.equal(await fixRow.getAttribute('data-undone'), 'true');
    assert.ok(((await fixRow.textContent()) ?? '').includes(target.id), 'the fix entry names its finding');
    await screenshot(page, 'inspection-journal');
    watch.check();
  });

  test('pages follow the cluster live: a deleted Deployment shows up without a reload', async () => {
    const { page, watch, topology } = await open();
    await page.goto(`${origin}/#/findings`);
    await page.getByTestId('findings-count').waitFor();
    // A healthy component's Deployment: deleting it must produce a workload.missing finding.
    const victim = topology.nodes.find((n) => n.kind === 'component' && n.health === 'ok' && n.ref?.kind === 'apps/Deployment' && n.ref.namespace);
    assert.ok(victim?.ref?.namespace, 'the topology must have a healthy component run by a Deployment');
    // The finding names the Deployment the profile expects (its namespace is the profile's, so match the name).
    const missing = page.locator(`[data-finding-id^="workload.missing/"][data-finding-id$="/${victim.ref.name}"]`);
    assert.equal(await missing.count(), 0);
    sandbox.store.delete({ group: 'apps', resource: 'deployments' }, victim.ref.namespace, victim.ref.name);
    // No reload: the live stream brings the new finding to this page and the next ones.
    await missing.first().waitFor();
    await page.goto(`${origin}/#/topology`);
    await page.locator(`.topo-node[data-node-id="${victim.id}"][data-health="error"]`).waitFor();
    watch.check();
  });

  test('an unreachable context says why instead of showing an empty, perfect inspection', async () => {
    const { page, watch } = await open();
    await page.goto(`${origin}/#/overview`);
    await page.getByTestId('overall-score').waitFor();
    await page.getByLabel('Kubernetes context').selectOption('offline');
    const notConnected = page.getByTestId('not-connected');
    await notConnected.waitFor();
    assert.match((await notConnected.textContent()) ?? '', /refused/);
    assert.equal(await page.getByTestId('overall-score').count(), 0);
    await page.goto(`${origin}/#/cluster`);
    await page.locator('[data-testid="connection"][data-class="refused"]').waitFor();
    await page.getByText('Permissions can only be reviewed once the connection works.').waitFor();
    await screenshot(page, 'inspection-cluster-unreachable');
    await page.getByLabel('Kubernetes context').selectOption('sandbox');
    await page.locator('[data-testid="connection"][data-class="ok"]').waitFor();
    watch.check();
  });
});
