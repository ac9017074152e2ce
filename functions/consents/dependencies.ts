import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { createDocumentClient } from '../adapters/dynamodb/client';
import { randomIds } from '../adapters/random';
import { config } from '../commons/config';
import { traced } from '../commons/tracing';
import { publishedAgreements } from '../domain/agreement/catalog';
import type { ConsentDependencies } from '../domain/consent/consent';
import { systemClock } from '../domain/ports';

export const realDependencies = (): ConsentDependencies => {
  const { region, dynamoDbEndpoint, tableName } = config();
  return {
    agreements: publishedAgreements,
    consents: new DynamoDbConsentRepository(
      createDocumentClient({ region, endpoint: dynamoDbEndpoint, trace: traced }),
      tableName,
    ),
    clock: systemClock,
    ids: randomIds,
  };
};
