import { defineMessages, issueFrom } from "../issues/catalogue.js";
import type { Issue, IssueSeverity } from "../issues/issue.js";

/** Issue codes about app documents (structure, references, workflows). */
export const schemaMessages = defineMessages({
  "schema.notJson": {
    en: "The document is not valid JSON: {reason} (line {line}, column {column}). Fix the syntax and try again.",
    "zh-CN": "文档不是有效的 JSON：{reason}（第 {line} 行，第 {column} 列）。请修正语法后重试。",
  },
  "schema.notObject": {
    en: "An app document must be a JSON object with schemaVersion, id and version.",
    "zh-CN": "应用文档必须是包含 schemaVersion、id 和 version 的 JSON 对象。",
  },
  "schema.tooLarge": {
    en: "The document is too large ({size}); the limit is {limit}. Split the app or remove unused parts.",
    "zh-CN": "文档过大（{size}），上限为 {limit}。请拆分应用或删除未使用的部分。",
  },
  "schema.tooDeep": {
    en: "The document nests deeper than {limit} levels. Flatten the layout: sections, columns and tabs rarely need more than a few levels.",
    "zh-CN": "文档嵌套超过 {limit} 层。请简化布局：分区、分栏和标签页通常只需要几层。",
  },
  "schema.tooManyIssues": {
    en: "More than {limit} problems were found; only the first {limit} are listed. Fix these and validate again.",
    "zh-CN": "发现超过 {limit} 个问题，仅列出前 {limit} 个。请修正后重新校验。",
    severity: "warning",
  },
  "schema.unsupportedVersion": {
    en: "schemaVersion {version} is not supported; this Plinth reads versions 1 to {current}. Upgrade Plinth or export the app again.",
    "zh-CN": "不支持 schemaVersion {version}；当前 Plinth 支持 1 到 {current}。请升级 Plinth 或重新导出应用。",
  },
  "schema.required": {
    en: "'{property}' is missing. Add it here.",
    "zh-CN": "缺少“{property}”。请在此处添加。",
  },
  "schema.unknownProperty": {
    en: "Unknown property '{property}'. Remove it or check its spelling.",
    "zh-CN": "未知属性“{property}”。请删除它或检查拼写。",
  },
  "schema.type": {
    en: "Expected {expected} here.",
    "zh-CN": "此处应为 {expected}。",
  },
  "schema.enum": {
    en: "'{value}' is not allowed here. Use one of: {allowed}.",
    "zh-CN": "此处不允许“{value}”。请使用以下之一：{allowed}。",
  },
  "schema.const": {
    en: "Must be {allowed}.",
    "zh-CN": "必须为 {allowed}。",
  },
  "schema.unknownKind": {
    en: "Unknown {tag} '{value}'. Use one of: {allowed}.",
    "zh-CN": "未知的 {tag}“{value}”。请使用以下之一：{allowed}。",
  },
  "schema.invalidId": {
    en: "'{value}' is not a valid id. Ids start with a letter and contain only letters, digits and underscores (at most 63 characters, the longest name PostgreSQL keeps).",
    "zh-CN":
      "“{value}”不是有效的标识。标识以字母开头，只能包含字母、数字和下划线（最多 63 个字符，PostgreSQL 保留的最长名称）。",
  },
  "schema.pattern": {
    en: "'{value}' does not have the expected format ({pattern}).",
    "zh-CN": "“{value}”的格式不正确（{pattern}）。",
  },
  "schema.format": {
    en: "'{value}' is not a valid {format}.",
    "zh-CN": "“{value}”不是有效的 {format}。",
  },
  "schema.tooShort": {
    en: "Too short: at least {limit} characters.",
    "zh-CN": "过短：至少需要 {limit} 个字符。",
  },
  "schema.tooLong": {
    en: "Too long: at most {limit} characters.",
    "zh-CN": "过长：最多 {limit} 个字符。",
  },
  "schema.tooFewItems": {
    en: "Needs at least {limit} item(s).",
    "zh-CN": "至少需要 {limit} 项。",
  },
  "schema.tooManyItems": {
    en: "Too many items: at most {limit}.",
    "zh-CN": "项目过多：最多 {limit} 项。",
  },
  "schema.tooManyProperties": {
    en: "Too many entries: at most {limit}.",
    "zh-CN": "条目过多：最多 {limit} 个。",
  },
  "schema.outOfRange": {
    en: "Must be {comparison} {limit}.",
    "zh-CN": "必须{comparison} {limit}。",
  },
  "schema.duplicateItems": {
    en: "Items {i} and {j} are the same; list each value once.",
    "zh-CN": "第 {i} 项与第 {j} 项重复；每个值只列一次。",
  },
  "schema.invalidLabel": {
    en: 'A label is text, or an object with "en" and/or "zh-CN" text.',
    "zh-CN": "标签应为文本，或包含 “en” 和/或 “zh-CN” 文本的对象。",
  },
  "schema.invalid": {
    en: "This value is not valid here ({detail}).",
    "zh-CN": "此处的值无效（{detail}）。",
  },
  "schema.duplicateId": {
    en: "The id '{id}' is already used by another {what} (at {other}). Give each {what} its own id (ids are compared ignoring case).",
    "zh-CN": "标识“{id}”已被另一个{what}使用（位于 {other}）。请为每个{what}使用不同的标识（比较时不区分大小写）。",
  },
  "schema.reservedId": {
    en: "'{id}' is reserved ({reason}). Choose another id, e.g. '{suggestion}'.",
    "zh-CN": "“{id}”是保留标识（{reason}）。请换一个标识，例如“{suggestion}”。",
  },
  "schema.unknownReference": {
    en: "There is no {what} '{id}'.{hint} Check the spelling or create it first.",
    "zh-CN": "不存在{what}“{id}”。{hint}请检查拼写或先创建它。",
  },
  "schema.wrongFieldKind": {
    en: "Field '{field}' is a {actual} field, but {expected} is needed here.",
    "zh-CN": "字段“{field}”是 {actual} 字段，但此处需要 {expected}。",
  },
  "schema.relationMismatch": {
    en: "Field '{field}' of '{entity}' does not point to '{expected}' (it points to '{actual}'). Use a relation field that links the two entities.",
    "zh-CN": "“{entity}”的字段“{field}”没有指向“{expected}”（它指向“{actual}”）。请使用连接这两个实体的关联字段。",
  },
  "schema.rollupNotRelation": {
    en: "A rollup must go through a relation: '{via}' on '{from}' is a {actual} field. Pick a relation field of '{from}' that points to '{entity}'.",
    "zh-CN": "汇总必须通过关联字段：“{from}”上的“{via}”是 {actual} 字段。请选择“{from}”上指向“{entity}”的关联字段。",
  },
  "schema.rollupFieldRequired": {
    en: "A {aggregate} rollup needs 'field': the child field to aggregate.",
    "zh-CN": "{aggregate} 汇总需要 “field”：要汇总的子实体字段。",
  },
  "schema.widgetShape": {
    en: "A {type} widget needs {expected}; its query has {groupings} grouping(s) and {measures} measure(s). Change the query or the chart type.",
    "zh-CN": "{type} 组件需要{expectedZh}；其查询有 {groupings} 个分组和 {measures} 个度量。请修改查询或图表类型。",
  },
  "schema.oneSpanGrouping": {
    en: "Only one grouping of a query may span dates ('through'); this is the second. Remove 'through' here.",
    "zh-CN": "一个查询只能有一个跨期分组（“through”）；这是第二个。请删除此处的 “through”。",
  },
  "schema.formulaCycle": {
    en: "Formula fields refer to each other in a circle: {cycle}. Break the circle so each value can be computed.",
    "zh-CN": "公式字段相互循环引用：{cycle}。请打破循环，使每个值都能计算。",
  },
  "schema.valueTypeMismatch": {
    en: "Field '{field}' holds {expected}, but this formula gives {actual}.",
    "zh-CN": "字段“{field}”的类型是 {expected}，但该公式的结果是 {actual}。",
  },
  "schema.roleCycle": {
    en: "Roles inherit from each other in a circle: {cycle}. Remove one of the 'inherits' entries.",
    "zh-CN": "角色之间循环继承：{cycle}。请删除其中一个 “inherits” 项。",
  },
  "workflow.unknownState": {
    en: "'{state}' is not an option of the select field '{field}'. States are the field's options: {allowed}.",
    "zh-CN": "“{state}”不是选择字段“{field}”的选项。状态即该字段的选项：{allowed}。",
  },
  "workflow.unreachableState": {
    en: "State '{state}' can never be reached from the initial state '{initial}'. Add a transition into it or remove it.",
    "zh-CN": "从初始状态“{initial}”永远无法到达状态“{state}”。请添加进入该状态的流转或删除它。",
  },
  "workflow.deadEnd": {
    en: "State '{state}' has no way out and is not marked final. Add a transition from it, or set \"final\": true.",
    "zh-CN": '状态“{state}”没有出口，也未标记为终态。请添加从该状态出发的流转，或设置 "final": true。',
  },
  "workflow.missingState": {
    en: "Option '{state}' of field '{field}' has no state in the workflow. Add it to states so records can be in it.",
    "zh-CN": "字段“{field}”的选项“{state}”在工作流中没有对应状态。请将其加入 states。",
    severity: "warning",
  },
  "workflow.percentageRequired": {
    en: "Mode 'percentage' needs 'percentage' (1 to 100): the share of approvers who must approve.",
    "zh-CN": "“percentage” 模式需要 “percentage”（1 到 100）：必须批准的审批人比例。",
  },
  "workflow.remindAfterSla": {
    en: "The reminder ({remind} h) comes after the SLA ends ({hours} h). Remind earlier than the deadline.",
    "zh-CN": "提醒时间（{remind} 小时）晚于 SLA 截止（{hours} 小时）。请在截止前提醒。",
  },
  "refactor.notFound": {
    en: "There is no {what} '{id}' to change. Reload the app: someone may have removed it.",
    "zh-CN": "没有可修改的{what}“{id}”。请重新加载应用：可能已被他人删除。",
  },
  "refactor.badId": {
    en: "'{id}' cannot be an id: start with a letter, then use letters, digits or _ (at most 63), and avoid formula words such as AND, OR, NOT, IN.",
    "zh-CN":
      "“{id}”不能用作标识：须以字母开头，其后为字母、数字或 _（最多 63 个），且不能是 AND、OR、NOT、IN 等公式关键字。",
  },
  "refactor.idTaken": {
    en: "The id '{id}' is already used by another {what} here (ids are compared ignoring case). Choose another id.",
    "zh-CN": "标识“{id}”已被此处的另一个{what}使用（比较时不区分大小写）。请换一个标识。",
  },
  "refactor.systemField": {
    en: "'{id}' is kept by the system on every record; it cannot be renamed or removed.",
    "zh-CN": "“{id}”是系统在每条记录上维护的字段，不能重命名或删除。",
  },
  "refactor.stillReferenced": {
    en: "{what} '{id}' is still used in {count} place(s), first at {first}. Remove or change those uses first.",
    "zh-CN": "{what}“{id}”仍在 {count} 处被使用，第一处位于 {first}。请先删除或修改这些引用。",
  },
  "refactor.invalidDocument": {
    en: "The app document has structural problems, so its references cannot be traced. Fix the problems listed first.",
    "zh-CN": "应用文档存在结构问题，无法追踪引用。请先修正列出的问题。",
  },
  "overlay.targetMissing": {
    en: "The overlay changes {target}, but the template has no {missing}. Check the id, or remove this change if the template dropped it.",
    "zh-CN": "覆盖层修改了 {target}，但模板中没有 {missing}。请检查标识；如果模板已删除它，请移除这项修改。",
  },
  "overlay.locked": {
    en: "{target} is locked by the template ({reason}). A regional overlay may not change it; ask HQ to change the template.",
    "zh-CN": "{target} 已被模板锁定（{reason}）。区域覆盖层不能修改它；请联系总部修改模板。",
  },
  "overlay.notTighter": {
    en: "{target} may only be tightened ({reason}): the template allows {base}, the overlay asks for {value}.",
    "zh-CN": "{target} 只能收紧（{reason}）：模板允许 {base}，覆盖层要求 {value}。",
  },
  "overlay.duplicateId": {
    en: "The overlay adds '{id}' to {target}, which the template already has. Change the existing one with 'set' or 'merge' instead.",
    "zh-CN": "覆盖层向 {target} 添加“{id}”，但模板中已存在。请改用 “set” 或 “merge” 修改现有项。",
  },
  "overlay.badOperation": {
    en: "The overlay cannot {op} at {target}: {reason}.",
    "zh-CN": "覆盖层无法在 {target} 执行 {op}：{reason}。",
  },
  "overlay.lockTargetMissing": {
    en: "The lock on {target} names nothing in this app: there is no {missing}. Fix the id path, or remove the lock.",
    "zh-CN": "对 {target} 的锁定在本应用中没有对象：不存在 {missing}。请修正标识路径，或删除该锁定。",
  },
  "overlay.conflict": {
    en: "Both the template upgrade and the overlay change {target}: the overlay's value is kept. Check that it still fits the new template.",
    "zh-CN": "模板升级和覆盖层都修改了 {target}：保留覆盖层的值。请确认它仍适用于新模板。",
    severity: "warning",
  },
  "schema.migrationFailed": {
    en: "The app could not be upgraded from schemaVersion {from}: {reason}",
    "zh-CN": "无法从 schemaVersion {from} 升级应用：{reason}",
  },
});

export type SchemaCode = keyof typeof schemaMessages;

/** Create an issue about an app document. */
export function schemaIssue(
  code: SchemaCode,
  path: string,
  params: Readonly<Record<string, unknown>> = {},
  severity?: IssueSeverity,
): Issue {
  return issueFrom(schemaMessages, code, path, params, severity);
}
