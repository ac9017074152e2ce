import { DynamoDbChallengeStore } from '../adapters/dynamodb/challenges';
import { log } from '../commons/log';
import { errorKind, logEvents } from '../commons/log-events';
import { onceUntilFailure } from '../commons/once';
import { StoreUnavailable } from '../domain/errors';
import { config, type PortalConfig } from '../commons/config';
import { sessionDependencies, type SessionGroupDependencies } from '../wiring/session-dependencies';
import type { IdCardDependencies, IdCardVerifierPort } from '../domain/accounts/id-card-login';
import { documentClient } from '../wiring/document-client';

/**
 * The ID-card verifier is built on first use, so that a trust misconfiguration answers 503 to ID-card logins
 * without failing the function's start. Its adapter (X.509 and ASN.1 libraries, about 250 KiB) loads then too: a
 * cold challenge request (`POST /v1/id-card/challenges`, the first step of every ID-card login) never needs it.
 * Only this group bundles it, which is why ID-card login is a group of its own.
 */
export const lazyIdCardVerifier = (cfg: Pick<PortalConfig, 'idCard' | 'origin'>): IdCardVerifierPort => {
  const verifier = onceUntilFailure(async () => {
    const { caPath, crlPath, ocspUrl } = cfg.idCard;
    if (!caPath) throw new Error('PORTAL_ID_CARD_CA is not set: no CA is trusted for ID-card login');
    const { createIdCardVerifierFromFiles } = await import('../adapters/id-card');
    return createIdCardVerifierFromFiles({ origin: cfg.origin, caPath, crlPath, ocspUrl });
  });
  return {
    verify: async (input) => {
      const ready = await verifier().catch((error: unknown) => {
        log.error(logEvents.dependenciesUnavailable, errorKind(error));
        throw new StoreUnavailable(error);
      });
      return ready.verify(input);
    },
  };
};

/** The id-card group's dependencies: the sign-in ones plus ID-card challenges and verification (2.1). */
export const idCardDependencies = async (): Promise<
  { idCard: IdCardDependencies } & Pick<SessionGroupDependencies, 'metrics'>
> => {
  const { sessions, metrics } = await sessionDependencies();
  const cfg = config();
  return {
    idCard: {
      ...sessions,
      challenges: new DynamoDbChallengeStore(documentClient(), cfg.tableName),
      idCard: lazyIdCardVerifier(cfg),
    },
    metrics,
  };
};
