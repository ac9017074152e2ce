import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChallengeStore, IdCardChallenge } from '../../domain/accounts/id-card-login';
import { fromItem, keys, ttlOf } from './keys';

/** ID-card challenges: a TTL item each, consumed by a conditional delete so that a replay finds nothing. */
export class DynamoDbChallengeStore implements ChallengeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(challenge: IdCardChallenge): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.challenge(challenge.challengeId),
          type: 'id_card_challenge',
          ...challenge,
          ttl: ttlOf(challenge.expiresAt),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async consume(challengeId: string, now: Date): Promise<IdCardChallenge | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.challenge(challengeId),
          ConditionExpression: 'attribute_exists(pk) AND expiresAt > :now',
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return Attributes ? fromItem<IdCardChallenge>(Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
