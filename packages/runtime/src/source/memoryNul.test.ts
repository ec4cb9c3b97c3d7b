import { describe, expect, it } from "vitest";
import { DataSourceError } from "./errors.js";
import { refuseNul } from "./memoryNul.js";

const NUL = "\u0000";

function refusal(request: Parameters<typeof refuseNul>[0]) {
  try {
    refuseNul(request);
    return undefined;
  } catch (error) {
    if (!(error instanceof DataSourceError)) throw error;
    return [error.status, error.code, error.path, error.details.in, error.messages.en];
  }
}

describe("refuseNul (the memory source's answer to U+0000, as the server's)", () => {
  it("looks at the path, then the query, then the body, as the server does", () => {
    expect(refusal({ path: ["deal", `x${NUL}`], query: [["filter", NUL]], body: { a: NUL } })?.slice(0, 4)).toEqual([
      400,
      "http.nulCharacter",
      "",
      "path",
    ]);
    expect(
      refusal({
        path: ["deal"],
        query: [
          ["limit", 5],
          ["fields", ["a", NUL]],
        ],
        body: NUL,
      }),
    ).toEqual([
      400,
      "http.nulCharacter",
      "/fields",
      "query",
      "The query parameter 'fields' contains a NUL character (U+0000), which cannot be stored. Remove it (it often comes with text copied out of another program) and send the request again.",
    ]);
    expect(refusal({ body: { comment: `ok${NUL}` } })?.slice(0, 4)).toEqual([
      400,
      "http.nulCharacter",
      "/comment",
      "body",
    ]);
  });

  it("answers a record with the core's 422 record.nulCharacter per property", () => {
    expect(refusal({ path: ["deal"], record: { title: `T${NUL}`, ok: "fine" } })?.slice(0, 3)).toEqual([
      422,
      "record.nulCharacter",
      "/title",
    ]);
    expect(refusal({ path: ["deal"], record: { title: "T" }, query: [["q", undefined]] })).toBeUndefined();
  });
});
