import { kdfSlots, kdfWaitChannel } from '../../../functions/adapters/passwords';
import { PasswordHashingBusy } from '../../../functions/domain/errors';

/** A run that ends when the test says so. */
const heldRun = () => {
  let release!: () => void;
  const ended = new Promise<void>((resolve) => (release = resolve));
  return { release, work: () => ended };
};
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Function: kdfSlots', () => {
  it('runs at most its slots at once, and hands a freed slot to the first in line', async () => {
    const inSlot = kdfSlots(2);
    const runs = [heldRun(), heldRun(), heldRun(), heldRun()];
    const started: number[] = [];
    const done = runs.map((run, i) =>
      inSlot(() => {
        started.push(i);
        return run.work();
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);

    runs[1]!.release();
    await settle();
    expect(started).toEqual([0, 1, 2]);

    runs[0]!.release();
    runs[2]!.release();
    runs[3]!.release();
    await Promise.all(done);
    expect(started).toEqual([0, 1, 2, 3]);
  });

  it('frees the slot of a run that fails', async () => {
    const inSlot = kdfSlots(1);
    await expect(inSlot(() => Promise.reject(new Error('scrypt failed')))).rejects.toThrow('scrypt failed');
    await expect(inSlot(async () => 'next')).resolves.toBe('next');
  });

  it('drops a run that waited for its slot as long as anyone waits for the answer, and hands the slot on', async () => {
    const inSlot = kdfSlots(1, 0);
    const first = heldRun();
    const running = inSlot(first.work);
    const late = inSlot(async () => 'hashed');
    first.release();
    await running;
    await expect(late).rejects.toThrow(PasswordHashingBusy);
    await expect(inSlot(async () => 'next')).resolves.toBe('next');
  });

  it('tells subscribers how long each run waited for its slot', async () => {
    const waits: unknown[] = [];
    const listener = (waited: unknown) => waits.push(waited);
    kdfWaitChannel.subscribe(listener);
    try {
      const inSlot = kdfSlots(1);
      await Promise.all([inSlot(async () => 1), inSlot(async () => 2)]);
    } finally {
      kdfWaitChannel.unsubscribe(listener);
    }
    expect(waits).toHaveLength(2);
    for (const waited of waits) expect(waited).toBeGreaterThanOrEqual(0);
  });
});
