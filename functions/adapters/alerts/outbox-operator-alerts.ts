import { systemClock, type Clock, type OperatorAlert, type OperatorAlerts } from '../../domain/ports';
import { appendJsonLine, printToConsole } from '../sms/outbox-file';
import { alertRecord } from './alert-record';

/** Local mode's operators' topic: a file in `PORTAL_DATA_DIR`, beside the SMS outbox. */
export const alertsOutboxFile = 'alerts-outbox.jsonl';

/**
 * Local mode's operators' alerts: each alert becomes one JSON line of `$PORTAL_DATA_DIR/alerts-outbox.jsonl`
 * (the same record SNS would carry) and one console line. The same personal data check applies as in AWS.
 */
export class OutboxOperatorAlerts implements OperatorAlerts {
  private readonly print: (line: string) => void;
  private readonly clock: Clock;

  constructor(
    private readonly dataDir: string,
    options: { print?: (line: string) => void; clock?: Clock } = {},
  ) {
    this.print = options.print ?? printToConsole;
    this.clock = options.clock ?? systemClock;
  }

  async publish(alert: OperatorAlert): Promise<void> {
    const record = alertRecord(alert, this.clock.now());
    await appendJsonLine(this.dataDir, alertsOutboxFile, record);
    this.print(`Operator alert (${record.kind}): ${record.summary}`);
  }
}
