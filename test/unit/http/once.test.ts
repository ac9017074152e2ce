import { onceUntilFailure } from '../../../functions/commons/once';

describe('onceUntilFailure', () => {
  it('loads once and shares the result with every caller', async () => {
    let loads = 0;
    const get = onceUntilFailure(async () => ++loads);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(loads).toBe(1);
  });

  it('forgets a failed load, so the next call tries again', async () => {
    let loads = 0;
    const get = onceUntilFailure(async () => {
      loads += 1;
      if (loads === 1) throw new Error('store down');
      return 'ready';
    });
    await expect(get()).rejects.toThrow('store down');
    expect(await get()).toBe('ready');
    expect(await get()).toBe('ready');
    expect(loads).toBe(2);
  });
});
