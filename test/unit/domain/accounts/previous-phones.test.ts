import type { PersonalData } from '../../../../functions/domain/accounts/account';
import {
  loginPhoneSince,
  movePhone,
  phoneReservationDays,
  reservedPhones,
  restorePhone,
} from '../../../../functions/domain/accounts/previous-phones';
import type { E164Phone, PassportNumber, Pin } from '../../../../functions/domain/identity';
import { fixedKeyVault } from '../../../support/fakes/vault';

/** 2.7: the phones a login left, their reservations, and how a report takes one back. */
describe('Previous phones (2.7)', () => {
  const vault = fixedKeyVault();
  const owner = '+996700100001' as E164Phone;
  const intruder = '+996700100002' as E164Phone;
  const another = '+996700100003' as E164Phone;
  const data: PersonalData = {
    phone: owner,
    passportNumber: 'ID1234567' as PassportNumber,
    pin: '21505199000011' as Pin,
  };
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 9, minutes));
  const claim = (phone: string) => vault.lookupKey('phone', phone);

  it('reserves the phone a password session moves the login away from, for 30 days', () => {
    const move = movePhone(vault, 'a1', data, intruder, at(0), 'password');
    expect(move.data.phone).toBe(intruder);
    expect(move.commit.claimsToAdd).toEqual({ phone: claim(intruder) });
    expect(move.commit.claimsToRemove).toEqual({ phone: claim(owner) });
    expect(move.commit.reservationsToAdd).toEqual([
      {
        claim: claim(owner),
        accountId: 'a1',
        reservedAt: at(0).toISOString(),
        until: new Date(at(0).getTime() + phoneReservationDays * 86_400_000).toISOString(),
      },
    ]);
    expect(reservedPhones(move.data, at(1)).map((p) => p.phone)).toEqual([owner]);
    expect(reservedPhones(move.data, new Date(at(0).getTime() + phoneReservationDays * 86_400_000))).toEqual(
      [],
    );
  });

  it('reserves nothing after a change in an ID-card session, and ends the reservations before it', () => {
    const stolen = movePhone(vault, 'a1', data, intruder, at(0), 'password');
    const back = movePhone(vault, 'a1', stolen.data, owner, at(5), 'id-card');
    expect(back.data.phone).toBe(owner);
    expect(back.data.previousPhones).toEqual([]);
    expect(back.commit.reservationsToAdd).toEqual([]);
    // The intruder's phone is not reserved: nobody reports from it to take the login back.
    expect(back.commit.reservationsToRemove).toEqual([claim(owner)]);
  });

  it('takes the login back to a reserved phone and releases every phone the login went to since', () => {
    const first = movePhone(vault, 'a1', data, intruder, at(0), 'password');
    const second = movePhone(vault, 'a1', first.data, another, at(10), 'password');
    const restored = restorePhone(vault, 'a1', second.data, reservedPhones(second.data, at(20))[0]!)!;
    expect(restored.data.phone).toBe(owner);
    expect(restored.data.previousPhones).toEqual([]);
    expect(restored.commit.claimsToAdd).toEqual({ phone: claim(owner) });
    expect(restored.commit.claimsToRemove).toEqual({ phone: claim(another) });
    expect(restored.commit.reservationsToRemove).toEqual([claim(owner), claim(intruder)]);
  });

  it('finds the login at the suspected start: the phone the first change since then left', () => {
    const first = movePhone(vault, 'a1', data, intruder, at(10), 'password');
    const second = movePhone(vault, 'a1', first.data, another, at(20), 'password');
    expect(loginPhoneSince(second.data, at(5).toISOString(), at(30))?.phone).toBe(owner);
    expect(loginPhoneSince(second.data, at(15).toISOString(), at(30))?.phone).toBe(intruder);
    expect(loginPhoneSince(second.data, at(25).toISOString(), at(30))).toBeUndefined();
  });

  it('has nothing to undo when the phone to take back is already the login', () => {
    expect(restorePhone(vault, 'a1', data, { phone: owner, movedAt: at(0).toISOString() })).toBeUndefined();
  });
});
