import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir } from './paths.ts';

/**
 * Where the running local stack listens, so `npm run schedule` and `npm run token` find it on
 * whatever ports `npm start` used (PORT, DYNAMODB_PORT, SES_PORT, EVENTS_PORT, S3_PORT). `npm start` writes
 * .cache/local-stack.json when it is up and removes it when it stops; the tools read it. A variable
 * set for the tool itself wins over the file (to reach a stack started elsewhere); a file left by a
 * stack that is no longer running (its process is gone) is ignored. LOCAL_STACK_FILE moves the file
 * (the tests use their own).
 */
export interface StackPorts {
  api: number;
  dynamodb: number;
  ses: number;
  events: number;
  s3: number;
}

const VARIABLES: Record<keyof StackPorts, string> = {
  api: 'PORT',
  dynamodb: 'DYNAMODB_PORT',
  ses: 'SES_PORT',
  events: 'EVENTS_PORT',
  s3: 'S3_PORT',
};
export const DEFAULT_PORTS: StackPorts = { api: 3000, dynamodb: 8000, ses: 8005, events: 8010, s3: 8015 };

export const stackFile = (source: NodeJS.ProcessEnv = process.env) =>
  source.LOCAL_STACK_FILE ?? join(cacheDir, 'local-stack.json');

const isPort = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 65_536;

const alive = (pid: unknown) => {
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The ports `npm start` asked for: its variables, else the defaults. */
export function requestedPorts(source: NodeJS.ProcessEnv = process.env): StackPorts {
  const port = (name: keyof StackPorts) => Number(source[VARIABLES[name]] ?? DEFAULT_PORTS[name]);
  return { api: port('api'), dynamodb: port('dynamodb'), ses: port('ses'), events: port('events'), s3: port('s3') };
}

/** Called by `npm start` once everything listens; the returned function removes the file. */
export function recordRunningStack(ports: StackPorts, source: NodeJS.ProcessEnv = process.env): () => void {
  const file = stackFile(source);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString(), ports }, null, 2)}\n`);
  return () => rmSync(file, { force: true });
}

/** Where a tool should look for the running stack, and why (printed when it cannot reach it). */
export function runningStackPorts(source: NodeJS.ProcessEnv = process.env): { ports: StackPorts; from: string } {
  let recorded: Partial<StackPorts> = {};
  let fileUsed = false;
  try {
    const parsed = JSON.parse(readFileSync(stackFile(source), 'utf8')) as {
      pid?: unknown;
      ports?: Partial<StackPorts>;
    };
    if (alive(parsed.pid) && parsed.ports) {
      recorded = parsed.ports;
      fileUsed = true;
    }
  } catch {
    // no file, or not ours: the defaults
  }
  const ports = { ...DEFAULT_PORTS };
  const variablesUsed: string[] = [];
  for (const name of Object.keys(VARIABLES) as (keyof StackPorts)[]) {
    const fromFile = recorded[name];
    if (isPort(fromFile)) ports[name] = fromFile;
    const variable = source[VARIABLES[name]];
    if (variable !== undefined && isPort(Number(variable))) {
      ports[name] = Number(variable);
      variablesUsed.push(VARIABLES[name]);
    }
  }
  const sources = [...variablesUsed, ...(fileUsed ? [stackFile(source)] : [])];
  return { ports, from: sources.length > 0 ? sources.join(', ') : 'the default ports: no running npm start recorded' };
}
