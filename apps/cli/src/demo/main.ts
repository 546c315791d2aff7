import 'reflect-metadata';
import { loadConfig } from '#platform/config/app-config';
import { exitGracefullyOnSignals } from '#platform/lifecycle/graceful-shutdown';
import { developmentTokenNotice } from '../../../api/src/development-tokens.js';
import type { DemoLink } from './demo-links.js';
import { startDemo } from './demo.js';

const SAMPLE = 'test/fixtures/cfpb/complaints-sample.csv';
const USAGE = 'usage: npm run demo [-- --file <cfpb.csv>] [--exit-after-import]';

/**
 * `npm run demo [-- --file <cfpb.csv>] [--exit-after-import]`. Runs until Ctrl+C (SIGINT/SIGTERM stop
 * it cleanly). `--exit-after-import` stops once the links are checked: exit code 0 when every link
 * answered, 1 otherwise (for CI and for trying a file).
 */
async function main(argv: string[]): Promise<number | undefined> {
  const args = parseArgs(argv);
  if (!args) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  // The API logs every request; in a demo only warnings are worth the screen, unless LOG_LEVEL says otherwise.
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const demo = await startDemo({ config, file: args.file, print, progress: process.stderr });
  print(`\nThe complaint desk is running on ${demo.apiUrl} with ${args.file}. Open:`);
  printLinks(demo.links, print);
  // Every link but docs, health and metrics needs a token (in /docs: Authorize, then paste it).
  const tokens = developmentTokenNotice(demo.auth);
  if (tokens) print(`\n${tokens.trimEnd()}`);
  const allAnswer = demo.links.every((link) => link.ok);
  if (args.exitAfterImport) {
    await demo.close();
    return allAnswer ? 0 : 1;
  }
  print('\nCtrl+C stops everything; the data stays for the next run (the import then finds it there).');
  exitGracefullyOnSignals({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS, log: print, close: demo.close });
  return undefined;
}

function parseArgs(argv: string[]): { file: string; exitAfterImport: boolean } | undefined {
  let file = SAMPLE;
  let exitAfterImport = false;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--exit-after-import') exitAfterImport = true;
    else if (argv[index] === '--file' && argv[index + 1] !== undefined) file = argv[++index]!;
    else return undefined;
  }
  return { file, exitAfterImport };
}

function printLinks(links: DemoLink[], print: (line: string) => void): void {
  const width = Math.max(...links.map((link) => link.label.length));
  for (const link of links) {
    print(`  ${link.label.padEnd(width)}  ${link.url}${link.ok ? '' : '   (did not answer 200)'}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
