import type { App, ValidateAppResult } from "@plinth/runtime";
import { useDeferredValue } from "react";
import { useDesigner, useDesignerContext } from "../../editor/context.js";

const validations = new WeakMap<App, ValidateAppResult>();

/**
 * The core's verdict on the document, one render behind: an edit commits and paints first,
 * and the core validates the new document in a background render (on a page of hundreds of
 * nodes validation takes longer than a frame). Once per document version.
 */
export function useDeferredValidation(): ValidateAppResult {
  const { runtime } = useDesignerContext();
  const doc = useDeferredValue(useDesigner((s) => s.doc));
  let result = validations.get(doc);
  if (!result) {
    result = runtime.validateApp(doc);
    validations.set(doc, result);
  }
  return result;
}
