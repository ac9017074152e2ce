import { describeAccountStoreContract } from '../../../support/fakes/account-store-contract';
import { InMemoryAccountStore, InMemoryConsentRepository, InMemoryTable } from '../../../support/fakes';

/** The fake the domain's unit tests run on keeps the contract DynamoDbAccountStore keeps against DynamoDB Local. */
describeAccountStoreContract('InMemoryAccountStore', async () => {
  const table = new InMemoryTable();
  return { store: new InMemoryAccountStore(table), consents: new InMemoryConsentRepository(table) };
});
