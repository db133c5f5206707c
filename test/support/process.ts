import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export interface RunningService {
  child: ChildProcess;
  httpUrl: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real entry point (`library-one start`) as `npm start` does. */
export function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', PORT: '0', SIP2_PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export async function startService(
  env: Record<string, string>,
  args = ['start', '--demo'],
): Promise<RunningService> {
  const child = spawnCli(args, env);
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      // The banner ends with this line; chunks of a pipe may split it anywhere before.
      if (!output.includes('Press Ctrl+C to stop.')) return;
      const match = /Web and API:\s+(http:\/\/[^/\s]+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${output}`)));
  });
  return {
    child,
    httpUrl,
    output: () => output,
    async stop(signal = 'SIGINT') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code, killedBy] = await once(child, 'exit');
      if (code === null)
        throw new Error(`service died of ${killedBy} instead of stopping: ${output}`);
      return code as number;
    },
  };
}

export async function runToExit(args: string[], env: Record<string, string>) {
  const child = spawnCli(args, env);
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number | null, output };
}
