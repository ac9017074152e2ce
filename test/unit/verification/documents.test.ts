import { S3DocumentPresigner, uploadConditions } from '../../../functions/adapters/s3/presigner';
import { systemClock } from '../../../functions/domain/ports';
import { documentUploadSchema } from '../../../contract/schemas/verification-documents';
import {
  documentLimits,
  documentOfObjectKey,
  documentObjectKey,
} from '../../../functions/domain/verification/documents';

describe('2.3: the policy of a document upload', () => {
  it('holds the declared type and exactly the declared size', () => {
    expect(uploadConditions('application/pdf', 1234)).toEqual([
      ['eq', '$Content-Type', 'application/pdf'],
      ['content-length-range', 1234, 1234],
    ]);
  });

  it("signs a POST whose policy names the server's key, the type and the size (presigning calls no service)", async () => {
    const presigner = new S3DocumentPresigner(
      { name: 'documents-bucket', region: 'eu-central-1' },
      () => ({ accessKeyId: 'test', secretAccessKey: 'test' }),
      systemClock,
    );
    const key = documentObjectKey('account-1', 'document-1');

    const { url, fields } = await presigner.presignUpload({
      objectKey: key,
      contentType: 'image/png',
      size: 99,
      expiresInSeconds: 900,
    });

    const policy = JSON.parse(Buffer.from(fields.Policy!, 'base64').toString('utf8')) as {
      conditions: unknown[];
    };
    expect(url).toContain('documents-bucket');
    expect(fields.key).toBe(key);
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        { bucket: 'documents-bucket' },
        { key },
        ['eq', '$Content-Type', 'image/png'],
        ['content-length-range', 99, 99],
      ]),
    );
  });
});

describe('2.3: what the API takes before it signs', () => {
  const valid = { fileName: 'passport.pdf', contentType: 'application/pdf', size: 1000 };

  it('takes PDF, JPEG and PNG up to 5 MiB, named without a path', () => {
    for (const contentType of ['application/pdf', 'image/jpeg', 'image/png'])
      expect(documentUploadSchema.safeParse({ ...valid, contentType }).success).toBe(true);
    expect(documentUploadSchema.safeParse({ ...valid, size: documentLimits.maxBytes }).success).toBe(true);
  });

  it.each([
    ['another type', { contentType: 'text/html' }],
    ['over 5 MiB', { size: documentLimits.maxBytes + 1 }],
    ['an empty file', { size: 0 }],
    ['a path as the name', { fileName: '../etc/passwd' }],
    ['a control character in the name', { fileName: 'a\u0000.pdf' }],
    ['an empty name', { fileName: '  ' }],
  ])('refuses %s', (_what, change) => {
    expect(documentUploadSchema.safeParse({ ...valid, ...change }).success).toBe(false);
  });

  it('finds the document of an object key, and nothing in other keys', () => {
    expect(documentOfObjectKey(documentObjectKey('a-1', 'd-2'))).toEqual({
      accountId: 'a-1',
      documentId: 'd-2',
    });
    expect(documentOfObjectKey('malware-protection-resource-validation-object')).toBeUndefined();
    expect(documentOfObjectKey('documents/a/../b')).toBeUndefined();
  });
});
