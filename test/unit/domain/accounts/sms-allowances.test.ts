import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { CryptoVault } from '../../../../functions/adapters/keys/crypto-vault';
import {
  consumeRequestAllowances,
  phoneNetworkKey,
  requestingNetworks,
  withinDailyCeiling,
} from '../../../../functions/domain/accounts/sms';
import { TooManyRequests } from '../../../../functions/domain/errors';
import { limits } from '../../../../functions/domain/limits';
import { ipv6SiteOf, requesterOf } from '../../../../functions/domain/network';
import type { RateLimit, RateLimiter } from '../../../../functions/domain/ports';
import { InMemoryRateLimiter } from '../../../support/fakes/rate-limiter';

const vault = new CryptoVault({ lookupKey: randomBytes(32), dataKey: randomBytes(32) });
const phone = '+996700123456';
const key = (ip: string) => phoneNetworkKey(vault, phone, requestingNetworks(ip).requester);
const siteKey = (ip: string) => phoneNetworkKey(vault, phone, requestingNetworks(ip).site!);

describe('Function: requestingNetworks, the networks an SMS request counts against (2.7, 2.8)', () => {
  it('counts an IPv4 address by itself, with no site, also when written IPv4-mapped (dotted or hex)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const mapped = `::ffff:${ip}`;
        const [a, b, c, d] = ip.split('.').map(Number) as [number, number, number, number];
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        return [mapped, hex].every(
          (spelling) =>
            JSON.stringify(requestingNetworks(spelling)) === JSON.stringify({ requester: ip }) &&
            requesterOf(spelling) === ip &&
            ipv6SiteOf(spelling) === undefined,
        );
      }),
    );
  });

  it('counts an IPv6 address by its /64, inside its /48 site, however it is written', () => {
    expect(requestingNetworks('2001:db8:1:2::1')).toEqual({
      requester: '2001:db8:1:2::/64',
      site: '2001:db8:1::/48',
    });
    expect(requestingNetworks('2001:0DB8:0001:0002:aaaa:bbbb:cccc:dddd')).toEqual(
      requestingNetworks('2001:db8:1:2::ffff'),
    );
    expect(requestingNetworks('2001:db8::1')).toEqual({
      requester: '2001:db8:0:0::/64',
      site: '2001:db8:0::/48',
    });
  });

  it('keeps what it cannot parse as its own requester, with no site', () => {
    expect(requestingNetworks('unknown')).toEqual({ requester: 'unknown' });
    expect(requestingNetworks('1:2:3')).toEqual({ requester: '1:2:3' });
  });
});

describe('Function: phoneNetworkKey, the rate key of a (phone, network) pair (2.4, 2.7)', () => {
  it('is one key for every address of one IPv4 address or IPv6 /64, and another for another network', () => {
    expect(key('198.51.100.7')).toBe(key('::ffff:198.51.100.7'));
    expect(key('198.51.100.7')).toBe(key('::ffff:c633:6407'));
    expect(key('198.51.100.7')).not.toBe(key('198.51.100.8'));
    expect(key('2001:db8:1:2::1')).toBe(key('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(key('2001:db8:1:2::1')).not.toBe(key('2001:db8:1:3::1'));
  });

  it('puts every /64 of one /48 under one site key, and another /48 under another', () => {
    expect(siteKey('2001:db8:1:2::1')).toBe(siteKey('2001:db8:1:ffff::1'));
    expect(siteKey('2001:db8:1:2::1')).not.toBe(siteKey('2001:db8:2:2::1'));
    expect(siteKey('2001:db8:1:2::1')).not.toBe(key('2001:db8:1:2::1'));
  });

  it('is another key for another phone from the same network, and reveals neither (an HMAC)', () => {
    const other = phoneNetworkKey(vault, '+996700123457', '198.51.100.7');
    expect(other).not.toBe(key('198.51.100.7'));
    expect(key('198.51.100.7')).toMatch(/^[0-9a-f]{64}$/);
    expect(key('198.51.100.7')).not.toContain('996700123456');
  });

  it('encodes the pair without ambiguity: no two (phone, network) pairs share a key', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (p1, n1, p2, n2) => {
        fc.pre(p1 !== p2 || n1 !== n2);
        return phoneNetworkKey(vault, p1, n1) !== phoneNetworkKey(vault, p2, n2);
      }),
    );
  });
});

/** Records every counter a call consumes (limit name, key), on top of the in-memory fixed windows. */
class RecordingLimiter implements RateLimiter {
  readonly consumed: [string, string][] = [];
  readonly inner = new InMemoryRateLimiter();
  async consume(limit: RateLimit, key: string, now: Date): Promise<void> {
    this.consumed.push([limit.name, key]);
    await this.inner.consume(limit, key, now);
  }
}

