import { bundleAll } from './bundles';
import { measureInit } from './init';
(async () => {
  const b = await bundleAll('/tmp/bench-init');
  const r = await measureInit(b, '/tmp/bench-init', { rounds: Number(process.argv[2] ?? 15), deadline: Date.now() + 240_000 });
  console.log('baseline', r.baseline.medianMs, 'rounds', r.rounds);
  for (const f of r.functions) console.log(f.name, f.medianMs, f.ratio, 'size', b.functions.find(x => x.name === f.name)!.ratio);
})();
