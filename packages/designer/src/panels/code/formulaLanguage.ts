import type { languages } from "monaco-editor/editor";

/** The Monaco language id of Plinth formulas. */
export const FORMULA_LANGUAGE = "plinth-formula";

/** The formula language's reserved words (the core's lexer: expr/lexer.ts KEYWORDS); any letter case. */
export const FORMULA_KEYWORDS = ["AND", "OR", "NOT", "IN", "TRUE", "FALSE", "BLANK", "NULL"] as const;

/**
 * The Monarch tokenizer of the formula language, following the core's lexer: `'text'` and
 * `"text"` with a doubled quote as escape, numbers with a fraction and an exponent, `$variables`
 * with dotted paths, keywords in any case, a name before `(` is a function, any other name a field
 * (dotted relation paths too), the operators `+ - * / & = <> != < <= > >=`.
 *
 * @param functions the function names (the runtime's function table), upper-case
 */
export function formulaTokens(functions: Iterable<string>): languages.IMonarchLanguage {
  return {
    defaultToken: "invalid",
    // Keywords and function names are case-insensitive in the core too.
    ignoreCase: true,
    unicode: true,
    keywords: [...FORMULA_KEYWORDS],
    functions: [...functions],
    tokenizer: {
      root: [
        [/\s+/, "white"],
        [/\$[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*/u, "variable"],
        [
          /[\p{L}_][\p{L}\p{N}_]*(?=\s*\()/u,
          { cases: { "@keywords": "keyword", "@functions": "predefined", "@default": "function" } },
        ],
        [/[\p{L}_][\p{L}\p{N}_]*/u, { cases: { "@keywords": "keyword", "@default": "identifier" } }],
        [/(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/, "number"],
        [/'/, "string", "@single"],
        [/"/, "string", "@double"],
        [/<>|!=|<=|>=|[+\-*/&=<>]/, "operator"],
        [/[(),]/, "delimiter"],
        [/\./, "delimiter"],
      ],
      single: [
        [/[^']+/, "string"],
        [/''/, "string.escape"],
        [/'/, "string", "@pop"],
      ],
      double: [
        [/[^"]+/, "string"],
        [/""/, "string.escape"],
        [/"/, "string", "@pop"],
      ],
    },
  } as languages.IMonarchLanguage;
}

/** Brackets and quotes for the formula language (auto-closing, matching). */
export const formulaLanguageConfiguration: languages.LanguageConfiguration = {
  brackets: [["(", ")"]],
  autoClosingPairs: [
    { open: "(", close: ")" },
    { open: "'", close: "'", notIn: ["string"] },
    { open: '"', close: '"', notIn: ["string"] },
  ],
  surroundingPairs: [
    { open: "(", close: ")" },
    { open: "'", close: "'" },
  ],
  wordPattern: /[\p{L}_][\p{L}\p{N}_]*/u,
};
