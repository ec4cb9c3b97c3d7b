import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { templates } from "@plinth/templates";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTypegen } from "../src/cli/typegen.js";
import { createTestIo } from "./support/cliIo.js";

let dir = "";
const file = (name: string) => join(dir, name);

/** Type-check files with the TypeScript compiler (strict, no emit); the diagnostics as text. */
function compile(files: readonly string[]): string[] {
  const program = ts.createProgram([...files], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    types: [],
    skipLibCheck: true,
  });
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${d.file.fileName.split("/").pop()}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
}

/** A small typed client over the generated module, the same for every app. */
const genericClient = (module: string) => `
import { type ActionInput, type Actions, type CreateInputs, type EntityId, type ListParams, type Page, paths, type QueryBody, type QueryResult, type Records, type UpdateInputs } from "./${module}";

declare function send(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<unknown>;

export const client = {
  list: <E extends EntityId>(entity: E, params: ListParams<E> = {}) =>
    send("GET", paths.records(entity), undefined, params as Record<string, string>) as Promise<Page<E>>,
  get: <E extends EntityId>(entity: E, id: string) => send("GET", paths.record(entity, id)) as Promise<Records[E]>,
  create: <E extends EntityId>(entity: E, input: CreateInputs[E]) => send("POST", paths.records(entity), input) as Promise<Records[E]>,
  update: <E extends EntityId>(entity: E, record: Records[E], input: UpdateInputs[E]) =>
    send("PATCH", paths.record(entity, record.id), input, { "if-match": String(record.version) }) as Promise<Records[E]>,
  act: <E extends EntityId>(entity: E, id: string, action: Actions[E], input: ActionInput = {}) =>
    send("POST", paths.action(entity, id, action), input),
  query: (body: QueryBody) => send("POST", paths.query, body) as Promise<QueryResult>,
};
`;

