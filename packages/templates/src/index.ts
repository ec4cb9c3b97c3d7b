export { cviTemplate } from "./cvi/index.js";
export { promotionTemplate } from "./promotion/index.js";
export { addDays, int, pick, prng, weighted } from "./random.js";
export { templates } from "./templates.js";
export type { DemoUser, SeedActor, SeedScale, SeedWriter, Template, TemplateVariant } from "./types.js";
