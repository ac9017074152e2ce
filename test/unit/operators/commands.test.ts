import {
  cliNameOf,
  commandNamed,
  commandNames,
  operatorEventSource,
  parseOperatorEvent,
} from '../../../functions/domain/operators/commands';
import { InvalidCommand } from '../../../functions/domain/operators/errors';

const event = (detailType: string, detail: Record<string, unknown>) => ({
  version: '0',
  id: '7c4d0a2e-5b1f-4f7e-9f61-0d3b2a9c8e11',
  'detail-type': detailType,
  source: operatorEventSource,
  account: '111122223333',
  time: '2026-11-25T10:00:00Z',
  region: 'eu-central-1',
  resources: [],
  detail,
});
const actor = { operatorId: 'op.aibek', reason: 'Documents do not match' };
const receivedAt = new Date('2026-11-25T10:00:02.500Z');

describe('Function: parseOperatorEvent', () => {
  it("normalizes the phone to E.164 and the event's time to UTC, and keeps the portal's receive time (2.6)", () => {
    // Act
    const command = parseOperatorEvent(
      event('BlockAccount', { ...actor, phone: '0700 123 456' }),
      receivedAt,
    );

    // Assess
    expect(command).toEqual({
      name: 'BlockAccount',
      eventId: '7c4d0a2e-5b1f-4f7e-9f61-0d3b2a9c8e11',
      receivedAt: receivedAt.toISOString(),
      eventTime: '2026-11-25T10:00:00.000Z',
      detail: { ...actor, phone: '+996700123456' },
    });
  });

  it.each([
    ['a date: the end of that day in Bishkek (2.3)', '2026-12-01', '2026-12-01T17:59:59.999Z'],
    ['a date-time with offset', '2026-12-01T09:00:00+06:00', '2026-12-01T03:00:00.000Z'],
    ['a UTC date-time', '2026-12-01T03:00:00Z', '2026-12-01T03:00:00.000Z'],
  ])('takes a verification deadline as %s', (_name, deadline, expected) => {
    const command = parseOperatorEvent(
      event('RequestVerification', { ...actor, accountId: 'acc-12345678', deadline }),
      receivedAt,
    );
    expect(command.detail).toMatchObject({ deadline: expected });
  });

  it.each([
    [
      'a date-time without offset',
      { deadline: '2026-12-01T09:00:00' },
      'RequestVerification',
      'detail.deadline',
    ],
    ['an unknown outcome', { outcome: 'maybe' }, 'ResolveVerification', 'detail.outcome'],
    ['a report id with a slash', { reportId: 'rep/12345678' }, 'ResolveAccessReport', 'detail.reportId'],
    ['a reason of two letters', { reason: 'no' }, 'UnblockAccount', 'detail.reason'],
  ])('refuses %s', (_name, change, command, field) => {
    const parse = () =>
      parseOperatorEvent(event(command, { ...actor, accountId: 'acc-12345678', ...change }), receivedAt);
    expect(parse).toThrow(InvalidCommand);
    expect(parse).toThrow(
      expect.objectContaining({ fields: expect.arrayContaining([expect.objectContaining({ field })]) }),
    );
  });

  it('refuses an event without an id or time, naming the envelope fields', () => {
    const {
      id: _id,
      time: _time,
      ...envelope
    } = event('BlockAccount', { ...actor, accountId: 'acc-12345678' });
    expect(() => parseOperatorEvent(envelope, receivedAt)).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'id' }),
          expect.objectContaining({ field: 'time' }),
        ]),
      }),
    );
  });

  it('refuses what is not an event at all', () => {
    expect(() => parseOperatorEvent(undefined, receivedAt)).toThrow(InvalidCommand);
    expect(() => parseOperatorEvent('BlockAccount', receivedAt)).toThrow(InvalidCommand);
  });
});

describe('Function: cliNameOf', () => {
  it('names every command in kebab case, as the admin CLI takes it, and back', () => {
    expect(commandNames.map(cliNameOf)).toEqual([
      'block-account',
      'unblock-account',
      'delete-account',
      'request-verification',
      'resolve-verification',
      'resolve-access-report',
    ]);
    for (const name of commandNames) expect(commandNamed(cliNameOf(name))).toBe(name);
    expect(commandNamed('BlockAccount')).toBeUndefined();
  });
});
