import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * The layers point one way (docs/architecture.md). Lint (import-x/no-cycle) sees value imports only; this test
 * reads every import, `import type` included, so that no two modules lean on each other even for a type.
 */
const root = join(__dirname, '../../..');
const sourceFolders = ['bin', 'contract', 'functions', 'lib', 'web/src'];

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(root, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });

const importPattern = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.{1,2}\/[^']+)'/g;

const resolveImport = (from: string, specifier: string): string | undefined => {
  const base = normalize(join(dirname(from), specifier));
  return [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(join(root, candidate)));
};

const graph = new Map<string, string[]>(
  sourceFolders.flatMap(sourceFiles).map((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(importPattern)].flatMap(([, specifier]) => {
      const target = resolveImport(file, specifier!);
      return target ? [target] : [];
    });
    return [file, targets];
  }),
);

/** The cycles of the graph, each as the path that closes it (depth-first, every module visited once). */
const findCycles = (): string[][] => {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file]);
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
};

const importsOf = (folder: string) =>
  [...graph.entries()]
    .filter(([file]) => file.startsWith(`${folder}/`))
    .flatMap(([file, targets]) => targets.map((target) => `${file} → ${relative(root, join(root, target))}`));

describe('The import graph', () => {
  it('has no cycle, type-only imports included', () => {
    expect(findCycles()).toEqual([]);
  });

  it('keeps the functions off the CDK side: nothing in functions/ or contract/ imports lib/ or bin/', () => {
    const crossings = [...importsOf('functions'), ...importsOf('contract')].filter((edge) =>
      /→ (lib|bin)\//.test(edge),
    );
    expect(crossings).toEqual([]);
  });

  it('keeps the domain free of adapters, wiring, HTTP and the contract', () => {
    const crossings = importsOf('functions/domain').filter(
      (edge) => !/→ functions\/(domain\/|commons\/(i18n|log-events)\.ts$)/.test(edge),
    );
    expect(crossings).toEqual([]);
  });
});
