/**
 * The web console and GraphiQL in a real headless Chromium against `npm start` (its real server,
 * embedded stores and simulated fleet), signed in with the printed admin key and with keys of
 * each role made through the API. The simulated BMCs report a FRU product name holding markup;
 * the default fleet's faults (a failed PSU, a fan under threshold, an ECC storm) are collected
 * every 5 s, so history, predictions and last seen fill while the tests run.
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
  [api, browser] = await Promise.all([
    startApi({ DATA_DIR: dataDir, BMC_SIM_COUNT: String(FLEET), BMC_SIM_FRU_PRODUCT_NAME: HOSTILE_FRU, MONITOR_INTERVAL_SECONDS: '5' }, 120_000),
    launchChromium(),
  ]);
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
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    // Inline styles only here, for GraphiQL's editor; the console's own pages allow none.
    expect(/style-src ([^;]*)/.exec(csp)?.[1]).toBe("'self' 'unsafe-inline'");
    expect(/style-src ([^;]*)/.exec((await fetch(base)).headers.get('content-security-policy') ?? '')?.[1]).toBe("'self'");
    await page.waitForSelector('[data-testid=key-state]');
    const sent: (string | undefined)[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/graphql')) sent.push(r.headers()['x-api-key']);
    });
    await page.click('.graphiql-execute-button');
    await expect.poll(() => page.evaluate(`document.querySelector('.result-window')?.textContent?.includes('"name": "sim-0') === true`), { timeout: 20_000 }).toBe(true);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((k) => k === api.adminKey)).toBe(true);
    await screenshot(page, 'graphiql');
    // The same page at the address a deployment gives it (/graphql there belongs to API Gateway).
    const alias = await page.goto(`${base}graphiql.html`);
    expect(await alias?.text()).toBe(await (await fetch(api.graphqlUrl, { headers: { accept: 'text/html' } })).text());
  });
  it('charts the collected history of an unhealthy BMC with its thresholds, and shows its predictions and last seen', async () => {
    const page = await signIn(api.adminKey);
    // Collection has run every 5 s since the server started: the faults are in the fleet table.
    await expect
      .poll(async () => {
        await page.goto(`${base}#/fleet`);
        await page.waitForSelector('tr[data-bmc="sim-02"]');
        return page.locator('tr[data-bmc="sim-02"] [data-testid=prediction] [data-risk=HIGH]').count();
      }, { timeout: 30_000 })
      .toBe(1);
    expect(await page.getAttribute('tr[data-bmc="sim-02"] [data-testid=prediction]', 'title')).toMatch(/^high · Power Supply/);
    expect(await page.locator('tr[data-bmc="sim-01"] [data-testid=prediction]').count()).toBe(0);
    expect(await page.locator('tr[data-bmc="sim-01"] [data-testid=last-seen] time').count()).toBe(1);
    await screenshot(page, 'fleet');

    await openBmc(page, 'sim-03');
    await page.waitForSelector('#predictions table[aria-label=Predictions] [data-risk=HIGH]');
    // The panel opens on the sensor that is not OK: the fan under its lower critical threshold.
    await page.waitForSelector('#history select[aria-label=Sensor]');
    expect(await page.$eval('#history select[aria-label=Sensor]', (el) => (el as unknown as { value: string }).value)).toBe('FAN2');
    await page.waitForSelector('#history .chart.history');
    expect(Number(await page.getAttribute('#history .chart.history', 'data-points'))).toBeGreaterThanOrEqual(2);
    expect(Number(await page.getAttribute('#history .health-strip', 'data-samples'))).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#history .strip .seg.critical').count()).toBeGreaterThan(0);
    await page.click('#history button:has-text("14 d")');
    await page.waitForSelector('#history button[aria-pressed=true]:has-text("14 d")');
    await page.locator('#history').scrollIntoViewIfNeeded();
    await screenshot(page, 'bmc-history');
  });

  it('says so when a sensor has no stored readings in the range', async () => {
    const page = await signIn(api.adminKey);
    await openBmc(page, 'sim-01');
    // A sensor collection never stored a reading of: the BMC has it, history does not.
    await page.waitForSelector('#history select[aria-label=Sensor] option:nth-child(2)', { state: 'attached' });
    const names = await page.$$eval('#history select[aria-label=Sensor] option', (os) => os.map((o) => o.getAttribute('value') ?? ''));
    expect(names.length).toBeGreaterThan(1);
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('SensorHistory')) return route.continue();
      return route.fulfill({ contentType: 'application/json', body: JSON.stringify({ data: { bmc: { sensorHistory: [] } } }) });
    });
    await page.selectOption('#history select[aria-label=Sensor]', names[1] ?? '');
    await page.waitForSelector('#history [data-testid=no-history]');
    expect(await page.locator('#history .chart.history').count()).toBe(0);
  });

  it('identifies selected BMCs as a job whose progress bar reaches 100 %, and the BMCs show it', async () => {
    const page = await signIn(keys.operator);
    await page.waitForSelector('tr[data-bmc]');
    await page.click('tr[data-bmc="sim-01"] input[type=checkbox]');
    await page.click('tr[data-bmc="sim-04"] input[type=checkbox]');
    await page.click('[aria-label="Fleet actions"] button:has-text("Identify")');
    await page.click('[role=dialog] button:has-text("Identify")');
    await page.waitForURL(/#\/jobs\/.+/);
    await page.waitForSelector('[role=progressbar][aria-valuenow="100"]', { timeout: 30_000 });
    await page.waitForSelector('.panel .badge:text-is("succeeded")');
    expect(await page.locator('table[aria-label=Tasks] tbody tr').count()).toBe(2);
    const read = await gql(api.graphqlUrl, keys.operator, '{ bmcs { nodes { name chassisStatus(maxAge: 0) { identify } } } }');
    const lit = (read.body.data?.['bmcs'] as { nodes: { name: string; chassisStatus: { identify: string } }[] }).nodes.filter((b) => b.chassisStatus.identify === 'TEMPORARY');
    expect(lit.map((b) => b.name).sort()).toEqual(['sim-01', 'sim-04']);
  });
});
