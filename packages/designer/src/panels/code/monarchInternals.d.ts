// Monaco's Monarch compiler and lexer, which the tokenizer test runs directly (Node has no editor).
declare module "monaco-editor/editor/standalone/common/monarch/monarchCompile.js" {
  export function compile(languageId: string, json: unknown): unknown;
}

declare module "monaco-editor/editor/standalone/common/monarch/monarchLexer.js" {
  export class MonarchTokenizer {
    constructor(languageService: never, themeService: never, languageId: string, lexer: unknown, config: never);
    getInitialState(): unknown;
    tokenize(
      line: string,
      hasEOL: boolean,
      state: unknown,
    ): { readonly tokens: ReadonlyArray<{ readonly offset: number; readonly type: string }> };
  }
}
