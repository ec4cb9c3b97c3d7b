export { type ApplyOverlayResult, applyOverlay, type Lock, type Provenance } from "./apply.js";
export { deriveOverlay } from "./derive.js";
export { ID_COLLECTIONS, idPathOf, isUnder, resolveIdPath } from "./idPath.js";
export { rebaseOverlay } from "./rebase.js";
export { resolveVariant, variantDocument } from "./variant.js";
