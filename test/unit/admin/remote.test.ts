import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { parseOperatorQuery } from '../../../functions/domain/operators/queries';
import { RemoteOperations, RemoteRefusal } from '../../../lib/admin/remote';
import { stageSettings } from '../../../lib/stage';

const events = mockClient(EventBridgeClient);
const lambda = mockClient(LambdaClient);
const remote = () =>
  new RemoteOperations(stageSettings('prod'), new EventBridgeClient({}), new LambdaClient({}));
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

beforeEach(() => {
  events.reset();
  lambda.reset();
});

describe('Class: RemoteOperations (the admin CLI with --stage)', () => {
  describe('Method: sendCommand', () => {
    it("puts the command on the stage's operations bus as the rules match it, and returns EventBridge's event id", async () => {
      // Prepare
      events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'ev-1234' }] });
      const detail = { operatorId: 'op.aibek', reason: 'Documents forged', phone: '+996700123456' };

      // Act
      const id = await remote().sendCommand({
        source: 'kg.srs.portal.operator',
        'detail-type': 'BlockAccount',
        time: '2026-12-04T10:00:00.000Z',
        detail,
      });

      // Assess
      expect(id).toBe('ev-1234');
      expect(events).toHaveReceivedCommandWith(PutEventsCommand, {
        Entries: [
          {
            EventBusName: 'srs-portal-operations-prod',
            Source: 'kg.srs.portal.operator',
            DetailType: 'BlockAccount',
            Time: new Date('2026-12-04T10:00:00.000Z'),
            Detail: JSON.stringify(detail),
          },
        ],
      });
    });

    it('fails when the bus refuses the entry', async () => {
      events
        .on(PutEventsCommand)
        .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException' }] });
      await expect(
        remote().sendCommand({
          source: 's',
          'detail-type': 'BlockAccount',
          time: new Date().toISOString(),
          detail: {},
        }),
      ).rejects.toThrow('The operations bus refused the command: AccessDeniedException.');
    });
  });

  describe('Method: ask', () => {
    const query = parseOperatorQuery({
      query: 'ShowAccount',
      detail: { operatorId: 'op.aibek', reason: 'Applicant called', phone: '+996700123456' },
    });

    it('invokes the operator query function of the stage and waits for its answer', async () => {
      // Prepare
      lambda.on(InvokeCommand).resolves({ StatusCode: 200, Payload: json({ accountId: 'acc-1' }) as never });

      // Act
      const answer = await remote().ask(query);

      // Assess
      expect(answer).toEqual({ accountId: 'acc-1' });
      const [call] = lambda.commandCalls(InvokeCommand);
      expect(call!.args[0].input).toMatchObject({
        FunctionName: 'srs-portal-prod-operator-queries',
        InvocationType: 'RequestResponse',
      });
      expect(JSON.parse(new TextDecoder().decode(call!.args[0].input.Payload as Uint8Array))).toEqual(query);
    });

    it("asks the same function for an account's documents (list-documents, 2.3), the operator and reason with it", async () => {
      // Prepare
      lambda.on(InvokeCommand).resolves({
        StatusCode: 200,
        Payload: json({ accountId: 'account-0001', documents: [] }) as never,
      });
      const documents = parseOperatorQuery({
        query: 'ListDocuments',
        detail: { operatorId: 'op.aibek', reason: 'Checking the passport scan', accountId: 'account-0001' },
      });

      // Act
      const answer = await remote().ask(documents);

      // Assess
      expect(answer).toEqual({ accountId: 'account-0001', documents: [] });
      expect(lambda).toHaveReceivedCommandWith(InvokeCommand, {
        FunctionName: 'srs-portal-prod-operator-queries',
        InvocationType: 'RequestResponse',
        Payload: json({
          query: 'ListDocuments',
          detail: { operatorId: 'op.aibek', reason: 'Checking the passport scan', accountId: 'account-0001' },
        }),
      });
    });

    it("turns the function's refusal into the domain error's code", async () => {
      lambda.on(InvokeCommand).resolves({
        StatusCode: 200,
        FunctionError: 'Unhandled',
        Payload: json({ errorType: 'AccountNotFound', errorMessage: 'account_not_found' }) as never,
      });
      await expect(remote().ask(query)).rejects.toEqual(new RemoteRefusal('account_not_found'));
    });
  });
});
