/**
 * Source addresses as the portal counts them (2.8). An IPv6 host is given a whole /64 or more and can use a fresh
 * address for every request, so an address alone counts no one.
 */

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
  const v4 = ipv4.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const groups = expandIpv6(ip);
  return groups ? ipv6Prefix(groups, 3) : ip;
};

/**
 * Who a request's limits count: an IPv4 address (an IPv4-mapped IPv6 one as IPv4), or the IPv6 /64 an address
 * belongs to, the least a provider gives one subscriber; anything unparseable counts by itself.
 */
export const requesterOf = (ip: string): string => {
  const v4 = ipv4.exec(ip);
  if (v4) return v4.slice(1).join('.');
  const groups = expandIpv6(ip);
  return groups ? ipv6Prefix(groups, 4) : ip;
};
