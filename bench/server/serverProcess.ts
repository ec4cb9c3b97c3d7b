/**
 * Child-process entry (forked by processes.ts): start the requested server, report its port,
 * and close everything when the parent says "stop" or goes away.
 */
import { createRuntime } from "../../packages/runtime/src/index.js";
import { createWriteHooks, newId, systemClock } from "../../packages/server/src/http/context.js";
import { createServer } from "../../packages/server/src/http/createServer.js";
import { createSqliteStorage } from "../../packages/server/src/storage/sqlite/index.js";
import { startHandWritten } from "./handWritten.js";
import type { ServeReply, ServeRequest } from "./processes.js";

/** Start Plinth as `plinth serve` does (src/cli/serve.ts), on a free port. */
async function startPlinth(file: string, durability: "full" | "normal") {
  const runtime = createRuntime();
  const storage = createSqliteStorage({ file, durability, functions: runtime.functions });
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
  const started = request.kind === "plinth" ? startPlinth(request.file, request.durability) : startHandWritten(request);
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
