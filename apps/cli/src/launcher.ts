/** How the CLI starts itself again in a child process (`import csv --parallel`): entry point and Node flags. */
export interface CliLauncher {
  main: string;
  execArgv: readonly string[];
}

/** The running CLI: `node [flags] dist/apps/cli/src/main.js …`. */
export function thisCli(): CliLauncher {
  return { main: process.argv[1] ?? '', execArgv: process.execArgv };
}
