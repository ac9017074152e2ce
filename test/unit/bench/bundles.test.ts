import type { Metafile } from 'esbuild';
import { bytesOnlyThrough } from '../../../bench/bundles';

const input = (bytes: number, ...imports: string[]) => ({
  bytes,
  imports: imports.map((path) => ({ path, kind: 'require-call' as const })),
});

/**
 * The bench's "Tracer" column: the bytes a package alone brings into a bundle, so that a decision on it can be
 * weighed. A module that other code imports too stays out of the count.
 */
describe('bytesOnlyThrough', () => {
  const tracer = 'node_modules/@aws-lambda-powertools/tracer/lib/index.js';
  const xray = 'node_modules/aws-xray-sdk-core/index.js';
  const shared = 'node_modules/@smithy/core/index.js';
  const metafile: Metafile = {
    inputs: {
      'functions/a/handler.ts': input(1, 'functions/a/domain.ts', tracer),
      'functions/a/domain.ts': input(3, shared),
      [tracer]: input(10, xray, shared),
      [xray]: input(20),
      [shared]: input(5),
    },
    outputs: {
      'out/index.js': {
        bytes: 40,
        imports: [],
        exports: [],
        entryPoint: 'functions/a/handler.ts',
        inputs: Object.fromEntries(
          [
            ['functions/a/handler.ts', 1],
            ['functions/a/domain.ts', 3],
            [tracer, 10],
            [xray, 20],
            [shared, 5],
          ].map(([path, bytesInOutput]) => [path, { bytesInOutput: bytesInOutput as number }]),
        ),
      },
    },
  };

  it('counts the package and what only it imports, not what the rest of the code imports too', () => {
    expect(bytesOnlyThrough(metafile, 'functions/a/handler.ts', '@aws-lambda-powertools/tracer')).toBe(30);
  });

  it('is nothing for a package the bundle does not hold', () => {
    expect(bytesOnlyThrough(metafile, 'functions/a/handler.ts', '@peculiar/x509')).toBe(0);
  });
});
