import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDbAccountStore } from '../../functions/adapters/dynamodb/accounts';
import { createDocumentClient } from '../../functions/adapters/dynamodb/client';
import { DynamoDbConsentRepository } from '../../functions/adapters/dynamodb/consents';
import { DynamoDbRateLimiter } from '../../functions/adapters/rate-limit/dynamodb-rate-limiter';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb-local';
import { ensureTables } from '../../lib/local/tables';
import { idempotencyTable, portalTable } from '../../contract/tables';
import { sealedOrigins } from '../../functions/wiring/network-data';
import { accountTestDependencies } from '../support/accounts';
import { fixedKeyVault } from '../support/fakes';
import type { TestTables } from '../support/dynamo';
import { accountInvariantViolations } from '../support/invariants';
import { newApplicant, testPortal } from '../support/portal';

// These tests start (and stop) DynamoDB Local: Java takes 3–4 s on an idle machine, over a minute on a busy one.
jest.setTimeout(300_000);

/**
 * DynamoDB goes away in the middle of traffic: every answer is a documented status (503 with Retry-After while it
 * is gone, never 500), and once it is back no account is half-written.
 */
describe('The store fails mid-traffic', () => {
  it('answers 503 with Retry-After while DynamoDB Local is down, and leaves no half-written account', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'portal-outage-'));
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    let dynamo: DynamoDbLocal = await startDynamoDbLocal({ port, dataDir });
    const admin = new DynamoDBClient({ endpoint });
    await ensureTables(admin, [
      { definition: portalTable, tableName: 'portal' },
      { definition: idempotencyTable, tableName: 'portal-idempotency' },
    ]);
    const client = createDocumentClient({ region: 'eu-central-1', endpoint });
    const tables = {
      endpoint,
      tableName: 'portal',
      idempotencyTableName: 'portal-idempotency',
      client,
    } as TestTables;
    const origins = sealedOrigins(client, 'portal', fixedKeyVault());
    const deps = accountTestDependencies(tables, {
      accounts: new DynamoDbAccountStore(client, 'portal', origins),
      consents: new DynamoDbConsentRepository(client, 'portal', origins),
      limits: new DynamoDbRateLimiter(client, 'portal'),
    });
    const portal = testPortal(deps);
    try {
      const consents = await Promise.all(Array.from({ length: 24 }, () => portal.consent()));
      const statuses: number[] = [];
      const statusOfPhone = new Map<string, number>();
      const retryAfters: string[] = [];
      const traffic = consents.map(async (consentId, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 40));
        const applicant = newApplicant();
        const answer = await portal.call('POST', '/v1/registrations', {
          body: { consentId, applicantType: 'individual', ...applicant },
          sourceIp: `198.51.100.${index}`,
        });
        statuses.push(answer.status);
        statusOfPhone.set(applicant.phone, answer.status);
        if (answer.status === 503) retryAfters.push(answer.headers['retry-after']!);
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await dynamo.stop();
      await Promise.all(traffic);

      expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
      expect(statuses).toContain(503);
      expect(retryAfters.every((value) => Number(value) > 0)).toBe(true);

      dynamo = await startDynamoDbLocal({ port, dataDir });
      const items = (await client.send(new ScanCommand({ TableName: 'portal' }))).Items ?? [];
      const registered = items.filter((item) => item.type === 'account');
      // A registration the store committed just before it went down answers 503 (its reply was lost): such an
      // account exists, and its applicant gets a password by a reset. Every 201 is an account with its SMS.
      const phoneOf = (account: Record<string, unknown>) =>
        JSON.parse(
          deps.accounts.vault.open(account.sealedPersonalData as string, account.accountId as string),
        ).phone as string;
      const answered = registered.map((account) => statusOfPhone.get(phoneOf(account)));
      expect(answered.filter((status) => status === 201)).toHaveLength(
        statuses.filter((s) => s === 201).length,
      );
      expect(answered.filter((status) => status !== 201 && status !== 503)).toEqual([]);
      expect(accountInvariantViolations(items)).toEqual([]);
      for (const account of registered) {
        const phone = phoneOf(account);
        const sms = deps.phones.sent.filter((m) => m.phone === phone && m.purpose === 'password').length;
        // The SMS goes out after the commit: one for each 201; none or one where the answer was lost.
        expect({ status: statusOfPhone.get(phone), sms }).toEqual({
          status: statusOfPhone.get(phone),
          sms: statusOfPhone.get(phone) === 201 ? 1 : Math.min(sms, 1),
        });
      }
      // And it serves again.
      const again = await portal.call('POST', '/v1/registrations', {
        body: { consentId: await portal.consent(), applicantType: 'individual', ...newApplicant() },
        sourceIp: '198.51.100.200',
      });
      expect(again.status).toBe(201);
    } finally {
      admin.destroy();
      await dynamo.stop();
    }
  });
});
