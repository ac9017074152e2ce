import { randomBytes } from 'node:crypto';
import { logEvents } from '../../commons/log-events';
import type { RequestOrigin } from '../audit';
import { DomainError, NotRegistered, StoreUnavailable } from '../errors';
import type { IdCardVerification } from '../id-card';
import { auditEntry, type SessionDependencies } from './dependencies';
import { openSession, refuseDeniedLogin, type OpenedSession } from './sessions';

/** A challenge lives 5 minutes and is used once (2.1, DESIGN: ID-card login). */
export const challengeLifetimeSeconds = 5 * 60;

export interface IdCardChallenge {
  readonly challengeId: string;
  readonly nonce: string;
  readonly expiresAt: string;
}

export interface ChallengeStore {
  save(challenge: IdCardChallenge): Promise<void>;
  /** Deletes the challenge if it exists and has not expired, returning it; undefined for a replay or an expired one. */
  consume(challengeId: string, now: Date): Promise<IdCardChallenge | undefined>;
}

export interface IdCardVerifierPort {
  verify(input: { token: unknown; nonce: string }): Promise<IdCardVerification>;
}

export interface IdCardDependencies extends SessionDependencies {
  readonly challenges: ChallengeStore;
  readonly idCard: IdCardVerifierPort;
}

export class InvalidIdCard extends DomainError {
  constructor(readonly reason: string) {
    super('invalid_id_card');
  }
}

/** POST /v1/id-card/challenges: 32 random bytes, base64, for the card to sign with the origin. */
export const issueChallenge = async (
  deps: Pick<IdCardDependencies, 'challenges' | 'clock' | 'ids'>,
): Promise<IdCardChallenge> => {
  const challenge = {
    challengeId: deps.ids.newId(),
    nonce: randomBytes(32).toString('base64'),
    expiresAt: new Date(deps.clock.now().getTime() + challengeLifetimeSeconds * 1000).toISOString(),
  };
  await deps.challenges.save(challenge);
  return challenge;
};

const refuse = (deps: Pick<SessionDependencies, 'log'>, reason: string): never => {
  deps.log.info(logEvents.idCardRefused, { reason });
  throw new InvalidIdCard(reason);
};

/**
 * 2.1: the second way in. The card's PIN code never reaches the server: the card signed our one-time challenge
 * and the portal origin; the certificate names the applicant's personal identification number. Unregistered PIN:
 * 404 not_registered; any other failure 401 invalid_id_card, its reason in the log (and in the account's audit
 * log where the card is genuine); revocation status unknowable: 503.
 */
export const loginWithIdCard = async (
  deps: IdCardDependencies,
  request: { challengeId: string; authToken: unknown },
  origin: RequestOrigin,
): Promise<OpenedSession> => {
  const challenge = await deps.challenges.consume(request.challengeId, deps.clock.now());
  if (!challenge) return refuse(deps, 'unknown_expired_or_used_challenge');
  const verification = await deps.idCard.verify({ token: request.authToken, nonce: challenge.nonce });
  if (!verification.ok) {
    if (verification.reason === 'revocation_unavailable')
      throw new StoreUnavailable(new Error('revocation status unavailable'));
    if (verification.holder) {
      const accountId = await deps.accounts.findByClaim(
        'pin',
        deps.vault.lookupKey('pin', verification.holder.pin),
      );
      if (accountId) {
        await deps.accounts.appendAudit(
          auditEntry(deps, accountId, 'id_card_refused', origin, {
            result: 'failure',
            detail: verification.reason,
          }),
        );
      }
    }
    deps.metrics.count('LoginFailures', 1, { method: 'id-card' });
    return refuse(deps, verification.reason);
  }
  const accountId = await deps.accounts.findByClaim('pin', deps.vault.lookupKey('pin', verification.pin));
  const account = accountId ? await deps.accounts.get(accountId) : undefined;
  if (!account || account.status === 'deleted') throw new NotRegistered();
  await refuseDeniedLogin(deps, account, origin);
  const session = await openSession(deps, account.accountId, 'id-card', origin);
  deps.log.info(logEvents.loginSucceeded, { accountId: account.accountId, method: 'id-card' });
  return session;
};
