import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { RequestOrigin } from '../../domain/audit';
import {
  sealingMonthOf,
  shreddedNetworkData,
  type NetworkDataSealer,
  type SealingMonth,
} from '../../domain/network-data';
import type { PersonalDataVault } from '../../domain/ports';
import { SealedDataUnreadable } from './crypto-vault';
import { keyLength } from './key-ring';

/** Where the month keys live, each wrapped (sealed by the personal-data vault) so the store never holds one in clear. */
export interface MonthKeyStore {
  /** The wrapped key of `month`: none before its first use, nor once destroyed. */
  find(month: SealingMonth): Promise<string | undefined>;
  /** Stores `wrapped` as the key of `month` unless one is there already; answers the one that holds. */
  create(month: SealingMonth, wrapped: string): Promise<string>;
  /** Deletes the keys of the months before `month`; answers those months, oldest first. */
  deleteBefore(month: SealingMonth): Promise<SealingMonth[]>;
}

const version = 'n1';
const algorithm = 'aes-256-gcm';
const ivLength = 12;
const tagLength = 16;
const monthPattern = /^\d{4}-\d{2}$/;

/** The month key's wrapping and the sealed values are bound to their month: nothing moves to another month. */
const wrapContext = (month: SealingMonth): string => `network-data-key/${month}`;
const sealContext = (month: SealingMonth): Buffer => Buffer.from(`network-data/${month}`, 'utf8');

const shredded: RequestOrigin = { ip: shreddedNetworkData, userAgent: shreddedNetworkData };

/**
 * 2.4: IP addresses and user agents sealed with AES-256-GCM under a random key per calendar month (UTC), as
 * `n1.<month>.<iv>.<ciphertext and tag>`. The month keys are stored wrapped by the personal-data vault (its key
 * comes from Secrets Manager in AWS, `keys.json` locally); destroying a month's key (the purge, past retention)
 * makes every value of that month unreadable at once, while the entries that hold them stay as written.
 * Only the key of the month being sealed is kept in memory: opening always asks the store, so a destroyed key
 * is gone for every process at once.
 *
 * @example
 * const sealer = new MonthKeySealer(new DynamoDbMonthKeys(client, tableName), vault);
 * const sealed = await sealer.seal({ ip: '203.0.113.7', userAgent: 'Firefox' }, new Date().toISOString());
 * await sealer.open([sealed]); // [{ ip: '203.0.113.7', userAgent: 'Firefox' }]
 */
export class MonthKeySealer implements NetworkDataSealer {
  private sealing?: { readonly month: SealingMonth; readonly key: Buffer };

  constructor(
    private readonly keys: MonthKeyStore,
    private readonly vault: PersonalDataVault,
  ) {}

  private unwrap(month: SealingMonth, wrapped: string): Buffer {
    return Buffer.from(this.vault.open(wrapped, wrapContext(month)), 'base64url');
  }

  private async keyToSeal(month: SealingMonth): Promise<Buffer> {
    if (this.sealing?.month === month) return this.sealing.key;
    const made = () => this.vault.seal(randomBytes(keyLength).toString('base64url'), wrapContext(month));
    const wrapped = (await this.keys.find(month)) ?? (await this.keys.create(month, made()));
    this.sealing = { month, key: this.unwrap(month, wrapped) };
    return this.sealing.key;
  }

  async seal(origin: RequestOrigin, at: string): Promise<string> {
    const month = sealingMonthOf(at);
    const key = await this.keyToSeal(month);
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv(algorithm, key, iv, { authTagLength: tagLength });
    cipher.setAAD(sealContext(month));
    const plaintext = JSON.stringify([origin.ip, origin.userAgent]);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return [version, month, iv.toString('base64url'), body.toString('base64url')].join('.');
  }

  /** One read of the store per month among `sealed`. */
  async open(sealed: readonly string[]): Promise<RequestOrigin[]> {
    const parsed = sealed.map(parse);
    const months = [...new Set(parsed.map((value) => value.month))];
    const wrapped = await Promise.all(months.map((month) => this.keys.find(month)));
    const keys = new Map(
      months.map((month, index) => {
        const found = wrapped[index];
        return [month, found === undefined ? undefined : this.unwrap(month, found)];
      }),
    );
    return parsed.map((value) => {
      const key = keys.get(value.month);
      return key === undefined ? shredded : decrypt(key, value);
    });
  }

  destroyKeysBefore(month: SealingMonth): Promise<SealingMonth[]> {
    return this.keys.deleteBefore(month);
  }
}

interface Parsed {
  readonly month: SealingMonth;
  readonly iv: Buffer;
  readonly body: Buffer;
}

const parse = (sealed: string): Parsed => {
  const [tag, month, iv, body, ...rest] = sealed.split('.');
  if (tag !== version || month === undefined || !monthPattern.test(month) || rest.length > 0)
    throw new SealedDataUnreadable();
  const bytes = { iv: Buffer.from(iv ?? '', 'base64url'), body: Buffer.from(body ?? '', 'base64url') };
  if (bytes.iv.length !== ivLength || bytes.body.length < tagLength) throw new SealedDataUnreadable();
  return { month, ...bytes };
};

const decrypt = (key: Buffer, { month, iv, body }: Parsed): RequestOrigin => {
  try {
    const decipher = createDecipheriv(algorithm, key, iv, { authTagLength: tagLength });
    decipher.setAAD(sealContext(month));
    decipher.setAuthTag(body.subarray(body.length - tagLength));
    const plaintext = Buffer.concat([
      decipher.update(body.subarray(0, body.length - tagLength)),
      decipher.final(),
    ]);
    const [ip, userAgent] = JSON.parse(plaintext.toString('utf8')) as [string, string];
    return { ip, userAgent };
  } catch (error) {
    throw new SealedDataUnreadable(error);
  }
};
