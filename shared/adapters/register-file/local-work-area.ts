import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { ImportWorkArea } from '../../use-cases/register-import-steps.ts';

/**
 * The register import's work area in a local directory (issue 16): `npm run import`, the tests
 * and the bench keep the shards and the parts here, as the import function keeps them in S3.
 */
export class LocalWorkArea implements ImportWorkArea {
  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private file(name: string) {
    return join(this.directory, name);
  }

  async saveShard(shard: number, fromFile: string): Promise<void> {
    // Copied then renamed: a shard file is either whole or absent.
    const target = this.file(`shard-${shard}.jsonl`);
    copyFileSync(fromFile, `${target}.partial`);
    renameSync(`${target}.partial`, target);
  }

  async readShard(shard: number): Promise<AsyncIterable<Uint8Array | string>> {
    return createReadStream(this.file(`shard-${shard}.jsonl`));
  }

  async savePart(name: string, value: unknown): Promise<void> {
    const target = this.file(`${name}.json`);
    writeFileSync(`${target}.partial`, JSON.stringify(value));
    renameSync(`${target}.partial`, target);
  }

  async readPart<T>(name: string): Promise<T | null> {
    const path = this.file(`${name}.json`);
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : null;
  }
}
