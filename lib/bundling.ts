/**
 * How every Lambda function is bundled: esbuild, all in one CommonJS file (the AWS SDK included, at the version
 * the lockfile pins), minified, for Node.js 22, with an external source map. PortalFunction deploys with it; the
 * bench and the bundle tests (bench/bundles.ts) build with it too, so they measure and run what is deployed.
 */
export const lambdaBundling = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  externalModules: [] as readonly string[],
} as const;
