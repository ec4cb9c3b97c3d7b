// @vitest-environment happy-dom
import { createMemorySource, type MemorySource } from "@plinth/runtime";
import { cleanup, screen, waitFor } from "@testing-library/react";
import { useMemo } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useRelationTitles } from "../../useRelationTitles.js";
import { gridColumns } from "../grid/gridColumns.js";
import { TableGrid } from "../grid/TableGrid.js";
import type { InlineEdit } from "../grid/useInlineEdit.js";
import { rep, testApp } from "../testApp.js";
import { renderWithI18n } from "../testing.js";
import { useRecords } from "./useRecords.js";

const entity = testApp.entities?.find((e) => e.id === "deal");
const at = "2026-06-01T09:00:00.000Z";
const row = (id: string, values: Record<string, unknown>) => ({
  id,
  version: 1,
  createdAt: at,
  updatedAt: at,
  createdBy: rep.id,
  updatedBy: rep.id,
  ...values,
});
// More accounts than the 500 a relation column loads up front to name its values.
const accounts = Array.from({ length: 1_200 }, (_, i) =>
  row(`a-${String(i).padStart(4, "0")}`, { name: `Account ${i}` }),
);
const deals = [0, 700, 1_199].map((i) =>
  row(`d-${i}`, {
    name: `Deal ${i}`,
    amount: i,
    stage: "open",
    owner: rep.id,
    account: `a-${String(i).padStart(4, "0")}`,
  }),
);
const noEdit = {
  editing: undefined,
  saving: false,
  errors: new Map(),
  start: () => undefined,
  cancel: () => undefined,
  commit: async () => undefined,
  validate: () => undefined,
} as unknown as InlineEdit;

function Grid({ source, withPageTitles }: { source: MemorySource; withPageTitles: boolean }) {
  const pageTitles = useMemo(() => new Map<string, string>(), []);
  const titles = useRelationTitles(testApp, entity, ["account"], source);
  const records = useRecords(
    source,
    { entity: "deal", sort: [{ field: "amount", direction: "asc" }], pageSize: 50, fields: ["name", "account"] },
    withPageTitles ? pageTitles : undefined,
  );
  const columns = useMemo(
    () =>
      gridColumns({
        ids: ["name", "account"],
        entity,
        pageLabels: new Map(),
        locale: "en",
        titles: { get: (id: string) => pageTitles.get(id) ?? titles.get(id) },
        access: { canEditField: () => false },
      }),
    [pageTitles, titles],
  );
  return (
    <TableGrid
      columns={columns}
      records={records.records}
      sort={[]}
      onSort={() => undefined}
      onOpen={() => undefined}
      titleOf={(r) => String(r.name)}
      canEditRecord={() => false}
      edit={noEdit}
      locale="en"
      hasMore={false}
      onNearEnd={() => undefined}
    />
  );
}

function source(): MemorySource {
  return createMemorySource({
    app: testApp,
    user: rep,
    users: [rep],
    records: { account: accounts, deal: deals },
    clock: () => at,
    newId: () => "n",
  });
}

afterEach(() => cleanup());

describe("a table names related records however many there are", () => {
  it("shows each account's name, the ones past the first 500 too, from the titles that come with the page", async () => {
    renderWithI18n(<Grid source={source()} withPageTitles />);
    for (const i of [0, 700, 1_199]) await screen.findByText(`Account ${i}`);
    expect(screen.queryByText(/^a-\d{4}$/)).toBeNull();
  });

  it("without them, an account past the first 500 shows as its id (what the page titles fix)", async () => {
    renderWithI18n(<Grid source={source()} withPageTitles={false} />);
    await screen.findByText("Deal 1199");
    await waitFor(() => expect(screen.getAllByText(/^(Account \d+|a-\d{4})$/)).toHaveLength(3));
    expect(screen.queryAllByText(/^a-\d{4}$/).length).toBeGreaterThan(0);
  });
});
