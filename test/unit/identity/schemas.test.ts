import { z } from 'zod';
import { fieldProblems } from '../../../functions/commons/http/field-errors';
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

const problemsOf = (input: unknown) => {
  const result = registration.safeParse(input, { reportInput: true });
  return result.success ? [] : fieldProblems(result.error.issues);
};

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

  it("report each refused field with its rule's code, as the HTTP layer reads it", () => {
    expect(
      problemsOf({
        phone: '+996 312 62 12 34',
        passportNumber: 'AB1234567',
        pin: '23002200012345',
        inn: `0${ddmmyyyy(addDays(TODAY, 1))}00001`,
      }),
    ).toEqual([
      { field: 'phone', code: 'phone_not_mobile' },
      { field: 'passportNumber', code: 'passport_invalid' },
      { field: 'pin', code: 'pin_invalid_date' },
      { field: 'inn', code: 'inn_registration_date_in_future' },
    ]);
  });

  it('report a missing or non-string field like any other field', () => {
    expect(problemsOf({ phone: 700123456, passportNumber: null, pin: ['2'] })).toEqual([
      { field: 'phone', code: 'invalid_type' },
      { field: 'passportNumber', code: 'invalid_type' },
      { field: 'pin', code: 'invalid_type' },
      { field: 'inn', code: 'required' },
    ]);
  });

  it('put the code in params.code and repeat it as the message, never human text', () => {
    const [issue] = phoneSchema.safeParse('+7 900 123 45 67').error!.issues;
    expect(issue).toMatchObject({
      code: 'custom',
      params: { code: 'phone_not_kyrgyz' },
      message: 'phone_not_kyrgyz',
    });
    expect(identityErrorCodeOf(issue)).toBe('phone_not_kyrgyz');
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
    const [issue] = z.string().min(3).safeParse('ab').error!.issues;
    expect(identityErrorCodeOf(issue)).toBeUndefined();
  });

  it('declare every code once', () => {
    expect(new Set(IDENTITY_ERROR_CODES).size).toBe(IDENTITY_ERROR_CODES.length);
  });
});
