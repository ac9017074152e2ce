import * as z from 'zod/mini';
import { log } from '../commons/log';
import { logEvents } from '../commons/log-events';
import { retireDocuments, type RetirementDependencies } from '../domain/verification/documents';
import { retirementDependencies } from '../wiring/document-retirement';

/**
 * What the commands function answered, as its Lambda success destination puts it on the operations bus: the
 * command, the account, that it applied now, and which of the account's demands it resolved.
 */
const commandResultSchema = z.object({
  detail: z.object({
    responsePayload: z.object({
      command: z.literal('ResolveVerification'),
      accountId: z.string(),
      outcome: z.literal('applied'),
      effect: z.object({ demandRequestedAt: z.iso.datetime() }),
    }),
  }),
});

export type DemandResolvedHandler = (event: unknown) => Promise<{ retired: number }>;

/** 2.3, 2.4: a resolved demand's documents start their retention period; the bucket deletes them after it. */
export const createDemandResolvedHandler =
  (deps: RetirementDependencies): DemandResolvedHandler =>
  async (event) => {
    const { accountId, effect } = commandResultSchema.parse(event).detail.responsePayload;
    const retired = await retireDocuments(deps, { accountId, demandRequestedAt: effect.demandRequestedAt });
    log.info(logEvents.documentsRetired, { accountId, retired });
    return { retired };
  };

export const handler: DemandResolvedHandler = async (event) =>
  createDemandResolvedHandler(await retirementDependencies())(event);
