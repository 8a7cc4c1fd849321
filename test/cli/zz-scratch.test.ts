import { it } from 'vitest';
import { runCli } from '../helpers/cli.js';
it('scratch', async () => {
  const cmds: [string[], boolean?, Record<string,string>?][] = JSON.parse(process.env.SCRATCH ?? '[]');
  for (const [args, tty, env] of cmds) {
    const r = await runCli(args, { tty, env });
    process.stdout.write(`\n##### ${args.join(' ')}\nCODE ${r.code}\n--- STDOUT\n${r.stdout}\n--- STDERR\n${r.stderr}\n`);
  }
});
