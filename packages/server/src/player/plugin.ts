import { existsSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ServerContext } from "../http/context.js";

export interface PlayerOptions {
  /** The player's build folder (packages/player/dist): index.html and assets/. */
  readonly root: string;
}

/** Where the player's build is in this repository, from src/ (tsx, vitest) and dist/ alike. */
export function defaultPlayerRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../player/dist");
}

/** Where the designer's build is (packages/designer/dist). */
export function defaultDesignerRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), "../../../designer/dist");
}

function notBuilt(what: { en: string; zh: string; code: string }) {
  const en = `The ${what.en} is not built. Run \`pnpm build\` at the repository root, then restart the server.`;
  return {
    error: {
      code: what.code,
      message: en,
      path: "",
      details: {
        messages: { en, "zh-CN": `${what.zh}尚未构建。请在仓库根目录运行 \`pnpm build\`，然后重启服务器。` },
      },
    },
  } as const;
}

/**
 * The player (packages/player, a Vite build) under /apps/, with an SPA fallback: a GET for any
 * /apps/* path that is not a file answers index.html, so /apps/starter/opportunities loads the player,
 * which then reads the path. Paths with a file extension that do not exist (a stale /apps/assets/x.js)
 * stay 404s, so a browser never runs HTML as a script. `GET /` redirects to /apps/.
 * When the build folder is missing, /apps/ answers 503 telling to run `pnpm build`.
 */
export async function registerPlayer(app: FastifyInstance, _ctx: ServerContext, options: PlayerOptions): Promise<void> {
  app.get("/", (_request, reply) => reply.redirect("/apps/"));
  await registerWebApp(app, options.root, "/apps", notBuilt({ en: "player", zh: "播放器", code: "player.notBuilt" }));
}

/** The designer (packages/designer) under /designer/, served like the player. */
export async function registerDesigner(app: FastifyInstance, options: PlayerOptions): Promise<void> {
  await registerWebApp(
    app,
    options.root,
    "/designer",
    notBuilt({ en: "designer", zh: "设计器", code: "designer.notBuilt" }),
  );
}

/** A Vite build under `prefix`, with the SPA fallback described on {@link registerPlayer}. */
async function registerWebApp(
  app: FastifyInstance,
  rootFolder: string,
  prefix: string,
  NOT_BUILT: ReturnType<typeof notBuilt>,
): Promise<void> {
  const root = resolve(rootFolder);
  const built = () => existsSync(join(root, "index.html"));

  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root,
        prefix: "/",
        index: false,
        wildcard: true,
        decorateReply: true,
        setHeaders: (reply, path) => {
          // Vite's hashed assets never change; index.html must be re-read to find new ones.
          const asset = path.startsWith(join(root, "assets"));
          void reply.header("cache-control", asset ? "public, max-age=31536000, immutable" : "no-cache");
        },
      });
      const fallback = async (request: FastifyRequest, reply: FastifyReply) => {
        if (!built()) return reply.status(503).header("retry-after", "30").send(NOT_BUILT);
        const path = request.url.split("?")[0] ?? "";
        if ((request.method !== "GET" && request.method !== "HEAD") || extname(path) !== "") {
          return reply.status(404).send({
            error: {
              code: "http.routeNotFound",
              message: `No file at ${path}.`,
              path: "",
              details: { messages: { en: `No file at ${path}.`, "zh-CN": `${path} 处没有文件。` } },
            },
          });
        }
        return reply.sendFile("index.html", root);
      };
      // `/apps/` itself, and every path that is not a file (the static route calls the not-found handler).
      scope.get("/", (request, reply) =>
        request.url.split("?")[0] === prefix ? reply.redirect(`${prefix}/`) : fallback(request, reply),
      );
      scope.setNotFoundHandler(fallback);
    },
    { prefix },
  );
}
