import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Consent, ConsentRepository, StoredConsent } from '../../domain/consent/consent';
import { eventIndexKeys } from './event-index';
import { fromItem, keys, ttlOf } from './keys';
import type { SealedOrigins } from './network-data';

/**
 * Consents in the portal table; an unused one carries a TTL so that DynamoDB removes it once it lapses. Its IP
 * address and user agent are stored sealed under the key of its month (2.4) and read back opened, or as "—" once
 * the purge destroyed that month's key: the domain (registration, the export) never sees the sealed form.
 */
export class DynamoDbConsentRepository implements ConsentRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly origins: SealedOrigins,
  ) {}

  /**
   * A consent written before network data was sealed holds `sourceIp` and `userAgent` in clear, and is read as it
   * is (SealedOrigins opens only what it sealed): readable until a migration seals or drops them.
   */
  async find(consentId: string): Promise<StoredConsent | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keys.consent(consentId), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    const [consent] = await this.origins.open([fromItem<StoredConsent>(Item)], 'sourceIp');
    return consent;
  }

  async saveUnused(consent: Consent): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.consent(consent.consentId),
          ...eventIndexKeys(consent.acceptedAt),
          type: 'consent',
          ...(await this.origins.seal(consent, consent.acceptedAt, 'sourceIp')),
          ttl: ttlOf(consent.expiresAt),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }
}
