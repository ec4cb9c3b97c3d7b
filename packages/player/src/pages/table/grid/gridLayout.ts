/** Every row's height in px (a virtual table positions rows by it; CSS draws cells to it). */
export const ROW_HEIGHT = 41;

/**
 * The elements a grid is drawn with. A table whose rows are all in the DOM is a real <table>
 * (automatic column widths, native semantics). A virtual table, once its first rows have given
 * the column widths, is drawn with ARIA-table <div>s: its rows are positioned at their offset and
 * laid out on their own. As a real table every scroll frame laid out every row; and Chromium
 * restyles a <tr> or <td> that is not laid out as a table part far slower than a <div> (in
 * bench/ui/table/profile.ts over 20,000 rows: about 34 ms of style recalculation a frame for
 * positioned <tr>s, about 2 ms for the same rows as divs). Every element carries its role in
 * both forms, so selectors and assistive technology read the same grid either way.
 */
export interface GridTags {
  readonly table: "table" | "div";
  readonly head: "thead" | "div";
  readonly body: "tbody" | "div";
  readonly row: "tr" | "div";
  readonly header: "th" | "div";
  readonly cell: "td" | "div";
}

export const TABLE_TAGS: GridTags = {
  table: "table",
  head: "thead",
  body: "tbody",
  row: "tr",
  header: "th",
  cell: "td",
};

export const DIV_TAGS: GridTags = { table: "div", head: "div", body: "div", row: "div", header: "div", cell: "div" };
