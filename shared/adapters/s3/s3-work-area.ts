import type { ImportWorkArea } from '../../use-cases/register-import-steps.ts';
import { type ImportsBucket, workKey } from './imports-bucket.ts';

/**
 * The register import's work area in the imports bucket (issue 16): `work/<importId>/shard-<n>.jsonl`
 * and `work/<importId>/<part>.json`, shared by the state machine's steps, each in its own invocation.
 * A PUT replaces an object whole, so a step that crashes leaves a part either saved or absent.
 */
export class S3WorkArea implements ImportWorkArea {
  constructor(
    private readonly bucket: Pick<ImportsBucket, 'writeFile' | 'read' | 'write' | 'readText'>,
    private readonly importId: string,
  ) {}

  saveShard(shard: number, fromFile: string): Promise<void> {
    return this.bucket.writeFile(workKey(this.importId, `shard-${shard}.jsonl`), fromFile, 'application/x-ndjson');
  }

  async readShard(shard: number): Promise<AsyncIterable<Uint8Array | string>> {
    return (await this.bucket.read(workKey(this.importId, `shard-${shard}.jsonl`))).body;
  }

  savePart(name: string, value: unknown): Promise<void> {
    return this.bucket.write(workKey(this.importId, `${name}.json`), JSON.stringify(value), 'application/json');
  }

  async readPart<T>(name: string): Promise<T | null> {
    const text = await this.bucket.readText(workKey(this.importId, `${name}.json`));
    return text === null ? null : (JSON.parse(text) as T);
  }
}
