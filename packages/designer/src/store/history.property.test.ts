import { type App, createRuntime } from "@plinth/runtime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { salesApp } from "../../../runtime/test/fixtures/salesApp.js";
import {
  addField,
  type Command,
  insertItem,
  type Made,
  moveItem,
  remove,
  removeItem,
  rename,
  replaceDocument,
  setLabel,
  setValue,
} from "./commands.js";
import { commit, type History, redo, startHistory, undo } from "./history.js";

const runtime = createRuntime();

const step = fc.record({
  kind: fc.constantFrom(
    "label",
    "value",
    "insertRole",
    "removeRole",
    "moveField",
    "moveNode",
    "addField",
    "rename",
    "remove",
    "replace",
  ),
  a: fc.nat(50),
  b: fc.nat(50),
  text: fc.string({ maxLength: 8 }),
  gapMs: fc.constantFrom(10, 400, 2000),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const made = (m: Made): Command | undefined => (m.ok ? m.command : undefined);

/** Turn an abstract step into a command that fits the current document (or none). */
function commandFor(doc: App, s: Step, n: number): Command | undefined {
  const entities = doc.entities ?? [];
  const e = s.a % entities.length;
  const entity = entities[e];
  if (!entity) return undefined;
  const fields = entity.fields;
  const f = s.b % fields.length;
  const field = fields[f];
  switch (s.kind) {
    case "label":
      return setLabel(`/entities/${e}/fields/${f}/label`, s.b % 2 ? "en" : "zh-CN", s.text);
    case "value":
      return setValue(`/entities/${e}/fields/${f}/description`, s.text === "" ? undefined : s.text);
    case "insertRole":
      return insertItem("/roles", { id: `r${n}` }, s.a % ((doc.roles?.length ?? 0) + 1));
    case "removeRole":
      return doc.roles && doc.roles.length > 0 ? removeItem("/roles", s.a % doc.roles.length) : undefined;
    case "moveField":
      return moveItem(`/entities/${e}/fields`, f, `/entities/${e}/fields`, s.a % (fields.length + 1));
    case "moveNode": {
      const form = "/pages/1/layout/children";
      const kids =
        (doc.pages?.[1] as unknown as { layout: { children: unknown[] } } | undefined)?.layout.children ?? [];
      return moveItem(form, s.a % kids.length, "/pages/1/layout/children/2/tabs/0/children", 0);
    }
    case "addField":
      return addField(doc, entity.id, { id: `f${n}`, kind: "text" }, s.b % (fields.length + 1));
    case "rename":
      return field
        ? made(rename(runtime, doc, { kind: "field", entity: entity.id, id: field.id }, `${field.id}_${n}`))
        : undefined;
    case "remove":
      return field ? made(remove(runtime, doc, { kind: "field", entity: entity.id, id: field.id })) : undefined;
    case "replace": {
      const next = structuredClone(doc) as { version: string };
      next.version = `1.${n}.0`;
      return replaceDocument(next as unknown as App);
    }
  }
}

describe("the designer history (property)", () => {
  it("any sequence of operations followed by as many undos restores the document exactly; redo replays it", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const original = salesApp() as unknown as App;
        let h: History = startHistory(structuredClone(original));
        let now = 0;
        steps.forEach((s, n) => {
          // The moved layout node may have left the section (moveNode twice): skip what no longer fits.
          let command: Command | undefined;
          try {
            command = commandFor(h.doc, s, n);
          } catch {
            command = undefined;
          }
          now += s.gapMs;
          if (command) {
            try {
              h = commit(h, command, now);
            } catch {
              // a command that cannot apply leaves the history as it was (checked below)
            }
          }
        });
        const final = h.doc;
        let back = h;
        for (let i = 0; i < h.past.length; i++) back = undo(back);
        expect(back.doc).toEqual(original);
        let forward = back;
        for (let i = 0; i < h.past.length; i++) forward = redo(forward);
        expect(forward.doc).toEqual(final);
      }),
      { numRuns: 60 },
    );
  });
});
