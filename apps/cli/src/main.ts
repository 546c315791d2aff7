import 'reflect-metadata';
import { CliContext } from './cli-context.js';
import { type CliCommand, UsageError } from './command.js';
import { commands } from './commands/index.js';

/** `npm run cli -- <command> [arguments]`: the operator's tool. */
async function main(argv: string[]): Promise<number> {
  const match = findCommand(argv);
  if (!match) {
    process.stderr.write(helpText());
    return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' ? 0 : 2;
  }
  const context = new CliContext();
  try {
    return await match.command.run(argv.slice(match.words), context);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: ${match.command.usage}\n`);
      return 2;
    }
    throw error;
  } finally {
    await context.close();
  }
}

/** The longest command name that prefixes the arguments wins (`projections rebuild` over `projections`). */
function findCommand(argv: string[]): { command: CliCommand; words: number } | undefined {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((word, index) => argv[index] === word)) return { command, words: words.length };
  }
  return undefined;
}

function helpText(): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  const lines = commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`);
  return `usage: npm run cli -- <command>\n\ncommands:\n${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
