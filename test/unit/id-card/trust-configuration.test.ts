import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreUnavailable } from '../../../functions/domain/errors';
import { lazyIdCardVerifier } from '../../../functions/id-card/dependencies';

const origin = 'https://portal.example.kg';
const input = { token: {}, nonce: 'bm9uY2U=' };

/**
 * 2.1: a deployment whose ID-card trust is misconfigured answers ID-card logins 503 (the portal cannot decide,
 * the applicant may retry), never 500, and keeps trying to load it on later logins.
 */
describe('ID-card trust configuration', () => {
  it('without a CA file, a login is 503 with Retry-After, not an internal error', async () => {
    const verifier = lazyIdCardVerifier({ origin, idCard: {} });
    await expect(verifier.verify(input)).rejects.toBeInstanceOf(StoreUnavailable);
    await expect(verifier.verify(input)).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
  });

  it('with a CA file that holds no certificate, the same 503', async () => {
    const caPath = join(mkdtempSync(join(tmpdir(), 'portal-ca-')), 'ca.pem');
    writeFileSync(caPath, 'not a certificate');
    const verifier = lazyIdCardVerifier({ origin, idCard: { caPath } });
    await expect(verifier.verify(input)).rejects.toMatchObject({ code: 'service_unavailable' });
  });
});
