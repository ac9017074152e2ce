import { Match } from 'aws-cdk-lib/assertions';
import { retentionTag } from '../../contract/documents';
import { documentLimits, documentsPrefix } from '../../functions/domain/verification/documents';
import { routeGroups } from '../../contract/routes';
import { synthesize, type SynthesizedPortal } from '../support/synth';
import { portalFunctions, statementsWith } from './template-queries';

const pageOrigin = 'https://portal.srs.kg';

describe('2.3, 2.4: the verification documents in AWS', () => {
  let portal: SynthesizedPortal;
  const operations = () => portal.templates.get('SrsPortal-dev-Operations')!;

  beforeAll(() => {
    portal = synthesize('dev', { context: { allowedOrigins: pageOrigin }, bundle: false, name: 'documents' });
  });

  it('keeps them in a private bucket: its own KMS key, TLS only, public access blocked, access logs, CORS for the page only', () => {
    portal.data.hasResourceProperties('AWS::S3::Bucket', {
      // Named from the stage: other stacks' grants name it without an export.
      BucketName: {
        'Fn::Join': [
          '',
          ['srs-portal-dev-documents-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }],
        ],
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
          },
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'documents-bucket/' },
      CorsConfiguration: {
        CorsRules: [{ AllowedMethods: ['POST'], AllowedOrigins: [pageOrigin], AllowedHeaders: ['*'] }],
      },
      VersioningConfiguration: Match.absent(),
    });
    portal.data.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('deletes a document a set time after its demand is resolved: a lifecycle rule on the retention tag', () => {
    portal.data.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'DeleteAfterDemandResolved',
            Prefix: documentsPrefix,
            TagFilters: [{ Key: retentionTag.key, Value: retentionTag.value }],
            ExpirationInDays: documentLimits.retentionDaysAfterResolution,
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });

  it("scans every new document with GuardDuty Malware Protection for S3, under its own role, with the bucket's key", () => {
    portal.data.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { BucketName: Match.anyValue(), ObjectPrefixes: [documentsPrefix] } },
      Role: Match.anyValue(),
    });
    portal.data.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({ Principal: { Service: 'malware-protection-plan.guardduty.amazonaws.com' } }),
        ],
      },
    });
  });

  it('sends scan results of this bucket to the document-scans function, and resolved demands to document-retention', () => {
    operations().hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [Match.anyValue()] } },
      },
      Targets: [Match.objectLike({ DeadLetterConfig: Match.anyValue() })],
    });
    operations().hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['lambda'],
        detail: { responsePayload: { command: ['ResolveVerification'], outcome: ['applied'] } },
      },
    });
    const [scans, retention] = ['document-scans', 'document-retention'].map((name) =>
      portalFunctions(operations()).find((fn) => fn.name === name)!,
    );
    expect(statementsWith(scans!, 's3:GetObject')).toEqual([]);
    expect(statementsWith(scans!, 'dynamodb:UpdateItem')).not.toEqual([]);
    expect(statementsWith(retention!, 's3:PutObjectTagging')).not.toEqual([]);
  });

  it("lets the operator query function read documents' objects only, to sign list-documents links, and decrypt them through S3 only (2.3)", () => {
    const queries = portalFunctions(operations()).find((fn) => fn.name === 'operator-queries')!;

    const reads = statementsWith(queries, 's3:GetObject');
    const decrypts = statementsWith(queries, 'kms:Decrypt').filter((s) =>
      JSON.stringify(s.Condition ?? {}).includes('s3.'),
    );

    expect(reads.map((s) => s.actions)).toEqual([['s3:GetObject']]);
    expect(JSON.stringify(reads[0]!.resources)).toContain(`/${documentsPrefix}*`);
    expect(statementsWith(queries, 's3:PutObject')).toEqual([]);
    expect(decrypts).toHaveLength(1);
    expect(queries.properties.Environment.Variables.PORTAL_DOCUMENTS_BUCKET).toBeDefined();
  });

  it("lets the cabinet query the table for the export's documents' metadata (2.4), and read no document's object", () => {
    const cabinet = portalFunctions(portal.api).find((fn) => fn.name === 'cabinet')!;

    expect(statementsWith(cabinet, 'dynamodb:Query')).not.toEqual([]);
    expect(statementsWith(cabinet, 's3:GetObject')).toEqual([]);
    expect(cabinet.properties.Environment.Variables.PORTAL_DOCUMENTS_BUCKET).toBeUndefined();
  });

  it('lets only the verification-documents group put objects, and only under the documents prefix (least privilege)', () => {
    const functions = portalFunctions(portal.api);
    for (const group of routeGroups) {
      const fn = functions.find((f) => f.name === group)!;
      const puts = statementsWith(fn, 's3:PutObject');
      if (group !== 'verification-documents') {
        expect(puts).toEqual([]);
        continue;
      }
      expect(JSON.stringify(puts.map((s) => s.resources))).toContain(`/${documentsPrefix}*`);
      expect(statementsWith(fn, 's3:GetObject')).toEqual([]);
      expect(fn.properties.Environment.Variables.PORTAL_DOCUMENTS_BUCKET).toBeDefined();
    }
  });
});
