import { fieldKindNames } from "@plinth/runtime";
import { describe, expect, it } from "vitest";
import { commonProperties, kindProperties, requiredProperties, widgetFor } from "./kindSchema.js";
import { modelStrings } from "./strings.js";

describe("the field kinds' meta-schemas, as the model panel reads them", () => {
  it("finds the properties every field has and each kind's own", () => {
    expect(commonProperties.map(([key]) => key)).toEqual(
      expect.arrayContaining([
        "required",
        "unique",
        "readOnly",
        "description",
        "visibleWhen",
        "requiredWhen",
        "readOnlyWhen",
      ]),
    );
    expect(kindProperties("text").map(([key]) => key)).toContain("maxLength");
    expect(kindProperties("rollup").map(([key]) => key)).toEqual(["from", "via", "aggregate", "field", "filter"]);
    expect(requiredProperties("select").map(([key]) => key)).toEqual(["options"]);
    expect(requiredProperties("relation").map(([key]) => key)).toEqual(["target"]);
  });

  it("tells formulas and labels by their schema", () => {
    const widgets = Object.fromEntries(
      [...commonProperties, ...kindProperties("rollup")].map(([k, s]) => [k, widgetFor(k, s)]),
    );
    expect(widgets).toMatchObject({
      visibleWhen: "formula",
      filter: "formula",
      description: "label",
      aggregate: "enum",
    });
  });

  it("has words in both languages for every kind, property and choice", () => {
    for (const strings of [modelStrings.en, modelStrings["zh-CN"]]) {
      const keys = new Set(Object.keys(strings));
      for (const kind of fieldKindNames) {
        expect(keys).toContain(`model_kind_${kind}`);
        for (const [key, schema] of [...commonProperties, ...kindProperties(kind)]) {
          expect(keys).toContain(`model_prop_${key}`);
          for (const value of (schema.enum as string[] | undefined) ?? [])
            expect(keys).toContain(`model_enum_${value}`);
        }
      }
    }
    expect(Object.keys(modelStrings["zh-CN"]).sort()).toEqual(Object.keys(modelStrings.en).sort());
  });
});
