import type { Clock, IdGenerator } from '../../../functions/domain/ports';

/** Monday 2 March 2026, 10:00 in Bishkek: agreement version 1 is in force (it took effect on 1 January 2026). */
export const fakeClockStart = '2026-03-02T04:00:00.000Z';

/** A clock that stands still until the test moves it: the machine's time never reaches the rules. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: string = fakeClockStart) {
    this.current = Date.parse(start);
    if (Number.isNaN(this.current)) throw new RangeError(`Not an instant: ${start}`);
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(seconds: number): void {
    this.current += seconds * 1000;
  }

  /** The current instant as the store writes it. */
  iso(): string {
    return this.now().toISOString();
  }
}

/** Ids in the format of `randomIds` (version 4 UUIDs), counted up from 1: the same in every run. */
export class SequentialIds implements IdGenerator {
  private issued = 0;

  newId(): string {
    this.issued += 1;
    return `00000000-0000-4000-8000-${this.issued.toString(16).padStart(12, '0')}`;
  }
}
