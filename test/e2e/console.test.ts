/**
 * The web console and GraphiQL in a real headless Chromium against `npm start` (its real server,
 * embedded stores and simulated fleet), signed in with the printed admin key and with keys of
 * each role made through the API. The simulated BMCs report a FRU product name holding markup.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from './browser.ts';
import { gql, startApi, type StartedApi } from './start-support.ts';

const FLEET = 4;
const HOSTILE_FRU = '<img src=x onerror=alert(1)><b>bold</b>';

let dataDir: string;
let api: StartedApi;
let browser: Browser;
let base: string;
const keys: Record<'viewer' | 'operator' | 'auditor', string> = { viewer: '', operator: '', auditor: '' };
const contexts: BrowserContext[] = [];
/** Every alert, confirm or prompt any page opened: the console opens none, and hostile text must not either. */
const dialogs: string[] = [];

async function createKey(role: string): Promise<string> {
  const r = await gql(api.graphqlUrl, api.adminKey, `mutation { createApiKey(input: { name: "console ${role}", role: ${role} }) { key } }`);
  return (r.body.data?.['createApiKey'] as { key: string }).key;
}

/** A fresh browser context (empty storage), signed in with `key` through the sign-in form. */
async function signIn(key: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(base);
  await page.fill('#api-key', key);
  await page.click('button:has-text("Sign in")');
  await page.waitForSelector('[data-testid=who]');
  return page;
}

