import { sessionPolicy } from '../../../../functions/domain/accounts/account';
import { endSessions, listSessions } from '../../../../functions/domain/accounts/sessions';
import { AccountBlocked, Unauthenticated } from '../../../../functions/domain/errors';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../../support/fakes';
import {
  anotherSession,
  hashOf,
  hours,
  isLive,
  logIn,
  minutes,
  operatorChanges,
  origin,
  refusalOf,
  registered,
  requestWith,
  type LoggedIn,
  type Registered,
} from './applicants';

/**
 * Sessions (2.1, 2.7, 2.8, Security rules): at most five live at once, ended after 30 minutes idle and 12 hours in
 * any case, on the server by Exit, all together on demand, and at the very next request once the account no longer
 * lists them (ended elsewhere, revoked by a report or a block).
 */
describe('Sessions', () => {
  let deps: InMemoryDependencies;
  let applicant: Registered;

  const sessions = async (count: number, apart = 1): Promise<LoggedIn[]> => {
    const opened: LoggedIn[] = [];
    for (let i = 0; i < count; i += 1) {
      if (i > 0) deps.clock.advance(apart);
      opened.push(await anotherSession(deps, applicant));
    }
    return opened;
  };
  const isLiveNow = (session: Pick<LoggedIn, 'token'>) => isLive(deps, session.token);
  const liveOf = async (all: LoggedIn[]) => Promise.all(all.map(isLiveNow));
  const lastSeenOf = async (session: LoggedIn) =>
    (await deps.accounts.getSession(hashOf(session.token)))?.lastSeenAt;
  const auditOf = (action: string) =>
    deps.accounts.auditTrail(applicant.accountId).filter((entry) => entry.action === action);

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await registered(deps);
  });

  it('opens a session of 12 hours at login, which the store knows only by its token’s hash', async () => {
    const opened = await logIn(deps, applicant);

    expect(opened.expiresAt).toBe(new Date(deps.clock.now().getTime() + hours(12) * 1000).toISOString());
    expect(await deps.accounts.getSession(hashOf(opened.token))).toMatchObject({
      accountId: applicant.accountId,
    });
    expect(JSON.stringify(deps.table.scan())).not.toContain(opened.token);
  });

  it('opens no session for a blocked account: the right password is answered 403, and the refusal audited (2.2)', async () => {
    await operatorChanges(deps, applicant.accountId, { status: 'blocked' });

    expect(await refusalOf(logIn(deps, applicant))).toBeInstanceOf(AccountBlocked);
    expect(auditOf('login_failed').at(-1)).toMatchObject({ detail: 'account_blocked' });
    expect(deps.table.scan().filter((item) => item.type === 'session')).toEqual([]);
  });

  describe(`keeps at most ${sessionPolicy.maxLiveSessions} live sessions (2.8)`, () => {
    it('ends the oldest when a sixth opens, and audits it as evicted', async () => {
      const [oldest, ...others] = await sessions(6);

      expect(await liveOf([oldest!, ...others])).toEqual([false, true, true, true, true, true]);
      expect(auditOf('session_evicted')).toEqual([
        expect.objectContaining({ sessionId: oldest!.auth.sessionId, detail: 'session_limit' }),
      ]);
      expect(await deps.accounts.getSession(hashOf(oldest!.token))).toBeUndefined();
    });

    it('does not count sessions past their 12 hours: a new one then ends none', async () => {
      await sessions(5);
      deps.clock.advance(hours(12));

      await anotherSession(deps, applicant);

      expect(auditOf('session_evicted')).toEqual([]);
    });
  });

  describe('ends a session idle for 30 minutes', () => {
    it('keeps it alive with any request before then, and refuses it once 30 minutes pass without one', async () => {
      const [session] = await sessions(1);
      const idle = minutes(30);

      deps.clock.advance(idle - 1);
      expect(await isLiveNow(session!)).toBe(true);
      deps.clock.advance(idle - 1);
      expect(await isLiveNow(session!)).toBe(true);
      deps.clock.advance(idle);
      expect(await isLiveNow(session!)).toBe(false);
    });

    it('moves its idle clock at most once a minute, so that a request needs no write every time', async () => {
      const [session] = await sessions(1);
      const openedAt = deps.clock.iso();

      deps.clock.advance(30);
      await requestWith(deps, session!.token);
      expect(await lastSeenOf(session!)).toBe(openedAt);
      deps.clock.advance(31);
      await requestWith(deps, session!.token);
      expect(await lastSeenOf(session!)).toBe(deps.clock.iso());
    });
  });

  it('ends every session 12 hours after login, however busy', async () => {
    const [session] = await sessions(1);
    const step = minutes(20);

    for (let elapsed = step; elapsed < hours(12); elapsed += step) {
      deps.clock.advance(step);
      expect(await isLiveNow(session!)).toBe(true);
    }
    deps.clock.advance(step);

    expect(await isLiveNow(session!)).toBe(false);
  });

  describe('ends sessions on the server (2.7)', () => {
    it('with Exit: the token is refused at its next request, the other sessions go on', async () => {
      const [leaving, staying] = await sessions(2);

      await endSessions(deps, leaving!.auth, 'current', origin);

      expect(await liveOf([leaving!, staying!])).toEqual([false, true]);
      expect(await deps.accounts.getSession(hashOf(leaving!.token))).toBeUndefined();
      expect(auditOf('logout')).toEqual([expect.objectContaining({ sessionId: leaving!.auth.sessionId })]);
    });

    it('all at once when asked: every session ends, the asking one included', async () => {
      const all = await sessions(3);

      await endSessions(deps, all[1]!.auth, 'all', origin);

      expect(await liveOf(all)).toEqual([false, false, false]);
      expect(auditOf('logout_all')).toHaveLength(1);
    });

    it('one the applicant chose and does not recognise: it alone ends, audited as taken in the asking session', async () => {
      const [asking, unrecognised, other] = await sessions(3);

      await endSessions(deps, asking!.auth, { sessionId: unrecognised!.auth.sessionId }, origin);

      expect(await liveOf([asking!, unrecognised!, other!])).toEqual([true, false, true]);
      expect(auditOf('session_ended')).toEqual([
        expect.objectContaining({ sessionId: asking!.auth.sessionId }),
      ]);
    });

    it('the asking one when chosen, as Exit would', async () => {
      const [asking, other] = await sessions(2);

      await endSessions(deps, asking!.auth, { sessionId: asking!.auth.sessionId }, origin);

      expect(await liveOf([asking!, other!])).toEqual([false, true]);
      expect(auditOf('logout')).toHaveLength(1);
    });

    it('answers not_found alike for an unknown session and for another applicant’s, and ends nothing', async () => {
      const [asking] = await sessions(1);
      const stranger = await anotherSession(deps, await registered(deps, 2));

      for (const sessionId of [stranger.auth.sessionId, '00000000-0000-4000-8000-000000000000'])
        await expect(endSessions(deps, asking!.auth, { sessionId }, origin)).rejects.toMatchObject({
          code: 'not_found',
        });

      expect(await liveOf([asking!, stranger])).toEqual([true, true]);
      expect(auditOf('session_ended')).toEqual([]);
    });
  });

  describe('revokes at the next request what the account item no longer allows', () => {
    it('a session the account no longer lists, though its item is still stored', async () => {
      const [session] = await sessions(1);

      await operatorChanges(deps, applicant.accountId, { sessions: {} });

      expect(await deps.accounts.getSession(hashOf(session!.token))).toBeDefined();
      expect(await isLiveNow(session!)).toBe(false);
    });

    it('every session of an account blocked meanwhile, though it still lists them (2.2)', async () => {
      const all = await sessions(2);

      await operatorChanges(deps, applicant.accountId, { status: 'blocked' });

      expect(await liveOf(all)).toEqual([false, false]);
    });
  });

  it('lists the live sessions newest first, marks the asking one, and leaves out those idle too long', async () => {
    const [idle, older, newest] = await sessions(3, minutes(10));
    deps.clock.advance(minutes(15));

    const listed = await listSessions(deps, await requestWith(deps, newest!.token));

    expect(listed.map((s) => [s.sessionId, s.current])).toEqual([
      [newest!.auth.sessionId, true],
      [older!.auth.sessionId, false],
    ]);
    expect(listed.map((s) => s.sessionId)).not.toContain(idle!.auth.sessionId);
  });

  it.each([
    ['no token', undefined],
    ['a malformed token', 'not-a-token'],
    ['a well-formed token nobody was given', 'A'.repeat(43)],
  ])('refuses a request with %s', async (_, token) => {
    expect(await refusalOf(requestWith(deps, token as string))).toBeInstanceOf(Unauthenticated);
  });
});
