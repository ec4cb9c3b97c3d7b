import type { App } from "@plinth/runtime";
import { RecordForm } from "../form/FormPage.js";
import { RecordDetail } from "./DetailPage.js";
import type { RecordRoute } from "./recordRoute.js";

/** The screen for a record URL: the create form, the detail page, or the edit form. */
export function RecordView({ app, route }: { app: App; route: RecordRoute }) {
  const key = `${route.appId}/${route.entity}/${route.id ?? ""}/${route.mode}/${JSON.stringify(route.prefill ?? {})}`;
  if (route.mode === "new" || route.id === undefined)
    return (
      <RecordForm key={key} app={app} entity={route.entity} {...(route.prefill ? { prefill: route.prefill } : {})} />
    );
  if (route.mode === "edit") return <RecordForm key={key} app={app} entity={route.entity} id={route.id} />;
  return <RecordDetail key={key} app={app} entity={route.entity} id={route.id} />;
}
