import { describe, expect, it } from "vitest";
import type { RecordContext } from "../src/data/validateRecord.js";
import { validateApp, validateRecord } from "../src/runtime.js";
import type { App } from "../src/schema/types.js";
import { salesApp } from "./fixtures/salesApp.js";

const app = validateApp(salesApp()).app as App;
const create: RecordContext = {
  mode: "create",
  today: "2026-06-01",
  now: "2026-06-01T09:00:00.000Z",
  user: { id: "u1", region: "east", roles: ["rep"] },
  lookup: (path) => (path.join(".") === "account.region" ? "east" : null),
};
const deal = { name: "Big deal", account: "acc_1", amount: 200000, probability: 60, close_date: "2026-07-01" };

describe("validateRecord", () => {
  it("normalises a valid record: defaults, blanks, computed formula fields", () => {
    const result = validateRecord(app, "opportunity", { ...deal, notes: "", name: "  Big deal  " }, create);
    expect(result.issues).toEqual([]);
    expect(result.value).toMatchObject({
      name: "Big deal",
      stage: "prospecting",
      owner: "u1",
      is_key: false,
      notes: null,
      expected_revenue: 120000,
      big_deal: true,
      region_of_account: "east",
    });
  });

  it("collects every problem, each with the field's pointer and both languages", () => {
    const result = validateRecord(
      app,
      "opportunity",
      {
        name: "",
        account: "acc_1",
        amount: "lots",
        stage: "closed",
        probability: 120,
        close_date: "2026-02-30",
        contact_email: "nope",
        colour: "red",
      },
      create,
    );
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(
      [
        "record.unknownField /colour",
        "record.type /amount",
        "record.notAnOption /stage",
        "record.tooLarge /probability",
        "record.format /close_date",
        "record.format /contact_email",
        "record.required /name",
      ].sort(),
    );
    const option = result.issues.find((i) => i.code === "record.notAnOption");
    expect(option?.message.en).toBe(
      "'closed' is not an option of stage. Choose one of: prospecting, negotiation, won, lost.",
    );
    expect(option?.message["zh-CN"]).toContain("不是");
  });

  it("runs validation rules and shows their message on the rule's field", () => {
    const result = validateRecord(app, "opportunity", { ...deal, stage: "lost" }, create);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: "record.rule",
        path: "/lost_reason",
        message: { en: "Loss reason required", "zh-CN": "需要填写输单原因" },
      }),
    ]);
    expect(validateRecord(app, "opportunity", { ...deal, stage: "lost", lost_reason: "price" }, create).ok).toBe(true);
  });

  it("applies rules only on the writes they name, with $today from the context", () => {
    const past = { ...deal, close_date: "2026-05-01" };
    expect(validateRecord(app, "opportunity", past, create).ok).toBe(true);
    const update: RecordContext = {
      ...create,
      mode: "update",
      old: validateRecord(app, "opportunity", deal, create).value,
    };
    const result = validateRecord(app, "opportunity", { close_date: "2026-05-01" }, update);
    expect(result.issues.map((i) => i.code)).toEqual(["record.rule"]);
    expect(result.value.name).toBe("Big deal");
  });

  it("ignores computed and system fields sent by a client", () => {
    const result = validateRecord(
      app,
      "opportunity",
      { ...deal, expected_revenue: 1, id: "x", createdAt: "hack" },
      create,
    );
    expect(result.ok).toBe(true);
    expect(result.value.expected_revenue).toBe(120000);
    expect(result.value.id).toBeUndefined();
  });

  it("rounds currency to its decimals and refuses non-objects and unknown entities", () => {
    expect(validateRecord(app, "opportunity", { ...deal, amount: 10.005 }, create).value.amount).toBe(10.01);
    expect(validateRecord(app, "opportunity", [1], create).issues[0]?.code).toBe("record.notObject");
    expect(validateRecord(app, "nope", {}, create).issues[0]?.code).toBe("record.unknownEntity");
  });

  it("keeps __proto__ in input as an unknown field, without polluting anything", () => {
    const input = JSON.parse('{"name":"x","__proto__":{"polluted":true}}') as unknown;
    const result = validateRecord(app, "opportunity", input, create);
    expect(result.issues.map((i) => i.path)).toContain("/__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });
});

describe("U+0000 (NUL) in values", () => {
  const nul = "a\u0000b";

  it("refuses it in every text-like value, with the field's pointer and a message in both languages", () => {
    const result = validateRecord(
      app,
      "opportunity",
      {
        ...deal,
        name: `Deal ${nul}`,
        notes: `line 1\n${nul}`,
        contact_email: `x${nul}@example.com`,
        contact_phone: `+86 ${nul}`,
        stage: nul,
        tags: ["strategic", nul],
        account: nul,
        owner: nul,
      },
      create,
    );
    expect(result.ok).toBe(false);
    // One issue per field: the NUL issue replaces the field's other checks (format, option...).
    expect(result.issues.map((i) => `${i.code} ${i.path}`).sort()).toEqual(
      [
        "record.nulCharacter /name",
        "record.nulCharacter /notes",
        "record.nulCharacter /contact_email",
        "record.nulCharacter /contact_phone",
        "record.nulCharacter /stage",
        "record.nulCharacter /tags/1",
        "record.nulCharacter /account",
        "record.nulCharacter /owner",
      ].sort(),
    );
    const name = result.issues.find((i) => i.path === "/name");
    expect(name?.message.en).toBe(
      "name contains a NUL character (U+0000), which cannot be stored. Remove it (it often comes with text copied out of another program) and save again.",
    );
    expect(name?.message["zh-CN"]).toMatch(/^name包含 NUL 字符（U\+0000），无法保存。请删除该字符/);
    expect(name?.severity).toBe("error");
  });

  it("refuses it inside attachment descriptors and in property names", () => {
    const file = { id: "f1", name: `report${nul}.pdf`, size: 1, contentType: "application/pdf" };
    const result = validateRecord(app, "opportunity", { ...deal, contract: [file], [`na${nul}me`]: "x" }, create);
    expect(result.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      `record.nulCharacter /na${nul}me`,
      "record.nulCharacter /contract/0/name",
    ]);
    expect(result.issues[0]?.message.en).toMatch(/^naa\u2400bme contains a NUL character/);
  });

  it("keeps everything else of the value as it is: other control characters, quotes, escapes", () => {
    const text = 'Robert"); DROP TABLE users; -- \' " \\ \u0001 \\u0000 %00 \u2400';
    const result = validateRecord(app, "opportunity", { ...deal, notes: text }, create);
    expect(result.issues).toEqual([]);
    expect(result.value.notes).toBe(text);
  });

  it("checks only what an update writes, so a value stored before the check does not block the record", () => {
    const old = { ...validateRecord(app, "opportunity", deal, create).value, notes: `legacy ${nul}` };
    const update: RecordContext = { ...create, mode: "update", old };
    expect(validateRecord(app, "opportunity", { amount: 1000 }, update).issues).toEqual([]);
    expect(validateRecord(app, "opportunity", { notes: nul }, update).issues.map((i) => i.code)).toEqual([
      "record.nulCharacter",
    ]);
    expect(validateRecord(app, "opportunity", { notes: "clean" }, update).ok).toBe(true);
  });
});

describe("recordJsonSchema", () => {
  it("compiles each entity to one JSON Schema of its input fields (for OpenAPI and other tools)", async () => {
    const { recordJsonSchema } = await import("../src/data/recordSchema.js");
    const { indexApp } = await import("../src/app/model.js");
    const { createAjv } = await import("../src/app/structure.js");
    const entity = indexApp(app).entities.get("opportunity");
    if (!entity) throw new Error("no entity");
    const validate = createAjv().compile(recordJsonSchema(entity));
    expect(validate({ ...deal, stage: "won", notes: null })).toBe(true);
    expect(validate({ ...deal, stage: "closed" })).toBe(false);
    expect(validate({ ...deal, expected_revenue: 5 })).toBe(false);
  });
});
