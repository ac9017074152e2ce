import { generateSessionToken, hashSessionToken, parseSessionToken } from '../passwords';
import type { AuditAction, RequestOrigin } from '../audit';
import {
  AccountBlocked,
  ConsentRequired,
  DomainError,
  Unauthenticated,
  VerificationRequired,
} from '../errors';
import {
  accessDenial,
  sessionPolicy,
  withNewSession,
  type Account,
  type Authenticated,
  type LiveSession,
  type SessionMethod,
} from './account';
import { sessionNetworkKey } from '../network';
import { auditEntry, type AccountDependencies, type SessionDependencies } from './dependencies';
import { updateAccount } from './updates';
import type { AccountCommit } from './store';

export interface OpenedSession {
  readonly token: string;
  readonly expiresAt: string;
  /** Preamble: the applicant must consent to the current agreement before the cabinet serves them. */
  readonly consentRequired: boolean;
}

const plus = (date: Date, seconds: number) => new Date(date.getTime() + seconds * 1000);

export const refuseDeniedAccess = (account: Account, now: Date): void => {
  const denial = accessDenial(account, now);
  if (denial === 'account_blocked') throw new AccountBlocked();
  if (denial === 'verification_required') throw new VerificationRequired();
  if (denial === 'deleted') throw new Unauthenticated();
};

/** A login refused for a blocked or unverified account (2.2, 2.3) is audited before the refusal is answered. */
export const refuseDeniedLogin = async (
  deps: Pick<AccountDependencies, 'accounts' | 'clock' | 'ids'>,
  account: Account,
  origin: RequestOrigin,
): Promise<void> => {
  try {
    refuseDeniedAccess(account, deps.clock.now());
  } catch (refusal) {
    const detail = refusal instanceof DomainError ? refusal.code : 'refused';
    await deps.accounts.appendAudit(
      auditEntry(deps, account.accountId, 'login_failed', origin, { result: 'failure', detail }),
    );
    throw refusal;
  }
};

export const consentIsCurrent = (
  deps: Pick<AccountDependencies, 'agreements' | 'clock'>,
  account: Account,
): boolean => account.consent.version === deps.agreements.current(deps.clock.now()).version;

/**
 * Opens a session after a successful login (2.1, either way in): 256 random bits, only the hash stored; at
 * most five live sessions, the oldest ending (2.8). `extra` lets the login change more in the same commit
 * (a rehashed password), or refuse on the account's fresh state by throwing.
 */
export const openSession = async (
  deps: SessionDependencies,
  accountId: string,
  method: SessionMethod,
  origin: RequestOrigin,
  extra: (account: Account) => Partial<Account> = () => ({}),
): Promise<OpenedSession> => {
  const token = generateSessionToken();
  const tokenHash = hashSessionToken(token);
  const sessionId = deps.ids.newId();
  const network = sessionNetworkKey(deps.vault, origin.ip);
  return updateAccount(deps, accountId, (account) => {
    const now = deps.clock.now();
    refuseDeniedAccess(account, now);
    const session: LiveSession = {
      tokenHash,
      createdAt: now.toISOString(),
      method,
      network,
    };
    const { sessions, evicted } = withNewSession(account, sessionId, session, now);
    const absoluteExpiresAt = plus(now, sessionPolicy.absoluteSeconds).toISOString();
    const commit: Omit<AccountCommit, 'expectedVersion'> = {
      account: { ...account, ...extra(account), failedLogins: 0, lockedUntil: undefined, sessions },
      audit: [
        auditEntry(deps, accountId, 'login', origin, {
          sessionId,
          credentialIssuedAt: now.toISOString(),
          detail: method,
        }),
        ...evicted.map((id) =>
          auditEntry(deps, accountId, 'session_evicted', origin, { sessionId: id, detail: 'session_limit' }),
        ),
      ],
      sessionToStart: {
        tokenHash,
        sessionId,
        accountId,
        method,
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        absoluteExpiresAt,
        ip: origin.ip,
        userAgent: origin.userAgent,
      },
      sessionsToForget: evicted.map((id) => account.sessions[id]!.tokenHash),
    };
    return {
      commit,
      result: { token, expiresAt: absoluteExpiresAt, consentRequired: !consentIsCurrent(deps, account) },
    };
  }).then((opened) => {
    deps.metrics.count('Logins', 1, { method });
    return opened;
  });
};

/** How often lastSeenAt is moved forward: idle expiry needs no write on every request. */
const touchEverySeconds = 60;

/**
 * Finds the live session of a bearer token, or throws Unauthenticated: unknown, idle longer than 30 minutes,
 * older than 12 hours, or no longer listed by its account (ended, evicted, revoked by a report or a block).
 */
