import { PublishCommand, SNSClient, SNSServiceException } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { SmsRecipientRefused } from '../../../functions/adapters/sms/recipient';
import { SnsSmsSender } from '../../../functions/adapters/sms/sns-sms-sender';
import { log } from '../../../functions/commons/log';
import { SmsNotSent } from '../../../functions/domain/errors';
import { smsMessage } from '../../../functions/domain/sms-texts';

const sns = mockClient(SNSClient);
const sender = new SnsSmsSender(new SNSClient({}), { senderId: 'SRSportal' });
const password = 'h7dz3tmw9bfr2n';
const message = smsMessage('registration_password', 'ky', '+996700123456', password);

const logged = (spy: jest.SpyInstance): string => JSON.stringify(spy.mock.calls);

describe('Class: SnsSmsSender', () => {
  beforeEach(() => {
    sns.reset();
    jest.restoreAllMocks();
  });

  describe('Method: send', () => {
    it('publishes a transactional SMS under the sender id to the phone (2.5)', async () => {
      // Prepare
      sns.on(PublishCommand).resolves({ MessageId: 'message-1' });

      // Act
      await sender.send(message);

      // Assess
      const expected = {
        PhoneNumber: '+996700123456',
        Message: `МКК порталы: кирүү үчүн сырсөзүңүз ${password}`,
        MessageAttributes: {
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'SRSportal' },
        },
      };
      expect(sns).toReceiveCommandTimes(PublishCommand, 1);
      expect(sns).toReceiveCommandWith(PublishCommand, expected);
      expect(sns.commandCalls(PublishCommand)[0]!.args[0].input).toEqual(expected);
    });

    it.each(['+79161234567', '+99670012345', '+9967001234567', '0700123456', '+996 700 123 456', ''])(
      'refuses %j before any call: SMS go only to +996 numbers (Security rules)',
      async (phone) => {
        // Act
        const refusal = await sender.send({ ...message, phone }).catch((e: unknown) => e);

        // Assess
        expect(refusal).toBeInstanceOf(SmsRecipientRefused);
        expect(refusal).toBeInstanceOf(SmsNotSent);
        expect(sns).toReceiveCommandTimes(PublishCommand, 0);
      },
    );

    it('says SmsNotSent, keeping the SNS error as the cause, when SNS refuses', async () => {
      // Prepare
      const refused = new SNSServiceException({
        name: 'InvalidParameterException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: 'Invalid parameter: PhoneNumber',
      });
      sns.on(PublishCommand).rejects(refused);

      // Act
      const refusal = await sender.send(message).catch((e: unknown) => e);

      // Assess
      expect(refusal).toBeInstanceOf(SmsNotSent);
      expect(refusal).toMatchObject({ code: 'sms_not_sent', cause: refused });
    });

    it('logs the purpose and outcome only: no phone, text or password (2.4)', async () => {
      // Prepare
      const info = jest.spyOn(log, 'info');
      const warn = jest.spyOn(log, 'warn');
      sns.on(PublishCommand).resolvesOnce({ MessageId: 'message-1' }).rejects(new Error('unreachable'));

      // Act
      await sender.send(message);
      await sender.send(message).catch(() => undefined);

      // Assess
      expect(info).toHaveBeenCalledWith('sms.sent', { purpose: 'password', messageId: 'message-1' });
      expect(warn).toHaveBeenCalledWith('sms.failed', { purpose: 'password', errorName: 'Error' });
      for (const spy of [info, warn]) {
        expect(logged(spy)).not.toContain('700123456');
        expect(logged(spy)).not.toContain(password);
        expect(logged(spy)).not.toContain('МКК');
      }
    });
  });

  it.each(['', 'SRS portal', 'SRSportalKG1', '12345'])('refuses the sender id %j', (senderId) => {
    expect(() => new SnsSmsSender(new SNSClient({}), { senderId })).toThrow(RangeError);
  });
});
