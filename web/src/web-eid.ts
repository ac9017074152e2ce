/**
 * The ID card (2.1) through a Web eID-style browser extension: the page and the extension's content script talk
 * with window.postMessage (`web-eid:status`, `web-eid:authenticate`, each answered by `-ack` then `-success` or
 * `-failure`). The card's PIN code stays with the extension and the card; the page sees only the signed token.
 */
export interface AuthToken {
  readonly unverifiedCertificate: string;
  readonly algorithm: string;
  readonly signature: string;
  readonly format: string;
  readonly appVersion?: string;
}

const libraryVersion = '2.0.0';

type Reply = { action: string; [key: string]: unknown };

const exchange = (message: Record<string, unknown>, ackMs: number, replyMs: number): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const action = message.action as string;
    let ackTimer = window.setTimeout(() => finish(new Error('no extension')), ackMs);
    const replyTimer = window.setTimeout(() => finish(new Error('timeout')), replyMs);
    const listener = (event: MessageEvent<Reply>) => {
      if (event.source !== window || typeof event.data?.action !== 'string') return;
      if (event.data.action === `${action}-ack`) {
        window.clearTimeout(ackTimer);
        ackTimer = 0;
      } else if (event.data.action === `${action}-success`) finish(undefined, event.data);
      else if (event.data.action === `${action}-failure`) finish(new Error('refused'));
    };
    const finish = (error: Error | undefined, reply?: Reply) => {
      window.clearTimeout(ackTimer);
      window.clearTimeout(replyTimer);
      window.removeEventListener('message', listener);
      if (error) reject(error);
      else resolve(reply!);
    };
    window.addEventListener('message', listener);
    window.postMessage({ ...message, libraryVersion }, window.location.origin);
  });

/** True when an extension answers the status handshake in time (the page offers the ID card only then). */
export const webEidAvailable = async (): Promise<boolean> => {
  if (!window.isSecureContext) return false;
  try {
    await exchange({ action: 'web-eid:status' }, 1500, 4000);
    return true;
  } catch {
    return false;
  }
};

/** Asks the extension to sign the challenge nonce with the card's authentication key. */
export const webEidAuthenticate = async (challengeNonce: string, lang: string): Promise<AuthToken> => {
  const reply = await exchange(
    { action: 'web-eid:authenticate', challengeNonce, options: { lang } },
    2000,
    120_000,
  );
  return {
    unverifiedCertificate: String(reply.unverifiedCertificate),
    algorithm: String(reply.algorithm),
    signature: String(reply.signature),
    format: String(reply.format),
    ...(typeof reply.appVersion === 'string' && { appVersion: reply.appVersion }),
  };
};
