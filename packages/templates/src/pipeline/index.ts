import type { Template } from "../types.js";
import { pipelineApp } from "./app.js";
import { SEED_ANCHOR, seedPipeline } from "./seed.js";
import { users } from "./users.js";

export { pipelineApp, SEED_ANCHOR };

/** The Sales pipeline template (app id `pipeline`). */
export const pipelineTemplate: Template = { app: pipelineApp, users, seed: seedPipeline };
