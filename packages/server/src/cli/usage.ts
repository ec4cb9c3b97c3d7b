import { evalUsage } from "./eval.js";
import { validateUsage } from "./validate.js";

/** The help text of `plinth`, in English and Chinese. */
export function usage(): string {
  return `Usage / 用法:
  ${validateUsage}
      Validate an app document. 校验应用文档。
  ${evalUsage}
      Type-check and evaluate a formula on a record of an entity. 在实体的一条记录上检查并计算公式。
  plinth help | --help        Show this help. 显示帮助。
  plinth --version            Print the version. 显示版本。

Exit codes / 退出码: 0 ok 成功 · 1 invalid app or formula 应用或公式无效 · 2 usage or unreadable file 用法错误或文件无法读取
`;
}
