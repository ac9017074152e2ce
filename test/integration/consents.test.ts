import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoDbConsentRepository } from '../../functions/adapters/dynamodb/consents';
import { keys } from '../../functions/adapters/dynamodb/keys';
import { randomIds } from '../../functions/adapters/random';
import { createHandler } from '../../functions/consents/handler';
import { publishedAgreements } from '../../functions/domain/agreement/catalog';
import { sealingMonthOf, shreddedNetworkData } from '../../functions/domain/network-data';
import { systemClock } from '../../functions/domain/ports';
import { networkDataSealer, sealedOrigins } from '../../functions/wiring/network-data';
import { freePort, startDynamoDbLocal } from '../../lib/local/dynamodb-local';
import { ensureTables } from '../../lib/local/tables';
import { portalTable } from '../../contract/tables';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { accountTestDependencies } from '../support/accounts';
import { createTestTables, type TestTables } from '../support/dynamo';
import { apiEvent, json, lambdaContext } from '../support/events';
import { fixedKeyVault } from '../support/fakes/vault';
import { testPortal } from '../support/portal';
import { logIn, registerApplicant } from './operators/support';

// These tests start (and stop) DynamoDB Local: Java takes 3–4 s on an idle machine, over a minute on a busy one.
jest.setTimeout(300_000);

const consentBody = { agreementVersion: '1', accepted: true, language: 'ky' };

/** The month after the one of `now`: destroying the keys before it shreds the network data of `now`'s month. */
const monthAfter = (now: Date) =>
  sealingMonthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)));

describe('POST /v1/consents against DynamoDB Local', () => {
  let tables: TestTables;
  let handler: ReturnType<typeof createHandler>;
  let consents: DynamoDbConsentRepository;
  const vault = fixedKeyVault();

  beforeAll(async () => {
    tables = await createTestTables();
    consents = new DynamoDbConsentRepository(
      tables.client,
      tables.tableName,
      sealedOrigins(tables.client, tables.tableName, vault),
    );
    handler = createHandler({
      agreements: publishedAgreements,
      consents,
      clock: systemClock,
      ids: randomIds,
    });
  });

  it('records the consent with version, text hash, language, time, IP, user agent (sealed, 2.4) and a TTL (preamble)', async () => {
    const response = await handler(apiEvent('POST', '/v1/consents', { body: consentBody }), lambdaContext);
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
      expiresAt,
      [portalTable.ttlAttribute]: Math.ceil(Date.parse(expiresAt) / 1000),
    });
    expect(Date.parse(expiresAt) - Date.parse(Item!.acceptedAt as string)).toBe(30 * 60 * 1000);
    // 2.4: the IP address and user agent only sealed under the month's key, nowhere in clear.
    expect(Item).not.toHaveProperty('sourceIp');
    expect(Item).not.toHaveProperty('userAgent');
    expect(Item!.sealedOrigin).toMatch(new RegExp(`^n1\\.${sealingMonthOf(Item!.acceptedAt as string)}\\.`));
    expect(JSON.stringify(Item)).not.toContain('203.0.113.7');
    expect(Object.values(Item!)).not.toContain('jest');
    expect(await consents.find(consentId)).toMatchObject({
      sourceIp: '203.0.113.7',
      userAgent: 'jest',
    });
  });

  it('reads “—” for the IP address and user agent once the month’s key is destroyed, the rest as written (2.4)', async () => {
    const answer = await handler(apiEvent('POST', '/v1/consents', { body: consentBody }), lambdaContext);
    const { consentId } = json(answer) as { consentId: string };
    const before = await consents.find(consentId);

    await networkDataSealer(tables.client, tables.tableName, vault).destroyKeysBefore(monthAfter(new Date()));

    expect(await consents.find(consentId)).toEqual({
      ...before,
      sourceIp: shreddedNetworkData,
      userAgent: shreddedNetworkData,
    });
  });

  it('still reads a consent written in clear before network data was sealed, as it was written', async () => {
    const legacy = {
      consentId: randomIds.newId(),
      agreementVersion: '1',
      textSha256: publishedAgreements.current(new Date()).sha256.ru,
      language: 'ru',
      acceptedAt: '2026-01-15T08:00:00.000Z',
      sourceIp: '198.51.100.40',
      userAgent: 'Chrome/140',
      expiresAt: '2026-01-15T08:30:00.000Z',
      usedAt: '2026-01-15T08:05:00.000Z',
    };
    await tables.client.send(
      new PutCommand({
        TableName: tables.tableName,
        Item: { ...keys.consent(legacy.consentId), type: 'consent', ...legacy },
      }),
    );

    expect(await consents.find(legacy.consentId)).toEqual(legacy);
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
    const client = createDocumentClient({ region: 'eu-central-1', endpoint });
    const handler = createHandler({
      agreements: publishedAgreements,
      consents: new DynamoDbConsentRepository(
        client,
        'portal',
        sealedOrigins(client, 'portal', fixedKeyVault()),
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

describe('The export of a consent whose month key is destroyed (2.4), against DynamoDB Local', () => {
  it('shows the consent’s IP address and user agent until then, and “—” for both afterwards', async () => {
    const tables = await createTestTables();
    const deps = accountTestDependencies(tables);
    const portal = testPortal(deps);
    const applicant = await registerApplicant(portal, deps);
    const token = (await logIn(portal, applicant)).body.token as string;
    const exportedConsents = async () => {
      const answer = await portal.call('POST', '/v1/me/exports', {
        token,
        body: { currentPassword: applicant.password },
      });
      expect(answer.status).toBe(200);
      return answer.body.consents as { ip: string; userAgent: string }[];
    };
    expect(await exportedConsents()).toEqual([
      expect.objectContaining({ ip: '203.0.113.7', userAgent: 'jest' }),
    ]);

    await networkDataSealer(tables.client, tables.tableName, deps.accounts.vault).destroyKeysBefore(
      monthAfter(deps.accounts.clock.now()),
    );

    expect(await exportedConsents()).toEqual([
      expect.objectContaining({
        agreementVersion: '1',
        ip: shreddedNetworkData,
        userAgent: shreddedNetworkData,
      }),
    ]);
  });
});
