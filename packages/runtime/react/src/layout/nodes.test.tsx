// @vitest-environment happy-dom
import {
  type App,
  createMemorySource,
  createRuntime,
  type FormPage,
  type MemoryUser,
  type RecordContext,
} from "@plinth/runtime";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { salesApp } from "../../../test/fixtures/salesApp.js";
import { FormRenderer } from "../form/FormRenderer.js";
import { createFormStore } from "../form/formStore.js";
import { PlinthProvider } from "../PlinthProvider.js";
import type { LayoutNodeRenderers, RelatedListNodeProps } from "./nodes.types.js";

const NOW = "2026-06-01T09:00:00.000Z";
const runtime = createRuntime();
const app = salesApp() as App;
const user: MemoryUser = { id: "boss", displayName: "Wang Fang", roles: ["manager"], attributes: { region: "east" } };
const context: RecordContext = {
  mode: "update",
  today: "2026-06-01",
  now: NOW,
  user: { id: "boss", roles: ["manager"] },
};

/** An account form with a related list of its opportunities and a KPI widget. */
const accountForm = {
  kind: "form",
  id: "account_form",
  entity: "account",
  label: "Account",
  layout: {
    kind: "section",
    children: [
      { kind: "field", field: "name" },
      {
        kind: "relatedList",
        entity: "opportunity",
        via: "account",
        label: { en: "Deals", "zh-CN": "商机" },
        columns: ["name", "stage"],
      },
      {
        kind: "widget",
        widget: {
          id: "deal_count",
          label: "Deals in total",
          type: "kpi",
          query: { entity: "opportunity", measures: [{ id: "n", aggregate: "count" }] },
        },
      },
    ],
  },
} as FormPage;

function source() {
  const deal = (id: string, name: string, account: string) => ({
    id,
    version: 1,
    name,
    account,
    stage: "prospecting",
    close_date: "2026-07-01",
    owner: "boss",
    createdAt: NOW,
    updatedAt: NOW,
  });
  return createMemorySource({
    app,
    user,
    clock: () => NOW,
    newId: () => "n",
    records: {
      account: [
        { id: "a1", version: 1, name: "Acme", region: "east", createdAt: NOW, updatedAt: NOW },
        { id: "a2", version: 1, name: "Globex", region: "east", createdAt: NOW, updatedAt: NOW },
      ],
      opportunity: [deal("o1", "Big deal", "a1"), deal("o2", "Small deal", "a1"), deal("o3", "Other", "a2")],
    },
  });
}

function mount(initial: Record<string, unknown> | undefined, nodes?: LayoutNodeRenderers) {
  const store = createFormStore({
    app,
    entity: "account",
    ...(initial ? { initial } : {}),
    context: initial ? context : { ...context, mode: "create" },
    runtime,
  });
  render(
    <PlinthProvider locale="en" dataSource={source()} {...(nodes ? { nodes } : {})}>
      <FormRenderer store={store} page={accountForm} />
    </PlinthProvider>,
  );
}

afterEach(() => cleanup());

/** A host's related-list renderer: says what it was given. */
function HostList({ node, entity, recordId }: RelatedListNodeProps) {
  return <p>{`${node.entity} via ${node.via} of ${entity} ${recordId}`}</p>;
}

describe("related-list and widget nodes in a form", () => {
  it("lists the records pointing at this one and runs the widget's query", async () => {
    mount({ id: "a1", version: 1, name: "Acme", region: "east" });
    await waitFor(() => expect(screen.getByText("Big deal")).toBeTruthy());
    expect(screen.getByText("Deals")).toBeTruthy();
    const rows = screen.getAllByRole("row").map((r) => r.textContent);
    expect(rows).toEqual(["namestage", "Big dealProspecting", "Small dealProspecting"]);
    expect(screen.queryByText("Other")).toBeNull();
    await waitFor(() => expect(screen.getByRole("heading", { name: "3" })).toBeTruthy());
    expect(screen.queryByText(/not shown in forms yet/)).toBeNull();
  });

  it("asks to save first on a record that does not exist yet", () => {
    mount(undefined);
    expect(screen.getByText("Save the record first, then add related records here.")).toBeTruthy();
  });

  it("uses the host's renderer when one is given", () => {
    mount({ id: "a1", version: 1, name: "Acme", region: "east" }, { relatedList: HostList });
    expect(screen.getByText("opportunity via account of account a1")).toBeTruthy();
  });
});
