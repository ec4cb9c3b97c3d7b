import { Readable } from "node:stream";
import type pg from "pg";
import { type BlobStore, BlobTooLargeError } from "../types.js";

/** Blob ids are the server's random ids (the same shape the disk store accepts). */
const BLOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Bytes per stored part. An upload is written part by part as it streams in and a download
 * reads one part at a time, so a process holds about one part per transfer, whatever the
 * file's size, and no single value comes near PostgreSQL's 1 GB limit.
 */
export const BLOB_PART_BYTES = 1024 * 1024;

/**
 * Uploaded files' bytes in the database: a head row per blob (its size, NULL while the upload
 * is still streaming in) and its parts in order. Created with the files' metadata table.
 */
export const blobsDdl = `
CREATE TABLE IF NOT EXISTS file_blobs (
  id TEXT PRIMARY KEY,
  size BIGINT
);
CREATE TABLE IF NOT EXISTS file_blob_parts (
  blob_id TEXT NOT NULL REFERENCES file_blobs(id) ON DELETE CASCADE,
  part INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (blob_id, part)
);
`;

function checkId(id: string): void {
  if (!BLOB_ID.test(id)) throw new Error(`not a blob id: ${JSON.stringify(id)}`);
}

/**
 * Read `source` to its end, handing over parts of {@link BLOB_PART_BYTES} (the last may be
 * shorter) and waiting for each `write` before reading on. Past `limit` bytes it
 * rejects, and reads the rest of the source and discards it, so an HTTP client still gets
 * the 413 answer (destroying the request would reset the connection instead).
 */
function writeParts(
  source: NodeJS.ReadableStream,
  limit: number,
  write: (part: number, data: Buffer) => Promise<void>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let failed = false;
    let chunks: Buffer[] = [];
    let buffered = 0;
    let part = 0;
    let writing: Promise<void> = Promise.resolve();
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      chunks = [];
      // Drain: the data handler discards from now on.
      source.resume();
      // The part being written settles before the caller removes what was written.
      writing.then(
        () => reject(error),
        () => reject(error),
      );
    };
    /** Write the buffered bytes as whole parts (and, at the end, the short last one); keep the rest. */
    const flush = (last: boolean) => {
      const data = Buffer.concat(chunks, buffered);
      const whole = last ? data.length : data.length - (data.length % BLOB_PART_BYTES);
      chunks = whole < data.length ? [data.subarray(whole)] : [];
      buffered = data.length - whole;
      const first = part;
      part += Math.ceil(whole / BLOB_PART_BYTES);
      // After the parts before them, whatever order the stream's events come in.
      writing = writing.then(async () => {
        for (let n = first, at = 0; at < whole; n++, at += BLOB_PART_BYTES) {
          await write(n, data.subarray(at, Math.min(at + BLOB_PART_BYTES, whole)));
        }
      });
      return writing;
    };
    source.on("data", (chunk: Buffer | string) => {
      if (failed) return;
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      bytes += buffer.length;
      if (bytes > limit) return fail(new BlobTooLargeError(limit));
      chunks.push(buffer);
      buffered += buffer.length;
      if (buffered < BLOB_PART_BYTES) return;
      source.pause();
      flush(false).then(() => {
        if (!failed) source.resume();
      }, fail);
    });
    source.on("end", () => {
      if (failed) return;
      const last = buffered > 0 ? flush(true) : writing;
      last.then(() => {
        if (!failed) resolve(bytes);
      }, fail);
    });
    source.on("error", fail);
  });
}

/**
 * Blobs in PostgreSQL, so that every server process over the database serves every upload and
 * one `pg_dump` holds the uploads with the records. `ready` resolves once the tables exist.
 *
 * A blob becomes visible when its size is set, after its last part; a failed upload removes
 * its rows. A process killed mid-upload leaves a head row without a size, which is never
 * served (`DELETE FROM file_blobs WHERE size IS NULL` clears them while no upload runs).
 */
export function createPostgresBlobs(pool: pg.Pool, ready: Promise<unknown>): BlobStore {
  const remove = async (id: string) => {
    await pool.query("DELETE FROM file_blobs WHERE id = $1", [id]);
  };
  return {
    async put(id, source, limit) {
      checkId(id);
      await ready;
      await pool.query("INSERT INTO file_blobs (id, size) VALUES ($1, NULL)", [id]);
      try {
        const size = await writeParts(source, limit, async (part, data) => {
          await pool.query("INSERT INTO file_blob_parts (blob_id, part, data) VALUES ($1, $2, $3)", [id, part, data]);
        });
        await pool.query("UPDATE file_blobs SET size = $2 WHERE id = $1", [id, size]);
        return size;
      } catch (error) {
        await remove(id).catch(() => undefined);
        throw error;
      }
    },
    async open(id) {
      checkId(id);
      await ready;
      const head = await pool.query<{ size: number }>(
        "SELECT size FROM file_blobs WHERE id = $1 AND size IS NOT NULL",
        [id],
      );
      const found = head.rows[0]?.size;
      if (found === undefined) return undefined;
      const size: number = found;
      async function* parts(): AsyncGenerator<Buffer> {
        let sent = 0;
        for (let part = 0; sent < size; part++) {
          const row = await pool.query<{ data: Buffer }>(
            "SELECT data FROM file_blob_parts WHERE blob_id = $1 AND part = $2",
            [id, part],
          );
          const data = row.rows[0]?.data;
          // Removed while being read: end with an error rather than short of the announced size.
          if (data === undefined) throw new Error(`blob ${id} lost part ${part} while being read`);
          sent += data.length;
          yield data;
        }
      }
      return { stream: Readable.from(parts(), { objectMode: false }), size };
    },
    async remove(id) {
      checkId(id);
      await ready;
      await remove(id);
    },
  };
}
