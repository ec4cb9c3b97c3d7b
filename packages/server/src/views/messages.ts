import { defineMessages, renderMessage } from "@plinth/runtime";
import { HttpError } from "../http/errors.js";

/** Error codes of the saved-views API. */
export const viewMessages = defineMessages({
  "views.unknownPage": {
    en: "App '{app}' has no table page '{page}'. Saved views belong to a table page of the published app.",
    "zh-CN": "应用“{app}”没有表格页面“{page}”。保存的视图属于已发布应用的某个表格页面。",
  },
  "views.notFound": {
    en: "You have no saved view '{id}' in this app. List your views with GET /api/apps/{app}/views?page=….",
    "zh-CN": "你在此应用中没有已保存的视图“{id}”。请通过 GET /api/apps/{app}/views?page=… 查看你的视图。",
  },
  "views.nameTaken": {
    en: "You already have a view named '{name}' on this page. Choose another name, or save over that view.",
    "zh-CN": "你在此页面已有名为“{name}”的视图。请换一个名称，或覆盖保存该视图。",
  },
  "views.blankName": {
    en: "A view needs a name. Type one that says what the view shows.",
    "zh-CN": "视图需要名称。请输入能说明视图内容的名称。",
  },
  "views.tooMany": {
    en: "You have {max} saved views on this page, the most there can be. Delete one before saving another.",
    "zh-CN": "你在此页面已保存 {max} 个视图，已达上限。请先删除一个再保存。",
  },
  "views.unknownColumn": {
    en: "'{field}' is not a field you can show on this page. Pick columns from the page's entity.",
    "zh-CN": "“{field}”不是你可以在此页面显示的字段。请从页面实体的字段中选择列。",
  },
  "views.unsortable": {
    en: "The table cannot be sorted by '{field}'. Sort by a field you can read (not a file or multi-select field).",
    "zh-CN": "表格不能按“{field}”排序。请按你可查看的字段排序（附件和多选字段除外）。",
  },
});

export type ViewCode = keyof typeof viewMessages;

/** An HTTP error of the saved-views catalogue, in the API's error shape. */
export function viewError(
  status: number,
  code: ViewCode,
  params: Readonly<Record<string, unknown>> = {},
  path = "",
): HttpError {
  return new HttpError(status, code, renderMessage(viewMessages[code], params), path);
}
