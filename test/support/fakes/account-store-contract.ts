import type { Account } from '../../../functions/domain/accounts/account';
import type { AccountStore, SessionRecord } from '../../../functions/domain/accounts/store';
import type { AuditEntry } from '../../../functions/domain/audit';
import type { ConsentRepository } from '../../../functions/domain/consent/consent';
import {
  AlreadyRegistered,
  ConcurrentUpdate,
  ConsentExpired,
  InvalidCode,
} from '../../../functions/domain/errors';

export interface StoreUnderTest {
  readonly store: AccountStore;
  readonly consents: ConsentRepository;
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 4, minute)).toISOString();

/**
 * What every AccountStore must do, whatever holds the data: run against InMemoryAccountStore (unit) and
 * DynamoDbAccountStore (DynamoDB Local), it keeps the fake's conditions those of the real store. Each test uses
 * fresh ids, so one store may serve them all.
 */
export const describeAccountStoreContract = (name: string, storeUnderTest: () => Promise<StoreUnderTest>) =>
  describe(`${name} keeps the accounts' store contract`, () => {
    let store: AccountStore;
    let consents: ConsentRepository;
    let serial = 0;

    const fresh = () => {
      serial += 1;
      return `${process.pid}-${serial}`;
    };
    const entry = (
      accountId: string,
      minute: number,
      action: AuditEntry['action'] = 'login',
    ): AuditEntry => ({
      entryId: fresh(),
      accountId,
      at: at(minute),
      action,
      result: 'success',
    });
    const newAccount = (id = fresh()): Account => ({
      accountId: `account-${id}`,
      version: 1,
      applicantType: 'individual',
      status: 'active',
      sealedPersonalData: 'sealed',
      claims: { phone: `phone-${id}`, pin: `pin-${id}`, passport: `passport-${id}` },
      failedLogins: 0,
      sessions: {},
      consent: { consentId: `consent-${id}`, version: '1', acceptedAt: at(0), language: 'ky' },
      createdAt: at(0),
    });
    const consentFor = async (account: Account, expiresAt = at(30)) =>
      consents.saveUnused({
        consentId: account.consent.consentId,
        agreementVersion: '1',
        textSha256: 'sha',
        privacyPolicyVersion: '1',
        language: 'ky',
        acceptedAt: at(0),
        sourceIp: '198.51.100.7',
        userAgent: 'contract',
        expiresAt,
      });
    const registered = async (account = newAccount()): Promise<Account> => {
      await consentFor(account);
      await store.register({
        account,
        consentId: account.consent.consentId,
        agreementVersion: '1',
        now: new Date(at(1)),
        audit: entry(account.accountId, 1, 'registration'),
      });
      return account;
    };
    const session = (account: Account, lastSeenMinute = 2): SessionRecord => ({
      tokenHash: `token-${fresh()}`,
      sessionId: `session-${fresh()}`,
      accountId: account.accountId,
      method: 'password',
      createdAt: at(2),
      lastSeenAt: at(lastSeenMinute),
      absoluteExpiresAt: at(2 + 12 * 60),
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (test)',
    });
    /** Commits `change` over the version of `account`, as updateAccount does. */
    const commitOver = (account: Account, change: Partial<Parameters<AccountStore['commit']>[0]> = {}) =>
      store.commit({
        account: { ...account, version: account.version + 1 },
        expectedVersion: account.version,
        audit: [entry(account.accountId, 3)],
        ...change,
      });

    beforeAll(async () => {
      ({ store, consents } = await storeUnderTest());
    });

    it('registers an account with its claims, its consent used, and its first audit entry', async () => {
      const account = await registered();
      expect(await store.get(account.accountId)).toEqual(account);
      expect(await store.findByClaim('pin', account.claims.pin)).toBe(account.accountId);
      expect(await consents.find(account.consent.consentId)).toMatchObject({ usedAt: at(1) });
      expect((await store.activity(account.accountId, { limit: 10 })).entries.map((e) => e.action)).toEqual([
        'registration',
      ]);
    });

    it('registers nobody with a consent used, expired or unknown (ConsentExpired)', async () => {
      const used = await registered();
      const again = { ...newAccount(), consent: used.consent };
      const expired = newAccount();
      await consentFor(expired, at(1));
      for (const account of [again, expired, newAccount()])
        await expect(
          store.register({
            account,
            consentId: account.consent.consentId,
            agreementVersion: '1',
            now: new Date(at(1)),
            audit: entry(account.accountId, 1),
          }),
        ).rejects.toBeInstanceOf(ConsentExpired);
      expect(await store.get(again.accountId)).toBeUndefined();
    });

    it('registers nobody whose phone, PIN or passport another account holds (AlreadyRegistered), writing nothing', async () => {
      const holder = await registered();
      const rival = newAccount();
      const taken = { ...rival, claims: { ...rival.claims, passport: holder.claims.passport } };
      await consentFor(taken);
      await expect(
        store.register({
          account: taken,
          consentId: taken.consent.consentId,
          agreementVersion: '1',
          now: new Date(at(1)),
          audit: entry(taken.accountId, 1),
        }),
      ).rejects.toBeInstanceOf(AlreadyRegistered);
      expect(await store.get(taken.accountId)).toBeUndefined();
      expect(await store.findByClaim('phone', taken.claims.phone)).toBeUndefined();
      expect(await consents.find(taken.consent.consentId)).not.toHaveProperty('usedAt');
    });

    it('writes a commit over the version read, and refuses one over a stale version whole (ConcurrentUpdate)', async () => {
      const account = await registered();
      await commitOver(account, { account: { ...account, version: 2, failedLogins: 1 } });
      const stale = session(account);
      await expect(
        commitOver(account, {
          account: { ...account, version: 2, failedLogins: 7 },
          sessionToStart: stale,
          claimsToAdd: { passport: `passport-${fresh()}` },
        }),
      ).rejects.toBeInstanceOf(ConcurrentUpdate);
      expect(await store.get(account.accountId)).toMatchObject({ version: 2, failedLogins: 1 });
      expect(await store.getSession(stale.tokenHash)).toBeUndefined();
      expect((await store.activity(account.accountId, { limit: 10 })).entries).toHaveLength(2);
    });

    it('refuses a commit claiming what another account holds (AlreadyRegistered) and leaves the account as it was', async () => {
      const holder = await registered();
      const account = await registered();
      await expect(
        commitOver(account, {
          claimsToAdd: { phone: holder.claims.phone },
          claimsToRemove: { phone: account.claims.phone },
        }),
      ).rejects.toBeInstanceOf(AlreadyRegistered);
      expect(await store.get(account.accountId)).toMatchObject({ version: 1 });
      expect(await store.findByClaim('phone', account.claims.phone)).toBe(account.accountId);
      expect(await store.findByClaim('phone', holder.claims.phone)).toBe(holder.accountId);
    });

    it('moves a claim in one commit, and refuses to release a claim the account no longer holds (ConcurrentUpdate)', async () => {
      const account = await registered();
      const newPhone = `phone-${fresh()}`;
      const moved = { ...account, version: 2, claims: { ...account.claims, phone: newPhone } };
      await commitOver(account, {
        account: moved,
        claimsToAdd: { phone: newPhone },
        claimsToRemove: { phone: account.claims.phone },
      });
      expect(await store.findByClaim('phone', newPhone)).toBe(account.accountId);
      expect(await store.findByClaim('phone', account.claims.phone)).toBeUndefined();
      await expect(
        commitOver(moved, { claimsToRemove: { phone: account.claims.phone } }),
      ).rejects.toBeInstanceOf(ConcurrentUpdate);
    });

    it('starts and forgets session items with the account, and touches one only while it is not idle', async () => {
      const account = await registered();
      const first = session(account);
      const second = session(account);
      await commitOver(account, { sessionToStart: first });
      await commitOver({ ...account, version: 2 }, { sessionToStart: second });
      expect(await store.getSession(first.tokenHash)).toEqual(first);
      expect(
        (await store.getSessions([first.tokenHash, 'token-unknown', second.tokenHash])).sort((a, b) =>
          a.sessionId.localeCompare(b.sessionId),
        ),
      ).toEqual([first, second].sort((a, b) => a.sessionId.localeCompare(b.sessionId)));
      expect(await store.touchSession(first.tokenHash, new Date(at(20)), new Date(at(1)))).toBe(true);
      expect(await store.getSession(first.tokenHash)).toMatchObject({ lastSeenAt: at(20) });
      expect(await store.touchSession(second.tokenHash, new Date(at(40)), new Date(at(10)))).toBe(false);
      await commitOver({ ...account, version: 3 }, { sessionsToForget: [first.tokenHash] });
      expect(await store.getSession(first.tokenHash)).toBeUndefined();
      expect(await store.touchSession(first.tokenHash, new Date(at(21)), new Date(at(1)))).toBe(false);
    });

    it('counts code attempts up to the maximum, until the code expires, and consumes a code once (InvalidCode)', async () => {
      const account = await registered();
      const requestId = `request-${fresh()}`;
      await store.saveCode({
        purpose: 'access_report',
        requestId,
        accountId: account.accountId,
        codeHash: 'hash',
        attempts: 0,
        expiresAt: at(10),
      });
      const attempt = (minute: number) =>
        store.attemptCode('access_report', requestId, new Date(at(minute)), 2);
      expect(await attempt(1)).toMatchObject({ attempts: 1, accountId: account.accountId });
      expect(await attempt(2)).toMatchObject({ attempts: 2 });
      expect(await attempt(3)).toBeUndefined();
      expect(
        await store.attemptCode('access_report', `request-${fresh()}`, new Date(at(1)), 5),
      ).toBeUndefined();
      const consume = { codeToConsume: { purpose: 'access_report' as const, requestId } };
      await commitOver(account, consume);
      await expect(commitOver({ ...account, version: 2 }, consume)).rejects.toBeInstanceOf(InvalidCode);
      expect(await store.get(account.accountId)).toMatchObject({ version: 2 });

      await store.saveCode({
        purpose: 'phone_change',
        requestId,
        codeHash: 'h',
        attempts: 0,
        expiresAt: at(10),
      });
      expect(await store.attemptCode('phone_change', requestId, new Date(at(10)), 5)).toBeUndefined();
    });

    it('keeps audit entries append-only, newest first, in pages whose cursor continues where the last ended', async () => {
      const account = await registered();
      const later = [entry(account.accountId, 5), entry(account.accountId, 6), entry(account.accountId, 7)];
      for (const e of later) await store.appendAudit(e);
      await expect(store.appendAudit(later[0]!)).rejects.toMatchObject({
        name: 'ConditionalCheckFailedException',
      });
      const first = await store.activity(account.accountId, { limit: 2 });
      expect(first.entries.map((e) => e.at)).toEqual([at(7), at(6)]);
      const second = await store.activity(account.accountId, { limit: 2, cursor: first.nextCursor });
      expect(second.entries.map((e) => e.at)).toEqual([at(5), at(1)]);
      const third = await store.activity(account.accountId, { limit: 2, cursor: second.nextCursor });
      expect(third).toEqual({ entries: [] });
    });

    it('records access reports with the account, oldest first', async () => {
      const account = await registered();
      const report = (minute: number) => ({
        reportId: `report-${fresh()}`,
        accountId: account.accountId,
        reportedAt: at(minute),
        ip: '198.51.100.7',
        userAgent: 'contract',
        channel: 'cabinet' as const,
        status: 'open' as const,
      });
      const [early, late] = [report(4), report(9)];
      await commitOver(account, { reportToRecord: late });
      await commitOver({ ...account, version: 2 }, { reportToRecord: early });
      expect(await store.reports(account.accountId)).toEqual([early, late]);
    });

    it('reserves a previous phone to its account: nobody registers it until the reservation ends', async () => {
      const account = await registered();
      const rival = newAccount();
      const reservation = {
        claim: rival.claims.phone,
        accountId: account.accountId,
        reservedAt: at(0),
        until: at(20),
      };
      await commitOver(account, { reservationsToAdd: [reservation] });
      expect(await store.findReservation(rival.claims.phone)).toEqual(reservation);
      await consentFor(rival, at(60));
      const registerRival = (minute: number) =>
        store.register({
          account: rival,
          consentId: rival.consent.consentId,
          agreementVersion: '1',
          now: new Date(at(minute)),
          audit: entry(rival.accountId, minute, 'registration'),
        });
      await expect(registerRival(19)).rejects.toBeInstanceOf(AlreadyRegistered);
      await registerRival(20);
      expect(await store.get(rival.accountId)).toBeDefined();
    });

    it('lets no other account take over or end a reservation (ConcurrentUpdate)', async () => {
      const owner = await registered();
      const other = await registered();
      const claim = `phone-${fresh()}`;
      await commitOver(owner, {
        reservationsToAdd: [{ claim, accountId: owner.accountId, reservedAt: at(0), until: at(20) }],
      });
      await expect(
        commitOver(other, {
          reservationsToAdd: [{ claim, accountId: other.accountId, reservedAt: at(10), until: at(30) }],
        }),
      ).rejects.toBeInstanceOf(ConcurrentUpdate);
      await expect(commitOver(other, { reservationsToRemove: [claim] })).rejects.toBeInstanceOf(
        ConcurrentUpdate,
      );
      await commitOver({ ...owner, version: 2 }, { reservationsToRemove: [claim, `phone-${fresh()}`] });
      expect(await store.findReservation(claim)).toBeUndefined();
    });
  });
