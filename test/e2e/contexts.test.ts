import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../support/temp.ts';
import { writeThreeContexts } from '../support/kubeconfigs.ts';
import { startTestHost } from '../support/browser-host.ts';
import { launchChromium, recordForeignRequests, screenshot } from '../support/chromium.ts';

describe('contexts in the browser host', async () => {
  const dir = tempDir();
  const { KUBECONFIG } = writeThreeContexts(dir);
  const host = await startTestHost({ KUBECONFIG, GROUNDCREW_HOME: dir });
  const browser = await launchChromium();

  test('shows all three contexts from two files, switches, and the selection survives a reload', async () => {
    const page = await browser.newPage();
    const foreign = recordForeignRequests(page, host.url.replace(/\/$/, ''));
    const cspViolations: string[] = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
    });
    await page.goto(host.loginUrl);
    assert.equal(new URL(page.url()).search, '', 'the token must be dropped from the address bar');
    await page.goto(`${host.url}#/home`);

    const switcher = page.getByLabel('Kubernetes context');
    await switcher.waitFor();
    const options = await switcher.locator('option').allTextContents();
    assert.deepEqual(options, ['alpha', 'beta', 'gamma']);
    assert.equal(await switcher.inputValue(), 'alpha');
    assert.equal(await page.locator('table[aria-label="Contexts"] tbody tr').count(), 3);

    await switcher.selectOption('gamma');
    await page.locator('tr[data-context="gamma"][aria-selected="true"]').waitFor();
    await screenshot(page, 'contexts-switched');

    await page.reload();
    await page.locator('tr[data-context="gamma"][aria-selected="true"]').waitFor();
    assert.equal(new URL(page.url()).hash, '#/home', 'the page survives a reload');
    assert.equal(await page.getByLabel('Kubernetes context').inputValue(), 'gamma');

    // The table's "Use" button switches too.
    await page.locator('tr[data-context="beta"] button', { hasText: 'Use' }).click();
    await page.locator('tr[data-context="beta"][aria-selected="true"]').waitFor();
    assert.equal(await page.getByLabel('Kubernetes context').inputValue(), 'beta');

    assert.deepEqual(foreign, [], 'no request may leave the host');
    assert.deepEqual(cspViolations, []);
  });

  test('the About panel shows the version and bundled licenses', async () => {
    const page = await browser.newPage();
    await page.goto(host.loginUrl);
    await page.getByRole('button', { name: 'About' }).click();
    const dialog = page.getByRole('dialog', { name: 'About Groundcrew' });
    await dialog.waitFor();
    assert.match(await dialog.getByTestId('about-version').textContent() ?? '', /^\d+\.\d+\.\d+/);
    await dialog.locator('table[aria-label="Licenses"] tbody tr').first().waitFor();
    const rows = await dialog.locator('table[aria-label="Licenses"] tbody tr').allTextContents();
    assert.ok(rows.some((r) => r.startsWith('react') && r.includes('MIT')), rows.slice(0, 5).join(' | '));
    await screenshot(page, 'about');
  });
});
