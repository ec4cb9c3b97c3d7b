import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Field } from "../fields/index.js";
import { findNulCharacter, hasNulCharacter, nulCharacterIssues, nulRefusal } from "./nulCharacter.js";

const NUL = "\u0000";

describe("findNulCharacter", () => {
  it("gives the pointer of the first string holding U+0000, in document order", () => {
    expect(findNulCharacter(`a${NUL}`)).toBe("");
    expect(findNulCharacter({ a: "ok", b: [1, true, null, "x", { c: `y${NUL}` }], d: NUL })).toBe("/b/4/c");
    expect(findNulCharacter([{}, [], "", 0, NUL])).toBe("/4");
    expect(findNulCharacter({ "a/b": { "m~n": NUL } })).toBe("/a~1b/m~0n");
  });

  it("finds it in member names too, before their values", () => {
    expect(findNulCharacter({ ok: 1, [`k${NUL}`]: 2 })).toBe(`/k${NUL}`);
    expect(findNulCharacter({ [`k${NUL}`]: { deeper: NUL } })).toBe(`/k${NUL}`);
  });

  it("answers undefined for clean data, look-alikes and non-JSON objects", () => {
    expect(findNulCharacter({ a: "\\u0000", b: "%00", c: "\u2400", d: "\u0001", e: 0, f: null })).toBeUndefined();
    expect(findNulCharacter(undefined)).toBeUndefined();
    expect(findNulCharacter(Readable.from([NUL]))).toBeUndefined();
    expect(findNulCharacter(new Date(0))).toBeUndefined();
    expect(findNulCharacter(Object.assign(Object.create(null) as object, { q: NUL }))).toBe("/q");
  });

  it("walks hostile depth and size without recursion, in linear time", () => {
    let deep: unknown = NUL;
    for (let i = 0; i < 200_000; i++) deep = i % 2 === 0 ? [deep] : { k: deep };
    const started = performance.now();
    const found = findNulCharacter(deep);
    expect(found?.length).toBe(400_000);
    expect(findNulCharacter(Array.from({ length: 300_000 }, (_, i) => `v${i}`))).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("nulCharacterIssues", () => {
  const notes = { id: "notes", kind: "longText", label: { en: "Notes", "zh-CN": "备注" } } as Field;

  it("reports each property whose name or value holds U+0000, labelled by its field when known", () => {
    const issues = nulCharacterIssues({ notes: `x${NUL}`, tags: ["a", NUL], [`b${NUL}d`]: "v", fine: "ok" }, (key) =>
      key === "notes" ? notes : undefined,
    );
    expect(issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      "record.nulCharacter /notes",
      "record.nulCharacter /tags/1",
      `record.nulCharacter /b${NUL}d`,
    ]);
    expect(issues[0]?.message.en).toMatch(/^Notes contains a NUL character \(U\+0000\)/);
    expect(issues[0]?.message["zh-CN"]).toMatch(/^备注包含 NUL 字符/);
    expect(issues[1]?.message.en).toMatch(/^tags contains/);
    expect(issues[2]?.message["zh-CN"]).toMatch(/^b\u2400d包含/);
    expect(hasNulCharacter("clean")).toBe(false);
  });
});

describe("nulRefusal", () => {
  it("names the part of the request for the http.nulCharacter message, with a pointer where there is one", () => {
    expect(nulRefusal("path")).toEqual({
      params: { where: "The address", whereZh: "请求地址" },
      path: "",
      part: "path",
    });
    expect(nulRefusal("query", "a/b")).toMatchObject({ params: { where: "The query parameter 'a/b'" }, path: "/a~1b" });
    expect(nulRefusal("header", "x-note")).toMatchObject({ params: { whereZh: "请求头“x-note”" }, path: "" });
    expect(nulRefusal("body")).toMatchObject({ params: { where: "The request body" }, path: "" });
    expect(nulRefusal("body", `/k${NUL}`)).toMatchObject({
      params: { where: "The request body at /k\u2400", whereZh: "请求体中 /k\u2400 处" },
      path: `/k${NUL}`,
    });
    const long = nulRefusal("body", "/0".repeat(500));
    expect(long.path.length).toBe(1000);
    expect(long.params.where.length).toBeLessThan(250);
  });
});
