import { describe, expect, it } from "vitest";
import { type Token, tokenize } from "./lexer.js";

function kinds(text: string): string[] {
  return tokenize(text).tokens.map((t) => t.kind);
}

function only(text: string): Token {
  const { tokens, issues } = tokenize(text);
  expect(issues).toEqual([]);
  expect(tokens).toHaveLength(2);
  const token = tokens[0];
  if (!token) throw new Error("no token");
  return token;
}

describe("tokenize", () => {
  it.each([
    ["12", 12],
    ["1.5", 1.5],
    [".5", 0.5],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
    ["1e+21", 1e21],
    ["12.", 12],
  ])("reads the number %s", (text, value) => {
    expect(only(text)).toMatchObject({ kind: "number", value, start: 0, end: text.length });
  });

  it.each([
    ["'abc'", "abc"],
    ['"abc"', "abc"],
    ["'it''s'", "it's"],
    ['"say ""hi"""', 'say "hi"'],
    ["'He said \"no\"'", 'He said "no"'],
    ["''", ""],
    ["'line\nbreak'", "line\nbreak"],
    ["'x\"; DROP TABLE y; --'", 'x"; DROP TABLE y; --'],
  ])("reads the text %s", (text, value) => {
    expect(only(text)).toMatchObject({ kind: "string", value, start: 0, end: text.length });
  });

  it("reads identifiers case-sensitively, including underscores, digits and non-ASCII letters", () => {
    expect(only("closeDate")).toMatchObject({ kind: "identifier", name: "closeDate" });
    expect(only("field_2")).toMatchObject({ kind: "identifier", name: "field_2" });
    expect(only("__proto__")).toMatchObject({ kind: "identifier", name: "__proto__" });
    expect(only("金额")).toMatchObject({ kind: "identifier", name: "金额" });
  });

  it("reads keywords in any case and stores them upper-cased", () => {
    for (const word of ["and", "Or", "NOT", "in", "True", "false", "blank", "Null"]) {
      expect(only(word)).toMatchObject({ kind: "keyword", keyword: word.toUpperCase(), text: word });
    }
    expect(only("android")).toMatchObject({ kind: "identifier", name: "android" });
  });

  it("reads $-variables without the dollar; the dotted path is left to the parser", () => {
    expect(kinds("$user.id")).toEqual(["variable", "operator", "identifier", "end"]);
    expect(only("$today")).toMatchObject({ kind: "variable", name: "today", start: 0, end: 6 });
  });

  it("reads every operator, with != as an alias of <>", () => {
    const ops = tokenize("+ - * / & = <> != < <= > >= ( ) , .").tokens.flatMap((t) =>
      t.kind === "operator" ? [t.op] : [],
    );
    expect(ops).toEqual(["+", "-", "*", "/", "&", "=", "<>", "<>", "<", "<=", ">", ">=", "(", ")", ",", "."]);
  });

  it("skips whitespace and newlines and keeps offsets", () => {
    const { tokens } = tokenize("a\n\t+  b\r\n");
    expect(tokens.map((t) => [t.kind, t.start, t.end])).toEqual([
      ["identifier", 0, 1],
      ["operator", 3, 4],
      ["identifier", 6, 7],
      ["end", 9, 9],
    ]);
  });

  it("does not read `1e` or `1.x` as numbers with exponents or fractions", () => {
    expect(kinds("1e")).toEqual(["number", "identifier", "end"]);
    expect(kinds("1.x")).toEqual(["number", "operator", "identifier", "end"]);
  });

  it.each([
    ["'abc", "formula.unterminatedString", 0],
    ['x = "it""s', "formula.unterminatedString", 4],
    ["a # b", "formula.invalidCharacter", 2],
    ["a ; b", "formula.invalidCharacter", 2],
    ["$ user", "formula.invalidVariable", 0],
    ["1e999", "formula.invalidNumber", 0],
  ])("reports %s as %s", (text, code, start) => {
    const { issues } = tokenize(text);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code, path: "", params: { start } });
  });

  it("reports an astral character whole", () => {
    const { issues } = tokenize("a 😀");
    expect(issues[0]?.params).toMatchObject({ char: "😀", start: 2, end: 4 });
  });
});
