import type { OperatorAlert, OperatorAlerts } from '../../domain/ports';
import { localOutbox, type LocalOutboxOptions } from '../sms/outbox-file';
import { alertRecord } from './alert-record';

/** Local mode's operators' topic: a file in `PORTAL_DATA_DIR`, beside the SMS outbox. */
export const alertsOutboxFile = 'alerts-outbox.jsonl';

/**
 * Local mode's operators' alerts: each alert becomes one JSON line of `$PORTAL_DATA_DIR/alerts-outbox.jsonl`
 * (the same record SNS would carry) and one console line. The same personal data check applies as in AWS.
 */
export class OutboxOperatorAlerts implements OperatorAlerts {
  private readonly outbox: ReturnType<typeof localOutbox>;

  constructor(dataDir: string, options: LocalOutboxOptions = {}) {
    this.outbox = localOutbox(dataDir, alertsOutboxFile, options);
  }

  async publish(alert: OperatorAlert): Promise<void> {
    const record = alertRecord(alert, this.outbox.now());
    await this.outbox.write(record, `Operator alert (${record.kind}): ${record.summary}`);
  }
}
