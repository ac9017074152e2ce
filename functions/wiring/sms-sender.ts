import { SNSClient } from '@aws-sdk/client-sns';
import { OutboxSmsSender } from '../adapters/sms/outbox-sms-sender';
import { SnsSmsSender } from '../adapters/sms/sns-sms-sender';
import { countCalls } from '../adapters/service-calls';
import type { SmsSender } from '../domain/ports';
import type { PortalConfig } from '../commons/config';

/** 2.5: where SMS go: SNS (transactional, under the sender id) in AWS, the SMS outbox under `npm start`. */
export const smsSenderOf = (cfg: PortalConfig): SmsSender =>
  cfg.runtime === 'aws'
    ? new SnsSmsSender(countCalls('sns', new SNSClient({ region: cfg.region })), {
        senderId: cfg.smsSenderId,
      })
    : new OutboxSmsSender(cfg.dataDir);
