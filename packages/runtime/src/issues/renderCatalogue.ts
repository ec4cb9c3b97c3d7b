import { catalogueAreas } from "./allMessages.js";

const escapeCell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** The text of docs/errors.md: every issue code with its English and Chinese message. */
export function renderErrorCatalogue(): string {
  const lines = [
    "# Issue codes of @plinth/runtime",
    "",
    "Generated from the catalogues in `packages/runtime/src` by `pnpm docs:errors`; do not edit by hand.",
    "Every issue is `{ code, path, params, message: { en, zh-CN }, severity }`; `{name}` in a message is filled from `params`.",
    "The message says what to do about the problem.",
    "",
  ];
  for (const { area, messages } of catalogueAreas) {
    lines.push(`## ${area}`, "", "| code | severity | English | 中文 |", "| --- | --- | --- | --- |");
    for (const [code, t] of Object.entries(messages)) {
      lines.push(`| \`${code}\` | ${t.severity ?? "error"} | ${escapeCell(t.en)} | ${escapeCell(t["zh-CN"])} |`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
