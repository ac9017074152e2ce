import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Guarded } from './account-items';

const maxConflictRetries = 4;

/**
 * Runs one TransactWriteItems: a failed condition becomes its item's domain error (the SDK's as `cause`), a
 * conflict with a concurrent transaction is retried after a short random pause.
 */
export const transact = async (client: DynamoDBDocumentClient, items: readonly Guarded[]): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items.map((g) => g.item) }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const failed = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failed >= 0) {
        const domainError = items[failed]?.onConditionFailed?.();
        if (domainError) throw Object.assign(domainError, { cause: error });
        throw error;
      }
      const conflict = reasons.some((reason) => reason.Code === 'TransactionConflict');
      if (!conflict || attempt > maxConflictRetries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40 * attempt));
    }
  }
};
