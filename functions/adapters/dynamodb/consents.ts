import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Consent, ConsentRepository, StoredConsent } from '../../domain/consent/consent';
import { eventIndexKeys } from './event-index';
import { fromItem, keys, ttlOf } from './keys';

/** Consents in the portal table; an unused one carries a TTL so that DynamoDB removes it once it lapses. */
export class DynamoDbConsentRepository implements ConsentRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(consentId: string): Promise<StoredConsent | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.consent(consentId), ConsistentRead: true }),
    );
    return Item ? fromItem<StoredConsent>(Item) : undefined;
  }

  async saveUnused(consent: Consent): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.consent(consent.consentId),
          ...eventIndexKeys(consent.acceptedAt),
          type: 'consent',
          ...consent,
          ttl: ttlOf(consent.expiresAt),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
