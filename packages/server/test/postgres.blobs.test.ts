import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { createRuntime } from "@plinth/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BLOB_PART_BYTES } from "../src/storage/postgres/blobs.js";
import { BlobTooLargeError, type Storage } from "../src/storage/types.js";
import { testPostgresStorage } from "./support/context.js";
import { inspect } from "./support/sqlite.js";

/**
 * Uploads' bytes in PostgreSQL (files.test.ts covers them through HTTP on both databases):
 * several parts, the limit while streaming, and what a reader sees of unfinished uploads.
 */
const url = process.env.PLINTH_TEST_PG_URL;
const reason = "PLINTH_TEST_PG_URL is not set: the PostgreSQL blob tests are skipped";
if (!url) console.warn(reason);

async function bytesOf(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** A stream of `total` random bytes in chunks of `chunk`, counting how many were read. */
function source(bytes: Buffer, chunk = 64 * 1024): { stream: Readable; read: () => number } {
  let read = 0;
  function* chunks() {
    for (let at = 0; at < bytes.length; at += chunk) {
      const piece = bytes.subarray(at, at + chunk);
      read += piece.length;
      yield piece;
    }
  }
  return { stream: Readable.from(chunks()), read: () => read };
}

describe.skipIf(!url)("PostgreSQL blobs", () => {
  let storage: Storage;
  let schema: string;
  let drop: () => Promise<void>;
  const rows = (sql: string) => {
    const db = inspect(`postgres:${schema}`);
    try {
      return db.db.prepare(sql).all() as Array<Record<string, unknown>>;
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    ({ storage, schema, drop } = testPostgresStorage(createRuntime().functions, "/nonexistent/ignored"));
  });
  afterAll(async () => {
    await storage?.close();
    await drop?.();
  });

  it("stores a file of several parts and streams back the same bytes", async () => {
    const bytes = randomBytes(3 * BLOB_PART_BYTES + 12_345);
    expect(await storage.blobs.put("big1", source(bytes).stream, 10 * BLOB_PART_BYTES)).toBe(bytes.length);
    const blob = await storage.blobs.open("big1");
    expect(blob?.size).toBe(bytes.length);
    expect((await bytesOf(blob?.stream as NodeJS.ReadableStream)).equals(bytes)).toBe(true);
    expect(rows("SELECT part FROM file_blob_parts WHERE blob_id = 'big1' ORDER BY part")).toHaveLength(4);
    // One large chunk (as inject() sends a body) is still cut into parts of the part size.
    expect(await storage.blobs.put("big2", Readable.from([bytes]), 10 * BLOB_PART_BYTES)).toBe(bytes.length);
    expect(rows("SELECT length(data) AS n FROM file_blob_parts WHERE blob_id = 'big2' ORDER BY part")).toEqual([
      { n: BLOB_PART_BYTES },
      { n: BLOB_PART_BYTES },
      { n: BLOB_PART_BYTES },
      { n: 12_345 },
    ]);
    expect((await bytesOf((await storage.blobs.open("big2"))?.stream as NodeJS.ReadableStream)).equals(bytes)).toBe(
      true,
    );
  });

  it("stores an empty file", async () => {
    expect(await storage.blobs.put("empty1", Readable.from([]), 10)).toBe(0);
    const blob = await storage.blobs.open("empty1");
    expect(blob?.size).toBe(0);
    expect((await bytesOf(blob?.stream as NodeJS.ReadableStream)).length).toBe(0);
  });

  it("refuses past the limit while streaming, keeps nothing and still reads the source to its end", async () => {
    const bytes = randomBytes(2 * BLOB_PART_BYTES + 10);
    const { stream, read } = source(bytes);
    const put = storage.blobs.put("toobig1", stream, BLOB_PART_BYTES + 5);
    await expect(put).rejects.toBeInstanceOf(BlobTooLargeError);
    if (!stream.readableEnded) await new Promise((resolve) => stream.once("end", resolve));
    expect(read()).toBe(bytes.length);
    expect(await storage.blobs.open("toobig1")).toBeUndefined();
    expect(rows("SELECT id FROM file_blobs WHERE id = 'toobig1'")).toEqual([]);
    expect(rows("SELECT part FROM file_blob_parts WHERE blob_id = 'toobig1'")).toEqual([]);
  });

  it("never serves an upload still streaming in, and removes a blob with its parts", async () => {
    rows("INSERT INTO file_blobs (id, size) VALUES ('pending1', NULL)");
    expect(await storage.blobs.open("pending1")).toBeUndefined();
    await storage.blobs.put("gone1", Readable.from([Buffer.from("bye")]), 10);
    await storage.blobs.remove("gone1");
    expect(await storage.blobs.open("gone1")).toBeUndefined();
    expect(rows("SELECT part FROM file_blob_parts WHERE blob_id = 'gone1'")).toEqual([]);
  });

  it("refuses ids that are not the server's", async () => {
    await expect(storage.blobs.open("../x")).rejects.toThrow(/not a blob id/);
  });
});

describe.skipIf(Boolean(url))("PostgreSQL blobs (skipped)", () => {
  it.skip(reason, () => undefined);
});
