import type { OperatorDependencies } from '../../../functions/domain/operators/dependencies';
import { defaultOperatorSettings } from '../../../functions/domain/operators/dependencies';
import { executeCommand } from '../../../functions/domain/operators/execute-command';
import { parseOperatorEvent, operatorEventSource } from '../../../functions/domain/operators/commands';
import type { OperatorStore } from '../../../functions/domain/operators/store';
import { smsText } from '../../../functions/domain/sms-texts';
import { inMemoryAccountDependencies, type InMemoryDependencies } from '../../support/fakes';
import { loggedIn, storedAccount, type LoggedIn } from '../domain/accounts/applicants';

/** An operator's DeleteAccount as EventBridge delivers it, validated as the handler does. */
const deleteAccount = (deps: InMemoryDependencies, phone: string, id = 'event-delete-0001') =>
  parseOperatorEvent(
    {
      id,
      source: operatorEventSource,
      'detail-type': 'DeleteAccount',
      time: deps.clock.now().toISOString(),
      detail: { phone, operatorId: 'op.aibek', reason: 'Asked at the SRS office' },
    },
    deps.clock.now(),
  );

/**
 * 2.2: an operator's deletion is told to the applicant by a notice SMS, as a block and an unblock are. The
 * account rules run on the in-memory fakes; of the operators' store, a deletion reads only whether its event was
 * applied before.
 */
describe('DeleteAccount: the notice SMS (2.2)', () => {
  let deps: InMemoryDependencies;
  let operators: OperatorDependencies;
  let applicant: LoggedIn;
  let applied: Set<string>;

  beforeEach(async () => {
    deps = inMemoryAccountDependencies();
    applicant = await loggedIn(deps);
    applied = new Set();
    const store: Pick<OperatorStore, 'isEventApplied'> = {
      isEventApplied: async (eventId) => applied.has(eventId),
    };
    operators = {
      ...deps,
      operators: store as OperatorStore,
      settings: defaultOperatorSettings,
      networkData: { destroyKeysBefore: async () => [] },
    };
  });

  it('tells the phone of the deletion in the language of the consent, with no secret, and says it did', async () => {
    const outcome = await executeCommand(operators, deleteAccount(deps, applicant.phone));

    expect(outcome.effect).toMatchObject({ status: 'deleted', notice: 'sent' });
    expect(deps.sms.to(applicant.phone).at(-1)).toEqual({
      phone: applicant.phone,
      purpose: 'notice',
      text: smsText('account_deleted_notice', 'ru'),
    });
  });

  it('deletes the account even when the provider refuses the notice, and says it was not sent', async () => {
    deps.sms.failing = true;

    const outcome = await executeCommand(operators, deleteAccount(deps, applicant.phone));

    expect(outcome.effect).toMatchObject({ status: 'deleted', notice: 'not_sent' });
    expect((await storedAccount(deps, applicant.accountId)).status).toBe('deleted');
    expect(deps.metrics.total('SmsFailed', { purpose: 'notice' })).toBe(1);
  });

  it('sends nothing again for a redelivered event', async () => {
    const command = deleteAccount(deps, applicant.phone);
    await executeCommand(operators, command);
    applied.add(command.eventId);
    const sent = deps.sms.sent.length;

    const again = await executeCommand(operators, command);

    expect(again.outcome).toBe('already_applied');
    expect(deps.sms.sent.length).toBe(sent);
  });
});
