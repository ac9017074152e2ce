import { log } from '../commons/log';
import { errorKind, logEvents } from '../commons/log-events';
import { onceUntilFailure } from '../commons/once';
import { isFlushable } from '../adapters/metrics/portal-metrics';
import { countingCalls } from '../adapters/service-calls';
import { DomainError } from '../domain/errors';
import { parseOperatorEvent } from '../domain/operators/commands';
import type { OperatorDependencies } from '../domain/operators/dependencies';
import { executeCommand, type CommandOutcome } from '../domain/operators/execute-command';
import { operatorDependencies } from '../wiring/operator-dependencies';

export type CommandHandler = (event: unknown) => Promise<CommandOutcome>;

/**
 * The operators' commands (2.2, 2.3, 2.6): one function for every command event of the operations bus. A
 * command that is invalid or does not apply throws a domain error and changes nothing; in AWS the event then
 * ends in the function's dead-letter queue, whose alarm tells operators. Its one line, and the `StoreCalls`
 * metrics (route: the command's name), count its AWS calls.
 */
export const createCommandHandler =
  (deps: OperatorDependencies): CommandHandler =>
  (event) =>
    countingCalls(async (calls) => {
      try {
        const command = parseOperatorEvent(event, deps.clock.now());
        const outcome = await executeCommand(deps, command);
        log.info(logEvents.operatorCommand, {
          command: outcome.command,
          eventId: outcome.eventId,
          accountId: outcome.accountId,
          outcome: outcome.outcome,
          ...calls.logAttributes(),
        });
        if (isFlushable(deps.metrics)) deps.metrics.storeCalls(command.name, calls.of('dynamodb'));
        return outcome;
      } catch (error) {
        if (error instanceof DomainError)
          log.warn(logEvents.operatorCommand, {
            outcome: 'refused',
            problemCode: error.code,
            ...calls.logAttributes(),
          });
        else
          log.error(logEvents.operatorCommand, {
            outcome: 'failed',
            ...errorKind(error),
            ...calls.logAttributes(),
          });
        throw error;
      }
    });

const ready = onceUntilFailure(() => operatorDependencies().then(createCommandHandler));

/** The Lambda handler: dependencies bound on the first invocation (keys come from Secrets Manager). */
export const handler: CommandHandler = (event) =>
  countingCalls(async () => {
    const handle = await ready().catch((error: unknown) => {
      log.error(logEvents.dependenciesUnavailable, errorKind(error));
      throw error;
    });
    return handle(event);
  });
