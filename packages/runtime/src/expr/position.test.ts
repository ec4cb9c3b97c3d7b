import { describe, expect, it } from "vitest";
import { offsetToPosition, renderExcerpt } from "./position.js";

describe("offsetToPosition", () => {
  it("counts lines and columns from 1 across \\n, \\r\\n and \\r", () => {
    const text = "ab\ncd\r\nef\rgh";
    expect(offsetToPosition(text, 0)).toEqual({ line: 1, column: 1 });
    expect(offsetToPosition(text, 2)).toEqual({ line: 1, column: 3 });
    expect(offsetToPosition(text, 3)).toEqual({ line: 2, column: 1 });
    expect(offsetToPosition(text, 7)).toEqual({ line: 3, column: 1 });
    expect(offsetToPosition(text, 10)).toEqual({ line: 4, column: 1 });
    expect(offsetToPosition(text, 99)).toEqual({ line: 4, column: 3 });
  });
});

describe("renderExcerpt", () => {
  it("puts carets under the span", () => {
    expect(renderExcerpt("IF(amount > 'x', 1, 2)", { start: 12, end: 15 })).toBe(
      "1 | IF(amount > 'x', 1, 2)\n  |             ^^^",
    );
  });

  it("shows the span's own line", () => {
    expect(renderExcerpt("a +\n  bb", { start: 6, end: 8 })).toBe("2 |   bb\n  |   ^^");
  });

  it("windows long lines around the span", () => {
    const text = `${"x".repeat(200)} + y`;
    const excerpt = renderExcerpt(text, { start: 203, end: 204 });
    const [line, carets] = excerpt.split("\n");
    expect(line?.length).toBeLessThan(100);
    expect(line?.startsWith("1 | …")).toBe(true);
    expect(carets?.indexOf("^")).toBe(line?.indexOf("y"));
  });
});
