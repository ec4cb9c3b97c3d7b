import { cviTemplate } from "./cvi/index.js";
import { pipelineTemplate } from "./pipeline/index.js";
import { promotionTemplate } from "./promotion/index.js";
import type { Template } from "./types.js";

/** Every template Plinth ships, in install order (a variant's template comes before it). */
export const templates: readonly Template[] = [promotionTemplate, pipelineTemplate, cviTemplate];
