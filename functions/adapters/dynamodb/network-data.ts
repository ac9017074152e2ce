import type { RequestOrigin } from '../../domain/audit';
import type { NetworkDataSealer } from '../../domain/network-data';

/** The attribute an item's IP address is named by: `sourceIp` in consents, `ip` in audit entries and reports. */
export type IpAttribute = 'ip' | 'sourceIp';

type WithOrigin = Partial<Record<IpAttribute, string>> & { userAgent?: string; sealedOrigin?: string };

/**
 * 2.4: how items hold where a request came from. Written, the IP address and user agent of an audit entry, a
 * consent or an access report become one `sealedOrigin` under the key of the record's month; read, they come
 * back as they were, or as "—" once the purge destroyed that month's key. The records stay as written.
 */
export class SealedOrigins {
  constructor(private readonly sealer: NetworkDataSealer) {}

  /** `record` as stored; a record without an IP (an operator's entry) is stored as it is. */
  async seal<T extends object>(record: T, at: string, ipAttribute: IpAttribute = 'ip'): Promise<T> {
    const { [ipAttribute]: ip, userAgent, ...rest } = record as WithOrigin;
    if (ip === undefined) return record;
    const sealedOrigin = await this.sealer.seal({ ip, userAgent: userAgent ?? '' }, at);
    return { ...rest, sealedOrigin } as T;
  }

  /** The records as read back, in one read of each month's key. */
  async open<T extends object>(records: readonly T[], ipAttribute: IpAttribute = 'ip'): Promise<T[]> {
    const sealed = records.map((record) => (record as WithOrigin).sealedOrigin).filter(isString);
    const origins = sealed.length > 0 ? await this.sealer.open(sealed) : [];
    let next = 0;
    return records.map((record) => {
      const { sealedOrigin, ...rest } = record as WithOrigin;
      if (sealedOrigin === undefined) return record;
      const origin: RequestOrigin = origins[next++]!;
      return { ...rest, [ipAttribute]: origin.ip, userAgent: origin.userAgent } as T;
    });
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
