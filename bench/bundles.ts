import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { lambdaBundling } from '../lib/bundling';
import { ratio } from './stats';

/** The repository root (bench/ sits in it). */
export const repoRoot = join(__dirname, '..');

export interface LambdaEntry {
  /** `cabinet`, `operators/commands`, `baseline`: the entry's path under functions/ without `/handler.ts`. */
  readonly name: string;
  readonly entry: string;
}

export interface Bundle extends LambdaEntry {
  readonly outfile: string;
  readonly bytes: number;
  readonly ratio: number;
  /** The packages that weigh most in the bundle (bytes of minified output), for finding what to trim. */
  readonly heaviest: readonly { readonly name: string; readonly bytes: number }[];
}

/** Folders of functions/ that hold libraries and composition roots, not Lambda entry points. */
const libraryFolders = new Set(['adapters', 'commons', 'domain', 'wiring']);
/** Modules beside the entry points that exist to be imported by them. */
const helperModules = new Set(['schemas.ts', 'dependencies.ts']);

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

/**
 * Every Lambda entry point under functions/: each route group's `handler.ts` (as api-stack.ts deploys them) and
 * the other modules outside the library folders (the operators' functions: commands.ts, jobs.ts), which the
 * operations stack deploys with one or more handlers each.
 */
export const lambdaEntries = (root = repoRoot): LambdaEntry[] => {
  const functionsDir = join(root, 'functions');
  return (
    walk(functionsDir)
      .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
      .filter((path) => !libraryFolders.has(relative(functionsDir, path).split('/')[0]!))
      // A folder with a handler.ts is one route group (its other modules serve the handler); other folders hold
      // one function per module.
      .filter((path) =>
        existsSync(join(dirname(path), 'handler.ts'))
          ? basename(path) === 'handler.ts'
          : !helperModules.has(basename(path)),
      )
      .map((entry) => ({ name: relative(functionsDir, entry).replace(/(\/handler)?\.ts$/, ''), entry }))
      .sort((a, b) => a.name.localeCompare(b.name))
  );
};

export const baselineEntry: LambdaEntry = {
  name: 'baseline',
  entry: join(__dirname, 'baseline', 'handler.ts'),
};

const packageOf = (input: string): string => {
  const parts = input.split('node_modules/').at(-1)!.split('/');
  if (!input.includes('node_modules/')) return '(portal code)';
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};

/**
 * Bundles one entry as PortalFunction does (lib/bundling.ts), keeping esbuild's metafile to weigh packages;
 * `alias: {}` leaves the AWS SDK whole, as it ships.
 */
const bundleOne = async (
  entry: LambdaEntry,
  outDir: string,
  alias: Readonly<Record<string, string>> = lambdaBundling.alias,
): Promise<Omit<Bundle, 'ratio'>> => {
  const outfile = join(outDir, entry.name.replaceAll('/', '-'), 'index.js');
  const result = await build({
    entryPoints: [entry.entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: lambdaBundling.target,
    minify: lambdaBundling.minify,
    sourcemap: lambdaBundling.sourceMap,
    sourcesContent: lambdaBundling.sourcesContent,
    charset: lambdaBundling.charset,
    mainFields: [...lambdaBundling.mainFields],
    external: [...lambdaBundling.externalModules],
    alias: { ...alias },
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined)!;
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    byPackage.set(packageOf(input), (byPackage.get(packageOf(input)) ?? 0) + bytesInOutput);
  }
  const heaviest = [...byPackage.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);
  return { ...entry, outfile, bytes: statSync(outfile).size, heaviest };
};

/**
 * Bundles the baseline and every function; each function's ratio is its size over the baseline's.
 *
 * The baseline is the goals' reference (issue 20): the bare handler with the AWS SDK as it ships, its default
 * credential chain included. What the functions leave out of the SDK (lib/bundling.ts's alias, document links
 * signed without the S3 client) counts in their favour, as any leaner code of theirs does. So that the ratios
 * can be read both ways, `bareAsFunctions` is the same handler bundled as the functions are: the floor that
 * every function now stands on.
 */
export const bundleAll = async (
  outDir: string,
): Promise<{ baseline: Bundle; bareAsFunctions: Bundle; functions: Bundle[]; ratioMax: number }> => {
  const [baseline, bareAsFunctions, ...functions] = await Promise.all([
    bundleOne(baselineEntry, outDir, {}),
    bundleOne({ ...baselineEntry, name: 'baseline-as-functions' }, outDir),
    ...lambdaEntries().map((entry) => bundleOne(entry, outDir)),
  ]);
  const withRatio = (bundle: Omit<Bundle, 'ratio'>): Bundle => ({
    ...bundle,
    ratio: ratio(bundle.bytes, baseline!.bytes),
  });
  const withRatios = functions.map(withRatio);
  return {
    baseline: { ...baseline!, ratio: 1 },
    bareAsFunctions: withRatio(bareAsFunctions!),
    functions: withRatios,
    ratioMax: Math.max(...withRatios.map((f) => f.ratio)),
  };
};
