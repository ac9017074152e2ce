import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { retentionTag } from '../../contract/documents';
import { documentLimits, documentsPrefix } from '../../functions/domain/verification/documents';
import { acknowledged } from '../nag-suppressions';
import type { StageSettings } from '../stage';
import { PortalKey } from './portal-key';
import { documentsBucketName } from '../stage-names';

export interface DocumentsBucketProps {
  readonly stage: StageSettings;
  /** The page's origins, whose browsers post uploads straight to the bucket (CORS); none: no browser uploads. */
  readonly pageOrigins: readonly string[];
}

/** The documents' objects: every grant on documents names these, never the bucket's other keys. */
export const documentObjectsArn = (bucketName: string): string =>
  `arn:${Aws.PARTITION}:s3:::${bucketName}/${documentsPrefix}*`;

/** GuardDuty's managed rule on the default bus, which it creates and removes for the plan (AWS's documented name). */
const guardDutyRulePrefix = 'DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3';

/**
 * 2.3, 2.4: the verification documents. A private bucket encrypted with its own customer-managed key, TLS only,
 * public access blocked, objects owned by the bucket (no ACLs), server access logs to a bucket of their own,
 * CORS for the page's origins only (POST, the presigned upload). GuardDuty Malware Protection for S3 scans every
 * new object under the documents' prefix and reports to EventBridge, where the portal decides each document.
 * Versioning stays off: the lifecycle rule must delete a document whole, with no older versions left behind.
 * A document's object gets the retention tag when its demand is resolved, as a copy of itself (a new creation
 * date), and the tag-filtered rule deletes it `retentionDaysAfterResolution` days later.
 */
export class DocumentsBucket extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: DocumentsBucketProps) {
    super(scope, id);
    const removalPolicy = props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new PortalKey(this, 'Key', {
      stage: props.stage,
      description: `SRS portal ${props.stage.name}: encryption at rest of verification documents (2.3, 2.4)`,
      usedVia: ['s3'],
    }).key;

    const accessLogs = new Bucket(this, 'AccessLogs', {
      // S3 server access logs can only be delivered to a bucket with S3-managed encryption.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      // S3's log delivery writes by the log-delivery ACL, which needs object-writer ownership.
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(400) }],
      removalPolicy,
    });
    Validations.of(accessLogs).acknowledge(...acknowledged.accessLogsBucket);

    this.bucketName = documentsBucketName(props.stage, Aws.ACCOUNT_ID, Aws.REGION);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'documents-bucket/',
      cors: props.pageOrigins.length
        ? [
            {
              allowedOrigins: [...props.pageOrigins],
              allowedMethods: [HttpMethods.POST],
              allowedHeaders: ['*'],
            },
          ]
        : undefined,
      lifecycleRules: [
        {
          id: 'DeleteAfterDemandResolved',
          prefix: documentsPrefix,
          tagFilters: { [retentionTag.key]: retentionTag.value },
          expiration: Duration.days(documentLimits.retentionDaysAfterResolution),
        },
        { id: 'AbortIncompleteUploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy,
    });
    Validations.of(this.bucket).acknowledge(...acknowledged.documentsNotReplicated);

    const scanRole = new Role(this, 'MalwareScanRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `SRS portal ${props.stage.name}: GuardDuty Malware Protection scans verification documents`,
    });
    const rules = `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:rule/${guardDutyRulePrefix}*`;
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [rules],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['events:DescribeRule', 'events:ListTargetsByRule'],
        resources: [rules],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketNotification', 's3:PutBucketNotification'],
        resources: [this.bucket.bucketArn],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [documentObjectsArn(this.bucketName)],
      }),
    );
    // GuardDuty checks it may write to the bucket with this one object when the plan is created.
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    scanRole.addToPolicy(
      new PolicyStatement({
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [this.key.keyArn],
        conditions: { StringLike: { 'kms:ViaService': `s3.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    Validations.of(scanRole.node.findChild('DefaultPolicy')).acknowledge(
      ...acknowledged.malwareScanRole,
      ...acknowledged.documentObjects,
    );

    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtectionPlan', {
      role: scanRole.roleArn,
      protectedResource: {
        s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: [documentsPrefix] },
      },
      // The scan result event decides each document; GuardDuty's object tags are not needed.
      actions: { tagging: { status: 'DISABLED' } },
    });
    plan.node.addDependency(scanRole);
  }
}
