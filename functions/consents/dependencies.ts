import { DynamoDbConsentRepository } from '../adapters/dynamodb/consents';
import { randomIds } from '../adapters/random';
import { config } from '../commons/config';
import { publishedAgreements } from '../domain/agreement/catalog';
import type { ConsentDependencies } from '../domain/consent/consent';
import { systemClock } from '../domain/ports';
import { documentClient } from '../wiring/document-client';

export const realDependencies = (): ConsentDependencies => {
  return {
    agreements: publishedAgreements,
    consents: new DynamoDbConsentRepository(documentClient(), config().tableName),
    clock: systemClock,
    ids: randomIds,
  };
};
