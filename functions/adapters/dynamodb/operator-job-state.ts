import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ConcurrentUpdate } from '../../domain/errors';
import type { OperatorStore, StoredJobState } from '../../domain/operators/store';
import { operatorKeys } from './operator-items';

/** The scheduled jobs' saved state, one item per job, saved only over the version that was loaded. */
export class DynamoDbJobStates implements Pick<OperatorStore, 'loadJobState' | 'saveJobState'> {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async loadJobState<S>(job: string): Promise<StoredJobState<S> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: operatorKeys.jobState(job), ConsistentRead: true }),
    );
    return Item ? { state: Item.state as S, version: Item.version as number } : undefined;
  }

  async saveJobState<S>(job: string, state: S, expectedVersion: number | undefined): Promise<number> {
    const version = (expectedVersion ?? 0) + 1;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...operatorKeys.jobState(job), type: 'job_state', version, state },
          ...(expectedVersion === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'version = :expected',
                ExpressionAttributeValues: { ':expected': expectedVersion },
              }),
        }),
      );
      return version;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new ConcurrentUpdate(error);
      throw error;
    }
  }
}
