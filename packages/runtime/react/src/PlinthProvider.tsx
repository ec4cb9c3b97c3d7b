import type { Locale } from "@plinth/runtime";
import { ConfigProvider } from "antd";
import type { Locale as AntdLocale } from "antd/es/locale/index.js";
import zhCNModule from "antd/locale/zh_CN.js";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { I18nextProvider } from "react-i18next";
import { createPlinthI18n } from "./i18n.js";
import type { LayoutNodeRenderers } from "./layout/nodes.types.js";
import { createWidgetRegistry } from "./widgets/registry.js";
import type { WidgetRegistry } from "./widgets/widget.types.js";

// antd ships its locales as CommonJS with a `default` export; bundlers and Node unwrap differently.
const zhCN = ((zhCNModule as { default?: AntdLocale }).default ?? zhCNModule) as AntdLocale;

export interface PlinthContextValue {
  readonly locale: Locale;
  readonly widgets: WidgetRegistry;
  /** The player's data source; widgets use only the parts they know (`options`, `people`, `upload`...). */
  readonly dataSource: unknown;
  /** The host's renderers of related-list and widget layout nodes (the standard ones otherwise). */
  readonly nodes: LayoutNodeRenderers;
}

const noNodes: LayoutNodeRenderers = {};

const PlinthContext = createContext<PlinthContextValue | undefined>(undefined);

export interface PlinthProviderProps {
  readonly locale: Locale;
  /** Widgets in place of the standard ones, by field kind or widget name. */
  readonly widgets?: WidgetRegistry;
  readonly dataSource?: unknown;
  /** Renderers for related-list and widget nodes; keep it referentially stable. */
  readonly nodes?: LayoutNodeRenderers;
  readonly children?: ReactNode;
}

/**
 * Everything the renderers read from their surroundings: the locale (schema labels, core
 * messages, UI chrome and antd's own texts), the widget registry and the data source.
 * Keep `widgets` referentially stable (a module constant or `useMemo`).
 */
export function PlinthProvider({ locale, widgets, dataSource, nodes = noNodes, children }: PlinthProviderProps) {
  const registry = useMemo(() => createWidgetRegistry(widgets), [widgets]);
  const i18n = useMemo(() => createPlinthI18n(locale), [locale]);
  const value = useMemo(
    () => ({ locale, widgets: registry, dataSource, nodes }),
    [locale, registry, dataSource, nodes],
  );
  return (
    // No space inserted between two Chinese characters of a button: it would change the accessible name.
    <ConfigProvider locale={locale === "zh-CN" ? zhCN : undefined} button={{ autoInsertSpace: false }}>
      <I18nextProvider i18n={i18n}>
        <PlinthContext.Provider value={value}>{children}</PlinthContext.Provider>
      </I18nextProvider>
    </ConfigProvider>
  );
}

/** The provider's locale, widgets and data source; throws outside a `PlinthProvider`. */
export function usePlinth(): PlinthContextValue {
  const value = useContext(PlinthContext);
  if (!value) throw new Error("Plinth renderers need a <PlinthProvider> above them.");
  return value;
}
