/**
 * Source addresses as the portal counts them (2.8). An IPv6 host is given a whole /64 or more and can use a fresh
 * address for every request, so an address alone counts no one.
 */

import type { PersonalDataVault } from './ports';

const expandIpv6 = (ip: string): string[] | undefined => {
  const [head = '', tail, ...rest] = ip.toLowerCase().split('::');
  if (rest.length > 0) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.every((group) => /^[0-9a-f]{1,4}$/.test(group)) ? groups : undefined;
};

const ipv4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i;

/** The four octets of an IPv4 address, also written IPv4-mapped (`::ffff:192.0.2.1`, `::ffff:c000:201`). */
const ipv4Octets = (ip: string): string[] | undefined => {
  const dotted = ipv4.exec(ip);
  if (dotted) return dotted.slice(1);
  const groups = expandIpv6(ip);
  if (!groups || !groups.slice(0, 5).every((g) => Number.parseInt(g, 16) === 0)) return undefined;
  if (Number.parseInt(groups[5]!, 16) !== 0xffff) return undefined;
  const [high, low] = [Number.parseInt(groups[6]!, 16), Number.parseInt(groups[7]!, 16)];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].map(String);
};

/** The first `count` 16-bit groups as a prefix, written short: `2001:db8:1::/48`. */
const ipv6Prefix = (groups: readonly string[], count: number): string =>
  `${groups
    .slice(0, count)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/${count * 16}`;

/**
 * The network an address belongs to: its IPv4 /24 or IPv6 /48, the size a provider gives one site. Two sessions
 * from one office or one mobile carrier's pool count as one network; anything unparseable counts by itself.
 */
export const networkOf = (ip: string): string => {
  const v4 = ipv4Octets(ip);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.0/24`;
  const groups = expandIpv6(ip);
  return groups ? ipv6Prefix(groups, 3) : ip;
};

/**
 * 2.8, 2.4: a session's network as the account item keeps it: a keyed hash of {@link networkOf}, so that the
 * networks of an account's sessions can be counted while no IP address stays in the item.
 */
export const sessionNetworkKey = (vault: Pick<PersonalDataVault, 'lookupKey'>, ip: string): string =>
  vault.lookupKey('session_network', networkOf(ip));

/**
 * Who a request's limits count: an IPv4 address (an IPv4-mapped IPv6 one as IPv4), or the IPv6 /64 an address
 * belongs to, the least a provider gives one subscriber; anything unparseable counts by itself.
 */
export const requesterOf = (ip: string): string => {
  const v4 = ipv4Octets(ip);
  if (v4) return v4.join('.');
  const groups = expandIpv6(ip);
  return groups ? ipv6Prefix(groups, 4) : ip;
};

/**
 * The IPv6 site an address belongs to: its /48, what a provider routes to one customer, which holds 65,536 /64s
 * (65,536 requesters). Limits per requester count it as well, more loosely, so that a routed /48 is not 65,536
 * fresh allowances. Undefined for IPv4 (an IPv4-mapped IPv6 address included), whose requester is one address, and
 * for anything unparseable.
 */
export const ipv6SiteOf = (ip: string): string | undefined => {
  if (ipv4Octets(ip)) return undefined;
  const groups = expandIpv6(ip);
  return groups ? ipv6Prefix(groups, 3) : undefined;
};
