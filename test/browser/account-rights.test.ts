import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { accountRightsTexts } from '../../web/src/account-rights-texts';
import { artifactsDirectory, launchChromium, seriousAccessibilityViolations } from '../support/browser';
import { httpClient } from '../support/http';
import { cabinetHeading, loggedInOnPage, openPortalPage } from '../support/page-applicant';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// `npm start`, Chromium and scrypt on a loaded 2-core machine: a generous bound; every step waits for what it shows.
jest.setTimeout(180_000);

const ky = (key: keyof typeof accountRightsTexts) => accountRightsTexts[key].ky;

/**
 * 2.4 in the cabinet, in real headless Chromium against `npm start`: the applicant saves their data as a JSON file
 * and closes the account, each after re-authentication (2.7); the card passes axe.
 */
describe('Export and closure on the applicants’ page', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-browser-rights-'));
  const shots = artifactsDirectory('browser-account-rights');
  let portal: PortalProcess;
  let browser: Browser;
  let page: Page;
  let consoleProblems: string[] = [];

  const card = (): Locator => page.locator('section[aria-labelledby="rights-title"]');

  /** Registered over the API (the page's registration has its own test), then logged in through the page. */
  const loggedIn = () => loggedInOnPage(page, portal.url, dataDir);

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    ({ page, consoleProblems } = await openPortalPage(browser, portal.url));
  });

  afterEach(async () => {
    expect(consoleProblems).toEqual([]);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.stop('SIGTERM');
  });

  it('saves the applicant’s data as a JSON file once the current password is given (2.4, 2.7)', async () => {
    const applicant = await loggedIn();
    const form = card().locator('#export-form');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await form.getByRole('button', { name: ky('exportDownload') }).click();
    await form.getByText('Улантуу үчүн учурдагы сырсөздү киргизиңиз').waitFor();
    expect(await form.getByLabel('Учурдагы сырсөз').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(shots, '01-export-needs-password.png'), fullPage: true });

    await form.getByLabel('Учурдагы сырсөз').fill(applicant.password);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      form.getByRole('button', { name: ky('exportDownload') }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^portal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      account: Record<string, string>;
    };
    expect(exported.account).toMatchObject({ phone: applicant.phone, pin: applicant.pin });
    await page.locator('#notice').getByText(ky('exportSaved')).waitFor();
    expect(await form.getByLabel('Учурдагы сырсөз').inputValue()).toBe('');
  });

  it('closes the account only once confirmed, then shows the login with the reason (2.4)', async () => {
    const applicant = await loggedIn();
    const form = card().locator('#closure-form');
    await form.getByLabel('Учурдагы сырсөз').fill(applicant.password);

    await form.getByRole('button', { name: ky('closureSubmit') }).click();
    await form.getByText(ky('closureMustConfirm')).waitFor();
    expect(await cabinetHeading(page).isVisible()).toBe(true);

    await form.getByLabel(ky('closureConfirm')).check();
    await form.getByRole('button', { name: ky('closureSubmit') }).click();

    await page.locator('#notice').getByText(ky('accountClosed')).waitFor();
    expect(await page.locator('[data-view="login"]').isVisible()).toBe(true);
    expect(await page.evaluate("sessionStorage.getItem('token')")).toBeNull();
    await page.screenshot({ path: join(shots, '02-account-closed.png'), fullPage: true });
    const login = await httpClient(portal.url)('POST', '/v1/sessions', {
      body: { phone: applicant.phone, password: applicant.password },
    });
    expect(login.status).toBe(401);
  });
});
