import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { type BlobStore, BlobTooLargeError } from "./types.js";

/** Blob ids are the server's random ids; anything else (`..`, slashes) never reaches the file system. */
const BLOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

function pathOf(dir: string, id: string): string {
  if (!BLOB_ID.test(id)) throw new Error(`not a blob id: ${JSON.stringify(id)}`);
  return join(dir, id);
}

/**
 * Copy `source` into `target` up to `limit` bytes. Past the limit the copy fails, but the
 * source is read on to its end and discarded, so an HTTP client still gets the 413 answer
 * (destroying the request would reset the connection instead).
 */
function copyLimited(source: NodeJS.ReadableStream, target: WriteStream, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      target.destroy();
      reject(error);
    };
    source.on("data", (chunk: Buffer) => {
      if (failed) return;
      bytes += chunk.length;
      if (bytes > limit) return fail(new BlobTooLargeError(limit));
      if (!target.write(chunk)) {
        source.pause();
        target.once("drain", () => source.resume());
      }
    });
    source.on("end", () => {
      if (!failed) target.end();
    });
    source.on("error", fail);
    target.on("error", fail);
    target.on("finish", () => {
      if (!failed) resolve(bytes);
    });
  });
}

/**
 * Blobs as files in one folder (created on first upload). A blob is written to `<id>.part`
 * and renamed when complete, so a half-written upload is never served.
 */
export function createDiskBlobs(dir: string): BlobStore {
  return {
    async put(id, source, limit) {
      const target = pathOf(dir, id);
      const partial = `${target}.part`;
      await mkdir(dir, { recursive: true });
      try {
        const size = await copyLimited(source, createWriteStream(partial, { flags: "wx", mode: 0o600 }), limit);
        await rename(partial, target);
        return size;
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
    },
    async open(id) {
      const path = pathOf(dir, id);
      try {
        const info = await stat(path);
        return { stream: createReadStream(path), size: info.size };
      } catch {
        return undefined;
      }
    },
    async remove(id) {
      await rm(pathOf(dir, id), { force: true });
    },
  };
}
