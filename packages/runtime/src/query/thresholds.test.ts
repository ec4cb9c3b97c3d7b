import { describe, expect, it } from "vitest";
import { validateApp } from "../runtime.js";
import type { App } from "../schema/types.js";
import { thresholdColor } from "./thresholds.js";

const widget = {
  thresholds: [
    {
      measure: "ratio",
      bands: [
        { color: "green" as const, atMost: "target" },
        { color: "amber" as const, atMost: "target", times: 1.1 },
        { color: "red" as const },
      ],
    },
    {
      measure: "share",
      bands: [
        { color: "red" as const, atMost: 0.2 },
        { color: "green" as const, atMost: 1 },
      ],
    },
  ],
};

describe("thresholdColor: the band a measure's value falls in", () => {
  it("green up to the target, amber up to the target × 1.1, red above (bounds inclusive)", () => {
    const colour = (ratio: unknown, target: unknown) => thresholdColor(widget, "ratio", { ratio, target });
    expect(colour(8, 10)).toBe("green");
    expect(colour(10, 10)).toBe("green");
    expect(colour(10.5, 10)).toBe("amber");
    expect(colour(11, 10)).toBe("amber");
    expect(colour(11.01, 10)).toBe("red");
    expect(colour("9.5", 10)).toBe("green");
  });

  it("numbers as bounds; no band for a value above every bounded band", () => {
    expect(thresholdColor(widget, "share", { share: 0.1 })).toBe("red");
    expect(thresholdColor(widget, "share", { share: 0.5 })).toBe("green");
    expect(thresholdColor(widget, "share", { share: 1.5 })).toBeUndefined();
  });

  it("no colour for a blank value, a blank bound, or a measure without thresholds", () => {
    expect(thresholdColor(widget, "ratio", { ratio: null, target: 10 })).toBeUndefined();
    expect(thresholdColor(widget, "ratio", { ratio: 12, target: null })).toBeUndefined();
    expect(thresholdColor(widget, "target", { ratio: 12, target: 10 })).toBeUndefined();
    expect(thresholdColor({}, "ratio", { ratio: 12, target: 10 })).toBeUndefined();
  });
});

describe("validateApp: thresholds name measures of the widget's query", () => {
  const app = (thresholds: unknown) =>
    ({
      schemaVersion: 1,
      id: "t",
      version: "1.0.0",
      label: "T",
      entities: [{ id: "deal", label: "Deal", fields: [{ id: "amount", kind: "number", label: "Amount" }] }],
      pages: [
        {
          kind: "dashboard",
          id: "d",
          label: "D",
          widgets: [
            {
              id: "w",
              type: "table",
              query: {
                entity: "deal",
                measures: [
                  { id: "total", aggregate: "sum", field: "amount" },
                  { id: "cap", expression: "1000" },
                ],
              },
              thresholds,
            },
          ],
        },
      ],
    }) as unknown as App;

  it("accepts a number or a measure id as a bound, and reports unknown measures at their path", () => {
    const issues = (thresholds: unknown) => validateApp(app(thresholds)).issues.map((i) => [i.code, i.path]);
    expect(
      issues([
        {
          measure: "total",
          bands: [
            { color: "green", atMost: "cap" },
            { color: "red", atMost: 5 },
          ],
        },
      ]),
    ).toEqual([]);
    expect(issues([{ measure: "totl", bands: [{ color: "green", atMost: "capp" }, { color: "red" }] }])).toEqual([
      ["schema.unknownReference", "/pages/0/widgets/0/thresholds/0/measure"],
      ["schema.unknownReference", "/pages/0/widgets/0/thresholds/0/bands/0/atMost"],
    ]);
    expect(issues([{ measure: "total", bands: [{ color: "blue" }] }]).map(([code]) => code)).toEqual(["schema.enum"]);
  });
});
