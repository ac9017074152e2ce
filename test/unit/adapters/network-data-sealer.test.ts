import fc from 'fast-check';
import { SealedDataUnreadable } from '../../../functions/adapters/keys/crypto-vault';
import { MonthKeySealer } from '../../../functions/adapters/keys/network-data-sealer';
import { shreddedNetworkData } from '../../../functions/domain/network-data';
import { fixedKeyVault, InMemoryMonthKeys } from '../../support/fakes';

const origin = { ip: '203.0.113.77', userAgent: 'Mozilla/5.0 (X11; Linux) Firefox/140.0' };
const anyText = fc.string({ unit: 'binary', maxLength: 300 });
const anyInstant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2039-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

const newSealer = (keys = new InMemoryMonthKeys()) => ({
  keys,
  sealer: new MonthKeySealer(keys, fixedKeyVault()),
});

describe('Class: MonthKeySealer (2.4: network data under a key per month)', () => {
  it('opens what it sealed, whatever the IP, user agent and month (property)', async () => {
    const { sealer } = newSealer();
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyInstant, async (ip, userAgent, at) => {
        const sealed = await sealer.seal({ ip, userAgent }, at);
        expect(await sealer.open([sealed])).toEqual([{ ip, userAgent }]);
      }),
    );
  });

  it('keeps neither value readable in what it stores: n1.<month>.<iv>.<ciphertext>, and no key in clear', async () => {
    const { keys, sealer } = newSealer();
    const sealed = await sealer.seal(origin, '2026-12-04T10:00:00.000Z');
    expect(sealed).toMatch(/^n1\.2026-12\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('203.0.113');
    expect(sealed).not.toContain('Firefox');
    expect([...keys.wrapped.keys()]).toEqual(['2026-12']);
    expect(keys.wrapped.get('2026-12')).toMatch(/^v1\./);
  });

  it('makes one key per month, shared by every process that seals in it', async () => {
    const keys = new InMemoryMonthKeys();
    const [first, second] = [newSealer(keys).sealer, newSealer(keys).sealer];
    const sealed = await Promise.all([
      first.seal(origin, '2026-11-30T23:59:59.999Z'),
      second.seal(origin, '2026-12-01T00:00:00.000Z'),
      second.seal(origin, '2026-12-31T10:00:00.000Z'),
    ]);
    expect([...keys.wrapped.keys()].sort()).toEqual(['2026-11', '2026-12']);
    expect(await first.open(sealed)).toEqual([origin, origin, origin]);
  });

  it('shows “—” for the months whose key was destroyed and the clear values of later months', async () => {
    const { sealer } = newSealer();
    const october = await sealer.seal(origin, '2025-10-15T08:00:00.000Z');
    const november = await sealer.seal({ ip: '198.51.100.1', userAgent: 'curl' }, '2025-11-01T00:00:00.000Z');

    expect(await sealer.destroyKeysBefore('2025-11')).toEqual(['2025-10']);

    expect(await sealer.open([october, november])).toEqual([
      { ip: shreddedNetworkData, userAgent: shreddedNetworkData },
      { ip: '198.51.100.1', userAgent: 'curl' },
    ]);
    expect(await sealer.destroyKeysBefore('2025-11')).toEqual([]);
  });

  it('refuses a sealed value moved to another month, or altered', async () => {
    const { sealer } = newSealer();
    await sealer.seal(origin, '2026-11-15T00:00:00.000Z');
    const sealed = await sealer.seal(origin, '2026-12-15T00:00:00.000Z');
    await expect(sealer.open([sealed.replace('2026-12', '2026-11')])).rejects.toThrow(SealedDataUnreadable);
    const at = sealed.length - 10;
    const altered = `${sealed.slice(0, at)}${sealed[at] === 'A' ? 'B' : 'A'}${sealed.slice(at + 1)}`;
    await expect(sealer.open([altered])).rejects.toThrow(SealedDataUnreadable);
    await expect(sealer.open(['v1.x.y'])).rejects.toThrow(SealedDataUnreadable);
  });
});
