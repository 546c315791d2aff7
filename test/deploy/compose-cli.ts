import { execFile } from 'node:child_process';
import { parse } from 'yaml';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program without a shell; never rejects, the exit code is part of the result. */
export function run(
  program: string,
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<CommandResult> {
  const options = { env: { ...process.env, ...env }, cwd, maxBuffer: 16 * 1024 * 1024 };
  return new Promise((resolve) => {
    execFile(program, args, options, (error, stdout, stderr) => {
      // A program that is not installed has a string code (ENOENT): report it as the shell would, 127.
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

/**
 * The compose implementation on this machine: the Docker CLI plugin (`docker compose`) or the
 * standalone `docker-compose`. Neither is a failure, not a skip: the compose file must be checked.
 */
export async function findCompose(): Promise<string[]> {
  if ((await run('docker', ['compose', 'version'])).code === 0) return ['docker', 'compose'];
  if ((await run('docker-compose', ['version'])).code === 0) return ['docker-compose'];
  throw new Error(
    'Neither `docker compose` nor `docker-compose` is installed, so docker-compose.yml cannot be validated. ' +
      'Install one (Debian: apt-get install --no-install-recommends docker-compose; .ci/run does this).',
  );
}

export interface ComposeRun {
  file: string;
  profiles?: string[];
  env?: Record<string, string>;
}

/** `<compose> -f <file> [--profile p] <args>` with the variables a user would export. */
export function compose(command: string[], options: ComposeRun, args: string[]): Promise<CommandResult> {
  const profiles = (options.profiles ?? []).flatMap((profile) => ['--profile', profile]);
  const [program, ...prefix] = command;
  return run(program!, [...prefix, '-f', options.file, ...profiles, ...args], options.env);
}

export interface ResolvedService {
  image?: string;
  build?: { context: string; dockerfile?: string } | string;
  command?: string[] | string;
  environment?: Record<string, string | number | null>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] | string };
  profiles?: string[];
  ports?: unknown[];
  user?: string;
}

/** The file as compose resolves it (variables substituted, anchors merged), parsed. */
export async function resolvedConfig(
  command: string[],
  options: ComposeRun,
): Promise<{ services: Record<string, ResolvedService> }> {
  const result = await compose(command, options, ['config']);
  if (result.code !== 0) throw new Error(`compose config failed (${result.code}): ${result.stderr}`);
  return parse(result.stdout) as { services: Record<string, ResolvedService> };
}
