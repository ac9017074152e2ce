import {
  documentObjectKey,
  retireDocuments,
  type DocumentContentType,
  type RetirementDependencies,
  type VerificationDocument,
} from '../../../functions/domain/verification/documents';
import { createDemandResolvedHandler } from '../../../functions/verification-documents/demand-resolved';
import { successDestinationEvent } from '../../../lib/local/demand-resolved';

const firstDemand = '2026-09-01T08:00:00.000Z';
const secondDemand = '2026-12-01T09:00:00.000Z';

const document = (documentId: string, demandRequestedAt: string, contentType: DocumentContentType) =>
  ({
    documentId,
    accountId: 'account-1',
    demandRequestedAt,
    fileName: `${documentId}.pdf`,
    contentType,
    size: 1000,
    status: 'received',
    createdAt: demandRequestedAt,
  }) satisfies VerificationDocument;

/** The account's documents of two demands, and a storage that records what it was asked to retire. */
const accountWithTwoDemands = () => {
  const retired: { objectKey: string; contentType: DocumentContentType }[] = [];
  const deps: RetirementDependencies = {
    documents: {
      list: async (accountId) =>
        accountId === 'account-1'
          ? [
              document('old-scan', firstDemand, 'image/png'),
              document('passport', secondDemand, 'application/pdf'),
              document('certificate', secondDemand, 'image/jpeg'),
            ]
          : [],
    },
    retirement: {
      retire: async (objectKey, contentType) => {
        retired.push({ objectKey, contentType });
      },
    },
  };
  return { deps, retired };
};

/** What the commands function's success destination puts on the operations bus after a resolved demand. */
const demandResolvedEvent = (responsePayload: Record<string, unknown>) =>
  successDestinationEvent({ 'detail-type': 'ResolveVerification' }, responsePayload);

describe('2.3, 2.4: retiring the documents of a resolved demand', () => {
  it("starts the retention of the resolved demand's documents only, each keeping its type", async () => {
    // Prepare
    const { deps, retired } = accountWithTwoDemands();

    // Act
    const count = await retireDocuments(deps, { accountId: 'account-1', demandRequestedAt: secondDemand });

    // Assess
    expect(count).toBe(2);
    expect(retired).toEqual([
      { objectKey: documentObjectKey('account-1', 'passport'), contentType: 'application/pdf' },
      { objectKey: documentObjectKey('account-1', 'certificate'), contentType: 'image/jpeg' },
    ]);
  });

  it("leaves an earlier demand's documents alone: their period began when that demand was resolved", async () => {
    const { deps, retired } = accountWithTwoDemands();

    await retireDocuments(deps, { accountId: 'account-1', demandRequestedAt: secondDemand });

    expect(retired.map((r) => r.objectKey)).not.toContain(documentObjectKey('account-1', 'old-scan'));
  });

  it('retires nothing for a demand answered without documents', async () => {
    const { deps, retired } = accountWithTwoDemands();

    const count = await retireDocuments(deps, { accountId: 'account-2', demandRequestedAt: secondDemand });

    expect(count).toBe(0);
    expect(retired).toEqual([]);
  });
});

describe('Function: demand-resolved (the commands function answered ResolveVerification)', () => {
  const resolved = {
    command: 'ResolveVerification',
    eventId: 'event-1',
    accountId: 'account-1',
    outcome: 'applied',
    effect: { verification: 'confirmed', demandRequestedAt: secondDemand },
  };

  it("retires the documents of the demand the command resolved, named in the command's answer", async () => {
    // Prepare
    const { deps, retired } = accountWithTwoDemands();

    // Act
    const answer = await createDemandResolvedHandler(deps)(demandResolvedEvent(resolved));

    // Assess
    expect(answer).toEqual({ retired: 2 });
    expect(retired.map((r) => r.objectKey)).toEqual([
      documentObjectKey('account-1', 'passport'),
      documentObjectKey('account-1', 'certificate'),
    ]);
  });

  it.each([
    ['another command', { ...resolved, command: 'BlockAccount' }],
    ['a redelivered command that changed nothing', { ...resolved, outcome: 'already_applied' }],
    ['an answer without the demand', { ...resolved, effect: { verification: 'confirmed' } }],
  ])('refuses %s and retires nothing', async (_what, responsePayload) => {
    const { deps, retired } = accountWithTwoDemands();

    await expect(createDemandResolvedHandler(deps)(demandResolvedEvent(responsePayload))).rejects.toThrow();
    expect(retired).toEqual([]);
  });
});
