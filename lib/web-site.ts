import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The applicants' page: web/ as the browser gets it, built the same way for `npm start` and the CDK app. */
export const webDirectory = join(__dirname, '..', 'web');

export interface SiteFile {
  readonly body: Buffer;
  readonly contentType: string;
}

const copied: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

/**
 * Builds the site in memory: the static files as they are and web/src/main.ts bundled by esbuild into one
 * minified ES module, `app.js` (no inline script anywhere: the content security policy allows 'self' only).
 */
export const buildWebSite = (): ReadonlyMap<string, SiteFile> => {
  const bundle = buildSync({
    entryPoints: [join(webDirectory, 'src', 'main.ts')],
    bundle: true,
    format: 'esm',
    target: ['es2022'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    write: false,
    outfile: 'app.js',
    logLevel: 'silent',
  });
  const site = new Map<string, SiteFile>(
    Object.entries(copied).map(([name, contentType]) => [
      name,
      { body: readFileSync(join(webDirectory, name)), contentType },
    ]),
  );
  site.set('app.js', {
    body: Buffer.from(bundle.outputFiles[0]!.contents),
    contentType: 'text/javascript; charset=utf-8',
  });
  return site;
};

/** Writes the built site into a directory (the CDK asset that BucketDeployment uploads). */
export const writeWebSite = (directory: string): void => {
  mkdirSync(directory, { recursive: true });
  for (const [name, file] of buildWebSite()) writeFileSync(join(directory, name), file.body);
};