export const authenticate = async (
  deps: SessionDependencies,
  bearer: string | undefined,
): Promise<Authenticated> => {
  const token = bearer === undefined ? undefined : parseSessionToken(bearer);
  if (token === undefined) throw new Unauthenticated();
  const tokenHash = hashSessionToken(token);
  const record = await deps.accounts.getSession(tokenHash);
  if (!record) throw new Unauthenticated();
  const now = deps.clock.now();
  const idleCutoff = plus(now, -sessionPolicy.idleSeconds);
  if (
    Date.parse(record.lastSeenAt) <= idleCutoff.getTime() ||
    Date.parse(record.absoluteExpiresAt) <= now.getTime()
  ) {
    throw new Unauthenticated();
  }
  const account = await deps.accounts.get(record.accountId);
  const session = account?.sessions[record.sessionId];
  if (!account || !session || session.tokenHash !== tokenHash || account.status !== 'active')
    throw new Unauthenticated();
  if (now.getTime() - Date.parse(record.lastSeenAt) > touchEverySeconds * 1000) {
    if (!(await deps.accounts.touchSession(tokenHash, now, idleCutoff))) throw new Unauthenticated();
  }
  return { account, sessionId: record.sessionId, session, tokenHash };
};

/**
 * What a session may reach: verification failed or overdue denies everything but Exit and reporting (2.3, 2.7);
 * an outdated consent denies the cabinet until the applicant consents again (preamble).
 */
export const authorize = (
  deps: Pick<AccountDependencies, 'agreements' | 'clock'>,
  auth: Authenticated,
  access: 'session' | 'session-any-consent',
): void => {
  if (access === 'session-any-consent') return;
  refuseDeniedAccess(auth.account, deps.clock.now());
  if (!consentIsCurrent(deps, auth.account)) throw new ConsentRequired();
};

/**
 * Which sessions to end: the one asking (the Exit button, 2.7), every one of the account, or one the applicant
 * chose from the cabinet's list (a session they do not recognise).
 */
export type SessionScope = 'current' | 'all' | { readonly sessionId: string };

/**
 * 2.7: ends sessions on the server; the next request with their tokens answers 401. A chosen session that is not
 * one of this account's answers `not_found`, whether it is unknown or someone else's: nothing tells them apart.
 */
export const endSessions = async (
  deps: SessionDependencies,
  auth: Authenticated,
  scope: SessionScope,
  origin: RequestOrigin,
): Promise<void> =>
  updateAccount(deps, auth.account.accountId, (account) => {
    const ending = sessionsIn(account.sessions, auth.sessionId, scope);
    const sessions = Object.fromEntries(
      Object.entries(account.sessions).filter(([id]) => !ending.includes(id)),
    );
    return {
      commit: {
        account: { ...account, sessions },
        audit: [
          auditEntry(deps, account.accountId, auditActionOf(auth.sessionId, scope), origin, {
            sessionId: auth.sessionId,
          }),
        ],
        sessionsToForget: ending.map((id) => account.sessions[id]!.tokenHash),
      },
      result: undefined,
    };
  });

const sessionsIn = (sessions: Account['sessions'], current: string, scope: SessionScope): string[] => {
  if (scope === 'all') return Object.keys(sessions);
  const chosen = scope === 'current' ? current : scope.sessionId;
  if (Object.hasOwn(sessions, chosen)) return [chosen];
  if (scope === 'current') return [];
  throw new DomainError('not_found');
};

const auditActionOf = (current: string, scope: SessionScope): AuditAction => {
  if (scope === 'all') return 'logout_all';
  return scope === 'current' || scope.sessionId === current ? 'logout' : 'session_ended';
};

export interface SessionView {
  readonly sessionId: string;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly method: SessionMethod;
  readonly ip: string;
  readonly userAgent: string;
  readonly current: boolean;
}

/** The account's live sessions, newest first, with which one is asking. */
export const listSessions = async (
  deps: SessionDependencies,
  auth: Authenticated,
): Promise<SessionView[]> => {
  const live = Object.entries(auth.account.sessions);
  const records = new Map(
    (await deps.accounts.getSessions(live.map(([, s]) => s.tokenHash))).map((r) => [r.sessionId, r]),
  );
  const idleCutoff = deps.clock.now().getTime() - sessionPolicy.idleSeconds * 1000;
  return live
    .filter(([id]) => {
      const record = records.get(id);
      return (
        record !== undefined &&
        Date.parse(record.lastSeenAt) > idleCutoff &&
        Date.parse(record.absoluteExpiresAt) > deps.clock.now().getTime()
      );
    })
    .map(([id, session]) => {
      const { lastSeenAt, ip, userAgent } = records.get(id)!;
      return {
        sessionId: id,
        createdAt: session.createdAt,
        lastSeenAt,
        method: session.method,
        ip,
        userAgent,
        current: id === auth.sessionId,
      };
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
};
