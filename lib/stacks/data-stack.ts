import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { StageSettings } from '../stage';
import { tables, type TableDefinition } from '../tables';

export interface DataStackProps extends StackProps {
  readonly stage: StageSettings;
}

/** The portal's data: every table of lib/tables.ts, encrypted with a customer-managed key (2.4). */
export class DataStack extends Stack {
  readonly key: Key;
  readonly tables: ReadonlyMap<TableDefinition, TableV2>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const removalPolicy = props.stage.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.key = new Key(this, 'DataKey', {
      description: 'SRS portal: encryption at rest of applicant data (2.4)',
      enableKeyRotation: true,
      removalPolicy,
    });
    this.tables = new Map(
      tables.map((definition) => [
        definition,
        new TableV2(this, `${definition.id}Table`, {
          partitionKey: { name: definition.partitionKey, type: AttributeType.STRING },
          sortKey: definition.sortKey ? { name: definition.sortKey, type: AttributeType.STRING } : undefined,
          globalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            indexName: index.indexName,
            partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
            sortKey: { name: index.sortKey, type: AttributeType.STRING },
          })),
          billing: Billing.onDemand(),
          encryption: TableEncryptionV2.customerManagedKey(this.key),
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          timeToLiveAttribute: definition.ttlAttribute,
          deletionProtection: props.stage.protectData,
          removalPolicy,
        }),
      ]),
    );
  }
}
