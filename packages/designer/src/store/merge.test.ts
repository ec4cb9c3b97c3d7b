import { describe, expect, it } from "vitest";
import { merge3 } from "./merge.js";

const base = {
  id: "a",
  version: "1",
  label: { en: "A" },
  entities: [
    {
      id: "deal",
      fields: [
        { id: "amount", kind: "number" },
        { id: "name", kind: "text" },
      ],
    },
    { id: "account", fields: [] },
  ],
};

describe("three-way merge of app documents", () => {
  it("keeps what each side changed", () => {
    const ours = structuredClone(base);
    ours.label.en = "Ours";
    const theirs = structuredClone(base);
    theirs.version = "2";
    expect(merge3(base, ours, theirs)).toEqual({
      merged: { ...base, label: { en: "Ours" }, version: "2" },
      conflicts: [],
    });
  });

  it("merges lists of things with ids item by item: both sides' additions, one side's removal", () => {
    const ours = structuredClone(base);
    ours.entities[0]?.fields.push({ id: "stage", kind: "select" });
    const theirs = structuredClone(base);
    theirs.entities[0]?.fields.unshift({ id: "owner", kind: "user" });
    theirs.entities.splice(1, 1);
    const { merged, conflicts } = merge3(base, ours, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.entities.map((e) => e.id)).toEqual(["deal"]);
    expect(merged.entities[0]?.fields.map((f) => f.id)).toEqual(["owner", "amount", "name", "stage"]);
  });

  it("keeps ours where both changed the same value, and says where", () => {
    const withKind = (kind: string) => {
      const doc = structuredClone(base);
      const field = doc.entities[0]?.fields[0];
      if (field) field.kind = kind;
      return doc;
    };
    const ours = withKind("currency");
    const theirs = withKind("percent");
    const { merged, conflicts } = merge3(base, ours, theirs);
    expect(merged.entities[0]?.fields[0]?.kind).toBe("currency");
    expect(conflicts).toEqual(["/entities/0/fields/0/kind"]);
  });
});
