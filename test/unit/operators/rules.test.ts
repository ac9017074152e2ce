import fc from 'fast-check';
import type { Account, LiveSession } from '../../../functions/domain/accounts/account';
import { networkOf, requesterOf, sessionNetworkKey } from '../../../functions/domain/network';
import { sessionNetworkCount } from '../../../functions/domain/operators/activity';
import {
  bishkekDay,
  bishkekDayBounds,
  bishkekMinute,
  deadlineInstant,
  previousBishkekDay,
} from '../../../functions/domain/operators/bishkek-time';
import { countPage, flatCounts } from '../../../functions/domain/operators/jobs/daily-report';
import { pageThrough } from '../../../functions/domain/operators/jobs/job';
import type { AuditEntry } from '../../../functions/domain/audit';
import { fixedKeyVault } from '../../support/fakes/vault';

const instants = fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });

describe('Bishkek time (UTC+6 all year)', () => {
  it('puts every instant inside the bounds of its Bishkek day', () => {
    fc.assert(
      fc.property(instants, (at) => {
        const { from, to } = bishkekDayBounds(bishkekDay(at));
        return Date.parse(from) <= at.getTime() && at.getTime() < Date.parse(to);
      }),
    );
  });

  it('starts the Bishkek day at 18:00 UTC the day before', () => {
    expect(bishkekDay(new Date('2026-11-24T17:59:59.999Z'))).toBe('2026-11-24');
    expect(bishkekDay(new Date('2026-11-24T18:00:00.000Z'))).toBe('2026-11-25');
    expect(previousBishkekDay(new Date('2026-11-24T18:30:00.000Z'))).toBe('2026-11-24');
    expect(bishkekDayBounds('2026-11-25')).toEqual({
      from: '2026-11-24T18:00:00.000Z',
      to: '2026-11-25T18:00:00.000Z',
    });
  });

  it('takes a date as a deadline at the last millisecond of that Bishkek day (2.3)', () => {
    expect(deadlineInstant('2026-11-25')).toBe('2026-11-25T17:59:59.999Z');
  });

  it('writes a deadline for the notice SMS in Bishkek time, to the minute, always 16 characters (2.3)', () => {
    expect(bishkekMinute(deadlineInstant('2026-12-31'))).toBe('31.12.2026 23:59');
    expect(bishkekMinute('2026-03-01T20:05:00Z')).toBe('02.03.2026 02:05');
    fc.assert(
      fc.property(instants, (at) => /^\d\d\.\d\d\.\d{4} \d\d:\d\d$/.test(bishkekMinute(at.toISOString()))),
    );
  });
});

describe('Function: requesterOf, whom a source-IP limit counts (2.8)', () => {
  it('counts an IPv4 address by itself, also when written IPv4-mapped', () => {
    fc.assert(fc.property(fc.ipV4(), (ip) => requesterOf(ip) === ip && requesterOf(`::ffff:${ip}`) === ip));
  });

  it('counts every address of one IPv6 /64 as one requester, however written, and another /64 apart', () => {
    expect(requesterOf('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(requesterOf('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(requesterOf('2001:db8:1:3::1')).not.toBe(requesterOf('2001:db8:1:2::1'));
  });

  it('keeps what it cannot parse as its own requester', () => {
    expect(requesterOf('unknown')).toBe('unknown');
  });
});

describe('Function: networkOf (2.8)', () => {
  it('counts addresses of one IPv4 /24 as one network, whatever the last octet', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.nat({ max: 255 }), (ip, last) => {
        const sibling = ip.replace(/\d+$/, String(last));
        return networkOf(ip) === networkOf(sibling) && networkOf(`::ffff:${ip}`) === networkOf(ip);
      }),
    );
  });

  it('counts addresses of one IPv6 /48 as one network, however they are written', () => {
    expect(networkOf('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
    expect(networkOf('2001:0DB8:0001:ffff:0:0:0:9')).toBe('2001:db8:1::/48');
    expect(networkOf('2001:db8:2::1')).not.toBe(networkOf('2001:db8:1::1'));
    expect(networkOf('::1')).toBe('0:0:0::/48');
  });

  it('keeps what it cannot parse as its own network', () => {
    expect(networkOf('unknown')).toBe('unknown');
    expect(networkOf('1::2::3')).toBe('1::2::3');
  });

  it('counts only the networks of sessions that have not expired, from the keyed networks the account keeps (2.4, 2.8)', () => {
    const now = new Date('2026-11-25T10:00:00.000Z');
    const session = (ip: string, createdAt: string): LiveSession => ({
      tokenHash: ip,
      createdAt,
      method: 'password',
      network: sessionNetworkKey(fixedKeyVault(), ip),
    });
    const account = {
      sessions: {
        a: session('10.1.0.5', '2026-11-25T09:00:00.000Z'),
        b: session('10.1.0.6', '2026-11-25T09:30:00.000Z'),
        c: session('10.2.0.5', '2026-11-25T09:45:00.000Z'),
        old: session('10.3.0.5', '2026-11-24T09:00:00.000Z'),
      },
    } as unknown as Account;
    expect(sessionNetworkCount(account, now)).toBe(2);
  });
});

describe('Function: countPage (daily report)', () => {
  it("adds a page's registrations, logins by method, blocks, closures (2.4), consents by version and access reports", () => {
    const entry = (action: AuditEntry['action'], detail?: string) => ({ action, detail }) as AuditEntry;
    const page = {
      audit: [
        entry('registration'),
        entry('login', 'password'),
        entry('login', 'id-card'),
        entry('account_blocked'),
        entry('account_closed'),
        entry('access_reported'),
        entry('access_reported'),
        entry('logout'),
      ],
      consents: [
        { agreementVersion: '1', acceptedAt: '' },
        { agreementVersion: '2', acceptedAt: '' },
      ],
    };
    const twice = countPage(
      countPage(
        {
          registrations: 0,
          consentsByVersion: {},
          loginsByMethod: {},
          accessReports: 0,
          blocks: 0,
          closures: 0,
        },
        page,
      ),
      page,
    );
    expect(flatCounts(twice)).toEqual({
      registrations: 2,
      consents_v1: 2,
      consents_v2: 2,
      logins_password: 2,
      'logins_id-card': 2,
      accessReports: 4,
      blocks: 2,
      closures: 2,
    });
  });
});

describe('Function: pageThrough', () => {
  const pages = (count: number) => async (cursor: string | undefined) => {
    const next = Number(cursor ?? 0) + 1;
    return next < count ? String(next) : undefined;
  };

  it('stops at the last page', async () => {
    expect(
      await pageThrough({ pageSize: 10, maxPages: 50, timeIsUp: () => false }, undefined, pages(3)),
    ).toEqual({
      pages: 3,
      cursor: undefined,
    });
  });

  it('stops after maxPages with the cursor to resume from', async () => {
    expect(
      await pageThrough({ pageSize: 10, maxPages: 2, timeIsUp: () => false }, undefined, pages(5)),
    ).toEqual({
      pages: 2,
      cursor: '2',
    });
  });

  it('does one page at least, and no more once time is up', async () => {
    expect(await pageThrough({ pageSize: 10, maxPages: 50, timeIsUp: () => true }, '3', pages(9))).toEqual({
      pages: 1,
      cursor: '4',
    });
  });
});
