import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Route } from 'playwright-core';
import { documentsTexts } from '../../web/src/documents-texts';
import { fileSize } from '../../web/src/documents';
import { demandVerification as demandAsOperator } from '../support/admin-cli';
import { artifactsDirectory, seriousAccessibilityViolations } from '../support/browser';
import { cabinetHeading, loggedInOnPage, portalInBrowser } from '../support/page-applicant';

// `npm start` (with its S3 server), Chromium, scrypt and the admin CLI on a loaded 2-core machine: a generous bound;
// every step waits for what the page shows.
jest.setTimeout(240_000);

const ky = (key: keyof typeof documentsTexts, values: Record<string, string> = {}) =>
  documentsTexts[key].ky.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * 2.3 in the cabinet, in real headless Chromium against `npm start`: while an operator's verification demand is
 * pending, the applicant sends a document from the page, straight to the local S3 server by the presigned POST,
 * and sees it listed until the local malware scan has received it; files the portal does not take are refused
 * with a localized message; the card passes axe.
 */
describe('Documents for verification on the applicants’ page (2.3)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-browser-documents-'));
  const shots = artifactsDirectory('browser-verification-documents');
  const tab = portalInBrowser(dataDir);

  const card = (): Locator => tab.page.locator('#documents-card');
  const form = (): Locator => card().locator('#document-form');
  const row = (fileName: string): Locator => card().locator('#documents tr').filter({ hasText: fileName });

  /** The operator's demand with the admin CLI, as in the operators' runbook; the page shows it once reloaded. */
  const demandVerification = async (phone: string) => {
    await demandAsOperator(dataDir, phone, 'op.browser');
    await tab.page.reload();
    await cabinetHeading(tab.page).waitFor();
  };

  const send = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
    await form().getByLabel(ky('documentFile')).setInputFiles(file);
    await form()
      .getByRole('button', { name: ky('documentSend') })
      .click();
  };

  it('shows the card only while a demand is pending, and sends a PDF that is listed until the scan received it', async () => {
    const applicant = await loggedInOnPage(tab.page, tab.portal.url, dataDir);
    expect(await card().isHidden()).toBe(true);

    await demandVerification(applicant.phone);
    await card()
      .getByRole('heading', { name: ky('documentsTitle') })
      .waitFor();
    expect(await seriousAccessibilityViolations(tab.page)).toEqual([]);
    await tab.page.screenshot({ path: join(shots, '01-card.png'), fullPage: true });

    // The file is held on its way to storage: the document is listed at once, awaiting its upload.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await tab.page.route(
      (url) => url.origin !== new URL(tab.portal.url).origin,
      async (route: Route) => {
        await held;
        await route.continue();
      },
    );
    await send({ name: 'passport scan.pdf', mimeType: 'application/pdf', buffer: pdf });
    await row('passport scan.pdf').getByText(ky('documentAwaitingUpload')).waitFor();
    expect(await row('passport scan.pdf').textContent()).toContain(fileSize('ky', pdf.length));
    release();

    // Received once the local scan found it clean: the page reads the list again until then, and says so.
    await row('passport scan.pdf').getByText(ky('documentReceived')).waitFor();
    await card()
      .getByRole('status')
      .getByText(ky('documentDecided', { name: 'passport scan.pdf', status: ky('documentReceived') }))
      .waitFor();
    await tab.page.screenshot({ path: join(shots, '02-received.png'), fullPage: true });
    expect(await seriousAccessibilityViolations(tab.page)).toEqual([]);
  });

  it('refuses a file too large or of another type before sending it, and shows the portal’s own refusal (2.3)', async () => {
    const applicant = await loggedInOnPage(tab.page, tab.portal.url, dataDir);
    await demandVerification(applicant.phone);
    const sent: string[] = [];
    tab.page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/v1/me/verification-documents'))
        sent.push(request.url());
    });

    await send({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(5 * 1024 * 1024 + 1) });
    await form()
      .getByRole('alert')
      .getByText(ky('documentTooLarge', { size: fileSize('ky', 5 * 1024 * 1024) }))
      .waitFor();
    const input = form().getByLabel(ky('documentFile'));
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await tab.page.evaluate('document.activeElement?.id')).toBe('document-file');

    await send({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes') });
    await form().getByRole('alert').getByText(ky('documentWrongType')).waitFor();
    expect(sent).toEqual([]);
    await tab.page.screenshot({ path: join(shots, '03-wrong-type.png'), fullPage: true });

    // An empty file passes the page's checks; the portal refuses it with its own words, in the page's language.
    await send({ name: 'empty.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(0) });
    await form().getByRole('alert').getByText('Маалыматтар текшерүүдөн өткөн жок').waitFor();
    expect(sent).toHaveLength(1);
    expect(await card().locator('#documents').textContent()).toContain(ky('documentsNone'));
    expect(await seriousAccessibilityViolations(tab.page)).toEqual([]);
  });
});
