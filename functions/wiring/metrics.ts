import {
  InMemoryPortalMetrics,
  PowertoolsPortalMetrics,
  type FlushablePortalMetrics,
} from '../adapters/metrics/portal-metrics';
import type { PortalConfig } from '../commons/config';

/** Business metrics for this runtime: EMF through Powertools in AWS, totals in memory under `npm start`. */
export const portalMetrics = (cfg: Pick<PortalConfig, 'runtime'>): FlushablePortalMetrics =>
  cfg.runtime === 'aws' ? new PowertoolsPortalMetrics() : new InMemoryPortalMetrics();