async function openBmc(page: Page, name: string): Promise<void> {
  await page.goto(`${base}#/fleet`);
  await page.click(`tr[data-bmc="${name}"] a`);
  await page.waitForSelector('[data-testid=power-state] .badge');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bmcp-console-'));
  [api, browser] = await Promise.all([startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: String(FLEET), BMC_SIM_FRU_PRODUCT_NAME: HOSTILE_FRU }, 120_000), launchChromium()]);
  base = api.graphqlUrl.replace(/graphql$/, '');
  keys.viewer = await createKey('VIEWER');
  keys.operator = await createKey('OPERATOR');
  keys.auditor = await createKey('AUDITOR');
}, 150_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await api?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('web console', () => {
  it('forbids inline script: the CSP header says so, and an injected inline script does not run', async () => {
    const context = await browser.newContext();
    contexts.push(context);
    const page = await context.newPage();
    const response = await page.goto(base);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    expect(csp).toContain("default-src 'none'");
    await screenshot(page, 'sign-in');
    // Browser-side code is passed as text: it runs in the page, not in this (DOM-less) program.
    const outcome = await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
      const s = document.createElement('script');
      s.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 200));
      return { ran: document.body.dataset.inlineRan === 'yes', violations };
    })()`);
    expect(outcome).toEqual({ ran: false, violations: ['script-src-elem'] });
  });

  it('signs in with the printed key, keeps it in sessionStorage only, lists the fleet, and signs out', async () => {
    const page = await signIn(api.adminKey);
    await page.waitForSelector('tr[data-bmc] [data-testid=power] .badge');
    const names = await page.$$eval('tr[data-bmc]', (rows) => rows.map((r) => r.getAttribute('data-bmc')));
    expect(names.sort()).toEqual(['sim-01', 'sim-02', 'sim-03', 'sim-04']);
    expect(await page.textContent('[data-testid=who]')).toContain('admin');
    const storage = (await page.evaluate(`({ session: sessionStorage.getItem('bmcp.apiKey'), local: JSON.stringify({ ...localStorage }), url: location.href })`)) as { session: string; local: string; url: string };
    expect(storage.session).toBe(api.adminKey);
    expect(storage.local).not.toContain(api.adminKey);
    expect(storage.url).not.toContain(api.adminKey);
    await screenshot(page, 'fleet');
    await page.click('button:has-text("Sign out")');
    await page.waitForSelector('#api-key');
    expect(await page.evaluate(`sessionStorage.getItem('bmcp.apiKey')`)).toBeNull();
  });

  it('shows a viewer no action buttons', async () => {
    const page = await signIn(keys.viewer);
    await page.waitForSelector('tr[data-bmc]');
    expect(await page.locator('button', { hasText: /^Power |^Identify$/ }).count()).toBe(0);
    await openBmc(page, 'sim-01');
    await page.waitForSelector('#fru dd');
    expect(await page.locator('button', { hasText: /^Power |^Identify$|Clear SEL|Set boot device|Capture/ }).count()).toBe(0);
    expect(await page.locator('nav a', { hasText: /Audit|API keys/ }).count()).toBe(0);
  });

  it('renders a FRU string with markup from the BMC as text', async () => {
    const page = await signIn(api.adminKey);
    await openBmc(page, 'sim-01');
    await page.waitForSelector(`#fru dd:text-is("${HOSTILE_FRU}")`);
    expect(await page.locator('#fru img, #fru b').count()).toBe(0);
    expect(dialogs).toEqual([]);
    // The sensors are charted live: wait for a few samples before the screenshot.
    await page.waitForSelector('.chart[data-samples="2"]', { timeout: 20_000 });
    expect(await page.locator('#sensors .sensor-bar').count()).toBeGreaterThan(3);
    await screenshot(page, 'bmc');
  });

  it('lets an operator power a BMC off, and the status follows', async () => {
    const page = await signIn(keys.operator);
    await openBmc(page, 'sim-02');
    expect(await page.textContent('[data-testid=power-state] .badge')).toBe('on');
    await page.click('[aria-label="Power actions"] button:has-text("Power off")');
    await page.click('[role=dialog] button:has-text("Power off")');
    await page.waitForSelector('[data-testid=power-state] .badge:text-is("off")');
    await page.goto(`${base}#/fleet`);
    await page.waitForSelector('tr[data-bmc="sim-02"] [data-testid=power] .badge:text-is("off")');
  });

  it('runs a fleet power action as a job whose progress bar reaches 100 %', async () => {
    const page = await signIn(keys.operator);
    await page.waitForSelector('tr[data-bmc]');
    // Keyboard: focus the first row, select every row with Space while moving down.
    await page.focus('tr[data-bmc]');
    for (let i = 0; i < FLEET; i++) {
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
    }
    expect(await page.textContent('[aria-label="Fleet actions"] span')).toBe(`${FLEET} selected`);
    await page.click('[aria-label="Fleet actions"] button:has-text("Power on")');
    await page.click('[role=dialog] button:has-text("Power on")');
    await page.waitForURL(/#\/jobs\/.+/);
    await page.waitForSelector('[role=progressbar][aria-valuenow="100"]', { timeout: 30_000 });
    await page.waitForSelector('.panel .badge:text-is("succeeded")');
    expect(await page.locator('table[aria-label=Tasks] tbody tr').count()).toBe(FLEET);
    await screenshot(page, 'job');
  });

  it('lets an auditor filter to that action, verify the chain, and download the CSV the API exports', async () => {
    const page = await signIn(keys.auditor);
    await page.waitForSelector('table.audit');
    await page.fill('input[placeholder="bmc.power.set"]', 'bmc.power.set');
    await page.click('button:has-text("Apply")');
    // Polled from here: page.waitForFunction evaluates inside the page, which its CSP forbids.
    const onlyThatAction = `(() => {
      const rows = [...document.querySelectorAll('table.audit tbody tr')];
      return rows.length > 0 && rows.every((r) => r.getAttribute('data-action') === 'bmc.power.set');
    })()`;
    await expect.poll(() => page.evaluate(onlyThatAction), { timeout: 20_000 }).toBe(true);
    // One single action and one per BMC of the fleet job, each with its STARTED intent.
    expect(await page.locator('table.audit tbody tr').count()).toBeGreaterThanOrEqual(1 + FLEET);
    await page.click('button:has-text("Verify chains")');
    await page.waitForSelector('[data-testid=verify-result]');
    expect(await page.textContent('[data-testid=verify-result] strong')).toContain('Verified');
    await screenshot(page, 'audit');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button:text-is("CSV")')]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    const fromApi = await fetch(`${api.restUrl}/audit-events/export?action=bmc.power.set&format=csv`, { headers: { 'x-api-key': keys.auditor } });
    const rows = (text: string) => text.split(/\r?\n/).filter((l) => l !== '');
    expect(rows(csv)).toEqual(rows(await fromApi.text()));
    expect(rows(csv).length).toBeGreaterThanOrEqual(2 + FLEET);

    await page.click('table.audit tbody tr:first-child a');
    await page.waitForSelector('.fields.chain');
    expect(await page.locator('.fields.chain .hash').count()).toBe(2);
    await screenshot(page, 'audit-event');
  });

  it('lets an admin create a key (shown once), list and revoke it', async () => {
    const page = await signIn(api.adminKey);
    await page.goto(`${base}#/keys`);
    await page.fill('form input[required]', 'console-made');
    await page.click('button:has-text("Create")');
    const created = await page.textContent('[data-testid=new-key]');
    expect(created).toMatch(/^bmcp_/);
    expect((await gql(api.graphqlUrl, created ?? '', '{ me { role } }')).body.data).toEqual({ me: { role: 'VIEWER' } });
    await screenshot(page, 'keys');
    await page.click('tr:has-text("console-made") button:has-text("Revoke")');
    await page.click('[role=dialog] button:has-text("Revoke")');
    await page.waitForSelector('tr:has-text("console-made") .badge:text-is("revoked")');
    expect((await gql(api.graphqlUrl, created ?? '', '{ me { role } }')).status).toBe(401);
  });

  it('serves GraphiQL at /graphql, which runs a query with the key in a header', async () => {
    const page = await signIn(api.adminKey);
    const response = await page.goto(`${base}graphql`);
    expect(/script-src ([^;]*)/.exec(response?.headers()['content-security-policy'] ?? '')?.[1]).toBe("'self'");
    await page.waitForSelector('[data-testid=key-state]');
    const sent: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/graphql')) sent.push(r.headers()['x-api-key']);
    });
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.evaluate(`document.querySelector('.result-window')?.textContent?.includes('sim-01') === true`), { timeout: 20_000 }).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((k) => k === api.adminKey)).toBe(true);
    await screenshot(page, 'graphiql');
    // The same page at the address a deployment gives it (/graphql there belongs to API Gateway).
    const alias = await page.goto(`${base}graphiql.html`);
    expect(await alias?.text()).toBe(await (await fetch(api.graphqlUrl, { headers: { accept: 'text/html' } })).text());
  });
});
