import { describe, expect, it } from "vitest";
import { salesApp } from "../../test/fixtures/salesApp.js";
import { sanitizeFileName } from "../fields/attachmentFiles.js";
import type { App } from "../schema/types.js";
import { DataSourceError } from "./errors.js";
import { createMemorySource, type MemoryUser } from "./memory.js";

const NOW = "2026-06-01T09:00:00.000Z";
const users: MemoryUser[] = [
  { id: "rep1", displayName: "Li Lei", roles: ["rep"], attributes: { region: "east" } },
  { id: "rep2", displayName: "Han Meimei", roles: ["rep"], attributes: { region: "west" } },
  { id: "boss", displayName: "Wang Fang", roles: ["manager"], attributes: { region: "east" } },
  { id: "fin", displayName: "Zhao Min", roles: ["finance"] },
  { id: "gone", displayName: "Nobody", roles: [] },
];

function setup(as = "rep1") {
  let n = 0;
  return createMemorySource({
    app: salesApp() as App,
    user: users.find((u) => u.id === as) as MemoryUser,
    users,
    clock: () => NOW,
    newId: () => `f${++n}`,
    records: {
      account: [{ id: "a1", version: 1, name: "Acme", region: "east", createdAt: NOW, updatedAt: NOW }],
      opportunity: [
        {
          id: "o1",
          version: 1,
          name: "Deal",
          account: "a1",
          stage: "prospecting",
          close_date: "2026-07-01",
          owner: "rep1",
          createdAt: NOW,
          updatedAt: NOW,
        },
      ],
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<DataSourceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataSourceError);
  return error as DataSourceError;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("memory source: people", () => {
  it("lists people with a role in the app by name, searchable, limited, with no other details", async () => {
    const source = setup();
    const all = await source.people();
    expect(all).toEqual([
      { id: "rep2", name: "Han Meimei" },
      { id: "rep1", name: "Li Lei" },
      { id: "boss", name: "Wang Fang" },
      { id: "fin", name: "Zhao Min" },
    ]);
    expect(await source.people({ search: "LI" })).toEqual([{ id: "rep1", name: "Li Lei" }]);
    expect(await source.people({ limit: 1 })).toHaveLength(1);
  });

  it("filters by role with inheritance (a manager is also a rep)", async () => {
    const reps = await setup().people({ roles: ["rep"] });
    expect(reps.map((p) => p.id).sort()).toEqual(["boss", "rep1", "rep2"]);
  });

  it("refuses a long search and a user with no role in the app", async () => {
    expect((await refusal(setup().people({ search: "x".repeat(101) }))).status).toBe(400);
    expect((await refusal(setup("gone").people())).status).toBe(403);
  });

  it("takes its own people list when given", async () => {
    const source = createMemorySource({
      app: salesApp() as App,
      user: users[0] as MemoryUser,
      clock: () => NOW,
      newId: () => "x",
      people: [{ id: "p1", name: "Pat", roles: ["rep"] }],
    });
    expect(await source.people()).toEqual([{ id: "p1", name: "Pat" }]);
  });
});

describe("memory source: attachments", () => {
  it("uploads, attaches through an update, and downloads for readers of the record", async () => {
    const source = setup();
    const file = await source.upload("opportunity", "contract", {
      name: "../../报价单.pdf",
      contentType: "Application/PDF",
      size: 5,
      body: bytes("%PDF-"),
    });
    expect(file).toEqual({ id: "f1", name: "报价单.pdf", size: 5, contentType: "application/pdf" });
    const saved = await source.update("opportunity", "o1", 1, { contract: [file] });
    expect(saved.contract).toEqual([file]);
    expect(new TextDecoder().decode(await source.download("opportunity", "o1", "contract", "f1"))).toBe("%PDF-");
    expect(source.fileUrl("opportunity", "o1", "contract", "f1")).toBeUndefined();
    // rep2 may not read o1 (row scope): the file is as absent as the record.
    expect((await refusal(source.as("rep2").download("opportunity", "o1", "contract", "f1"))).status).toBe(404);
    // A file id the record does not hold is not found either.
    expect((await refusal(source.download("opportunity", "o1", "contract", "nope"))).status).toBe(404);
  });

  it("refuses attaching a file someone else uploaded", async () => {
    const source = setup();
    const theirs = await source
      .as("rep2")
      .upload("opportunity", "contract", { name: "a.txt", contentType: "text/plain", size: 1, body: bytes("a") });
    const error = await refusal(source.update("opportunity", "o1", 1, { contract: [theirs] }));
    expect(error.code).toBe("http.fileUnknown");
    expect(error.path).toBe("/contract/0");
  });

  it("refuses files over the field's size limit, and users who may not write the field", async () => {
    const source = setup();
    const big = { name: "big.bin", contentType: "application/octet-stream", size: 11 * 1024 * 1024, body: "" };
    const error = await refusal(source.upload("opportunity", "contract", big));
    expect([error.status, error.code]).toEqual([413, "http.fileTooLarge"]);
    const finance = await refusal(
      source.as("fin").upload("opportunity", "contract", { name: "a", contentType: "text/plain", size: 1, body: "a" }),
    );
    expect(finance.status).toBe(403);
    expect((await refusal(source.upload("opportunity", "name", big))).status).toBe(404);
  });
});

describe("sanitizeFileName", () => {
  it("keeps the last segment, drops controls, bidi overrides and leading dots", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\me\\a.pdf")).toBe("a.pdf");
    expect(sanitizeFileName("..\u0000")).toBe("file");
    expect(sanitizeFileName("invoice\u202Efdp.exe")).toBe("invoicefdp.exe");
    expect(sanitizeFileName('a"b<c>.txt')).toBe("a_b_c_.txt");
    expect([...sanitizeFileName("长".repeat(300))]).toHaveLength(255);
  });
});
