import { randomUUID } from 'node:crypto';
import { assertNoPersonalData } from '../../../functions/adapters/alerts/alert-record';
import { SealedOrigins } from '../../../functions/adapters/dynamodb/network-data';
import { DynamoDbOperatorStore } from '../../../functions/adapters/dynamodb/operators';
import { operatorEventSource, type CommandName } from '../../../functions/domain/operators/commands';
import {
  defaultOperatorSettings,
  type OperatorDependencies,
  type OperatorSettings,
} from '../../../functions/domain/operators/dependencies';
import type { OperatorAlert, OperatorAlerts } from '../../../functions/domain/ports';
import { networkDataSealer } from '../../../functions/wiring/network-data';
import type { accountTestDependencies } from '../../support/accounts';
import type { TestTables } from '../../support/dynamo';
import { newApplicant, type testPortal } from '../../support/portal';

/** The operators' mailbox: what the topic would carry, with the same personal data check as the real adapters. */
export class RecordingAlerts implements OperatorAlerts {
  readonly published: OperatorAlert[] = [];
  /** When set, a publish waits for it: rejected, the topic refused; never settled, the run died publishing. */
  delivery?: () => Promise<void>;
  async publish(alert: OperatorAlert): Promise<void> {
    assertNoPersonalData(alert);
    await this.delivery?.();
    this.published.push(alert);
  }
}

/** Operator dependencies on the same tables, clock and vault as the applicants' side of the test. */
export const operatorTestDependencies = (
  tables: TestTables,
  accounts: ReturnType<typeof accountTestDependencies>,
  settings: Partial<OperatorSettings> = {},
): OperatorDependencies & { alerts: RecordingAlerts } => {
  const networkData = networkDataSealer(tables.client, tables.tableName, accounts.accounts.vault);
  return {
    accounts: accounts.accounts.accounts,
    vault: accounts.accounts.vault,
    metrics: accounts.metrics,
    clock: accounts.clock,
    ids: accounts.accounts.ids,
    sms: accounts.accounts.sms,
    log: accounts.accounts.log,
    operators: new DynamoDbOperatorStore(tables.client, tables.tableName, new SealedOrigins(networkData)),
    networkData,
    alerts: new RecordingAlerts(),
    settings: { ...defaultOperatorSettings, ...settings },
  };
};

/** An operator command as EventBridge delivers it from the operations bus. */
export const operatorEvent = (
  command: CommandName,
  detail: Record<string, unknown>,
  envelope: { id?: string; time?: string } = {},
) => ({
  version: '0',
  id: envelope.id ?? randomUUID(),
  'detail-type': command,
  source: operatorEventSource,
  account: '111122223333',
  time: envelope.time ?? new Date().toISOString(),
  region: 'eu-central-1',
  resources: [],
  detail,
});

export const operator = { operatorId: 'op.aibek', reason: 'Documents do not match (2.3)' };

/** A registered applicant with the password from their SMS. */
export const registerApplicant = async (
  portal: ReturnType<typeof testPortal>,
  accounts: ReturnType<typeof accountTestDependencies>,
) => {
  const { applicant, answer } = await portal.register(newApplicant());
  if (answer.status !== 201) throw new Error(`registration failed: ${JSON.stringify(answer.body)}`);
  return {
    ...applicant,
    accountId: answer.body.accountId as string,
    password: accounts.phones.lastTo(applicant.phone)!.secret,
  };
};

export type Applicant = Awaited<ReturnType<typeof registerApplicant>>;

export const logIn = (portal: ReturnType<typeof testPortal>, applicant: Applicant, sourceIp?: string) =>
  portal.call('POST', '/v1/sessions', {
    body: { phone: applicant.phone, password: applicant.password },
    ...(sourceIp && { sourceIp }),
  });

/** 2.7: the applicant reports unauthorized access from the cabinet; the report is open until an operator closes it. */
export const reportAccess = async (portal: ReturnType<typeof testPortal>, token: string) => {
  const answer = await portal.call('POST', '/v1/me/access-reports', {
    token,
    body: { description: 'Someone logged in from another city' },
  });
  if (answer.status !== 201) throw new Error(`report failed: ${JSON.stringify(answer.body)}`);
  return answer.body as { reportId: string; reportedAt: string };
};

export const itemsOf = async (tables: TestTables, prefix: string) =>
  (await tables.scan()).filter((item) => String(item.pk).startsWith(prefix));
