import { log } from '../commons/log';
import { errorKind, logEvents } from '../commons/log-events';
import { onceUntilFailure } from '../commons/once';
import { tracedHandler } from '../commons/tracing';
import { DomainError } from '../domain/errors';
import { parseOperatorEvent } from '../domain/operators/commands';
import type { OperatorDependencies } from '../domain/operators/dependencies';
import { executeCommand, type CommandOutcome } from '../domain/operators/execute-command';
import { operatorDependencies } from './dependencies';

export type CommandHandler = (event: unknown) => Promise<CommandOutcome>;

/**
 * The operators' commands (2.2, 2.3, 2.6): one function for every command event of the operations bus. A
 * command that is invalid or does not apply throws a domain error and changes nothing; in AWS the event then
 * ends in the function's dead-letter queue, whose alarm tells operators.
 */
export const createCommandHandler =
  (deps: OperatorDependencies): CommandHandler =>
  async (event) => {
    try {
      const command = parseOperatorEvent(event, deps.clock.now());
      const outcome = await executeCommand(deps, command);
      log.info(logEvents.operatorCommand, {
        command: outcome.command,
        eventId: outcome.eventId,
        accountId: outcome.accountId,
        outcome: outcome.outcome,
      });
      return outcome;
    } catch (error) {
      if (error instanceof DomainError)
        log.warn(logEvents.operatorCommand, { outcome: 'refused', problemCode: error.code });
      else log.error(logEvents.operatorCommand, { outcome: 'failed', ...errorKind(error) });
      throw error;
    }
  };

const ready = onceUntilFailure(() => operatorDependencies().then(createCommandHandler));

/** The Lambda handler: dependencies bound on the first invocation (keys come from Secrets Manager). */
export const handler: CommandHandler = tracedHandler(async (event) => {
  const handle = await ready().catch((error: unknown) => {
    log.error(logEvents.dependenciesUnavailable, errorKind(error));
    throw error;
  });
  return handle(event);
});
