import * as z from 'zod/mini';
import { log } from '../commons/log';
import { logEvents } from '../commons/log-events';
import { recordScanResult, type DocumentDependencies } from '../domain/verification/documents';
import { documentDependencies } from '../wiring/document-dependencies';

/**
 * The part of the "GuardDuty Malware Protection Object Scan Result" event (source `aws.guardduty`) that decides a
 * document: which object, and what the scan found. `npm start` sends the same shape for each upload.
 */
const scanResultEventSchema = z.object({
  source: z.literal('aws.guardduty'),
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  detail: z.object({
    scanStatus: z.string(),
    s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string() }),
    scanResultDetails: z.object({ scanResultStatus: z.string() }),
  }),
});

export type ScanResultHandler = (event: unknown) => Promise<{ status?: string }>;

/**
 * 2.3: a document is received only when the scan completed and found no threats; anything else (threats,
 * unsupported or failed scans) rejects it. An event of no document changes nothing.
 */
export const createScanResultHandler =
  (deps: Pick<DocumentDependencies, 'documents' | 'clock'>): ScanResultHandler =>
  async (event) => {
    const { detail } = scanResultEventSchema.parse(event);
    const status = await recordScanResult(deps, {
      objectKey: detail.s3ObjectDetails.objectKey,
      clean:
        detail.scanStatus === 'COMPLETED' && detail.scanResultDetails.scanResultStatus === 'NO_THREATS_FOUND',
    });
    log.info(logEvents.documentScanned, { outcome: status ?? 'unknown_document' });
    return status ? { status } : {};
  };

export const handler: ScanResultHandler = async (event) =>
  createScanResultHandler(await documentDependencies())(event);
