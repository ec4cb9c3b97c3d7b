import { describe, expect, it } from "vitest";
import { uploadRefusal } from "./attachmentFiles.js";

const access = (allowed: boolean, readOnly: string[] = [], hidden: string[] = []) => ({
  allowed,
  readOnlyFields: new Set(readOnly),
  hiddenFields: new Set(hidden),
});

describe("uploadRefusal", () => {
  it("allows an upload with create or update on the entity and the field writable in one of them", () => {
    expect(uploadRefusal(access(true), access(false), "files")).toBeUndefined();
    expect(uploadRefusal(access(false), access(true), "files")).toBeUndefined();
    expect(uploadRefusal(access(true, ["files"]), access(true), "files")).toBeUndefined();
  });

  it("refuses without either action, or when the field is read-only or hidden wherever allowed", () => {
    expect(uploadRefusal(access(false), access(false), "files")).toBe("entity");
    expect(uploadRefusal(access(true, ["files"]), access(false), "files")).toBe("field");
    expect(uploadRefusal(access(false), access(true, [], ["files"]), "files")).toBe("field");
  });
});
