import * as z from 'zod/mini';
import { requestIdSchema, smsCodeSchema } from './codes';
import { todayInBishkek } from './today';
import { phoneSchema, pinSchema } from '../../functions/domain/identity';

const reportDetails = {
  description: z.optional(z.string().check(z.maxLength(2000))),
  /** 2.6: when the applicant believes the unauthorized access began. */
  suspectedSince: z.optional(z.iso.datetime({ offset: true })),
};

/** 2.7: reporting takes nothing but the wish to report; the body may be empty. */
export const cabinetReportSchema = z._default(z.strictObject(reportDetails), {});

export const reportCodeRequestSchema = z.strictObject({ phone: phoneSchema, pin: pinSchema(todayInBishkek) });

export const reportConfirmationSchema = z.strictObject({
  requestId: requestIdSchema,
  code: smsCodeSchema,
  ...reportDetails,
});
