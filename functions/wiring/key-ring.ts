import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { KeyRing } from '../adapters/keys/key-ring';
import { loadLocalKeyRing } from '../adapters/keys/local-key-ring';
import { loadSecretsManagerKeyRing } from '../adapters/keys/secrets-manager-key-ring';
import { countCalls } from '../adapters/service-calls';
import type { PortalConfig } from '../commons/config';

/** The portal's keys (2.4): the Secrets Manager secret in AWS, `keys.json` in the data directory under `npm start`. */
export const keyRingOf = (cfg: PortalConfig): Promise<KeyRing> => {
  if (cfg.runtime === 'local') return loadLocalKeyRing(cfg.dataDir);
  if (!cfg.keysSecretId) throw new Error('PORTAL_KEYS_SECRET_ID is required in AWS');
  return loadSecretsManagerKeyRing(
    countCalls('secretsManager', new SecretsManagerClient({ region: cfg.region })),
    cfg.keysSecretId,
  );
};
