/**
 * Child-process entry (forked by processes.ts): start the requested server, report its port,
 * and close everything when the parent says "stop" or goes away.
 */
import { createRuntime, type Runtime } from "../../packages/runtime/src/index.js";
import { createWriteHooks, newId, systemClock } from "../../packages/server/src/http/context.js";
import { createServer } from "../../packages/server/src/http/createServer.js";
import { createPostgresStorage } from "../../packages/server/src/storage/postgres/index.js";
import { createSqliteStorage } from "../../packages/server/src/storage/sqlite/index.js";
import type { Storage } from "../../packages/server/src/storage/types.js";
import { startHandWritten } from "./handWritten.js";
import type { ServeReply, ServeRequest } from "./processes.js";

type PlinthRequest = Exclude<ServeRequest, { readonly kind: "hand" }>;

/** The storage `plinth serve` opens (src/cli/serve.ts) for the request: a SQLite file or a PostgreSQL URL. */
function openStorage(request: PlinthRequest, runtime: Runtime): Storage {
  switch (request.kind) {
    case "plinth":
      return createSqliteStorage({ file: request.file, durability: request.durability, functions: runtime.functions });
    case "plinth-postgres":
      return createPostgresStorage({ url: request.url, functions: runtime.functions });
  }
}

/** Start Plinth as `plinth serve` does, on a free port. */
async function startPlinth(request: PlinthRequest) {
  const runtime = createRuntime();
  const storage = openStorage(request, runtime);
  const ctx = { storage, runtime, clock: systemClock, newId, secureCookies: false, hooks: createWriteHooks() };
  const app = await createServer(ctx);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("Plinth has no TCP port");
  return {
    port: address.port,
    stop: async () => {
      await app.close();
      await storage.close();
    },
  };
}

function send(reply: ServeReply): void {
  process.send?.(reply);
}

process.once("message", (request: ServeRequest) => {
  const started = request.kind === "hand" ? startHandWritten(request) : startPlinth(request);
  started.then(
    (server) => {
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        server.stop().finally(() => process.exit(0));
      };
      process.on("message", (message) => {
        if (message === "stop") stop();
      });
      process.once("disconnect", stop);
      send({ kind: "listening", port: server.port });
    },
    (error: unknown) => {
      send({ kind: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exit(1);
    },
  );
});
