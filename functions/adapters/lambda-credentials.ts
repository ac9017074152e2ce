import { fromEnv, type FromEnvInit } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * The AWS SDK's default credential provider as the bundled functions have it (lib/bundling.ts puts this module in
 * place of `@aws-sdk/credential-provider-node`): the function role's credentials, which Lambda puts in the
 * environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`) for as long as the execution
 * environment lives. The environment is where the SDK's full chain looks first, and in Lambda it always answers;
 * the rest of that chain (profiles, SSO, web identity, container and instance metadata, with the STS, SSO and
 * sign-in clients they use) is 133 KiB that every cold start would read, compile and map for nothing.
 *
 * Without credentials in the environment every AWS call fails at once with the SDK's CredentialsProviderError
 * ("Unable to find environment variable credentials"), not with a wrong identity. The local server, the admin CLI
 * and the tests run the sources, with the SDK's full chain.
 */
export const defaultProvider = (init?: FromEnvInit): AwsCredentialIdentityProvider => fromEnv(init);
