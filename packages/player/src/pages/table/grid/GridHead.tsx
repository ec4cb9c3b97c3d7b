import { CaretDownOutlined, CaretUpOutlined } from "@ant-design/icons";
import { memo } from "react";
import type { SortKey } from "../../../sort.js";
import type { GridTags } from "./gridLayout.js";
import type { GridColumn } from "./TableGrid.js";

interface GridHeadProps {
  readonly tags: GridTags;
  readonly columns: readonly GridColumn[];
  /** The header cells TanStack Table made, by column id. */
  readonly headerIds: readonly string[];
  readonly sort: readonly SortKey[];
  readonly onSort: (field: string) => void;
  readonly openText: string;
  readonly sortText: (column: string) => string;
}

/** The header row: sort buttons with the direction shown; re-renders only when columns or sort change. */
export const GridHead = memo(function GridHead({
  tags,
  columns,
  headerIds,
  sort,
  onSort,
  openText,
  sortText,
}: GridHeadProps) {
  const { head: Head, row: Row, header: Header } = tags;
  return (
    <Head role="rowgroup" className="plinth-grid-head">
      <Row role="row">
        <Header role="columnheader" className="plinth-open-col">
          <span className="plinth-visually-hidden">{openText}</span>
        </Header>
        {headerIds.map((id) => {
          const column = columns.find((c) => c.id === id);
          const direction = sort[0]?.field === id ? sort[0].direction : undefined;
          return (
            <Header
              key={id}
              role="columnheader"
              aria-sort={direction === "asc" ? "ascending" : direction === "desc" ? "descending" : "none"}
              className={column?.numeric ? "num" : undefined}
            >
              {column?.sortable ? (
                <button
                  type="button"
                  className="plinth-sort"
                  title={sortText(column.label)}
                  onClick={() => onSort(column.id)}
                >
                  {column.label}
                  <span className="plinth-sort-icon" aria-hidden="true">
                    {direction === "asc" ? <CaretUpOutlined /> : direction === "desc" ? <CaretDownOutlined /> : null}
                  </span>
                </button>
              ) : (
                column?.label
              )}
            </Header>
          );
        })}
      </Row>
    </Head>
  );
});
