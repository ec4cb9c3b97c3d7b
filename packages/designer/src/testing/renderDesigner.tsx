import { type App, createRuntime, type Locale } from "@plinth/runtime";
import { render } from "@testing-library/react";
import { App as AntApp } from "antd";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { salesApp } from "../../../runtime/test/fixtures/salesApp.js";
import { createDesignerApi, type DesignerApi } from "../api/designerApi.js";
import { createHttp } from "../api/http.js";
import { DesignerContext } from "../editor/context.js";
import type { OverlayMode } from "../editor/overlayMode.js";
import { createI18n } from "../i18n.js";
import { createDesignerStore, type DesignerStore } from "../store/designerStore.js";

const runtime = createRuntime();

/** The runtime's complete fixture app (entities, workflows, permissions, every page kind). */
export function fixtureApp(): App {
  return structuredClone(salesApp()) as unknown as App;
}

export interface RenderDesignerOptions {
  readonly doc?: App;
  readonly locale?: Locale;
  /** The server API; by default one whose every call fails (component tests have no server). */
  readonly api?: DesignerApi;
  /** A regional variant's overlay mode (the document is then its effective app). */
  readonly overlay?: OverlayMode;
}

/**
 * Render a panel inside the designer's context: a real store over `doc`, the real core, i18n in
 * `locale`. Returns the store so a test can check the document, undo and redo.
 */
export function renderDesigner(ui: ReactNode, options: RenderDesignerOptions = {}) {
  const doc = options.doc ?? fixtureApp();
  const locale = options.locale ?? "en";
  const store: DesignerStore = createDesignerStore(
    doc,
    options.overlay ? { guard: (next) => options.overlay?.refusals(next) ?? [] } : {},
  );
  const located: string[] = [];
  const api =
    options.api ??
    createDesignerApi(
      createHttp(
        () => locale,
        async () => {
          throw new TypeError("no server in component tests");
        },
      ),
    );
  const result = render(
    <I18nextProvider i18n={createI18n(locale)}>
      <AntApp>
        <DesignerContext.Provider
          value={{
            store,
            runtime,
            api,
            appId: doc.id,
            locale,
            locate: (path) => located.push(path),
            overlay: options.overlay,
          }}
        >
          {ui}
        </DesignerContext.Provider>
      </AntApp>
    </I18nextProvider>,
  );
  return { ...result, store, located, runtime };
}
