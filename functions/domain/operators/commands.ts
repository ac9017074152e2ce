import * as z from 'zod/mini';
import { phoneSchema } from '../identity';
import { deadlineInstant } from './bishkek-time';
import { InvalidCommand } from './errors';

/** The `source` of every operator command on the operations bus (DESIGN: Operator functions). */
export const operatorEventSource = 'kg.srs.portal.operator';

/** The commands, by their events' `detail-type`. */
export const commandNames = [
  'BlockAccount',
  'UnblockAccount',
  'DeleteAccount',
  'RequestVerification',
  'ResolveVerification',
  'ResolveAccessReport',
] as const;
export type CommandName = (typeof commandNames)[number];

/** The admin CLI names a command in kebab case: `BlockAccount` → `block-account`. */
export const cliNameOf = (name: CommandName): string => name.replace(/(?<!^)([A-Z])/g, '-$1').toLowerCase();

export const commandNamed = (cliName: string): CommandName | undefined =>
  commandNames.find((name) => cliNameOf(name) === cliName);

const opaqueId = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/));

/** Who acts and why: every operator action lands in the account's audit log with both (2.6). */
export const actorShape = {
  operatorId: z.string().check(z.trim(), z.regex(/^[A-Za-z0-9._@-]{2,64}$/)),
  reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(500)),
};

/** The account a command is about: its phone (the login, 2.5) or its id, exactly one of them. */
export const targetShape = {
  phone: z.optional(phoneSchema),
  accountId: z.optional(opaqueId),
};

export const exactlyOneTarget = (
  detail: { phone?: unknown; accountId?: unknown },
  ctx: z.core.$RefinementCtx,
): void => {
  if ((detail.phone === undefined) === (detail.accountId === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['phone'],
      message: 'target_required',
      params: { code: 'target_required' },
    });
};

const detailOf = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z
    .strictObject({ ...actorShape, ...targetShape, ...shape })
    .check(
      z.superRefine((detail, ctx) =>
        exactlyOneTarget(detail as { phone?: unknown; accountId?: unknown }, ctx),
      ),
    );

/** 2.3: the deadline as an ISO date (the end of that day in Bishkek) or an ISO date-time with offset. */
const deadlineSchema = z.pipe(
  z.union([z.iso.date(), z.iso.datetime({ offset: true })]),
  z.transform(deadlineInstant),
);

/** The `detail` of each command, validated and normalized (phone in E.164, deadline in UTC). */
export const commandDetailSchemas = {
  BlockAccount: detailOf({}),
  UnblockAccount: detailOf({}),
  DeleteAccount: detailOf({}),
  RequestVerification: detailOf({ deadline: deadlineSchema }),
  ResolveVerification: detailOf({ outcome: z.enum(['confirmed', 'mismatch']) }),
  ResolveAccessReport: detailOf({ reportId: opaqueId }),
} as const satisfies Record<CommandName, z.ZodMiniType>;

export type CommandDetail<N extends CommandName> = z.output<(typeof commandDetailSchemas)[N]>;

/** A validated command: what to do, to whom, and the event it came in (its id makes it idempotent). */
export type OperatorCommand = {
  [N in CommandName]: {
    readonly name: N;
    readonly eventId: string;
    /**
     * When the portal received the event, by its own clock: the command's time in the audit log and in the
     * account (2.6). A sender's clock, wrong or forged, cannot move an entry into the past.
     */
    readonly receivedAt: string;
    /** The event's own `time`, set by its sender, normalized to UTC: kept beside the entry, never used to order. */
    readonly eventTime: string;
    readonly detail: CommandDetail<N>;
  };
}[CommandName];

/** The EventBridge envelope of a command; other envelope fields (account, region, resources) are ignored. */
const envelopeSchema = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9-]{8,128}$/)),
  source: z.literal(operatorEventSource),
  'detail-type': z.enum(commandNames),
  time: z.iso.datetime({ offset: true }),
  detail: z.unknown(),
});

const fieldProblems = (error: z.core.$ZodError, prefix: string) =>
  error.issues.map((issue) => {
    const code: unknown = issue.code === 'custom' ? issue.params?.code : undefined;
    return {
      field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
      code: typeof code === 'string' ? code : issue.code,
    };
  });

/**
 * Validates an operator event received at `receivedAt`: the envelope (source, command, id, time), then the
 * command's detail.
 *
 * @throws InvalidCommand naming each field that is wrong (`detail.reason`, `detail-type`, …)
 */
export const parseOperatorEvent = (event: unknown, receivedAt: Date): OperatorCommand => {
  const envelope = envelopeSchema.safeParse(event);
  if (!envelope.success) throw new InvalidCommand(fieldProblems(envelope.error, ''));
  const name = envelope.data['detail-type'];
  const detail = commandDetailSchemas[name].safeParse(envelope.data.detail);
  if (!detail.success) throw new InvalidCommand(fieldProblems(detail.error, 'detail'));
  return {
    name,
    eventId: envelope.data.id,
    receivedAt: receivedAt.toISOString(),
    eventTime: new Date(envelope.data.time).toISOString(),
    detail: detail.data,
  } as OperatorCommand;
};
