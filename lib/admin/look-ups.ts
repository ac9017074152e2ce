import type { AccountLook, OpenReportsList } from '../../functions/domain/operators/queries';

/** An operator's look at an account, as the admin CLI prints it. */
export const describeLook = (look: AccountLook): string => {
  const data =
    look.personalData === 'erased'
      ? ['Personal data: erased after the deletion (2.4)']
      : [
          `Phone: ${look.personalData.phone}`,
          `Passport number: ${look.personalData.passportNumber}`,
          `PIN: ${look.personalData.pin}`,
          ...(look.personalData.organizationInn ? [`INN: ${look.personalData.organizationInn}`] : []),
        ];
  const verification = look.verification
    ? `${look.verification.status}, deadline ${look.verification.deadline}, demanded ${look.verification.requestedAt}`
    : 'none demanded';
  return [
    `Account ${look.accountId} (${look.applicantType}): ${look.status}`,
    ...data.map((line) => `  ${line}`),
    `  Verification: ${verification}`,
    `Open access reports: ${look.openReports.length}`,
    ...look.openReports.map((r) => `  ${r.reportId} reported ${r.reportedAt} (${r.channel})`),
    `Recent activity (newest first):`,
    ...look.recentActivity.map(
      (e) =>
        `  ${e.at} ${e.action} ${e.result}` +
        `${e.operatorId ? ` by ${e.operatorId}` : ''}${e.detail ? ` (${e.detail})` : ''}`,
    ),
    `This look is in the account's audit log (${look.shown}) and the applicant's activity.`,
  ].join('\n');
};

/** The open access reports, oldest first, as the admin CLI prints them. */
export const describeReports = (list: OpenReportsList): string =>
  [
    `Open access reports: ${list.reports.length}${list.more ? ' (the oldest; more are open)' : ''}`,
    ...list.reports.map(
      (r) =>
        `  ${r.reportId} account ${r.accountId} reported ${r.reportedAt} (${r.channel}), open ${r.ageHours} h`,
    ),
  ].join('\n');
