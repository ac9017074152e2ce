import { SNSClient } from '@aws-sdk/client-sns';
import { OutboxOperatorAlerts } from '../adapters/alerts/outbox-operator-alerts';
import { SnsOperatorAlerts } from '../adapters/alerts/sns-operator-alerts';
import { countCalls } from '../adapters/service-calls';
import type { OperatorAlerts } from '../domain/ports';
import type { PortalConfig } from '../commons/config';

/** The operators' alerts: their SNS topic in AWS, the alerts outbox under `npm start`. */
export const operatorAlerts = (cfg: PortalConfig): OperatorAlerts => {
  if (cfg.runtime === 'local') return new OutboxOperatorAlerts(cfg.dataDir);
  if (!cfg.alertsTopicArn) throw new Error('PORTAL_ALERTS_TOPIC_ARN is required in AWS');
  return new SnsOperatorAlerts(countCalls('sns', new SNSClient({ region: cfg.region })), cfg.alertsTopicArn);
};
