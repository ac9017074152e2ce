/**
 * What must hold of the stored accounts whatever happened (faults, load, concurrency): nothing half-written, nothing
 * created twice. Returns the violations, empty when all is well.
 */
export const accountInvariantViolations = (
  items: Record<string, unknown>[],
  passwordSmsPerAccount?: Map<string, number>,
): string[] => {
  const accounts = items.filter((item) => item.type === 'account');
  const claims = items.filter((item) => item.type === 'claim');
  const audit = items.filter((item) => String(item.pk).startsWith('AUDIT#'));
  const violations: string[] = [];
  const accountIds = new Set(accounts.map((a) => a.accountId as string));
  for (const account of accounts) {
    const id = account.accountId as string;
    const own = claims.filter((c) => c.accountId === id).map((c) => String(c.pk).split('#')[1]);
    if (account.status !== 'deleted' || account.sealedPersonalData !== undefined) {
      for (const kind of ['phone', 'pin', 'passport'])
        if (!own.includes(kind)) violations.push(`account ${id} lacks its ${kind} claim`);
    }
    if (!audit.some((entry) => entry.accountId === id && entry.action === 'registration'))
      violations.push(`account ${id} has no registration entry`);
    const sms = passwordSmsPerAccount?.get(id);
    if (passwordSmsPerAccount && sms !== 1)
      violations.push(`account ${id} got ${sms ?? 0} password SMS at registration`);
  }
  for (const claim of claims)
    if (!accountIds.has(claim.accountId as string))
      violations.push(`claim ${String(claim.pk)} has no account`);
  return violations;
};
