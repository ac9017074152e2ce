import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalPortal } from '../lib/local/portal';

/**
 * The two servers of the throughput comparison, each run as its own process by bench/throughput.ts (so that the
 * load generator does not share its event loop): `portal <dataDir>` is `npm start` on a free loopback port;
 * `bare <responseFile>` is a bare Node HTTP server answering every request with the bytes the portal answered.
 * Each tells its URL over IPC and stops on SIGTERM.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface RecordedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const ready = (url: string) => process.send?.({ url });

const main = async (): Promise<void> => {
  const [mode, argument] = process.argv.slice(2);
  if (mode === 'portal' && argument) {
    const portal = await startLocalPortal({ port: 0, dataDir: argument, host: '127.0.0.1' });
    process.once('SIGTERM', () => {
      portal.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    ready(portal.url);
    return;
  }
  if (mode === 'bare' && argument) {
    const recorded = JSON.parse(readFileSync(argument, 'utf8')) as RecordedResponse;
    const body = Buffer.from(recorded.body);
    // Written as the local server writes a handler's answer (writeHead, then end), so the bytes match.
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        response.writeHead(recorded.status, recorded.headers);
        response.end(body);
      });
    });
    server.listen(0, '127.0.0.1', () => ready(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    process.once('SIGTERM', () => {
      server.close(() => process.exit(0));
      server.closeAllConnections();
    });
    return;
  }
  throw new Error('usage: servers.ts portal <dataDir> | bare <responseFile>');
};

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
