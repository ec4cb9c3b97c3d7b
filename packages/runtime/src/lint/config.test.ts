import { describe, expect, it } from "vitest";
import { validateLintConfig } from "./config.js";
import { standardLintRules } from "./registry.js";

const check = (doc: unknown) => validateLintConfig(doc, standardLintRules);
const issuesOf = (doc: unknown) => {
  const result = check(doc);
  return result.ok ? [] : result.issues.map((i) => ({ code: i.code, path: i.path, en: i.message.en }));
};

describe("validateLintConfig", () => {
  it("accepts an empty config and a full one", () => {
    expect(check({})).toMatchObject({ ok: true, config: {} });
    const full = {
      $schema: "https://plinth.dev/schemas/lint/v1/config.json",
      rules: {
        "quality/unused-field": "off",
        "quality/approval-without-sla": "error",
        "security/delete-everything": ["warning", { allowRoles: ["admin"] }],
        "quality/missing-translation": ["info", { locales: ["en"] }],
      },
      allowHosts: ["hooks.example.com", "*.erp.example.com"],
      largeEntities: ["activity"],
    };
    expect(check(full)).toEqual({ ok: true, config: full, issues: [] });
  });

  it("names an unknown rule with a did-you-mean, at its pointer", () => {
    const [issue] = issuesOf({ rules: { "quality/unused-feild": "off" } });
    expect(issue).toEqual({
      code: "lint.unknownRule",
      path: "/rules/quality~1unused-feild",
      en: "There is no lint rule 'quality/unused-feild'. Did you mean 'quality/unused-field'? 'plinth lint --help' lists the rules.",
    });
    const result = check({ rules: { nope: "off" } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message["zh-CN"]).toContain("没有名为“nope”的 lint 规则");
  });

  it("refuses settings that are not off/info/warning/error or [setting, options]", () => {
    expect(issuesOf({ rules: { "quality/unused-field": "warn" } })).toEqual([
      {
        code: "lint.invalidSetting",
        path: "/rules/quality~1unused-field",
        en: '"warn" is not a rule setting. Write "off", "info", "warning" or "error", or [setting, { options }].',
      },
    ]);
    expect(issuesOf({ rules: { "quality/unused-field": ["warning"] } })[0]?.code).toBe("lint.invalidSetting");
  });

  it("checks each rule's options against its own schema, with pointers into the config", () => {
    expect(issuesOf({ rules: { "quality/unused-field": ["warning", { x: 1 }] } })).toEqual([
      {
        code: "lint.noOptions",
        path: "/rules/quality~1unused-field/1",
        en: "Rule 'quality/unused-field' takes no options. Write just its setting, e.g. \"warning\".",
      },
    ]);
    expect(
      issuesOf({ rules: { "security/delete-everything": ["warning", { allowRoles: ["1admin"], roles: [] }] } }),
    ).toEqual([
      { code: "schema.unknownProperty", path: "/rules/security~1delete-everything/1/roles", en: expect.any(String) },
      { code: "schema.invalidId", path: "/rules/security~1delete-everything/1/allowRoles/0", en: expect.any(String) },
    ]);
  });

  it("refuses a malformed document, a host with a scheme or path, and entity ids that are not ids", () => {
    expect(issuesOf([])).toMatchObject([{ code: "schema.type", path: "" }]);
    expect(issuesOf({ rule: {} })).toMatchObject([{ code: "schema.unknownProperty", path: "/rule" }]);
    expect(issuesOf({ allowHosts: ["https://hooks.example.com/x"] })).toMatchObject([
      { code: "lint.invalidHost", path: "/allowHosts/0" },
    ]);
    expect(issuesOf({ largeEntities: ["not an id"] })).toMatchObject([
      { code: "schema.invalidId", path: "/largeEntities/0" },
    ]);
  });
});
