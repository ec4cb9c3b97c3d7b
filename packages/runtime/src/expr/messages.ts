import { defineMessages, renderTemplate } from "../issues/catalogue.js";
import type { Issue } from "../issues/issue.js";
import type { Span } from "./ast.js";
import { offsetToPosition } from "./position.js";

const AT_EN = "(line {line}, column {column})";
const AT_ZH = "（第 {line} 行，第 {column} 列）";

/**
 * The formula front end's issue catalogue (lexer, parser and type checker). Every message
 * names the place in the formula and says what to do. `{found}` and `{hint}` are filled
 * per language by {@link formulaIssue}.
 */
export const formulaMessages = defineMessages({
  "formula.empty": {
    en: `The formula is empty ${AT_EN}. Write an expression, for example amount > 0.`,
    "zh-CN": `公式为空${AT_ZH}。请写一个表达式，例如 amount > 0。`,
  },
  "formula.tooLong": {
    en: `The formula is {length} characters long ${AT_EN}; the limit is {max}. Shorten it, or split it into several formula fields.`,
    "zh-CN": `公式长度为 {length} 个字符${AT_ZH}，上限为 {max}。请缩短公式，或拆分为多个公式字段。`,
  },
  "formula.tooDeep": {
    en: `The formula is nested more than {max} levels deep ${AT_EN}. Remove extra parentheses or minus signs, or split it into several formula fields.`,
    "zh-CN": `公式嵌套超过 {max} 层${AT_ZH}。请去掉多余的括号或负号，或拆分为多个公式字段。`,
  },
  "formula.invalidCharacter": {
    en: `The character '{char}' cannot be used in a formula ${AT_EN}. Remove it, or put it inside quotes if it belongs to a text.`,
    "zh-CN": `公式中不能使用字符 '{char}'${AT_ZH}。请删除它；如果它是文本的一部分，请放在引号内。`,
  },
  "formula.unterminatedString": {
    en: `This text is never closed ${AT_EN}. End it with {quote}; to put {quote} inside the text, write it twice ({quote}{quote}).`,
    "zh-CN": `此文本缺少结束引号${AT_ZH}。请以 {quote} 结束文本；若要在文本中写 {quote}，请连写两次（{quote}{quote}）。`,
  },
  "formula.invalidNumber": {
    en: `'{text}' is not a valid number ${AT_EN}. Write a finite number such as 12, 1.5 or 1e3.`,
    "zh-CN": `'{text}' 不是有效的数字${AT_ZH}。请写一个有限的数字，例如 12、1.5 或 1e3。`,
  },
  "formula.invalidVariable": {
    en: `'$' must be followed by a variable name ${AT_EN}, for example $user.id or $today.`,
    "zh-CN": `'$' 后面必须紧跟变量名${AT_ZH}，例如 $user.id 或 $today。`,
  },
  "formula.expectedExpression": {
    en: `Expected a value but found {found} ${AT_EN}. Write a number, a 'text', a field, a function call or a parenthesised expression here.`,
    "zh-CN": `此处应为一个值，但遇到了 {found}${AT_ZH}。请在此写数字、'文本'、字段、函数调用或括号表达式。`,
  },
  "formula.unexpectedToken": {
    en: `Unexpected {found} ${AT_EN}. Add the missing operator (such as + or AND) or comma, or remove it.`,
    "zh-CN": `意外的 {found}${AT_ZH}。请补上缺少的运算符（如 + 或 AND）或逗号，或删除它。`,
  },
  "formula.unclosedParen": {
    en: `Expected ')' to close the '(' at line {openLine}, column {openColumn}, but found {found} ${AT_EN}. Add the missing ')'.`,
    "zh-CN": `缺少与第 {openLine} 行第 {openColumn} 列的 '(' 配对的 ')'，却遇到了 {found}${AT_ZH}。请补上 ')'。`,
  },
  "formula.expectedName": {
    en: `Expected a name after '.', but found {found} ${AT_EN}. Write a path as relation.field, for example account.region.`,
    "zh-CN": `'.' 后面应为名称，但遇到了 {found}${AT_ZH}。路径的写法为 关联字段.字段，例如 account.region。`,
  },
  "formula.notCallable": {
    en: `'{name}' is a field path and cannot be called ${AT_EN}. Only function names such as ROUND can be followed by '('.`,
    "zh-CN": `'{name}' 是字段路径，不能调用${AT_ZH}。只有函数名（如 ROUND）后面才能跟 '('。`,
  },
  "formula.chainedComparison": {
    en: `Comparisons cannot be chained ${AT_EN}. Write a < b AND b < c instead of a < b < c, or add parentheses.`,
    "zh-CN": `比较运算不能连写${AT_ZH}。请把 a < b < c 写成 a < b AND b < c，或加上括号。`,
  },
  "formula.expectedInList": {
    en: `Expected '(' after IN but found {found} ${AT_EN}. Write the values in parentheses, for example stage IN ('won', 'lost').`,
    "zh-CN": `IN 后面应为 '('，但遇到了 {found}${AT_ZH}。请把取值写在括号内，例如 stage IN ('won', 'lost')。`,
  },
  "formula.emptyInList": {
    en: `IN needs at least one value ${AT_EN}. Write the values in the parentheses, for example stage IN ('won', 'lost').`,
    "zh-CN": `IN 至少需要一个取值${AT_ZH}。请在括号内写上取值，例如 stage IN ('won', 'lost')。`,
  },
  "formula.unknownField": {
    en: `'{entity}' has no field '{field}' ${AT_EN}.{hint} Check the spelling against the data model.`,
    "zh-CN": `'{entity}' 没有字段 '{field}'${AT_ZH}。{hint}请对照数据模型检查拼写。`,
  },
  "formula.notARelation": {
    en: `'{field}' is not a relation, so '.{next}' cannot follow it ${AT_EN}. Only relation fields can be followed to another entity's fields; remove '.{next}'.`,
    "zh-CN": `'{field}' 不是关联字段，后面不能跟 '.{next}'${AT_ZH}。只有关联字段才能引用另一实体的字段；请删除 '.{next}'。`,
  },
  "formula.tooManyHops": {
    en: `The path '{path}' follows {hops} relations ${AT_EN}; at most {max} are allowed. Add a formula field on a related entity and refer to that instead.`,
    "zh-CN": `路径 '{path}' 跨越了 {hops} 个关联${AT_ZH}，最多允许 {max} 个。请在关联实体上增加公式字段并改为引用它。`,
  },
  "formula.unknownVariable": {
    en: `There is no variable '\${name}' here ${AT_EN}.{hint} Available variables: {available}.`,
    "zh-CN": `此处没有变量 '\${name}'${AT_ZH}。{hint}可用的变量：{available}。`,
  },
  "formula.unknownFunction": {
    en: `There is no function '{name}' ${AT_EN}.{hint} See the function reference for the functions you can use.`,
    "zh-CN": `没有函数 '{name}'${AT_ZH}。{hint}可用函数请参阅函数参考。`,
  },
  "formula.arity": {
    en: `{function} takes {expected} argument(s), but {count} were given ${AT_EN}. Write it as {signature}.`,
    "zh-CN": `{function} 需要 {expected} 个参数，实际给了 {count} 个${AT_ZH}。请按 {signature} 的形式书写。`,
  },
  "formula.argumentType": {
    en: `Argument {position} of {function} must be {expected}, but it is {actual} ${AT_EN}. Change the argument, or convert it with a function.`,
    "zh-CN": `{function} 的第 {position} 个参数应为 {expected}，实际为 {actual}${AT_ZH}。请修改该参数，或用函数转换其类型。`,
  },
  "formula.incompatibleTypes": {
    en: `Argument {position} of {function} is {actual}, but the other arguments are {expected} ${AT_EN}. Make all of them the same type.`,
    "zh-CN": `{function} 的第 {position} 个参数为 {actual}，而其他参数为 {expected}${AT_ZH}。请让它们的类型一致。`,
  },
  "formula.literalRequired": {
    en: `Argument {position} of {function} must be written literally as one of: {allowed} ${AT_EN}. Replace it with one of these values in quotes.`,
    "zh-CN": `{function} 的第 {position} 个参数必须直接写成以下取值之一：{allowed}${AT_ZH}。请改为其中一个带引号的取值。`,
  },
  "formula.operandType": {
    en: `The {operator} operator needs {expected}, but this is {actual} ${AT_EN}. Change this operand, or convert it with a function.`,
    "zh-CN": `运算符 {operator} 需要 {expected}，但此处为 {actual}${AT_ZH}。请修改该操作数，或用函数转换其类型。`,
  },
  "formula.typeMismatch": {
    en: `Cannot apply {operator} to {left} and {right} ${AT_EN}. Both sides must have the same type; convert one of them.`,
    "zh-CN": `不能对 {left} 和 {right} 使用 {operator}${AT_ZH}。两侧类型必须相同；请转换其中一侧。`,
  },
  "formula.compareWithBlank": {
    en: `Comparing with BLANK never gives TRUE ${AT_EN}: a comparison with a blank value is blank. Use ISBLANK(x) (or NOT ISBLANK(x)) instead.`,
    "zh-CN": `与 BLANK 比较永远不会得到 TRUE${AT_ZH}：与空值比较的结果为空。请改用 ISBLANK(x)（或 NOT ISBLANK(x)）。`,
  },
  "formula.unknownOption": {
    en: `'{value}' is not an option here ${AT_EN}.{hint} Valid options: {options}.`,
    "zh-CN": `'{value}' 不是有效的选项${AT_ZH}。{hint}有效选项：{options}。`,
  },
  "formula.expectedType": {
    en: `This formula gives {actual}, but {expected} is needed here ${AT_EN}. Rewrite it so that it gives {expected}, for example with a comparison.`,
    "zh-CN": `此公式的结果为 {actual}，但此处需要 {expected}${AT_ZH}。请改写公式使其结果为 {expected}，例如使用比较运算。`,
  },
});

