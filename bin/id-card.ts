/** `npm run id-card -- <command>`: the development CA and virtual ID card (see `lib/local/virtual-card/cli.ts`). */
import { runIdCardCli } from '../lib/local/virtual-card/cli';

void runIdCardCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then((code) => {
  process.exitCode = code;
});
