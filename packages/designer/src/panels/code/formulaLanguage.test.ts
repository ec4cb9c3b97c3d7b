import { standardFunctions } from "@plinth/runtime";
import { compile } from "monaco-editor/editor/standalone/common/monarch/monarchCompile.js";
import { MonarchTokenizer } from "monaco-editor/editor/standalone/common/monarch/monarchLexer.js";
import { describe, expect, it } from "vitest";
import { KEYWORDS } from "../../../../runtime/src/expr/lexer.js";
import { FORMULA_KEYWORDS, FORMULA_LANGUAGE, formulaTokens } from "./formulaLanguage.js";

/** Monaco's own Monarch lexer over our tokenizer: [text, token type] pairs, whitespace left out. */
function tokens(line: string): Array<[string, string]> {
  const lexer = compile(FORMULA_LANGUAGE, formulaTokens(standardFunctions.keys()));
  const disposable = () => ({ dispose() {} });
  const tokenizer = new MonarchTokenizer({} as never, { onDidChange: disposable } as never, FORMULA_LANGUAGE, lexer, {
    getValue: () => 20_000,
    onDidChangeConfiguration: disposable,
  } as never);
  const result = tokenizer.tokenize(line, false, tokenizer.getInitialState());
  return result.tokens
    .map(
      (t, i) =>
        [line.slice(t.offset, result.tokens[i + 1]?.offset ?? line.length), t.type.split(".plinth")[0] ?? ""] as [
          string,
          string,
        ],
    )
    .filter(([, type]) => type !== "white");
}

describe("the plinth-formula tokenizer", () => {
  it("has the core lexer's keywords", () => {
    expect([...FORMULA_KEYWORDS]).toEqual([...KEYWORDS]);
  });

  it("tells keywords, functions, fields, variables, numbers, texts and operators apart", () => {
    expect(tokens("IF(amount >= 1.5e3 and $user.id <> 'it''s', round(x, 2), account.region)")).toEqual([
      ["IF", "predefined"],
      ["(", "delimiter"],
      ["amount", "identifier"],
      [">=", "operator"],
      ["1.5e3", "number"],
      ["and", "keyword"],
      ["$user.id", "variable"],
      ["<>", "operator"],
      ["'it", "string"],
      ["''", "string.escape"],
      ["s'", "string"],
      [",", "delimiter"],
      ["round", "predefined"],
      ["(", "delimiter"],
      ["x", "identifier"],
      [",", "delimiter"],
      ["2", "number"],
      // Monaco joins neighbouring tokens of one type.
      ["),", "delimiter"],
      ["account", "identifier"],
      [".", "delimiter"],
      ["region", "identifier"],
      [")", "delimiter"],
    ]);
  });

  it("knows every keyword in any case, unknown functions, double-quoted texts and unicode names", () => {
    for (const k of FORMULA_KEYWORDS) expect(tokens(k.toLowerCase())).toEqual([[k.toLowerCase(), "keyword"]]);
    expect(tokens('NOPE("a""b") & 金额 IN (BLANK, NULL, TRUE)').map(([, t]) => t)).toEqual([
      "function",
      "delimiter",
      "string",
      "string.escape",
      "string",
      "delimiter",
      "operator",
      "identifier",
      "keyword",
      "delimiter",
      "keyword",
      "delimiter",
      "keyword",
      "delimiter",
      "keyword",
      "delimiter",
    ]);
    expect(tokens("x IN('a')")[1]).toEqual(["IN", "keyword"]);
  });
});
