import * as z from 'zod/mini';
import { requestIdSchema, smsCodeSchema } from './codes';
import { applicantTypes } from '../../functions/domain/accounts/account';
import { innSchema, passportNumberSchema, phoneSchema, pinSchema } from '../../functions/domain/identity';
import { todayInBishkek } from './today';

/**
 * 2.2: phone, passport number and PIN, validated and normalized; 1: a legal entity's representative also gives the
 * organization's tax number (INN), an individual does not.
 */
export const registrationRequestSchema = z
  .strictObject({
    consentId: z.string().check(z.minLength(1), z.maxLength(64)),
    applicantType: z.enum(applicantTypes),
    phone: phoneSchema,
    passportNumber: passportNumberSchema,
    pin: pinSchema(todayInBishkek),
    organizationInn: z.optional(innSchema(todayInBishkek)),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.applicantType === 'legal_entity' && value.organizationInn === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['organizationInn'],
          params: { code: 'required' },
          message: 'required',
        });
      }
      if (value.applicantType === 'individual' && value.organizationInn !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['organizationInn'],
          params: { code: 'inn_not_for_individual' },
          message: 'inn_not_for_individual',
        });
      }
    }),
  );

export const passwordResetRequestSchema = z.strictObject({
  phone: phoneSchema,
  pin: pinSchema(todayInBishkek),
});

/** 2.7: the reset takes effect only with the owner's code, and sets the password they chose. */
export const passwordResetConfirmationSchema = z.strictObject({
  requestId: requestIdSchema,
  code: smsCodeSchema,
  newPassword: z.string().check(z.minLength(1), z.maxLength(256)),
});
