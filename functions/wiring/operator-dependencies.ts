import { config } from '../commons/config';
import { onceUntilFailure } from '../commons/once';
import type { OperatorDependencies } from '../domain/operators/dependencies';
import { operatorAlerts } from './operator-alerts';
import { smsSenderOf } from './sms-sender';
import { operatorStores } from './operator-stores';

/**
 * The commands' and the jobs' dependencies: the operator stores plus who they tell, the applicant by a notice
 * SMS (2.2, 2.3) and the operators by their alerts (2.7, 2.8).
 */
export const operatorDependencies: () => Promise<OperatorDependencies> = onceUntilFailure(async () => {
  const cfg = config();
  return { ...(await operatorStores()), sms: smsSenderOf(cfg), alerts: operatorAlerts(cfg) };
});
