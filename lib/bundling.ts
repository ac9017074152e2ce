/**
 * How every Lambda function is bundled: esbuild, all in one CommonJS file (the AWS SDK included, at the version
 * the lockfile pins), minified, with an external source map, for Node.js 20 and later: the functions run on
 * Node.js 24, and the bench and the bundle tests (bench/bundles.ts) load the same files on this machine's
 * Node.js 20. PortalFunction deploys with it; the bench and the bundle tests build with it too, so they measure
 * and run what is deployed.
 *
 * The choices here are for cold starts (measured with `npm run bench`, README "Performance"):
 * - `mainFields: ['module', 'main']`: packages that ship ES modules (the AWS SDK, @peculiar/x509) are bundled from
 *   them, so esbuild leaves out what the functions never import: about 200 KiB less in every function.
 * - `sourcesContent: false`: the source map holds the mappings, not a copy of every source file (`cabinet`'s map
 *   3.5 MB → 1.1 MB). Node reads the whole map when a function loads (`--enable-source-maps`, for readable stack
 *   traces); stack traces need only the mappings.
 * - `charset: 'utf8'`: the Kyrgyz and Russian texts (messages, SMS, problems) stay UTF-8 instead of `\uXXXX`
 *   escapes, which took six bytes a Cyrillic letter where UTF-8 takes two: about 20 KiB less in every function
 *   with texts.
 * - `alias`: the SDK's default credential chain (`@aws-sdk/credential-provider-node`) replaced by its first link,
 *   the environment, where Lambda puts the function role's credentials (functions/adapters/lambda-credentials.ts):
 *   133 KiB and about 22 ms less in every cold start. A path relative to the repository root, where esbuild runs.
 */
export const lambdaBundling = {
  target: 'node20',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  charset: 'utf8',
  mainFields: ['module', 'main'] as readonly string[],
  externalModules: [] as readonly string[],
  alias: {
    '@aws-sdk/credential-provider-node': './functions/adapters/lambda-credentials.ts',
  } as Readonly<Record<string, string>>,
} as const;
