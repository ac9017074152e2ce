import { randomUUID } from 'node:crypto';
import type { CommandOutcome } from '../../functions/domain/operators/execute-command';
import { documentLimits } from '../../functions/domain/verification/documents';

/**
 * The event a Lambda success destination puts on EventBridge: what the function was given and what it answered
 * (AWS: "Lambda Function Invocation Result - Success").
 */
export const successDestinationEvent = (requestPayload: unknown, responsePayload: unknown) => ({
  version: '0',
  id: randomUUID(),
  source: 'lambda',
  'detail-type': 'Lambda Function Invocation Result - Success',
  time: new Date().toISOString(),
  detail: { requestPayload, responsePayload },
});

/** In AWS a resolved demand reaches the document-retention function through the operations bus (2.4). */
export const resolvesDemand = (outcome: CommandOutcome): boolean =>
  outcome.command === 'ResolveVerification' && outcome.outcome === 'applied';

/**
 * What the success destination does in AWS after ResolveVerification, done by the admin CLI on this machine: the
 * resolved demand's documents start their retention period in the documents server of the running `npm start`
 * (`PORTAL_S3_ENDPOINT`). Without one there is no storage to reach; the sentence says so.
 * @returns what happened, for the operator
 */
export const retireResolvedDemand = async (
  command: unknown,
  outcome: CommandOutcome,
  storageRuns: boolean,
): Promise<string> => {
  if (!storageRuns)
    return "The demand's documents start no retention period: no npm start runs their storage on this data directory.";
  const { handler } = await import('../../functions/verification-documents/demand-resolved');
  const { retired } = await handler(successDestinationEvent(command, outcome));
  return `${retired} document(s) of the demand start their retention period: deleted ${documentLimits.retentionDaysAfterResolution} days from now.`;
};
