import * as z from 'zod';
import { todayInBishkek } from '../commons/schemas';
import { phoneSchema, pinSchema } from '../domain/identity';

const reportDetails = {
  description: z.string().max(2000).optional(),
  /** 2.6: when the applicant believes the unauthorized access began. */
  suspectedSince: z.iso.datetime({ offset: true }).optional(),
};

/** 2.7: reporting takes nothing but the wish to report; the body may be empty. */
export const cabinetReportSchema = z.strictObject(reportDetails).default({});

export const reportCodeRequestSchema = z.strictObject({ phone: phoneSchema, pin: pinSchema(todayInBishkek) });

export const reportConfirmationSchema = z.strictObject({
  phone: phoneSchema,
  code: z.string().regex(/^\d{6}$/),
  ...reportDetails,
});
