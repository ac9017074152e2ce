import type { MonthKeyStore } from '../../../functions/adapters/keys/network-data-sealer';
import type { SealingMonth } from '../../../functions/domain/network-data';

/** The month keys in memory, created once per month as the DynamoDB store's condition does (2.4). */
export class InMemoryMonthKeys implements MonthKeyStore {
  readonly wrapped = new Map<SealingMonth, string>();

  async find(month: SealingMonth): Promise<string | undefined> {
    return this.wrapped.get(month);
  }

  async create(month: SealingMonth, wrapped: string): Promise<string> {
    if (!this.wrapped.has(month)) this.wrapped.set(month, wrapped);
    return this.wrapped.get(month)!;
  }

  async deleteBefore(month: SealingMonth): Promise<SealingMonth[]> {
    const destroyed = [...this.wrapped.keys()].filter((held) => held < month).sort();
    for (const held of destroyed) this.wrapped.delete(held);
    return destroyed;
  }
}
