import { RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { CfnSecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { minSecretLength } from '../../functions/adapters/keys/secrets-manager-key-ring';
import type { PortalData } from '../constructs/portal-function';
import { PortalKey } from '../constructs/portal-key';
import { DocumentsBucket } from '../constructs/documents-bucket';
import { acknowledged } from '../nag-suppressions';
import type { StageSettings } from '../stage';
import { tables, type TableDefinition } from '../../contract/tables';

export interface DataStackProps extends StackProps {
  readonly stage: StageSettings;
  /**
   * Existing tables by table id that the stage uses instead of creating its own (a point-in-time restore,
   * docs/runbook-restore.md): named, not created, so the table this stack made is dropped from it (kept in prod).
   */
  readonly restoredTables?: Readonly<Partial<Record<string, string>>>;
  /** The page's origins, which upload verification documents straight to their bucket (2.3). */
  readonly pageOrigins?: readonly string[];
}

/** Characters of the generated keys secret: twice the minimum the key ring accepts. */
export const keysSecretLength = 2 * minSecretLength;

/**
 * The portal's data (2.4): every table of contract/tables.ts (on demand, point-in-time recovery, TTL) and the keys
 * secret, all encrypted with one customer-managed key that only the stage's functions use, through DynamoDB and
 * Secrets Manager. In prod the tables refuse deletion, and tables, key and secret outlive the stack.
 */
export class DataStack extends Stack implements PortalData {
  readonly dataKey: Key;
  readonly tables: ReadonlyMap<TableDefinition, ITableV2>;
  /** The random string the HMAC lookup key and the personal-data key derive from (HKDF, 2.4). */
  readonly keysSecret: Secret;
  readonly documents: DocumentsBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.dataKey = new PortalKey(this, 'DataKey', {
      stage: props.stage,
      description: `SRS portal ${props.stage.name}: encryption at rest of applicant data and of the keys secret (2.4)`,
      usedVia: ['dynamodb', 'secretsmanager'],
    }).key;
    // AWS's key policy for DynamoDB: the service reads the key's description to use it for the tables.
    this.dataKey.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DynamoDbDescribesTheKey',
        principals: [new ServicePrincipal('dynamodb.amazonaws.com')],
        actions: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        resources: ['*'],
      }),
    );

    this.tables = new Map(
      tables.map((definition) => {
        const restored = props.restoredTables?.[definition.id];
        const table: ITableV2 = restored
          ? TableV2.fromTableAttributes(this, `${definition.id}Table`, {
              tableName: restored,
              encryptionKey: this.dataKey,
            })
          : this.table(definition, props.stage);
        return [definition, table];
      }),
    );

    this.keysSecret = new Secret(this, 'KeysSecret', {
      description: `SRS portal ${props.stage.name}: the secret the HMAC lookup key and the personal-data key derive from (2.4). Never rotate: see README`,
      generateSecretString: {
        passwordLength: keysSecretLength,
        excludePunctuation: true,
        includeSpace: false,
      },
      removalPolicy,
    });
    // Set on the resource, not as `encryptionKey`: that would also open the key to every principal of the
    // account through Secrets Manager, where only the stage's functions (and the deployment) may use it.
    (this.keysSecret.node.defaultChild as CfnSecret).kmsKeyId = this.dataKey.keyArn;
    Validations.of(this.keysSecret).acknowledge(...acknowledged.keysSecretNotRotated);
    this.documents = new DocumentsBucket(this, 'Documents', {
      stage: props.stage,
      pageOrigins: props.pageOrigins ?? [],
    });
  }

  /** A table of contract/tables.ts: on demand, point-in-time recovery, TTL, the data key; kept in prod. */
  private table(definition: TableDefinition, stage: StageSettings): TableV2 {
    return new TableV2(this, `${definition.id}Table`, {
      partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
      sortKey: definition.sortKey ? { name: definition.sortKey, type: AttributeType.STRING } : undefined,
      globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.dataKey),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: definition.ttlAttribute,
      deletionProtection: stage.protectData,
      removalPolicy: stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
