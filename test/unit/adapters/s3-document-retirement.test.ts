import { CopyObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { retentionTag } from '../../../contract/documents';
import { S3DocumentRetirement } from '../../../functions/adapters/s3/document-retirement';
import { documentObjectKey } from '../../../functions/domain/verification/documents';

describe('Class: S3DocumentRetirement, its request (2.4)', () => {
  // The local S3 server (integration test) keeps no tags on a copy: the tag the bucket's lifecycle rule filters on
  // is checked on the request itself.
  const s3 = mockClient(S3Client);
  afterAll(() => s3.restore());

  it('replaces the tags with the retention tag and the metadata with the same content type', async () => {
    // Prepare
    s3.on(CopyObjectCommand).resolves({});
    const key = documentObjectKey('account-2', 'document-2');

    // Act
    await new S3DocumentRetirement(new S3Client({}), 'documents-bucket').retire(key, 'image/jpeg');

    // Assess
    expect(s3).toReceiveCommandTimes(CopyObjectCommand, 1);
    expect(s3.commandCalls(CopyObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'documents-bucket',
      Key: key,
      CopySource: `documents-bucket/${key}`,
      MetadataDirective: 'REPLACE',
      ContentType: 'image/jpeg',
      TaggingDirective: 'REPLACE',
      Tagging: `${retentionTag.key}=${retentionTag.value}`,
    });
  });
});
