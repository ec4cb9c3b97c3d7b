import type { Template } from "../types.js";
import { cviApp } from "./app.js";
import { seedCvi } from "./seed.js";
import { users } from "./users.js";

/** The CVI (Customer Value Index) scorecard template, app id `cvi`. */
export const cviTemplate: Template = { app: cviApp, users, seed: seedCvi };

export { cviApp } from "./app.js";
export { dimensionDefs } from "./seed.js";
