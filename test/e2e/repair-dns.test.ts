import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startSandbox } from '../../electron/core/sandbox/index.ts';
import { core } from '../../electron/core/sandbox/store/types.ts';
import { tempDir } from '../support/temp.ts';
import { startTestHost } from '../support/browser-host.ts';
import { launchChromium, recordForeignRequests, screenshot } from '../support/chromium.ts';

const HOST_FINDING = 'dns.hostname-unresolved/kube-system/coredns/tracetest.localdev';

describe('repairing DNS from the UI, undoing it from the Journal', async () => {
  const dir = tempDir();
  const sandbox = await startSandbox({ scenario: 'tracetest-broken', kubeconfigOut: path.join(dir, 'kubeconfig') });
  after(() => sandbox.close());
  const host = await startTestHost({ KUBECONFIG: sandbox.kubeconfigPath, GROUNDCREW_HOME: dir });
  const origin = host.url.replace(/\/$/, '');
  const browser = await launchChromium();
  const corefile = () => (sandbox.store.get(core('configmaps'), 'kube-system', 'coredns')!.data as { Corefile: string }).Corefile;

  test('fix the DNS finding (diff visible, confirm, verified), then undo it from the Journal page', async () => {
    const original = corefile();
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const foreign = recordForeignRequests(page, origin);
    await page.goto(host.loginUrl);
    await page.goto(`${origin}/#/findings?id=${encodeURIComponent(HOST_FINDING)}`);
    const row = page.locator(`[data-finding-id="${HOST_FINDING}"]`);
    await row.waitFor();
    await row.locator('.fix-button').click();

    const dialog = page.getByTestId('fix-dialog');
    const plan = dialog.getByTestId('fix-plan');
    await plan.waitFor();
    assert.equal(await plan.getAttribute('data-appliable'), 'true');
    const added = await plan.locator('pre.diff .diff-add').allTextContents();
    assert.ok(added.some((l) => /rewrite name exact tracetest\.localdev .*# groundcrew:/.test(l)), `the diff shows the rewrite: ${added.join(' | ')}`);
    assert.equal(corefile(), original, 'nothing is written before the operator confirms');
    await screenshot(page, 'repair-dns-plan');

    await dialog.getByRole('button', { name: 'Apply' }).click();
    await dialog.locator('[data-testid="fix-result"][data-verified="true"]').waitFor({ timeout: 30_000 });
    assert.match(corefile(), /rewrite name exact tracetest\.localdev/);
    await row.waitFor({ state: 'detached' });
    await screenshot(page, 'repair-dns-verified');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.goto(`${origin}/#/journal`);
    const entry = page.locator('table[aria-label="Journal"] tr[data-undone="false"]', { hasText: HOST_FINDING });
    await entry.waitFor();
    await entry.getByRole('button', { name: 'Undo' }).click();
    await page.locator('table[aria-label="Journal"] tr[data-undone="true"]', { hasText: HOST_FINDING }).waitFor({ timeout: 30_000 });
    await page.locator('table[aria-label="Journal"] tr[data-undo-of]').first().waitFor();
    assert.equal(corefile(), original, 'undo gives back the Corefile byte for byte');
    await screenshot(page, 'repair-dns-journal');

    await page.goto(`${origin}/#/findings?id=${encodeURIComponent(HOST_FINDING)}`);
    await page.locator(`[data-finding-id="${HOST_FINDING}"]`).waitFor();
    assert.deepEqual(foreign, []);
  });
});
