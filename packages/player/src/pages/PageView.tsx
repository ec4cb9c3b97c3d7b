import type { App, Page } from "@plinth/runtime";
import type { ComponentType } from "react";
import type { RecordSource } from "../data/records.js";
import { ComingNext } from "./ComingNext.js";
import { DashboardPage } from "./dashboard/DashboardPage.js";
import { DetailPageView } from "./detail/DetailPage.js";
import { FormPageView } from "./form/FormPage.js";
import { InboxPage } from "./inbox/InboxPage.js";
import { KanbanPage } from "./kanban/KanbanPage.js";
import { TablePage } from "./TablePage.js";

export interface PageProps<P extends Page = Page> {
  readonly app: App;
  readonly page: P;
  readonly source: RecordSource;
}

/**
 * One renderer per page kind. This is the seam for `@plinth/runtime/react`: once its FormRenderer
 * (and PlinthProvider) are exported and green, "form" and "detail" map to components that wrap them,
 * and kanban/dashboard/inbox follow the same way. Until then those kinds show ComingNext.
 */
const renderers: { readonly [K in Page["kind"]]?: ComponentType<PageProps<Extract<Page, { kind: K }>>> } = {
  table: TablePage,
  dashboard: DashboardPage,
  form: FormPageView,
  detail: DetailPageView,
  kanban: KanbanPage,
  inbox: InboxPage,
};

export function PageView({ app, page, source }: PageProps) {
  const Renderer = renderers[page.kind] as ComponentType<PageProps> | undefined;
  if (!Renderer) return <ComingNext page={page} />;
  return <Renderer key={`${app.id}/${page.id}`} app={app} page={page} source={source} />;
}
