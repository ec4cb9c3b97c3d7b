/// <reference types="vite/client" />
/**
 * Monaco, bundled locally (../shared/TOOLCHAIN.md §5): the core API with its features, the JSON
 * language with the published meta-schema, and the plinth-formula language. Imported only from
 * the lazily loaded editors, so the designer's first load does not carry Monaco.
 */
import { loader } from "@monaco-editor/react";
import type { Locale } from "@plinth/runtime";
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/language/json/json.worker?worker";
import { jsonDefaults } from "monaco-editor/languages/features/json/register";
import { type FormulaCompletion, formulaCompletions } from "./formulaCompletions.js";
import { FORMULA_LANGUAGE, formulaLanguageConfiguration, formulaTokens } from "./formulaLanguage.js";
import type { FormulaContext } from "./formulaScope.js";

self.MonacoEnvironment = {
  getWorker(_id: string, label: string): Worker {
    return label === "json" ? new JsonWorker() : new EditorWorker();
  },
};
// Without this @monaco-editor/react fetches Monaco from a CDN.
loader.config({ monaco });

export { monaco };

/** The name of the code view's model: the meta-schema applies to this file only. */
export const APP_MODEL_PATH = "plinth-app.json";

let configuredSchema: Record<string, unknown> | undefined;

/**
 * Validate and complete the app JSON against the runtime's meta-schema: the top level under its
 * `$id`, each sub-schema of `$defs` under its own `$id` (so `$ref`s resolve without the network).
 */
export function configureAppSchema(metaSchema: Record<string, unknown>): void {
  if (configuredSchema === metaSchema) return;
  configuredSchema = metaSchema;
  const { $defs, ...top } = metaSchema as { $defs?: Record<string, { $id?: string }>; $id?: string };
  const subs = Object.values($defs ?? {}).filter((s) => typeof s.$id === "string");
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    enableSchemaRequest: false,
    schemas: [
      { uri: String(top.$id ?? "urn:plinth:app"), fileMatch: [APP_MODEL_PATH], schema: top },
      ...subs.map((s) => ({ uri: String(s.$id), schema: s })),
    ],
  });
}

/** What the completion provider needs for one formula editor's model. */
export interface FormulaModelContext {
  readonly context: () => FormulaContext;
  readonly locale: () => Locale;
}

const formulaModels = new Map<string, FormulaModelContext>();
let formulaRegistered = false;

const completionKind = (kind: FormulaCompletion["kind"]): monaco.languages.CompletionItemKind => {
  const k = monaco.languages.CompletionItemKind;
  switch (kind) {
    case "field":
      return k.Field;
    case "relation":
      return k.Reference;
    case "function":
      return k.Function;
    case "variable":
      return k.Variable;
    case "keyword":
      return k.Keyword;
  }
};

/** Register the plinth-formula language once; `functions` are the runtime's function names. */
export function registerFormulaLanguage(functions: Iterable<string>): void {
  if (formulaRegistered) return;
  formulaRegistered = true;
  monaco.languages.register({ id: FORMULA_LANGUAGE });
  monaco.languages.setMonarchTokensProvider(FORMULA_LANGUAGE, formulaTokens(functions));
  monaco.languages.setLanguageConfiguration(FORMULA_LANGUAGE, formulaLanguageConfiguration);
  monaco.languages.registerCompletionItemProvider(FORMULA_LANGUAGE, {
    triggerCharacters: [".", "$"],
    provideCompletionItems(model, position) {
      const owner = formulaModels.get(model.uri.toString());
      if (!owner) return { suggestions: [] };
      const { scope, functions: table } = owner.context();
      const text = model.getValue();
      const items = formulaCompletions(text, model.getOffsetAt(position), scope, table, owner.locale());
      return {
        suggestions: items.map((item) => {
          const start = model.getPositionAt(item.from);
          const end = model.getPositionAt(item.to);
          return {
            label: item.label,
            kind: completionKind(item.kind),
            insertText: item.insertText,
            detail: item.detail,
            ...(item.documentation ? { documentation: item.documentation } : {}),
            range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
          };
        }),
      };
    },
  });
}

/** Let the completion provider find a formula editor's scope; returns the unregister function. */
export function attachFormulaModel(uri: string, owner: FormulaModelContext): () => void {
  formulaModels.set(uri, owner);
  return () => {
    if (formulaModels.get(uri) === owner) formulaModels.delete(uri);
  };
}

/** Offsets to Monaco markers on `model`. */
export function toMarkers(
  model: monaco.editor.ITextModel,
  items: ReadonlyArray<{ start: number; end: number; message: string; severity: "error" | "warning"; code?: string }>,
): monaco.editor.IMarkerData[] {
  return items.map((item) => {
    const start = model.getPositionAt(item.start);
    const end = model.getPositionAt(Math.max(item.end, item.start + 1));
    return {
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
      message: item.message,
      severity: item.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      ...(item.code ? { code: item.code } : {}),
    };
  });
}
