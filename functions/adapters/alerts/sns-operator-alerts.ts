import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { systemClock, type Clock, type OperatorAlert, type OperatorAlerts } from '../../domain/ports';
import { AlertNotSent, alertRecord } from './alert-record';

/** Email subjects (SNS: ASCII, at most 100 characters), one per kind of alert. */
const subjects: Record<OperatorAlert['kind'], string> = {
  access_report: 'SRS portal: unauthorized access reported',
  suspicious_activity: 'SRS portal: suspicious account activity',
  daily_report: 'SRS portal: daily report',
  sms_failure: 'SRS portal: SMS not sent',
};

/**
 * Operators' alerts on their SNS topic (2.7, 2.8): the alert as JSON, a subject for email subscribers, and the
 * kind as a message attribute so that subscriptions can filter (e.g. access reports to the duty phone). Alerts
 * that look like they carry personal data are refused before publishing.
 *
 * @example
 * const alerts = new SnsOperatorAlerts(new SNSClient({ region }), operatorsTopicArn);
 * await alerts.publish({ kind: 'access_report', accountId, reportId, summary: 'Unauthorized access reported' });
 */
export class SnsOperatorAlerts implements OperatorAlerts {
  private readonly clock: Clock;

  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    options: { clock?: Clock } = {},
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async publish(alert: OperatorAlert): Promise<void> {
    const record = alertRecord(alert, this.clock.now());
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: subjects[alert.kind],
          Message: JSON.stringify(record),
          MessageAttributes: { kind: { DataType: 'String', StringValue: alert.kind } },
        }),
      );
    } catch (error) {
      throw new AlertNotSent(error);
    }
  }
}
