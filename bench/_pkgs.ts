import { build } from 'esbuild';
import { lambdaEntries } from './bundles';
(async () => {
  const e = lambdaEntries().find(x => x.name === (process.argv[2] ?? 'cabinet'))!;
  const r = await build({ entryPoints: [e.entry], bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: true, metafile: true, write: false, logLevel: 'silent' });
  const out = Object.values(r.metafile.outputs)[0]!;
  const m = new Map<string, number>();
  for (const [i, { bytesInOutput }] of Object.entries(out.inputs)) {
    if (!i.includes('node_modules/')) continue;
    const k = i.replace(/\/(lib|dist|dist-cjs|build)\/.*$/, '');
    m.set(k, (m.get(k) ?? 0) + bytesInOutput);
  }
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40))) console.log(Math.round(v / 1024), k);
})();
