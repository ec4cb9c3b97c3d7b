import { defineMessages } from "./catalogue.js";

/**
 * The HTTP API's error codes: one catalogue, each message saying what to do. The server answers
 * with them, and the data sources (which must answer as the server does) reuse them.
 */
export const httpMessages = defineMessages({
  "http.badRequest": {
    en: "The request is not valid: {reason}",
    "zh-CN": "请求无效：{reason}",
  },
  "http.spanTooLong": {
    en: "{count} record(s) span more than {max} days from '{field}' to '{through}', and a span grouping counts a record in at most {max} days ({weeks} weeks). Filter those records out, or group by '{field}' alone.",
    "zh-CN":
      "有 {count} 条记录从“{field}”到“{through}”的跨度超过 {max} 天，而跨期分组每条记录最多计入 {max} 天（{weeks} 周）。请用筛选条件排除这些记录，或只按“{field}”分组。",
  },
  "http.malformedJson": {
    en: "The body is not valid JSON. Send a JSON object with Content-Type: application/json.",
    "zh-CN": "请求体不是有效的 JSON。请以 Content-Type: application/json 发送 JSON 对象。",
  },
  "http.nulCharacter": {
    en: "{where} contains a NUL character (U+0000), which cannot be stored. Remove it (it often comes with text copied out of another program) and send the request again.",
    "zh-CN":
      "{whereZh}包含 NUL 字符（U+0000），无法保存。请删除该字符（它常随从其他程序复制的文本一起带入）后重新发送请求。",
  },
  "http.unsupportedMediaType": {
    en: "Content type '{type}' is not accepted here. Send {expected}.",
    "zh-CN": "此处不接受内容类型“{type}”。请发送 {expected}。",
  },
  "http.tooLarge": {
    en: "The body is larger than this endpoint accepts ({limit}). Send less data, or import large data as CSV.",
    "zh-CN": "请求体超过此接口的上限（{limit}）。请减少数据量，或通过 CSV 导入大量数据。",
  },
  "http.notFound": {
    en: "There is no {what} '{id}'. Check the address.",
    "zh-CN": "不存在{whatZh}“{id}”。请检查地址。",
  },
  "http.routeNotFound": {
    en: "No API endpoint answers {method} {url}. See /api/openapi.json for the endpoints.",
    "zh-CN": "没有接口响应 {method} {url}。请参阅 /api/openapi.json 查看接口列表。",
  },
  "http.unauthenticated": {
    en: "You are not signed in. Sign in with POST /api/auth/login or send an API token.",
    "zh-CN": "您尚未登录。请通过 POST /api/auth/login 登录，或发送 API 令牌。",
  },
  "http.forbidden": {
    en: "You may not {action} here. Ask an administrator for the role that allows it.",
    "zh-CN": "您无权在此{actionZh}。请向管理员申请相应角色。",
  },
  "http.fieldForbidden": {
    en: "You may not change '{field}': it is read-only for your role.",
    "zh-CN": "您不能修改“{field}”：该字段对您的角色只读。",
  },
  "http.csrf": {
    en: "The request has no valid CSRF token. Send the token from GET /api/auth/me in the X-CSRF-Token header.",
    "zh-CN": "请求缺少有效的 CSRF 令牌。请在 X-CSRF-Token 请求头中发送 GET /api/auth/me 返回的令牌。",
  },
  "http.versionRequired": {
    en: "Send the record's version in the If-Match header, so a change made meanwhile is not overwritten.",
    "zh-CN": "请在 If-Match 请求头中发送记录的版本号，以免覆盖他人同时所做的修改。",
  },
  "http.conflict": {
    en: "The record was changed by someone else (now version {current}). Reload it, reapply your change and save again.",
    "zh-CN": "该记录已被他人修改（当前版本 {current}）。请重新加载、再次修改后保存。",
  },
  "http.appendOnly": {
    en: "Records of '{entity}' are append-only: they are never changed or deleted. Add a new record (e.g. a reversing entry) instead.",
    "zh-CN": "“{entity}”的记录只能追加，不能修改或删除。请新增一条记录（例如冲销记录）。",
  },
  "http.overlayConflict": {
    en: "The template was upgraded beneath this variant and both changed {targets}. Check details.conflicts; publish with confirm to keep the variant's values.",
    "zh-CN":
      "模板已升级，且模板与本变体都修改了 {targets}。请查看 details.conflicts；确认保留变体的值后带 confirm 发布。",
  },
  "http.draftConflict": {
    en: "The draft was changed elsewhere (now revision {current}). Reload it or merge your changes.",
    "zh-CN": "草稿已在别处修改（当前修订 {current}）。请重新加载或合并您的修改。",
  },
  "http.exists": {
    en: "{what} '{id}' already exists. Choose another id.",
    "zh-CN": "{whatZh}“{id}”已存在。请换一个标识。",
  },
  "http.invalid": {
    en: "The data is not valid: {count} problem(s). See details.issues for each one.",
    "zh-CN": "数据无效：共 {count} 个问题。详见 details.issues。",
  },
  "http.notPublished": {
    en: "App '{id}' has no published version yet. Publish its draft first.",
    "zh-CN": "应用“{id}”尚未发布。请先发布其草稿。",
  },
  "http.confirmRequired": {
    en: "Publishing would remove or convert stored data ({steps}). Review the plan and publish again with confirm: true.",
    "zh-CN": "发布将删除或转换已存数据（{steps}）。请检查迁移计划，并以 confirm: true 再次发布。",
  },
  "http.rateLimited": {
    en: "Too many attempts. Wait {seconds} seconds and try again.",
    "zh-CN": "尝试次数过多。请等待 {seconds} 秒后重试。",
  },
  "http.badCredentials": {
    en: "The user name or password is wrong.",
    "zh-CN": "用户名或密码错误。",
  },
  "http.idempotencyMismatch": {
    en: "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
    "zh-CN": "该 Idempotency-Key 已用于另一个不同的请求。新请求请使用新的键。",
  },
  "http.fileTooLarge": {
    en: "The file is larger than '{field}' accepts ({limit}). Upload a smaller file.",
    "zh-CN": "文件超过“{field}”允许的大小（{limit}）。请上传更小的文件。",
  },
  "http.fileType": {
    en: "'{field}' does not accept files of type {type}. Upload one of: {accept}.",
    "zh-CN": "“{field}”不接受 {type} 类型的文件。请上传以下类型之一：{accept}。",
  },
  "http.fileUnknown": {
    en: "The file '{id}' in '{field}' is not one you uploaded for this field. Upload it again, then save.",
    "zh-CN": "“{field}”中的文件“{id}”不是您为此字段上传的文件。请重新上传后再保存。",
  },
  "http.internal": {
    en: "Something went wrong on the server (request {requestId}). Nothing was saved; try again, and report the request id if it persists.",
    "zh-CN": "服务器出错（请求 {requestId}）。未保存任何内容；请重试，如仍出错请报告请求编号。",
  },
});

