import { route } from '../route-definition';
import {
  cabinetReportSchema,
  reportCodeRequestSchema,
  reportConfirmationSchema,
} from '../schemas/access-reports';

/** The `access-reports` group's routes (one Lambda function): declared here, assembled in `contract/routes.ts`. */
export const accessReportsRoutes = [
  route({
    method: 'POST',
    path: '/v1/me/access-reports',
    group: 'access-reports',
    operation: 'reportFromCabinet',
    access: 'session-any-consent',
    body: cabinetReportSchema,
    idempotent: true,
    summary: 'Report unauthorized access at once (2.7): every session ends, a new password goes by SMS',
  }),
  route({
    method: 'POST',
    path: '/v1/access-reports',
    group: 'access-reports',
    operation: 'requestReportCode',
    access: 'public',
    body: reportCodeRequestSchema,
    idempotent: true,
    summary: 'Report without logging in: a code by SMS where phone and PIN match; always 202 (2.7)',
  }),
  route({
    method: 'POST',
    path: '/v1/access-reports/confirm',
    group: 'access-reports',
    operation: 'confirmReportCode',
    access: 'public',
    body: reportConfirmationSchema,
    idempotent: true,
    summary: 'Confirm the report with the code from the SMS: the same effects as from the cabinet (2.7)',
  }),
] as const;
