import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbMonthKeys } from '../adapters/dynamodb/network-keys';
import { SealedOrigins } from '../adapters/dynamodb/network-data';
import { MonthKeySealer } from '../adapters/keys/network-data-sealer';
import type { PersonalDataVault } from '../domain/ports';

/** 2.4: network data sealed under month keys kept in the portal table, wrapped by the personal-data vault. */
export const networkDataSealer = (
  client: DynamoDBDocumentClient,
  tableName: string,
  vault: PersonalDataVault,
): MonthKeySealer => new MonthKeySealer(new DynamoDbMonthKeys(client, tableName), vault);

/** How the stores on the portal table write and read IP addresses and user agents (2.4). */
export const sealedOrigins = (
  client: DynamoDBDocumentClient,
  tableName: string,
  vault: PersonalDataVault,
): SealedOrigins => new SealedOrigins(networkDataSealer(client, tableName, vault));
