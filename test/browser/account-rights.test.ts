import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { accountRightsTexts } from '../../web/src/account-rights-texts';
import { artifactsDirectory, seriousAccessibilityViolations } from '../support/browser';
import { httpClient } from '../support/http';
import { cabinetHeading, loggedInOnPage, portalInBrowser } from '../support/page-applicant';

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
  const tab = portalInBrowser(dataDir);

  const card = (): Locator => tab.page.locator('section[aria-labelledby="rights-title"]');

  /** Registered over the API (the page's registration has its own test), then logged in through the tab.page. */
  const loggedIn = () => loggedInOnPage(tab.page, tab.portal.url, dataDir);

  it('saves the applicant’s data as a JSON file once the current password is given (2.4, 2.7)', async () => {
    const applicant = await loggedIn();
    const form = card().locator('#export-form');
    expect(await seriousAccessibilityViolations(tab.page)).toEqual([]);

    await form.getByRole('button', { name: ky('exportDownload') }).click();
    await form.getByText('Улантуу үчүн учурдагы сырсөздү киргизиңиз').waitFor();
    expect(await form.getByLabel('Учурдагы сырсөз').getAttribute('aria-invalid')).toBe('true');
    await tab.page.screenshot({ path: join(shots, '01-export-needs-password.png'), fullPage: true });

    await form.getByLabel('Учурдагы сырсөз').fill(applicant.password);
    const [download] = await Promise.all([
      tab.page.waitForEvent('download'),
      form.getByRole('button', { name: ky('exportDownload') }).click(),
    ]);

    expect(download.suggestedFilename()).toMatch(/^portal-data-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      account: Record<string, string>;
    };
    expect(exported.account).toMatchObject({ phone: applicant.phone, pin: applicant.pin });
    await tab.page.locator('#notice').getByText(ky('exportSaved')).waitFor();
    expect(await form.getByLabel('Учурдагы сырсөз').inputValue()).toBe('');
  });

  it('closes the account only once confirmed, then shows the login with the reason (2.4)', async () => {
    const applicant = await loggedIn();
    const form = card().locator('#closure-form');
    await form.getByLabel('Учурдагы сырсөз').fill(applicant.password);

    await form.getByRole('button', { name: ky('closureSubmit') }).click();
    await form.getByText(ky('closureMustConfirm')).waitFor();
    expect(await cabinetHeading(tab.page).isVisible()).toBe(true);

    await form.getByLabel(ky('closureConfirm')).check();
    await form.getByRole('button', { name: ky('closureSubmit') }).click();

    await tab.page.locator('#notice').getByText(ky('accountClosed')).waitFor();
    expect(await tab.page.locator('[data-view="login"]').isVisible()).toBe(true);
    expect(await tab.page.evaluate("sessionStorage.getItem('token')")).toBeNull();
    await tab.page.screenshot({ path: join(shots, '02-account-closed.png'), fullPage: true });
    const login = await httpClient(tab.portal.url)('POST', '/v1/sessions', {
      body: { phone: applicant.phone, password: applicant.password },
    });
    expect(login.status).toBe(401);
  });
});
