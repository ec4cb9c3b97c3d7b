import type { App, Page } from "@plinth/runtime";
import { Spin } from "antd";
import { type ComponentType, lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import type { RecordSource } from "../data/records.js";
import { ComingNext } from "./ComingNext.js";

export interface PageProps<P extends Page = Page> {
  readonly app: App;
  readonly page: P;
  readonly source: RecordSource;
}

type Renderer = ComponentType<PageProps<never>>;

/**
 * One renderer per page kind, each in its own chunk: a user who only opens tables never downloads
 * the kanban's drag and drop or the dashboard's charts.
 */
const renderers: { readonly [K in Page["kind"]]?: Renderer } = {
  table: lazy(() => import("./TablePage.js").then((m) => ({ default: m.TablePage as Renderer }))),
  dashboard: lazy(() => import("./dashboard/DashboardPage.js").then((m) => ({ default: m.DashboardPage as Renderer }))),
  form: lazy(() => import("./form/FormPage.js").then((m) => ({ default: m.FormPageView as Renderer }))),
  detail: lazy(() => import("./detail/DetailPage.js").then((m) => ({ default: m.DetailPageView as Renderer }))),
  kanban: lazy(() => import("./kanban/KanbanPage.js").then((m) => ({ default: m.KanbanPage as Renderer }))),
  inbox: lazy(() => import("./inbox/InboxPage.js").then((m) => ({ default: m.InboxPage as Renderer }))),
};

export function PageView({ app, page, source }: PageProps) {
  const { t } = useTranslation();
  const Renderer = renderers[page.kind] as ComponentType<PageProps> | undefined;
  if (!Renderer) return <ComingNext page={page} />;
  return (
    <Suspense fallback={<Spin description={t("loading")} />}>
      <Renderer key={`${app.id}/${page.id}`} app={app} page={page} source={source} />
    </Suspense>
  );
}
