import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import type { Context } from 'aws-lambda';
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors';
import type { PersonalDataVault } from '../../domain/ports';
import type { HttpResult, PortalRequest } from './types';

/** How long a stored answer replays (3.4: a client retrying after a dropped connection). */
export const idempotencyWindowSeconds = 24 * 60 * 60;

export type IdempotentRunner = (
  route: string,
  request: PortalRequest<unknown, unknown, unknown, unknown>,
  context: Context,
  execute: () => Promise<HttpResult>,
) => Promise<HttpResult>;

interface IdempotentCall {
  /** What makes two requests "the same request": route, key and who asks (a hash of the credential). */
  readonly scope: { route: string; key: string; principal: string };
  /**
   * A reused key with another body is refused (422), not replayed. Compared by a keyed hash of the body: bodies
   * hold passwords, PINs and codes, and Powertools stores an unkeyed hash of what it validates.
   */
  readonly bodyFingerprint: string;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A stored answer opens only for the request it answered. */
const sealContext = ({ scope }: IdempotentCall) =>
  `idempotency\0${scope.route}\0${scope.principal}\0${scope.key}`;

/**
 * 3.4: state-changing routes replay their first answer to a retried request with the same `Idempotency-Key`
 * (Powertools idempotency, records in the idempotency table); without the header a request runs as usual.
 *
 * The records keep nothing readable (2.4, Security rules): the body only as an HMAC under the lookup key, the
 * answer (which may hold a phone number) sealed with the data key, bound to the record's scope.
 */
export const idempotentRunner = (
  persistenceStore: BasePersistenceLayer,
  vault: Pick<PersonalDataVault, 'seal' | 'open' | 'lookupKey'>,
): IdempotentRunner => {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'scope',
    payloadValidationJmesPath: 'bodyFingerprint',
    expiresAfterSeconds: idempotencyWindowSeconds,
    throwOnNoIdempotencyKey: true,
  });
  const run = makeIdempotent(
    async (call: IdempotentCall, execute: () => Promise<HttpResult>): Promise<string> =>
      vault.seal(JSON.stringify(await execute()), sealContext(call)),
    { persistenceStore, config },
  );
  return async (route, request, context, execute) => {
    const key = request.headers['idempotency-key'];
    if (key === undefined || key === '') return execute();
    if (key.length > 255)
      throw new DomainError('validation_failed', { fields: [{ field: 'Idempotency-Key', code: 'too_big' }] });
    const principal = sha256(request.headers.authorization ?? '');
    // An in-progress record lapses with the invocation, so a retry after a timeout is not refused forever.
    config.registerLambdaContext(context);
    try {
      const call: IdempotentCall = {
        scope: { route, key, principal },
        // The path's parameters belong to the request as much as its body (one key, another session: 422).
        bodyFingerprint: vault.lookupKey(
          'request',
          JSON.stringify(
            request.params === undefined ? (request.body ?? null) : [request.body ?? null, request.params],
          ),
        ),
      };
      return JSON.parse(vault.open(await run(call, execute), sealContext(call))) as HttpResult;
    } catch (error) {
      if (error instanceof IdempotencyValidationError)
        throw new DomainError('idempotency_key_reused', { cause: error });
      if (error instanceof IdempotencyAlreadyInProgressError)
        throw new DomainError('request_in_progress', { cause: error, retryAfterSeconds: 1 });
      throw error;
    }
  };
};
