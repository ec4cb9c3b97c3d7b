import type { Template } from "../types.js";
import { promotionApp } from "./app.js";
import { eastVariant } from "./overlays/east.js";
import { southwestVariant } from "./overlays/southwest.js";
import { seedPromotion } from "./seed.js";
import { users } from "./users.js";

/** The regional promotion approval (TPM) template, with the East and Southwest overlays. */
export const promotionTemplate: Template = {
  app: promotionApp,
  users,
  seed: seedPromotion,
  variants: [eastVariant, southwestVariant],
};

export { promotionApp } from "./app.js";
export { HQ_LIMIT_CAP, regions } from "./regions.js";
