import { describe, expect, it } from "vitest";
import type { Entity } from "../schema/types.js";
import { recordTitle, titleFieldOf } from "./title.js";

const entity = (extra: Partial<Entity>): Entity =>
  ({
    id: "deal",
    fields: [
      { id: "amount", kind: "number" },
      { id: "name", kind: "text" },
      { id: "code", kind: "text" },
    ],
    ...extra,
  }) as Entity;

describe("record titles", () => {
  it("uses the titleField, else the first text field", () => {
    expect(titleFieldOf(entity({ titleField: "code" }))).toBe("code");
    expect(titleFieldOf(entity({}))).toBe("name");
    expect(titleFieldOf({ id: "x", fields: [{ id: "n", kind: "number" }] } as Entity)).toBeUndefined();
  });

  it("gives the value as text, and nothing for blanks", () => {
    expect(recordTitle(entity({}), { name: "Deal 1" })).toBe("Deal 1");
    expect(recordTitle(entity({ titleField: "amount" }), { amount: 12 })).toBe("12");
    expect(recordTitle(entity({}), { name: "" })).toBeUndefined();
    expect(recordTitle(entity({}), {})).toBeUndefined();
  });
});
