import { JavaMissingError } from '../lib/local/dynamodb-local';
import { startLocalPortal } from '../lib/local/portal';
import { configuredDataDir } from '../lib/local/store';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** `npm start`: the portal on this machine (DynamoDB Local, same handlers, SMS to the local outbox). */
const main = async (): Promise<void> => {
  const port = Number(process.env.PORT ?? 3000);
  const dataDir = configuredDataDir();
  const portal = await startLocalPortal({
    port,
    dataDir,
    host: process.env.HOST ?? '127.0.0.1',
    onRequest: ({ method, route, status, ms, requestId }) =>
      console.log(`${method} ${route} ${status} ${ms.toFixed(1)}ms ${requestId}`),
  });
  // "listening on" comes last: whoever waits for it (a newcomer, the e2e tests) has the whole banner by then.
  for (const notice of portal.notices) console.log(notice);
  console.log(`Data: ${portal.store.dataDir} (DynamoDB Local at ${portal.store.endpoint})`);
  console.log(`SRS portal listening on ${portal.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: finishing requests in flight, stopping DynamoDB Local`);
    portal.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error(
    error instanceof JavaMissingError || error instanceof Error
      ? error.message
      : 'The portal could not start.',
  );
  process.exit(1);
});
