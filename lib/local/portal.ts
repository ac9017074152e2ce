import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildWebSite } from '../web-site';
import { siteSecurityHeaders } from '../web-headers';
import { createPortalServer, loadHandlers, type RequestLog } from './server';
import { localFunctionEnv, openLocalStore, type LocalStore } from './store';
import { devCaDirectory, ensureDevCa } from './virtual-card/store';
import { startDocumentsServer } from './documents-server';
import { log } from '../../functions/commons/log';
import { errorKind, logEvents } from '../../functions/commons/log-events';

/**
 * ID-card trust under `npm start`: the configured CA, or else the development CA of the data directory (created
 * once), so that the virtual card (`npm run id-card`) can log in. Production configuration never gets here.
 */
const idCardTrust = async (dataDir: string): Promise<{ env: Record<string, string>; notice: string }> => {
  if (process.env.PORTAL_ID_CARD_CA)
    return { env: {}, notice: `ID card: trusting the CAs in ${process.env.PORTAL_ID_CARD_CA}` };
  const { paths } = await ensureDevCa(devCaDirectory({ PORTAL_DATA_DIR: dataDir }));
  return {
    env: { PORTAL_ID_CARD_CA: paths.certificate, PORTAL_ID_CARD_CRL: paths.crl },
    notice: `ID card: PORTAL_ID_CARD_CA is not set, trusting the DEVELOPMENT CA ${paths.certificate} (virtual cards: npm run id-card)`,
  };
};

/**
 * The origin the page is served from, which ID-card challenges are signed for (2.1): the address `npm start`
 * prints, unless PORTAL_ORIGIN says otherwise. On port 0 (any free port) it is not known before the handlers load.
 */
const servedOrigin = (host: string, port: number): Record<string, string> =>
  process.env.PORTAL_ORIGIN || port === 0 ? {} : { PORTAL_ORIGIN: `http://${host}:${port}` };

export interface LocalPortal {
  readonly url: string;
  readonly store: LocalStore;
  /** What start-up decided that the person starting it should know (ID-card trust). */
  readonly notices: readonly string[];
  /** Stops taking requests, lets in-flight ones finish, then stops the documents' S3 and DynamoDB Local. */
  stop(): Promise<void>;
}

/**
 * The whole portal on one machine: DynamoDB Local on `dataDir`, tables created if missing, the documents' S3
 * (s3rver, files under `dataDir`), the handlers loaded with the local environment, and the HTTP server on `port`
 * (0: any free port).
 */
export const startLocalPortal = async (options: {
  port: number;
  dataDir: string;
  host?: string;
  onRequest?: (entry: RequestLog) => void;
}): Promise<LocalPortal> => {
  const store = await openLocalStore(options.dataDir, { exclusive: true });
  const host = options.host ?? '127.0.0.1';
  const documents = await startDocumentsServer({
    dataDir: store.dataDir,
    host,
    // 2.3: the same handler as GuardDuty's EventBridge rule invokes in AWS, loaded once the environment is set.
    onScanResult: async (event) =>
      (await import('../../functions/verification-documents/scan-result')).handler(event),
    onScanFailed: (error) => log.error(logEvents.documentScanned, { outcome: 'failed', ...errorKind(error) }),
  }).catch(async (error: unknown) => {
    await store.stop();
    throw error;
  });
  try {
    const trust = await idCardTrust(store.dataDir);
    Object.assign(
      process.env,
      localFunctionEnv(store),
      { PORTAL_S3_ENDPOINT: documents.endpoint },
      trust.env,
      servedOrigin(host, options.port),
    );
    const server: Server = createPortalServer(
      await loadHandlers(),
      options.onRequest ?? (() => undefined),
      // 2.3: the page posts verification documents straight to the S3 server, on an origin of its own.
      { files: buildWebSite(), headers: siteSecurityHeaders(documents.endpoint) },
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${host}:${port}`,
      store,
      notices: [trust.notice],
      stop: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive connections go as soon as their request in flight is answered.
        const sweeper = setInterval(() => server.closeIdleConnections(), 50);
        server.closeIdleConnections();
        await closed;
        clearInterval(sweeper);
        await documents.stop();
        await store.stop();
      },
    };
  } catch (error) {
    await documents.stop();
    await store.stop();
    throw error;
  }
};