/** A code of the formula front end's catalogue. */
export type FormulaIssueCode = keyof typeof formulaMessages;

/** Parameters rendered differently per language (e.g. "the end of the formula"). */
export interface LocalizedParams {
  readonly en: Readonly<Record<string, unknown>>;
  readonly "zh-CN": Readonly<Record<string, unknown>>;
}

/** Localized `{hint}` for a "did you mean" suggestion; empty when there is none. */
export function suggestionHint(suggestion: string | undefined): LocalizedParams {
  if (suggestion === undefined) return { en: { hint: "" }, "zh-CN": { hint: "" } };
  return { en: { hint: ` Did you mean '${suggestion}'?` }, "zh-CN": { hint: `你是不是想写 '${suggestion}'？` } };
}

/**
 * Build a formula issue. The path is "" (the caller rebases it to the JSON Pointer of the
 * formula); params get `start`, `end`, `line` and `column` from the span; messages mention
 * the line and column. `localized` supplies per-language values for the message only.
 */
export function formulaIssue(
  code: FormulaIssueCode,
  span: Span,
  text: string | undefined,
  params: Readonly<Record<string, unknown>> = {},
  localized?: LocalizedParams,
): Issue {
  const position = text === undefined ? { line: 1, column: span.start + 1 } : offsetToPosition(text, span.start);
  const all = { ...params, start: span.start, end: span.end, line: position.line, column: position.column };
  const template = formulaMessages[code];
  const en = localized ? { hint: "", ...all, ...localized.en } : { hint: "", ...all };
  const zh = localized ? { hint: "", ...all, ...localized["zh-CN"] } : { hint: "", ...all };
  return {
    code,
    path: "",
    params: all,
    message: { en: renderTemplate(template.en, en), "zh-CN": renderTemplate(template["zh-CN"], zh) },
    severity: "error",
  };
}
