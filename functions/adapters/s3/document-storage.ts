import { CopyObjectCommand, GetObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type {
  DocumentContentType,
  DocumentStorage,
  DocumentUpload,
} from '../../domain/verification/documents';
import { retentionTag } from '../../../contract/documents';

/**
 * The policy of a document's presigned POST (2.3): exactly the object key the server chose, the declared type,
 * and the declared size (which the API already held to 5 MiB). S3 refuses an upload that breaks any of them.
 */
export const uploadConditions = (contentType: DocumentContentType, size: number) => [
  ['eq', '$Content-Type', contentType] as ['eq', string, string],
  ['content-length-range', size, size] as ['content-length-range', number, number],
];

/** Supporting documents in the documents bucket (KMS-encrypted by the bucket's default): presigned URLs only. */
export class S3DocumentStorage implements DocumentStorage {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presignUpload(input: {
    objectKey: string;
    contentType: DocumentContentType;
    size: number;
    expiresInSeconds: number;
  }): Promise<DocumentUpload> {
    const { url, fields } = await createPresignedPost(this.client, {
      Bucket: this.bucket,
      Key: input.objectKey,
      Conditions: uploadConditions(input.contentType, input.size),
      Fields: { 'Content-Type': input.contentType },
      Expires: input.expiresInSeconds,
    });
    return { url, fields };
  }

  presignDownload(objectKey: string, expiresInSeconds: number): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.bucket, Key: objectKey, ResponseContentDisposition: 'attachment' }),
      { expiresIn: expiresInSeconds },
    );
  }

  /**
   * Copies the object onto itself with the retention tag: S3 lifecycle counts days from an object's creation, so
   * the copy starts the tag-filtered rule's period at the demand's resolution. A document never uploaded has none.
   */
  async retire(objectKey: string): Promise<void> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          CopySource: `${this.bucket}/${objectKey}`,
          MetadataDirective: 'COPY',
          TaggingDirective: 'REPLACE',
          Tagging: `${retentionTag.key}=${retentionTag.value}`,
        }),
      );
    } catch (error) {
      if (!(error instanceof NoSuchKey)) throw error;
    }
  }
}