describe('Function: consumeRequestAllowances (2.7, 2.8)', () => {
  const now = new Date('2026-11-25T10:00:00Z');
  const depsWith = (limiter: RateLimiter) => ({ limits: limiter, vault, clock: { now: () => now } });

  it('counts the sender (IPv4 address, overall), then the phone from that address (purpose, day)', async () => {
    const limiter = new RecordingLimiter();
    await consumeRequestAllowances(depsWith(limiter), {
      phone,
      ip: '198.51.100.7',
      purpose: 'access_report',
    });
    expect(limiter.consumed).toEqual([
      [limits.smsPerSourceIp.name, vault.lookupKey('rate_ip', '198.51.100.7')],
      [limits.smsOverall.name, 'all'],
      [limits.accessReportCodesPerPhoneNetwork.name, key('198.51.100.7')],
      [limits.smsPerPhoneNetwork.name, key('198.51.100.7')],
    ]);
  });

  it('counts an IPv6 request also against its /48, for the sender and for the phone', async () => {
    const limiter = new RecordingLimiter();
    const ip = '2001:db8:1:2::1';
    await consumeRequestAllowances(depsWith(limiter), { phone, ip, purpose: 'password_reset' });
    expect(limiter.consumed).toEqual([
      [limits.smsPerSourceIp.name, vault.lookupKey('rate_ip', '2001:db8:1:2::/64')],
      [limits.smsPerSourceSite.name, vault.lookupKey('rate_ip', '2001:db8:1::/48')],
      [limits.smsOverall.name, 'all'],
      [limits.passwordResetsPerPhoneNetwork.name, key(ip)],
      [limits.smsPerPhoneNetwork.name, key(ip)],
      [limits.smsPerPhoneSite.name, siteKey(ip)],
    ]);
  });

  it('gives each purpose its own allowance per (phone, network): 3, then 429', async () => {
    const deps = depsWith(new InMemoryRateLimiter());
    const ask = (purpose: 'password_reset' | 'access_report' | 'phone_change') =>
      consumeRequestAllowances(deps, { phone, ip: '198.51.100.7', purpose });
    for (let i = 0; i < limits.passwordResetsPerPhoneNetwork.max; i += 1) await ask('password_reset');
    await expect(ask('password_reset')).rejects.toBeInstanceOf(TooManyRequests);
    await expect(ask('access_report')).resolves.toBeUndefined();
  });

  it('stops the /64s of one IPv6 site at the site allowance, however many /64s it walks through', async () => {
    const deps = depsWith(new InMemoryRateLimiter());
    const ask = (i: number) =>
      consumeRequestAllowances(deps, {
        phone,
        ip: `2001:db8:1:${i.toString(16)}::1`,
        purpose: 'access_report',
      });
    for (let i = 0; i < limits.smsPerPhoneSite.max; i += 1) await ask(i);
    await expect(ask(limits.smsPerPhoneSite.max)).rejects.toBeInstanceOf(TooManyRequests);
    await expect(
      consumeRequestAllowances(deps, { phone, ip: '2001:db8:2::1', purpose: 'access_report' }),
    ).resolves.toBeUndefined();
  });
});

describe('Function: withinDailyCeiling (2.7, 2.8)', () => {
  it('allows the ceiling, then says false instead of refusing; another phone is not affected', async () => {
    let now = new Date('2026-11-25T00:00:00Z');
    const deps = { limits: new InMemoryRateLimiter(), vault, clock: { now: () => now } };
    for (let i = 0; i < limits.smsPerPhoneDaily.max; i += 1)
      expect(await withinDailyCeiling(deps, phone)).toBe(true);
    expect(await withinDailyCeiling(deps, phone)).toBe(false);
    expect(await withinDailyCeiling(deps, '+996700123457')).toBe(true);
    now = new Date('2026-11-26T00:00:00Z');
    expect(await withinDailyCeiling(deps, phone)).toBe(true);
  });

  it('lets a store fault through (503), only the ceiling turns into false', async () => {
    const failing: RateLimiter = { consume: () => Promise.reject(new Error('store down')) };
    await expect(
      withinDailyCeiling({ limits: failing, vault, clock: { now: () => new Date() } }, phone),
    ).rejects.toThrow('store down');
  });
});

describe('The numbers (limits.ts)', () => {
  it('keep the daily ceiling well above what one network, or one IPv6 site, can ask of a phone in a day', () => {
    expect(limits.smsPerPhoneDaily.windowSeconds).toBe(limits.smsPerPhoneNetwork.windowSeconds);
    expect(limits.smsPerPhoneDaily.max).toBeGreaterThanOrEqual(3 * limits.smsPerPhoneNetwork.max);
    expect(limits.smsPerPhoneDaily.max).toBeGreaterThanOrEqual(2 * limits.smsPerPhoneSite.max);
    expect(limits.smsPerPhoneSite.max).toBeGreaterThan(limits.smsPerPhoneNetwork.max);
    expect(limits.smsPerSourceSite.max).toBeGreaterThan(limits.smsPerSourceIp.max);
  });
});
