import { CopyObjectCommand, NoSuchKey, type S3Client } from '@aws-sdk/client-s3';
import type { DocumentContentType, DocumentRetirement } from '../../domain/verification/documents';
import { retentionTag } from '../../../contract/documents';

/**
 * A resolved demand's documents in the documents bucket: the one use of the S3 client, in the retention function
 * only (the presigned links are signed without it, presigner.ts).
 */
export class S3DocumentRetirement implements DocumentRetirement {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  /**
   * Copies the object onto itself with the retention tag: S3 lifecycle counts days from an object's creation, so
   * the copy starts the tag-filtered rule's period at the demand's resolution. S3 refuses a copy onto itself that
   * changes only tags, so the metadata is replaced, with the content type the upload's policy held. A document
   * never uploaded has no object.
   */
  async retire(objectKey: string, contentType: DocumentContentType): Promise<void> {
    try {
      await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: objectKey,
          CopySource: `${this.bucket}/${objectKey}`,
          MetadataDirective: 'REPLACE',
          ContentType: contentType,
          TaggingDirective: 'REPLACE',
          Tagging: `${retentionTag.key}=${retentionTag.value}`,
        }),
      );
    } catch (error) {
      if (!(error instanceof NoSuchKey)) throw error;
    }
  }
}
