import { readFile } from 'node:fs/promises';
import { x509 } from '../../domain/id-card';
import { IdCardTrustConfigError } from './errors';

const CERTIFICATE_TAG = 'CERTIFICATE';

/**
 * Parses the trusted CA certificates of a PEM bundle (one or more `CERTIFICATE` blocks; other blocks are ignored).
 * Every certificate must be a CA (basicConstraints cA): a card certificate in the trust list is a configuration
 * mistake, so it is refused here rather than silently never matching.
 */
export const parseTrustedCAs = (
  pem: string,
  source = 'the trusted CA file',
): readonly x509.X509Certificate[] => {
  const blocks = (() => {
    try {
      return x509.PemConverter.decodeWithHeaders(pem).filter((block) => block.type === CERTIFICATE_TAG);
    } catch (error) {
      throw new IdCardTrustConfigError(`${source} is not PEM`, { cause: error });
    }
  })();
  if (blocks.length === 0) throw new IdCardTrustConfigError(`${source} holds no PEM CERTIFICATE`);
  return blocks.map((block, index) => {
    const certificate = (() => {
      try {
        return new x509.X509Certificate(block.rawData);
      } catch (error) {
        throw new IdCardTrustConfigError(`certificate #${index + 1} in ${source} does not parse`, {
          cause: error,
        });
      }
    })();
    if (certificate.getExtension(x509.BasicConstraintsExtension)?.ca !== true) {
      throw new IdCardTrustConfigError(
        `certificate #${index + 1} in ${source} (${certificate.subject}) is not a CA`,
      );
    }
    return certificate;
  });
};

/** 2.1: the CAs whose cards are accepted, from the PEM file at `PORTAL_ID_CARD_CA`. Read once, at start-up. */
export const loadTrustedCAs = async (pemPath: string): Promise<readonly x509.X509Certificate[]> => {
  const pem = await readFile(pemPath, 'utf8').catch((error: unknown) => {
    throw new IdCardTrustConfigError(`cannot read the trusted CA file ${pemPath}`, { cause: error });
  });
  return parseTrustedCAs(pem, pemPath);
};
