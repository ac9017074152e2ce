import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoDbConsentRepository } from '../../functions/adapters/dynamodb/consents';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { randomIds } from '../../functions/adapters/random';
import { createHandler } from '../../functions/consents/handler';
import { publishedAgreements } from '../../functions/domain/agreement/catalog';
import { systemClock } from '../../functions/domain/ports';
import { freePort, startDynamoDbLocal } from '../../lib/local/dynamodb-local';
import { ensureTables } from '../../lib/local/tables';
import { portalTable } from '../../contract/tables';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTestTables, type TestTables } from '../support/dynamo';
import { apiEvent, json, lambdaContext } from '../support/events';

// These tests start (and stop) DynamoDB Local: Java takes 3–4 s on an idle machine, over a minute on a busy one.
jest.setTimeout(300_000);

const consentBody = { agreementVersion: '1', accepted: true, language: 'ky' };

describe('POST /v1/consents against DynamoDB Local', () => {
  let tables: TestTables;
  let handler: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    tables = await createTestTables();
    handler = createHandler({
      agreements: publishedAgreements,
      consents: new DynamoDbConsentRepository(tables.client, tables.tableName),
      clock: systemClock,
      ids: randomIds,
    });
  });

  it('records the consent with version, text hash, language, time, IP, user agent and a TTL (preamble)', async () => {
    const response = await handler(
      apiEvent('POST', '/v1/consents', { body: consentBody, headers: { 'user-agent': 'Firefox/140' } }),
      lambdaContext,
    );
    expect(response.statusCode).toBe(201);
    const { consentId, expiresAt, agreementVersion } = json(response) as {
      consentId: string;
      expiresAt: string;
      agreementVersion: string;
    };
    expect(agreementVersion).toBe('1');
    const { Item } = await tables.client.send(
      new GetCommand({ TableName: tables.tableName, Key: keys.consent(consentId) }),
    );
    expect(Item).toMatchObject({
      consentId,
      agreementVersion: '1',
      textSha256: publishedAgreements.current(new Date()).sha256.ky,
      language: 'ky',
      sourceIp: '203.0.113.7',
      expiresAt,
      [portalTable.ttlAttribute]: Math.ceil(Date.parse(expiresAt) / 1000),
    });
    expect(Date.parse(expiresAt) - Date.parse(Item!.acceptedAt as string)).toBe(30 * 60 * 1000);
  });

  it.each([
    ['an outdated version', { ...consentBody, agreementVersion: '0' }, 409, 'agreement_outdated'],
    ['accepted false', { ...consentBody, accepted: false }, 400, 'validation_failed'],
    ['an unknown language', { ...consentBody, language: 'de' }, 400, 'validation_failed'],
    ['an unknown field', { ...consentBody, admin: true }, 400, 'validation_failed'],
  ])('refuses %s and stores nothing', async (_name, body, status, code) => {
    const before = await tables.scan();
    const response = await handler(apiEvent('POST', '/v1/consents', { body }), lambdaContext);
    expect(response.statusCode).toBe(status);
    expect(json(response).code).toBe(code);
    expect(await tables.scan()).toEqual(before);
  });
});

describe('POST /v1/consents when the store goes away', () => {
  it('answers 503 with Retry-After while DynamoDB Local is down, and 201 again once it is back', async () => {
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let dynamo = await startDynamoDbLocal({ port });
    const setup = async () => {
      const admin = new DynamoDBClient({ endpoint });
      await ensureTables(admin, [{ definition: portalTable, tableName: 'portal' }]);
      admin.destroy();
    };
    await setup();
    const handler = createHandler({
      agreements: publishedAgreements,
      consents: new DynamoDbConsentRepository(
        createDocumentClient({ region: 'eu-central-1', endpoint }),
        'portal',
      ),
      clock: systemClock,
      ids: randomIds,
    });
    const consent = () => handler(apiEvent('POST', '/v1/consents', { body: consentBody }), lambdaContext);
    try {
      expect((await consent()).statusCode).toBe(201);
      await dynamo.stop();
      const down = await consent();
      expect(down.statusCode).toBe(503);
      expect(down.headers?.['retry-after']).toBe('5');
      expect(json(down).code).toBe('service_unavailable');
      dynamo = await startDynamoDbLocal({ port });
      await setup();
      expect((await consent()).statusCode).toBe(201);
    } finally {
      await dynamo.stop();
    }
  });
});
