import { z } from 'zod';
import {
  IDENTITY_ERROR_CODES,
  identityErrorCodeOf,
  innSchema,
  passportNumberSchema,
  phoneSchema,
  pinSchema,
  type CalendarDate,
} from '../../../functions/domain/identity';
import { addDays, ddmmyyyy, TODAY } from './arbitraries';

const registration = z.object({
  phone: phoneSchema,
  passportNumber: passportNumberSchema,
  pin: pinSchema(() => TODAY),
  inn: innSchema(() => TODAY),
});

const codesOf = (result: z.ZodSafeParseResult<unknown>) =>
  result.success
    ? []
    : result.error.issues.map((issue) => [issue.path.join('.'), identityErrorCodeOf(issue)]);

describe('identity field schemas', () => {
  it('output the normalized value of every field', () => {
    expect(
      registration.parse({
        phone: '0700 123 456',
        passportNumber: 'ас 123 45 67',
        pin: '2 15031990 12345',
        inn: '0 12032010 10001',
      }),
    ).toEqual({
      phone: '+996700123456',
      passportNumber: 'AC1234567',
      pin: '21503199012345',
      inn: '01203201010001',
    });
  });

  it("report each refused field with its rule's code as the issue message", () => {
    const result = registration.safeParse({
      phone: '+996 312 62 12 34',
      passportNumber: 'AB1234567',
      pin: '23002200012345',
      inn: `0${ddmmyyyy(addDays(TODAY, 1))}00001`,
    });
    expect(codesOf(result)).toEqual([
      ['phone', 'phone_not_mobile'],
      ['passportNumber', 'passport_invalid'],
      ['pin', 'pin_invalid_date'],
      ['inn', 'inn_registration_date_in_future'],
    ]);
  });

  it("report a missing or non-string field with the field's format code", () => {
    const result = registration.safeParse({ phone: 700123456, passportNumber: null, pin: ['2'] });
    expect(codesOf(result)).toEqual([
      ['phone', 'phone_invalid'],
      ['passportNumber', 'passport_invalid'],
      ['pin', 'pin_invalid_format'],
      ['inn', 'inn_invalid_format'],
    ]);
  });

  it('ask for today at every parse, so a schema built once follows the calendar', () => {
    let today: CalendarDate = TODAY;
    const pin = pinSchema(() => today);
    const newbornTomorrow = `1${ddmmyyyy(addDays(TODAY, 1))}00001`;
    expect(pin.safeParse(newbornTomorrow).success).toBe(false);
    today = addDays(TODAY, 1);
    expect(pin.safeParse(newbornTomorrow).success).toBe(true);
  });

  it('read no identity code from an issue of another schema', () => {
    const issue = z.string().min(3).safeParse('ab').error!.issues[0];
    expect(identityErrorCodeOf(issue)).toBeUndefined();
  });

  it('declare every code once', () => {
    expect(new Set(IDENTITY_ERROR_CODES).size).toBe(IDENTITY_ERROR_CODES.length);
  });
});
