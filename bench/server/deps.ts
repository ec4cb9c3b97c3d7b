/**
 * autocannon, fastify and pg are dependencies of @plinth/server, not of the repository root, so
 * a file under bench/ cannot import them by name: they are loaded from the server package,
 * and typed from the same copies.
 */
import { createRequire } from "node:module";
import type AutocannonModule from "../../packages/server/node_modules/@types/autocannon/index.js";
import type * as PgModule from "../../packages/server/node_modules/@types/pg/index.js";
import type FastifyModule from "../../packages/server/node_modules/fastify/fastify.js";

const fromServer = createRequire(new URL("../../packages/server/package.json", import.meta.url));

export const autocannon = fromServer("autocannon") as typeof AutocannonModule;
export const fastify = fromServer("fastify") as typeof FastifyModule;
export const pg = fromServer("pg") as typeof PgModule;
export type AutocannonResult = AutocannonModule.Result;