/** Server-side workflow errors (the core's own codes come with their issues). */
export const workflowHostMessages = defineMessages({
  "workflow.managedField": {
    en: "'{field}' changes only through the workflow '{workflow}'. Use its actions (a transition for a stage, submit or a decision for an approval status) instead of editing the field.",
    "zh-CN":
      "“{field}”只能通过流程“{workflow}”变更。请使用流程操作（阶段用流转，审批状态用提交或审批），不要直接编辑该字段。",
  },
  "workflow.managedFieldOnCreate": {
    en: "A new record starts with '{field}' at '{start}' (workflow '{workflow}'). Create it there (or leave the field empty), then use the workflow's actions to move it on.",
    "zh-CN": "新记录的“{field}”从“{start}”开始（流程“{workflow}”）。请以该值创建（或留空），再通过流程操作推进。",
  },
  "workflow.locked": {
    en: "The record is locked while its approval is pending. Only the current approvers may change {fields}; recall the request to edit it.",
    "zh-CN": "审批进行中，记录已锁定。只有当前审批人可以修改{fields}；如需编辑请先撤回申请。",
  },
  "workflow.unknownAction": {
    en: "'{action}' is not a transition or an approval action of this record. Available: {allowed}.",
    "zh-CN": "“{action}”不是该记录的流转或审批操作。可用操作：{allowed}。",
  },
  "workflow.ambiguous": {
    en: "This entity has several approval workflows; say which one in 'workflow': {allowed}.",
    "zh-CN": "该实体有多个审批流程；请在 “workflow” 中指定：{allowed}。",
  },
  "workflow.rejected": {
    en: "The action was refused: {reason}",
    "zh-CN": "操作被拒绝：{reasonZh}",
  },
});
