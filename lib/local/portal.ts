import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPortalServer, loadHandlers, type RequestLog } from './server';
import { localFunctionEnv, openLocalStore, type LocalStore } from './store';

export interface LocalPortal {
  readonly url: string;
  readonly store: LocalStore;
  /** Stops taking requests, lets in-flight ones finish, then stops DynamoDB Local. */
  stop(): Promise<void>;
}

/**
 * The whole portal on one machine: DynamoDB Local on `dataDir`, tables created if missing, the handlers loaded
 * with the local environment, and the HTTP server on `port` (0: any free port).
 */
export const startLocalPortal = async (options: {
  port: number;
  dataDir: string;
  host?: string;
  onRequest?: (entry: RequestLog) => void;
}): Promise<LocalPortal> => {
  const store = await openLocalStore(options.dataDir, { exclusive: true });
  try {
    Object.assign(process.env, localFunctionEnv(store));
    const server: Server = createPortalServer(await loadHandlers(), options.onRequest ?? (() => undefined));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://${options.host ?? '127.0.0.1'}:${port}`,
      store,
      stop: async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await closed;
        await store.stop();
      },
    };
  } catch (error) {
    await store.stop();
    throw error;
  }
};
