import type { AccountLook, DocumentsLook, OpenReportsList } from '../../functions/domain/operators/queries';

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

/**
 * An operator's look at the documents of an account's verification demand (2.3), as the admin CLI prints it: each
 * received document with its download link, unless `links` is false (locally, when no `npm start` serves them).
 */
export const describeDocuments = (look: DocumentsLook, links = true): string => {
  const demand = look.verification
    ? `${look.verification.status}, deadline ${look.verification.deadline}, demanded ${look.verification.requestedAt}`
    : 'none demanded';
  const expiry = look.documents.find((d) => d.download)?.download?.expiresAt;
  return [
    `Account ${look.accountId}: verification ${demand}`,
    `Documents of this demand: ${look.documents.length}`,
    ...look.documents.flatMap((d) => [
      `  ${d.documentId} "${d.fileName}" ${d.contentType}, ${d.size} bytes, ${d.status}, sent ${d.createdAt}`,
      ...(d.download && links ? [`    ${d.download.url}`] : []),
    ]),
    ...(expiry === undefined
      ? []
      : links
        ? [`The links work until ${expiry}; documents not received (scanned clean) have none.`]
        : ['No links: the local documents server runs with `npm start`; start it and ask again.']),
    `This look is in the account's audit log and the applicant's activity.`,
  ].join('\n');
};
