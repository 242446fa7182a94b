import { once } from 'node:events';
import { CsvError, parse } from 'csv-parse';
import {
  type CheckedRow,
  checkRow,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  type RegisterColumn,
} from '../../domain/register/register-row.ts';

/**
 * Reads CQC's published locations file as a stream (issue 16): UTF-8 with or without a BOM,
 * quoted fields with commas, quotes and line breaks (csv-parse). A file it cannot read as a
 * whole (not CSV, not UTF-8, empty, too large, a missing column, a row of the wrong width) is a
 * RegisterFileError naming what is wrong, raised before the import writes anything.
 */
export class RegisterFileError extends Error {
  constructor(
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
    this.name = 'RegisterFileError';
  }
}

/** Today's file is about 25 MB; ten times the register still fits. A 500 MB upload is refused. */
export const MAX_FILE_BYTES = 300 * 1024 * 1024;
/** No field of the register is longer; a runaway quote is caught here, not by memory. */
const MAX_RECORD_CHARACTERS = 64 * 1024;

export interface ReadOptions {
  /** The London day, for "a start date after today". */
  today: string;
  maxBytes?: number;
  /** Called as bytes arrive (for progress: bytes read). */
  onBytes?: (bytesRead: number) => void;
}

export interface ReadRow {
  line: number;
  checked: CheckedRow;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (chunk: Uint8Array, magic: number[]) => magic.every((byte, index) => chunk[index] === byte);

/** Checks the bytes (size, kind, encoding) and yields text. */
async function* textOf(source: AsyncIterable<Uint8Array | string>, options: ReadOptions): AsyncGenerator<string> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytesRead = 0;
  for await (const piece of source) {
    const chunk = typeof piece === 'string' ? new TextEncoder().encode(piece) : piece;
    if (bytesRead === 0 && (startsWith(chunk, ZIP) || startsWith(chunk, OLE))) {
      throw new RegisterFileError(
        'The file is a spreadsheet, not CSV: open it and save its first sheet as "CSV UTF-8", then import that',
      );
    }
    bytesRead += chunk.byteLength;
    if (bytesRead > maxBytes) {
      throw new RegisterFileError(
        `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: that is not CQC's locations file`,
      );
    }
    if (chunk.includes(0)) throw new RegisterFileError('The file is not text (it holds NUL bytes): import a CSV file');
    options.onBytes?.(bytesRead);
    try {
      yield decoder.decode(chunk, { stream: true });
    } catch {
      throw new RegisterFileError('The file is not UTF-8 text: save it as "CSV UTF-8" and import it again');
    }
  }
  if (bytesRead === 0) throw new RegisterFileError('The file is empty');
  try {
    yield decoder.decode();
  } catch {
    throw new RegisterFileError('The file is not UTF-8 text: save it as "CSV UTF-8" and import it again');
  }
}

/**
 * Every data row, checked, in file order. Throws RegisterFileError for a file that cannot be
 * read as a whole; a row refused for its content (missing id, bad date) is yielded, with why.
 */
export async function* readRegisterFile(
  source: AsyncIterable<Uint8Array | string>,
  options: ReadOptions,
): AsyncGenerator<ReadRow> {
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    max_record_size: MAX_RECORD_CHARACTERS,
  });
  const stopFeeding = new AbortController();
  const feeding = (async () => {
    try {
      for await (const text of textOf(source, options)) {
        if (stopFeeding.signal.aborted) return;
        if (!parser.write(text)) await once(parser, 'drain', { signal: stopFeeding.signal });
      }
      parser.end();
    } catch (error) {
      if (!stopFeeding.signal.aborted) parser.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();

  let columns: Map<string, number> | null = null;
  let width = 0;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = new Map(record.map((name, index) => [name.replace(/\s+/g, ' ').trim(), index]));
        width = record.length;
        const missing = REQUIRED_COLUMNS.filter((column) => !columns?.has(column));
        if (missing.length > 0) {
          throw new RegisterFileError(
            `The header row lacks ${missing.map((column) => `"${column}"`).join(', ')}: is this CQC's "HSCA Active Locations" file, saved as CSV?`,
            1,
          );
        }
        continue;
      }
      if (record.length !== width) {
        throw new RegisterFileError(
          `Line ${info.lines} has ${record.length} fields where the header has ${width}: the file is damaged or not CQC's layout`,
          info.lines,
        );
      }
      const known = columns;
      const field = (column: RegisterColumn): string => {
        const index = known.get(column);
        return index === undefined ? '' : (record[index] ?? '');
      };
      rows += 1;
      yield { line: info.lines, checked: checkRow(info.lines, field, options.today) };
    }
  } catch (error) {
    if (error instanceof RegisterFileError) throw error;
    if (error instanceof CsvError) {
      const line =
        typeof (error as { lines?: unknown }).lines === 'number' ? Number((error as { lines?: number }).lines) : null;
      throw new RegisterFileError(`The file is not valid CSV${line ? ` at line ${line}` : ''}: ${error.message}`, line);
    }
    throw error;
  } finally {
    // Stopped early (a bad file, or the caller stopped reading): stop feeding too.
    stopFeeding.abort();
    parser.destroy();
    await feeding;
  }
  if (!columns) throw new RegisterFileError('The file is empty');
  if (rows === 0) throw new RegisterFileError('The file has a header row but no locations: nothing was changed');
}

/** Columns the import reads, for the README and error messages. */
export const READ_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];
