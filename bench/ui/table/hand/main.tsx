/**
 * The baseline of the table scroll benchmark: the plainest virtualised list one would write by
 * hand with TanStack Virtual alone over the same rows, fetched from the same server the same way
 * (same entity, sort and page size, the next page when the last rows come into view), rendered
 * as plain divs with the same columns and row height as the Plinth table. The URL carries the
 * settings: `?app=&entity=&sort=&limit=&columns=a,b&height=` (the Plinth table's viewport height).
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";

type Row = Readonly<Record<string, unknown>> & { readonly id: string };

const params = new URLSearchParams(window.location.search);
const app = params.get("app") ?? "starter";
const entity = params.get("entity") ?? "opportunity";
const sort = params.get("sort") ?? "";
const limit = Number(params.get("limit") ?? 500);
const columns = (params.get("columns") ?? "id").split(",");
const height = Number(params.get("height") ?? 600);
const ROW_HEIGHT = 41;
/** Fetch the next page when the last rendered row is this close to the end of the loaded rows. */
const AHEAD = 100;

const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "CNY" });

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { credentials: "include" });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as T;
}

function cellText(value: unknown, titles: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return money.format(value);
  if (typeof value === "string") return titles.get(value) ?? value;
  return String(value);
}

function HandList() {
  const [rows, setRows] = useState<Row[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [done, setDone] = useState(false);
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const loading = useRef(false);
  const scroller = useRef<HTMLDivElement>(null);

  const load = useCallback(async (cursor?: string) => {
    if (loading.current) return;
    loading.current = true;
    const query = `sort=${encodeURIComponent(sort)}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await getJson<{ records: Row[]; next?: string }>(`/api/apps/${app}/data/${entity}?${query}`);
    setRows((old) => (cursor ? [...old, ...page.records] : page.records));
    setNext(page.next);
    setDone(page.next === undefined);
    loading.current = false;
  }, []);

  useEffect(() => {
    void load();
    void getJson<{ records: Row[] }>(`/api/apps/${app}/data/account?limit=500&fields=name`).then((page) =>
      setTitles(new Map(page.records.map((r) => [r.id, String(r.name)]))),
    );
  }, [load]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // The Plinth table's overscan (TableGrid's OVERSCAN_ROWS): the same rows in the DOM.
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (next !== undefined && last >= rows.length - AHEAD) void load(next);
  }, [last, rows.length, next, load]);

  return (
    <div
      ref={scroller}
      className="hand-scroll"
      data-rowcount={rows.length}
      data-all-loaded={done ? "true" : "false"}
      style={{ height, overflow: "auto", fontFamily: "sans-serif", fontSize: 14 }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={row.id}
              style={{
                position: "absolute",
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
                display: "flex",
                borderBottom: "1px solid #eee",
                alignItems: "center",
              }}
            >
              {columns.map((c) => (
                <div key={c} style={{ flex: 1, padding: "0 8px", overflow: "hidden", whiteSpace: "nowrap" }}>
                  {cellText(row[c], titles)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const root = document.createElement("div");
document.body.append(root);
createRoot(root).render(<HandList />);
