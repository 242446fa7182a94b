import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/**
 * The register import's bucket (issue 16): `uploads/<importId>/<file>` from admins (presigned PUT),
 * `reports/<importId>.json|csv` from the import function, and its shards and parts under
 * `work/<importId>/` while it runs (the bucket's 30-day expiry removes them). Locally the SDK reads
 * AWS_ENDPOINT_URL_S3 (the local S3 server), which wants path-style addresses.
 */
const local = Boolean(process.env.AWS_ENDPOINT_URL_S3);
// A streamed PUT (a shard, a report) is sent aws-chunked with a trailing checksum by default; the
// local S3 server stores the chunk framing as if it were the object, so locally checksums are sent
// only where S3 requires them. S3 itself takes both.
const s3 = new S3Client({
  forcePathStyle: local,
  ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const } : {}),
});

/** How long an upload or report link works. */
export const LINK_SECONDS = 15 * 60;

export const uploadKey = (importId: string, fileName: string) =>
  `uploads/${importId}/${fileName.replace(/[^\w.-]+/g, '-')}`;
export const reportKey = (importId: string, format: 'json' | 'csv') => `reports/${importId}.${format}`;
export const workKey = (importId: string, name: string) => `work/${importId}/${name}`;
/** The import an upload belongs to, from its key; null for keys that are not uploads. */
export const importIdOf = (key: string): string | null => /^uploads\/([0-9A-HJKMNP-TV-Z]{26})\//.exec(key)?.[1] ?? null;

export class ImportsBucket {
  constructor(private readonly bucket: string) {}

  uploadUrl(key: string): Promise<string> {
    return getSignedUrl(s3, new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentType: 'text/csv' }), {
      expiresIn: LINK_SECONDS,
    });
  }

  downloadUrl(key: string): Promise<string> {
    return getSignedUrl(s3, new GetObjectCommand({ Bucket: this.bucket, Key: key }), { expiresIn: LINK_SECONDS });
  }

  /** The object as a stream of bytes: the import never holds the whole file. */
  async read(key: string): Promise<{ body: AsyncIterable<Uint8Array>; bytes: number }> {
    const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    if (!object.Body) throw new Error('the uploaded object has no body');
    return { body: object.Body as Readable, bytes: object.ContentLength ?? 0 };
  }

  async write(key: string, body: string, contentType: string): Promise<void> {
    await s3.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ContentType: contentType }));
  }

  /** A local file (a shard, a report) streamed up: never read whole into memory. */
  async writeFile(key: string, path: string, contentType: string): Promise<void> {
    await s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(path),
        ContentLength: statSync(path).size,
        ContentType: contentType,
      }),
    );
  }

  /** The object's text, or null when there is none. */
  async readText(key: string): Promise<string | null> {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return object.Body ? await object.Body.transformToString('utf-8') : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }
}