/** Uses of the pipeline app's own fields, options and actions; `edit` breaks one on purpose. */
const pipelineUse = (edit: (source: string) => string = (s) => s) =>
  edit(`
import { client } from "./client";

export async function closeADeal(): Promise<number | null | undefined> {
  const opportunity = await client.create("opportunity", {
    name: "Acme renewal",
    account: "acc_1",
    close_date: "2026-06-30",
    stage: "proposal",
    amount: 120000,
  });
  const page = await client.list("opportunity", { filter: "stage = 'proposal'", sort: "-amount", limit: 50 });
  const first = page.records[0];
  if (first) await client.update("opportunity", first, { probability: 60, stage: "negotiation" });
  await client.act("opportunity", opportunity.id, "close_won");
  await client.act("lead", "lead_1", "convert");
  await client.query({ entity: "opportunity", groupBy: [{ field: "stage" }], measures: [{ id: "n", aggregate: "count" }] });
  return opportunity.expected_revenue;
}
`);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "plinth-typegen-"));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plinth typegen", () => {
  for (const template of templates) {
    it(`writes types for ${template.app.id} that a typed client compiles against`, async () => {
      const app = file(`${template.app.id}.app.json`);
      await writeFile(app, JSON.stringify(template.app));
      const t = createTestIo();
      const out = file(`${template.app.id}.ts`);
      expect(await runTypegen([app, "-o", out], t.io), t.err()).toBe(0);
      expect(t.out()).toBe(`Wrote the types of ${template.app.entities?.length} entities to ${out}.\n`);
      const client = file(`${template.app.id}.client.ts`);
      await writeFile(client, genericClient(template.app.id));
      expect(compile([out, client])).toEqual([]);
    }, 60_000);
  }

  describe("against the pipeline template's own fields", () => {
    beforeAll(async () => {
      const pipeline = templates.find((t) => t.app.id === "pipeline");
      await writeFile(file("pipeline.app.json"), JSON.stringify(pipeline?.app));
      expect(await runTypegen([file("pipeline.app.json"), "-o", file("pipeline.ts")], createTestIo().io)).toBe(0);
      await writeFile(file("client.ts"), genericClient("pipeline"));
    });

    const check = async (name: string, source: string) => {
      await writeFile(file(name), source);
      return compile([file("pipeline.ts"), file("client.ts"), file(name)]);
    };

    it("compiles a correct use", async () => {
      expect(await check("use.ts", pipelineUse())).toEqual([]);
    }, 60_000);

    it("fails for a wrong field name", async () => {
      const errors = await check(
        "wrongName.ts",
        pipelineUse((s) => s.replace("close_date:", "closing_date:")),
      );
      expect(errors.join("\n")).toMatch(/'closing_date' does not exist in type 'OpportunityCreate'/);
    }, 60_000);

    it("fails for a wrong value type, an unknown option, an unknown action and a missing required field", async () => {
      expect(
        (
          await check(
            "wrongType.ts",
            pipelineUse((s) => s.replace("amount: 120000", 'amount: "120000"')),
          )
        ).join("\n"),
      ).toMatch(/Type 'string' is not assignable to type 'number'/);
      expect(
        (
          await check(
            "wrongOption.ts",
            pipelineUse((s) => s.replace('stage: "proposal"', 'stage: "won"')),
          )
        ).join("\n"),
      ).toMatch(/'"won"' is not assignable to type '"prospecting" \| "qualification"/);
      expect(
        (
          await check(
            "wrongAction.ts",
            pipelineUse((s) => s.replace('"close_won"', '"close_wonn"')),
          )
        ).join("\n"),
      ).toMatch(/'"close_wonn"' is not assignable/);
      expect(
        (
          await check(
            "missing.ts",
            pipelineUse((s) => s.replace('account: "acc_1",', "")),
          )
        ).join("\n"),
      ).toMatch(/Property 'account' is missing/);
      expect(
        (
          await check(
            "readonly.ts",
            pipelineUse((s) =>
              s.replace("return opportunity.expected_revenue;", "opportunity.expected_revenue = 1;\n  return 1;"),
            ),
          )
        ).join("\n"),
      ).toMatch(/Cannot assign to 'expected_revenue' because it is a read-only property/);
    }, 60_000);
  });

  it("prints the module without -o, and { ok, out, entities } with --json", async () => {
    const app = file("cvi.app.json");
    await writeFile(app, JSON.stringify(templates.find((t) => t.app.id === "cvi")?.app));
    const printed = createTestIo();
    expect(await runTypegen([app], printed.io)).toBe(0);
    expect(printed.out()).toMatch(/^\/\/ Generated by plinth typegen from the app 'cvi'/);
    expect(printed.out()).toContain("export interface CviScore {");
    const json = createTestIo();
    expect(await runTypegen([app, "--out", file("cvi.ts"), "--json"], json.io)).toBe(0);
    expect(JSON.parse(json.out())).toMatchObject({
      ok: true,
      out: file("cvi.ts"),
      entities: expect.arrayContaining(["cvi_score"]),
    });
  });

  it("answers --help in both languages; exits 1 on an invalid app and 2 on usage errors or an unwritable output", async () => {
    const help = createTestIo();
    expect(await runTypegen(["-h"], help.io)).toBe(0);
    expect(help.out()).toContain("Usage / 用法: plinth typegen <app.json>");
    expect(help.out()).toContain("生成 TypeScript 类型");
    const broken = JSON.parse(JSON.stringify(templates[0]?.app)) as {
      entities: Array<{ fields: Array<{ kind: string }> }>;
    };
    (broken.entities[0]?.fields[0] as { kind: string }).kind = "texxt";
    await writeFile(file("broken.json"), JSON.stringify(broken));
    const invalid = createTestIo();
    expect(await runTypegen([file("broken.json"), "--lang", "zh-CN"], invalid.io)).toBe(1);
    expect(invalid.err()).toContain("cli.invalidApp");
    expect(invalid.out()).toBe("");
    const usage = createTestIo();
    expect(await runTypegen([], usage.io)).toBe(2);
    const unwritable = createTestIo();
    const app = file("cvi.app.json");
    expect(await runTypegen([app, "-o", file("no/such/dir/x.ts")], unwritable.io)).toBe(2);
    expect(unwritable.err()).toContain("cli.fileUnwritable");
  });
});
