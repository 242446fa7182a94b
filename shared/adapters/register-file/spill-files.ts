import {
  appendFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/**
 * Lines spilled to local files, one file per shard (issue 16): what lets the import hold one
 * shard at a time instead of the whole file. On Lambda the directory is /tmp (the function's
 * ephemeral storage); locally the OS temp directory. Writes are buffered per shard and appended
 * in blocks, so memory stays at a few blocks whatever the file's size.
 */
const BLOCK_CHARACTERS = 64 * 1024;

export class SpillFiles {
  private readonly buffers: string[];

  constructor(
    readonly directory: string,
    readonly count: number,
    private readonly stem: string,
  ) {
    mkdirSync(directory, { recursive: true });
    this.buffers = Array.from({ length: count }, () => '');
    // A re-run in the same directory starts its files afresh.
    for (let shard = 0; shard < count; shard += 1) writeFileSync(this.path(shard), '');
  }

  /** A fresh directory under the temp directory, for one step of one import. */
  static scratch(prefix: string): string {
    return mkdtempSync(join(tmpdir(), `${prefix.replace(/\W+/g, '-')}-`));
  }

  path(shard: number): string {
    return join(this.directory, `${this.stem}-${shard}.jsonl`);
  }

  append(shard: number, value: unknown): void {
    this.appendText(shard, `${JSON.stringify(value)}\n`);
  }

  /** Text as it is (the report's sections are stitched from these). */
  appendText(shard: number, text: string): void {
    const buffered = `${this.buffers[shard] ?? ''}${text}`;
    if (buffered.length < BLOCK_CHARACTERS) {
      this.buffers[shard] = buffered;
      return;
    }
    appendFileSync(this.path(shard), buffered);
    this.buffers[shard] = '';
  }

  /** Writes what is buffered; every shard gets a file, empty or not. */
  flush(): void {
    for (let shard = 0; shard < this.count; shard += 1) {
      appendFileSync(this.path(shard), this.buffers[shard] ?? '');
      this.buffers[shard] = '';
    }
  }

  /** The values of one shard, in the order appended. */
  async *read<T>(shard: number): AsyncGenerator<T> {
    if (!existsSync(this.path(shard))) return;
    yield* readJsonLines<T>(createReadStream(this.path(shard)));
  }

  static remove(directory: string): void {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** JSON values, one a line, from a stream of bytes (a spill file or a shard object). */
export async function* readJsonLines<T>(source: AsyncIterable<Uint8Array | string>): AsyncGenerator<T> {
  const lines = createInterface({ input: toStream(source), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) if (line) yield JSON.parse(line) as T;
}

function toStream(source: AsyncIterable<Uint8Array | string>): NodeJS.ReadableStream {
  return source instanceof Readable ? source : Readable.from(source);
}

/** Writes `head`, each section (its prefix, its file), then `tail`, streaming the section files. */
export async function stitchFiles(
  path: string,
  head: string,
  sections: Array<{ before: string; path: string }>,
  tail: string,
  closeEach = '',
): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) =>
    out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(head);
  for (const section of sections) {
    await write(section.before);
    for await (const chunk of createReadStream(section.path)) await write(String(chunk));
    if (closeEach) await write(closeEach);
  }
  out.end(tail);
  await finished(out);
}

/** A whole JSON file, parsed. */
export function readJsonFile<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
