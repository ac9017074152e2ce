import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchConsole } from './browser';
import { httpClient, lastSmsTo } from './http';
import { newApplicant } from './portal';
import { startPortalProcess, type PortalProcess } from './portal-process';

/**
 * The applicant's side of the browser tests: a fresh tab on the page of `npm start`, an account registered over the
 * API (the page's registration has its own test), and the login through the page's form, in Kyrgyz (the page's
 * first language).
 */

export interface PortalPage {
  readonly page: Page;
  /** What the page printed that a person would not want (watchConsole): the test expects none at its end. */
  readonly consoleProblems: string[];
}

/**
 * A new tab on the portal's page. Each step waits for what the page shows, not for a time; the bound only ends a
 * step that never comes (Playwright's 30 s default is tight for scrypt and DynamoDB Local on a loaded 2-core machine).
 */
export const openPortalPage = async (browser: Browser, portalUrl: string): Promise<PortalPage> => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(60_000);
  const consoleProblems = watchConsole(page);
  await page.goto(`${portalUrl}/`);
  return { page, consoleProblems };
};

/** An applicant registered over the API, with the password the portal sent by SMS. */
export const registeredApplicant = async (portalUrl: string, dataDir: string) => {
  const http = httpClient(portalUrl);
  const consent = await http('POST', '/v1/consents', {
    body: { agreementVersion: '1', accepted: true, language: 'ky' },
  });
  const applicant = newApplicant();
  await http('POST', '/v1/registrations', {
    body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
  });
  return { ...applicant, password: lastSmsTo(dataDir, applicant.phone, 'password').secret };
};

/** Fills the page's login form and submits it, as a person would; what follows is the test's to wait for. */
export const logInOnPage = async (page: Page, phone: string, password: string): Promise<void> => {
  const login = page.locator('#login-form');
  await login.getByLabel('Телефон номери').fill(phone);
  await login.getByLabel('Сырсөз').fill(password);
  await login.getByRole('button', { name: 'Кирүү', exact: true }).click();
};

/** The cabinet's heading: the login is through once it is on screen. */
export const cabinetHeading = (page: Page) => page.getByRole('heading', { name: 'Жеке кабинет' });

/** An applicant registered over the API and logged in on the page, the cabinet on screen. */
export const loggedInOnPage = async (page: Page, portalUrl: string, dataDir: string) => {
  const applicant = await registeredApplicant(portalUrl, dataDir);
  await logInOnPage(page, applicant.phone, applicant.password);
  await cabinetHeading(page).waitFor();
  return applicant;
};

/** What a describe block of browser tests shares: one `npm start`, one Chromium, and the tab of the running test. */
export interface PortalInBrowser {
  readonly portal: PortalProcess;
  readonly page: Page;
}

/**
 * Starts `npm start` on `dataDir` and Chromium for the describe block it is called in, opens a fresh tab on the page
 * before each test and closes it after, failing the test if the page printed a problem (watchConsole).
 */
export const portalInBrowser = (dataDir: string): PortalInBrowser => {
  let portal: PortalProcess | undefined;
  let browser: Browser | undefined;
  let tab: PortalPage | undefined;
  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
    browser = await launchChromium();
  });
  beforeEach(async () => {
    tab = await openPortalPage(browser!, portal!.url);
  });
  afterEach(async () => {
    expect(tab!.consoleProblems).toEqual([]);
    await tab!.page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.stop('SIGTERM');
  });
  return {
    get portal() {
      return portal!;
    },
    get page() {
      return tab!.page;
    },
  };
};
