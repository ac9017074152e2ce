import { assertNoPersonalData } from '../../../functions/adapters/alerts/alert-record';
import type { Log, LogAttributes, LogEvent } from '../../../functions/commons/log-events';
import type {
  OperatorAlert,
  OperatorAlerts,
  PortalMetrics,
  SmsMessage,
  SmsPurpose,
  SmsSender,
} from '../../../functions/domain/ports';

/** Phones that receive SMS: the test reads the password or code as the applicant reads theirs. */
export class RecordingPhones implements SmsSender {
  readonly sent: SmsMessage[] = [];
  /** While true, the provider refuses every SMS. */
  failing = false;

  async send(message: SmsMessage): Promise<void> {
    if (this.failing) throw new Error('SMS provider unavailable');
    this.sent.push(message);
  }

  to(phone: string): SmsMessage[] {
    return this.sent.filter((message) => message.phone === phone);
  }

  /** The latest password or code that reached `phone`; throws when none did. */
  lastSecret(phone: string, purpose: Exclude<SmsPurpose, 'notice'> = 'password'): string {
    const secret = this.to(phone)
      .filter((message) => message.purpose === purpose)
      .at(-1)?.secret;
    if (secret === undefined) throw new Error(`No ${purpose} reached ${phone}`);
    return secret;
  }
}

export interface LogLine {
  readonly level: keyof Log;
  readonly event: LogEvent;
  readonly attributes: LogAttributes;
}

/** The domain's log lines as written, before any redaction: what the rules hand to the log (2.4). */
export class RecordingLog implements Log {
  readonly lines: LogLine[] = [];
  readonly debug = this.writer('debug');
  readonly info = this.writer('info');
  readonly warn = this.writer('warn');
  readonly error = this.writer('error');

  of(event: LogEvent): LogAttributes[] {
    return this.lines.filter((line) => line.event === event).map((line) => line.attributes);
  }

  private writer(level: keyof Log) {
    return (event: LogEvent, attributes: LogAttributes = {}): void => {
      this.lines.push({ level, event, attributes });
    };
  }
}

export class RecordingMetrics implements PortalMetrics {
  readonly recorded: { name: string; value: number; dimensions: Readonly<Record<string, string>> }[] = [];

  count(name: string, value = 1, dimensions: Readonly<Record<string, string>> = {}): void {
    this.recorded.push({ name, value, dimensions });
  }

  /** The sum counted under `name`, among counts with at least the `dimensions` given. */
  total(name: string, dimensions: Readonly<Record<string, string>> = {}): number {
    return this.recorded
      .filter((m) => m.name === name && Object.entries(dimensions).every(([k, v]) => m.dimensions[k] === v))
      .reduce((sum, m) => sum + m.value, 0);
  }
}

/** Operators' alerts as the real adapters take them: refused when they look like personal data (2.4). */
export class RecordingAlerts implements OperatorAlerts {
  readonly published: OperatorAlert[] = [];
  /** While true, publishing fails (the topic cannot be reached). */
  failing = false;

  async publish(alert: OperatorAlert): Promise<void> {
    assertNoPersonalData(alert);
    if (this.failing) throw new Error('Alert topic unavailable');
    this.published.push(alert);
  }
}
