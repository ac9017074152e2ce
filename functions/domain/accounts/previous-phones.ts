import type { E164Phone } from '../identity';
import type { PersonalDataVault } from '../ports';
import type { Account, PersonalData, SessionMethod } from './account';
import type { AccountDependencies } from './dependencies';
import { accountOfPhoneAndPin, openPersonalData, sealPersonalData } from './personal-data';
import type { AccountCommit } from './store';

/**
 * 2.7: after a phone change the previous phone stays reserved to the account, and may report unauthorized access,
 * for this long: an owner whose login was moved away by someone else takes it back with the phone they still hold.
 */
export const phoneReservationDays = 30;

/** A phone the login moved away from, and when (sealed with the rest of the personal data, 2.4). */
export interface PreviousPhone {
  readonly phone: E164Phone;
  readonly movedAt: string;
}

const reservationEnd = (movedAt: string): number =>
  Date.parse(movedAt) + phoneReservationDays * 24 * 60 * 60 * 1000;

/** The previous phones whose reservation still runs. */
export const reservedPhones = (data: PersonalData, now: Date): PreviousPhone[] =>
  (data.previousPhones ?? []).filter((previous) => reservationEnd(previous.movedAt) > now.getTime());

/** A new login phone: its data sealed, and the claims and reservations that change with it. */
export interface PhoneMove {
  readonly data: PersonalData;
  readonly sealedPersonalData: string;
  readonly phoneClaim: string;
  readonly commit: Pick<
    AccountCommit,
    'claimsToAdd' | 'claimsToRemove' | 'reservationsToAdd' | 'reservationsToRemove'
  >;
}

/** The login moves from `from` to `data.phone`: the phone claims follow, with the reservations that change. */
const phoneMove = (
  vault: PersonalDataVault,
  accountId: string,
  from: E164Phone,
  data: PersonalData,
  reservations: Pick<AccountCommit, 'reservationsToAdd' | 'reservationsToRemove'>,
): PhoneMove => {
  const phoneClaim = vault.lookupKey('phone', data.phone);
  return {
    data,
    sealedPersonalData: sealPersonalData(vault, accountId, data),
    phoneClaim,
    commit: {
      ...reservations,
      claimsToAdd: { phone: phoneClaim },
      claimsToRemove: { phone: vault.lookupKey('phone', from) },
    },
  };
};

/**
 * 2.2, 2.7: the login moves to `newPhone`. After a change in a password session the phone it leaves stays reserved
 * to the account, so that an owner whose password was stolen can take the login back from it. A change in an
 * ID-card session is the owner's by the strongest proof (often taking the login back from an intruder's phone):
 * it reserves nothing and ends the reservations before it, so that no phone an intruder once held keeps a way in.
 * A phone still reserved is never `newPhone` here: moving back to one is an undo (restorePhone).
 */
export const movePhone = (
  vault: PersonalDataVault,
  accountId: string,
  data: PersonalData,
  newPhone: E164Phone,
  now: Date,
  proof: SessionMethod,
): PhoneMove => {
  const reserved = reservedPhones(data, now);
  if (proof === 'id-card')
    return phoneMove(
      vault,
      accountId,
      data.phone,
      { ...data, phone: newPhone, previousPhones: [] },
      {
        reservationsToAdd: [],
        reservationsToRemove: reserved.map((previous) => vault.lookupKey('phone', previous.phone)),
      },
    );
  const movedAt = now.toISOString();
  return phoneMove(
    vault,
    accountId,
    data.phone,
    { ...data, phone: newPhone, previousPhones: [...reserved, { phone: data.phone, movedAt }] },
    {
      reservationsToAdd: [
        {
          claim: vault.lookupKey('phone', data.phone),
          accountId,
          reservedAt: movedAt,
          until: new Date(reservationEnd(movedAt)).toISOString(),
        },
      ],
      reservationsToRemove: [],
    },
  );
};

/**
 * 2.7: undoes the phone changes from the one that left `restored` on: `restored` is the login again, and the phones
 * the login went to since then are released (they were the intruder's). Undefined when there is nothing to undo.
 */
export const restorePhone = (
  vault: PersonalDataVault,
  accountId: string,
  data: PersonalData,
  restored: PreviousPhone,
): PhoneMove | undefined => {
  if (restored.phone === data.phone) return undefined;
  const previous = data.previousPhones ?? [];
  const undone = previous.filter((phone) => phone.movedAt >= restored.movedAt);
  return phoneMove(
    vault,
    accountId,
    data.phone,
    {
      ...data,
      phone: restored.phone,
      previousPhones: previous.filter((phone) => phone.movedAt < restored.movedAt),
    },
    { reservationsToRemove: undone.map((phone) => vault.lookupKey('phone', phone.phone)) },
  );
};

/** The previous phone that was the login at `since`: the one the first change made from then on moved away from. */
export const loginPhoneSince = (data: PersonalData, since: string, now: Date): PreviousPhone | undefined =>
  reservedPhones(data, now)
    .filter((previous) => previous.movedAt >= new Date(since).toISOString())
    .sort((a, b) => a.movedAt.localeCompare(b.movedAt))[0];

/** A reserved previous phone of the account by its number. */
export const reservedPhone = (data: PersonalData, phone: string, now: Date): PreviousPhone | undefined =>
  reservedPhones(data, now).find((previous) => previous.phone === phone);

/**
 * 2.7: the account a report may be asked for with `phone` and `pin`: the login phone's, or the account that a
 * previous phone is still reserved to (`previous`), so that an owner whose login was moved away can report.
 */
export const accountOfReportingPhone = async (
  deps: Pick<AccountDependencies, 'accounts' | 'vault' | 'clock'>,
  phone: E164Phone,
  pin: string,
): Promise<{ account?: Account; matches: boolean; previous?: PreviousPhone }> => {
  const current = await accountOfPhoneAndPin(deps, phone, pin);
  if (current.account) return current;
  const now = deps.clock.now();
  const reservation = await deps.accounts.findReservation(deps.vault.lookupKey('phone', phone));
  if (!reservation || Date.parse(reservation.until) <= now.getTime()) return { matches: false };
  const account = await deps.accounts.get(reservation.accountId);
  if (!account || account.status === 'deleted') return { account, matches: false };
  const previous = reservedPhone(openPersonalData(deps.vault, account), phone, now);
  return {
    account,
    matches: !!previous && account.claims.pin === deps.vault.lookupKey('pin', pin),
    previous,
  };
};
