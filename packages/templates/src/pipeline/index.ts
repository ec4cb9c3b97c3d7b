import type { Template } from "../types.js";
import { pipelineApp } from "./app.js";
import { seedPipeline } from "./seed.js";
import { users } from "./users.js";

export { pipelineApp };

/** The Sales pipeline template (app id `pipeline`). */
export const pipelineTemplate: Template = { app: pipelineApp, users, seed: seedPipeline };
