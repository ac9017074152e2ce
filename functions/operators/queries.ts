import { countingCalls } from '../adapters/service-calls';
import { log } from '../commons/log';
import { errorKind, logEvents } from '../commons/log-events';
import { onceUntilFailure } from '../commons/once';
import { DomainError } from '../domain/errors';
import {
  answerQuery,
  parseOperatorQuery,
  type QueryAnswer,
  type QueryDependencies,
} from '../domain/operators/queries';
import { documentDependencies } from '../wiring/document-dependencies';
import { operatorStores } from '../wiring/operator-stores';

export type QueryHandler = (event: unknown) => Promise<QueryAnswer>;

/**
 * The operators' look-ups (2.6): invoked synchronously (Lambda Invoke with the operator's credentials, or the admin
 * CLI in process), answered with what was asked for. Each look at an account is in its audit log before anything
 * is shown; its log line names the account, never the data shown.
 */
export const createQueryHandler =
  (deps: QueryDependencies): QueryHandler =>
  async (event) => {
    try {
      const query = parseOperatorQuery(event);
      const answer = await answerQuery(deps, query);
      log.info(logEvents.operatorCommand, {
        command: query.query,
        ...('accountId' in answer && { accountId: answer.accountId }),
        ...('shown' in answer && { shown: answer.shown }),
        ...('documents' in answer && { documents: answer.documents.length }),
        outcome: 'answered',
      });
      return answer;
    } catch (error) {
      if (error instanceof DomainError)
        log.warn(logEvents.operatorCommand, { outcome: 'refused', problemCode: error.code });
      else log.error(logEvents.operatorCommand, { outcome: 'failed', ...errorKind(error) });
      throw error;
    }
  };

const ready = onceUntilFailure(async () => {
  const [operators, { documents, presigner }] = await Promise.all([operatorStores(), documentDependencies()]);
  return createQueryHandler({ ...operators, documents, presigner });
});

/**
 * The Lambda handler: dependencies bound on the first invocation (keys come from Secrets Manager; the documents'
 * bucket only signs download links, never read here).
 */
export const handler: QueryHandler = (event) =>
  countingCalls(async () => {
    const handle = await ready().catch((error: unknown) => {
      log.error(logEvents.dependenciesUnavailable, errorKind(error));
      throw error;
    });
    return handle(event);
  });
