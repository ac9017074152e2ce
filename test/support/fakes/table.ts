import type { DomainError } from '../../../functions/domain/errors';

/** An item's key in the portal table (functions/adapters/dynamodb/keys.ts). */
export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

export type Item = Readonly<Record<string, unknown>>;

/** DynamoDB's answer to a failed condition that means nothing to the domain: the adapters let it through as is. */
export class ConditionFailed extends Error {
  constructor(
    readonly pk: string,
    name: 'TransactionCanceledException' | 'ConditionalCheckFailedException',
  ) {
    super(`The conditional request failed on ${pk}`);
    this.name = name;
  }
}

/** DynamoDB refuses to run a request at all (two operations on one item, too many items, duplicate keys). */
export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValidationException';
  }
}

/** One write of a transaction: its condition on the item as it stands, and the domain error a failure means. */
export interface Write {
  readonly key: ItemKey;
  readonly condition?: (current: Item | undefined) => boolean;
  /** The new item, or undefined to delete it. */
  readonly next: (current: Item | undefined) => Item | undefined;
  readonly onConditionFailed?: () => DomainError;
}

/** TransactWriteItems takes at most 100 items. */
const maxTransactionItems = 100;

const id = (key: ItemKey): string => `${key.pk}\u0000${key.sk}`;

/**
 * A copy as DynamoDB would give it back: attributes that are undefined are gone (removeUndefinedValues), and
 * nothing the caller keeps can change the stored item, nor the other way round.
 */
const stored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Sort keys compare as DynamoDB compares strings: by their UTF-8 bytes. */
const bySortKey = (a: Item, b: Item): number =>
  Buffer.compare(Buffer.from(String(a.sk), 'utf8'), Buffer.from(String(b.sk), 'utf8'));

/**
 * The portal's single table in memory. Writes go through {@link transact}: every condition is checked against the
 * items as they stand before anything is written, so a transaction is written whole or not at all; the first
 * failed condition (in item order, as the adapter reads CancellationReasons) decides the error. Expired items stay
 * until deleted, as DynamoDB's TTL may leave them for days: the domain must check expiry itself.
 */
export class InMemoryTable {
  private readonly items = new Map<string, Item>();

  get(key: ItemKey): Item | undefined {
    const item = this.items.get(id(key));
    return item && stored(item);
  }

  /** The items of one partition in sort-key order (a Query with ScanIndexForward as given). */
  query(pk: string, order: 'ascending' | 'descending' = 'ascending'): Item[] {
    const found = [...this.items.values()].filter((item) => item.pk === pk).sort(bySortKey);
    return stored(order === 'ascending' ? found : found.reverse());
  }

  /** Every item: what an operator with table access would see (2.4: nothing personal or secret in clear). */
  scan(): Item[] {
    return stored([...this.items.values()]);
  }

  /**
   * TransactWriteItems: refused whole when one condition fails.
   *
   * @throws the failed write's domain error, or ConditionFailed when it has none
   * @throws InvalidRequest for two writes to one item or more than 100 writes, as DynamoDB refuses them
   */
  transact(writes: readonly Write[]): void {
    if (writes.length > maxTransactionItems)
      throw new InvalidRequest(`A transaction holds at most ${maxTransactionItems} items`);
    const ids = writes.map((write) => id(write.key));
    if (new Set(ids).size !== ids.length)
      throw new InvalidRequest('Transaction request cannot include multiple operations on one item');
    this.check(writes, 'TransactionCanceledException');
    this.apply(writes);
  }

  /** PutItem, UpdateItem or DeleteItem on one item. */
  write(write: Write): void {
    this.check([write], 'ConditionalCheckFailedException');
    this.apply([write]);
  }

  private check(writes: readonly Write[], failure: ConstructorParameters<typeof ConditionFailed>[1]): void {
    const failed = writes.find((write) => write.condition && !write.condition(this.get(write.key)));
    if (failed) throw failed.onConditionFailed?.() ?? new ConditionFailed(failed.key.pk, failure);
  }

  private apply(writes: readonly Write[]): void {
    for (const write of writes) {
      const next = write.next(this.get(write.key));
      if (next === undefined) this.items.delete(id(write.key));
      else this.items.set(id(write.key), stored({ ...next, ...write.key }));
    }
  }
}

/** A new item, written only where none is: what every `attribute_not_exists(pk)` Put means. */
export const putNew = (key: ItemKey, item: Item, onConditionFailed?: () => DomainError): Write => ({
  key,
  condition: (current) => current === undefined,
  next: () => item,
  onConditionFailed,
});

export const deleteItem = (
  key: ItemKey,
  condition?: Write['condition'],
  onConditionFailed?: () => DomainError,
): Write => ({ key, condition, next: () => undefined, onConditionFailed });
