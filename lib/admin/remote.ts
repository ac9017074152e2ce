import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { OperatorQuery, QueryAnswer } from '../../functions/domain/operators/queries';
import type { StageSettings } from '../stage';
import { operationsBusName, portalFunctionName } from '../stage-names';

/** An operator command as the admin CLI builds it: the EventBridge event's fields. */
export interface CommandEventFields {
  readonly source: string;
  readonly 'detail-type': string;
  readonly time: string;
  readonly detail: Record<string, unknown>;
}

/** What a failed look-up in AWS said: the domain error's code (its message), so the CLI explains it as locally. */
export class RemoteRefusal extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/**
 * The admin CLI in AWS (`--stage <name>`), with the operator's own credentials (the default AWS credential chain):
 * a command goes to the stage's operations bus (PutEvents), where its rule delivers it to the commands function;
 * a look-up invokes the operator query function and waits for its answer (Lambda Invoke, RequestResponse).
 */
export class RemoteOperations {
  constructor(
    private readonly stage: StageSettings,
    private readonly events: Pick<EventBridgeClient, 'send'> = new EventBridgeClient({}),
    private readonly lambda: Pick<LambdaClient, 'send'> = new LambdaClient({}),
  ) {}

  /** @returns the id EventBridge gave the event: the commands function applies it once by that id */
  async sendCommand(event: CommandEventFields): Promise<string> {
    const { FailedEntryCount, Entries } = await this.events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: operationsBusName(this.stage),
            Source: event.source,
            DetailType: event['detail-type'],
            Time: new Date(event.time),
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    const [entry] = Entries ?? [];
    if (FailedEntryCount || entry?.EventId === undefined)
      throw new Error(`The operations bus refused the command: ${entry?.ErrorCode ?? 'no event id'}.`);
    return entry.EventId;
  }

  /** @throws RemoteRefusal when the query function refused the look-up (a domain error: its code) */
  async ask(query: OperatorQuery): Promise<QueryAnswer> {
    const { FunctionError, Payload } = await this.lambda.send(
      new InvokeCommand({
        FunctionName: portalFunctionName(this.stage, 'operator-queries'),
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(query)),
      }),
    );
    const answer: unknown = JSON.parse(new TextDecoder().decode(Payload));
    if (FunctionError !== undefined)
      throw new RemoteRefusal(String((answer as { errorMessage?: unknown }).errorMessage));
    return answer as QueryAnswer;
  }
}
