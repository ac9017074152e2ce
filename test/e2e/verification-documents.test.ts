import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { documentsBucketName, localStorageCredentials } from '../../contract/documents';
import { eicarSignature, findRunningDocumentsServer } from '../../lib/local/documents-server';
import { admin, demandVerification as demandAsOperator } from '../support/admin-cli';
import { httpClient, lastSmsTo } from '../support/http';
import { newApplicant } from '../support/portal';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';

// DynamoDB Local, s3rver and the admin CLI start as processes on a loaded 2-core machine.
jest.setTimeout(300_000);

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('2.3: verification documents against npm start (the local S3 server and its scan)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'portal-documents-'));
  let portal: PortalProcess;
  let call: ReturnType<typeof httpClient>;

  beforeAll(async () => {
    portal = await startPortalProcess(dataDir);
    call = httpClient(portal.url);
  });

  afterAll(async () => {
    expect(await portal.stop('SIGTERM')).toBe(0);
  });

  const loggedIn = async () => {
    const applicant = newApplicant();
    const consent = await call('POST', '/v1/consents', {
      body: { agreementVersion: '1', accepted: true, language: 'en' },
    });
    expect(
      (
        await call('POST', '/v1/registrations', {
          body: { consentId: consent.body.consentId, applicantType: 'individual', ...applicant },
        })
      ).status,
    ).toBe(201);
    const password = lastSmsTo(dataDir, applicant.phone, 'password').secret;
    const session = await call('POST', '/v1/sessions', { body: { phone: applicant.phone, password } });
    return { ...applicant, token: session.body.token as string };
  };

  const demandVerification = (phone: string) => demandAsOperator(dataDir, phone, 'op.e2e');

  const announce = (token: string, document: Record<string, unknown>, language = 'en') =>
    call('POST', '/v1/me/verification-documents', {
      token,
      body: document,
      headers: { 'accept-language': language },
    });

  /** The browser's form POST: the presigned fields first, the file last. */
  const upload = async (answer: Record<string, unknown>, content: Buffer, contentType: string) => {
    const { url, fields } = answer.upload as { url: string; fields: Record<string, string> };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([content], { type: contentType }), 'upload');
    return fetch(url, { method: 'POST', body: form });
  };

  /** The scan runs after the upload is answered: the list is read again until the document is decided. */
  const decided = async (token: string, documentId: string) => {
    for (;;) {
      const list = await call('GET', '/v1/me/verification-documents', { token });
      const item = (list.body.items as { documentId: string; status: string }[]).find(
        (document) => document.documentId === documentId,
      );
      if (item && item.status !== 'awaiting_upload') return item;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('refuses documents while no verification is pending (409 no_verification_pending), localized', async () => {
    const applicant = await loggedIn();

    const answer = await announce(
      applicant.token,
      { fileName: 'passport.pdf', contentType: 'application/pdf', size: pdf.length },
      'ru',
    );

    expect([answer.status, answer.body.code]).toEqual([409, 'no_verification_pending']);
    expect(answer.body.title).toBe('Подтверждение не запрошено: документы отправлять не нужно');
    expect((await call('GET', '/v1/me/verification-documents', { token: applicant.token })).body).toEqual({
      items: [],
    });
  });

  it('a PDF uploaded by the presigned POST is received once scanned clean; an EICAR file is rejected', async () => {
    const applicant = await loggedIn();
    await demandVerification(applicant.phone);

    const clean = await announce(applicant.token, {
      fileName: 'passport scan.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const eicar = Buffer.from(eicarSignature);
    const infected = await announce(applicant.token, {
      fileName: 'photo.png',
      contentType: 'image/png',
      size: eicar.length,
    });
    expect([clean.status, infected.status]).toEqual([201, 201]);
    // No personal data in the storage key or the URL (2.4): the server's ids only.
    const { url, fields } = clean.body.upload as { url: string; fields: Record<string, string> };
    expect(fields.key).toMatch(new RegExp(`^documents/[0-9a-f-]+/${clean.body.documentId as string}$`));
    expect(`${url} ${fields.key}`).not.toMatch(new RegExp(`${applicant.phone.slice(4)}|passport`));

    expect((await upload(clean.body, pdf, 'application/pdf')).status).toBe(204);
    expect((await upload(infected.body, eicar, 'image/png')).status).toBe(204);

    expect(await decided(applicant.token, clean.body.documentId as string)).toEqual({
      documentId: clean.body.documentId,
      fileName: 'passport scan.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      status: 'received',
      createdAt: expect.any(String),
    });
    expect((await decided(applicant.token, infected.body.documentId as string)).status).toBe('rejected');
    const activity = await call('GET', '/v1/me/activity', { token: applicant.token });
    expect((activity.body.items as { action: string }[]).map((entry) => entry.action)).toContain(
      'verification_document_added',
    );
  });

  it('refuses a wrong type, a file over 5 MiB and a path as the name (400 validation_failed), then a 6th document (409)', async () => {
    const applicant = await loggedIn();
    await demandVerification(applicant.phone);
    const valid = { fileName: 'id.jpg', contentType: 'image/jpeg', size: 1000 };

    const wrongType = await announce(applicant.token, { ...valid, contentType: 'text/html' }, 'ky');
    const tooLarge = await announce(applicant.token, { ...valid, size: 5 * 1024 * 1024 + 1 });
    const path = await announce(applicant.token, { ...valid, fileName: '../../etc/passwd' });
    const accepted = [];
    for (let n = 1; n <= 5; n += 1) accepted.push((await announce(applicant.token, valid)).status);
    const sixth = await announce(applicant.token, valid);

    expect([wrongType.status, wrongType.body.code, wrongType.body.title]).toEqual([
      400,
      'validation_failed',
      'Маалыматтар текшерүүдөн өткөн жок',
    ]);
    expect((wrongType.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['contentType']);
    expect([tooLarge.status, (tooLarge.body.errors as { field: string }[])[0]!.field]).toEqual([400, 'size']);
    expect([path.status, (path.body.errors as { field: string }[])[0]!.field]).toEqual([400, 'fileName']);
    expect(accepted).toEqual([201, 201, 201, 201, 201]);
    expect([sixth.status, sixth.body.code]).toEqual([409, 'too_many_documents']);
    const list = await call('GET', '/v1/me/verification-documents', { token: applicant.token });
    expect(list.body.items).toHaveLength(5);
  });

  it("another applicant's session sees none of my documents, and no session sees any (401)", async () => {
    const owner = await loggedIn();
    await demandVerification(owner.phone);
    const mine = await announce(owner.token, { fileName: 'a.pdf', contentType: 'application/pdf', size: 10 });
    const other = await loggedIn();

    const theirs = await call('GET', '/v1/me/verification-documents', { token: other.token });
    const anonymous = await call('GET', '/v1/me/verification-documents');

    expect(mine.status).toBe(201);
    expect(theirs.body).toEqual({ items: [] });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthenticated']);
  });

  it("resolving the demand with the admin CLI starts its documents' retention in the running storage (2.4); the file stays", async () => {
    // Prepare
    const applicant = await loggedIn();
    await demandVerification(applicant.phone);
    const answer = await announce(applicant.token, {
      fileName: 'passport.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    expect((await upload(answer.body, pdf, 'application/pdf')).status).toBe(204);
    await decided(applicant.token, answer.body.documentId as string);

    // Act
    const run = await admin(dataDir, [
      'resolve-verification',
      '--phone',
      applicant.phone,
      '--outcome',
      'confirmed',
      '--operator',
      'op.e2e',
      '--reason',
      'The documents match the registry',
    ]);

    // Assess
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(
      '1 document(s) of the demand start their retention period: deleted 90 days from now.',
    );
    const storage = new S3Client({
      region: 'eu-central-1',
      endpoint: await findRunningDocumentsServer(dataDir),
      forcePathStyle: true,
      credentials: localStorageCredentials,
    });
    const { fields } = answer.body.upload as { fields: Record<string, string> };
    const kept = await storage.send(new GetObjectCommand({ Bucket: documentsBucketName, Key: fields.key }));
    expect(kept.ContentType).toBe('application/pdf');
    expect(Buffer.from(await kept.Body!.transformToByteArray())).toEqual(pdf);
    storage.destroy();
    const me = await call('GET', '/v1/me', { token: applicant.token });
    expect(me.body.verification).toMatchObject({ status: 'confirmed' });
  });
});
