import {
  type App,
  applyOverlay,
  deriveOverlay,
  type Issue,
  idPathOf,
  isUnder,
  type Lock,
  type OverlayOperation,
  resolveVariant,
  variantDocument,
} from "@plinth/runtime";

/** How a node of a regional variant relates to its template. */
export type NodeStatus =
  | { readonly kind: "inherited" }
  | { readonly kind: "overridden" }
  | { readonly kind: "added" }
  | { readonly kind: "locked"; readonly lock: Lock };

/**
 * A regional variant open in the designer: the user edits the effective app (template + overlay);
 * the overlay is derived from it on every save, and a change the template's locks refuse is
 * refused before it reaches the document.
 */
export interface OverlayMode {
  readonly template: App;
  /** The effective app of a variant draft (its template with its overlay applied). */
  effective(draft: App): App;
  /** The draft to save for an effective app: the variant's identity and its derived overlay. */
  draft(doc: App): App;
  /** Issues for changes the template's locks refuse (empty when the document is acceptable). */
  refusals(doc: App): readonly Issue[];
  /** Inherited, overridden, added or locked: for badges beside the node at `pointer`. */
  status(doc: App, pointer: string): NodeStatus;
}

const REFUSED = new Set(["overlay.locked", "overlay.notTighter"]);

export function createOverlayMode(template: App): OverlayMode {
  const derived = new WeakMap<App, OverlayOperation[]>();
  const overlayOf = (doc: App) => {
    let ops = derived.get(doc);
    if (!ops) {
      ops = deriveOverlay(template, doc);
      derived.set(doc, ops);
    }
    return ops;
  };
  const locks = template.locks ?? [];
  return {
    template,
    effective: (draft) => resolveVariant(template, draft).app,
    draft: (doc) => variantDocument(doc, overlayOf(doc)),
    refusals(doc) {
      // Paths of refusals point at the overlay operation; say the node instead.
      const ops = overlayOf(doc);
      return applyOverlay(template, ops)
        .issues.filter((issue) => REFUSED.has(issue.code))
        .map((issue) => ({ ...issue, path: "" }));
    },
    status(doc, pointer) {
      const idPath = idPathOf(doc, pointer);
      if (idPath === undefined) return { kind: "inherited" };
      const lock = locks.find((l) => isUnder(idPath, l.target));
      if (lock) return { kind: "locked", lock };
      const ops = overlayOf(doc);
      if (ops.some((op) => op.op === "add" && `${op.target}/${(op.value as { id?: string }).id}` === idPath))
        return { kind: "added" };
      if (ops.some((op) => isUnder(op.target, idPath))) return { kind: "overridden" };
      return { kind: "inherited" };
    },
  };
}
