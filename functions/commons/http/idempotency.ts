import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { HttpResult, PortalRequest } from './types';

/** How long a stored answer replays (3.4: a client retrying after a dropped connection). */
export const idempotencyWindowSeconds = 24 * 60 * 60;

export type IdempotentRunner = (
  route: string,
  request: PortalRequest<unknown, unknown>,
  context: Context,
  execute: () => Promise<HttpResult>,
) => Promise<HttpResult>;

interface IdempotentCall {
  /** What makes two requests "the same request": route, key and who asks (a hash of the credential). */
  readonly scope: { route: string; key: string; principal: string };
  /** A reused key with another body is refused (422), not replayed. */
  readonly body: unknown;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * 3.4: state-changing routes replay their first answer to a retried request with the same `Idempotency-Key`
 * (Powertools idempotency, records in the idempotency table); without the header a request runs as usual.
 */
export const idempotentRunner = (persistenceStore: BasePersistenceLayer): IdempotentRunner => {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'body',
    expiresAfterSeconds: idempotencyWindowSeconds,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(async (_call: IdempotentCall, execute: () => Promise<HttpResult>) => execute(), {
    persistenceStore,
    config,
  });
  return async (route, request, context, execute) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || key === '') return execute();
    if (key.length > 255)
      throw new DomainError('validation_failed', { fields: [{ field: 'Idempotency-Key', code: 'too_big' }] });
    const principal = sha256(request.headers.authorization ?? '');
    // An in-progress record lapses with the invocation, so a retry after a timeout is not refused forever.
    config.registerLambdaContext(context);
    try {
      return await run({ scope: { route, key, principal }, body: request.body ?? null }, execute);
    } catch (error) {
      if (error instanceof IdempotencyValidationError)
        throw new DomainError('idempotency_key_reused', { cause: error });
      if (error instanceof IdempotencyAlreadyInProgressError)
        throw new DomainError('request_in_progress', { cause: error, retryAfterSeconds: 1 });
      throw error;
    }
  };
};
