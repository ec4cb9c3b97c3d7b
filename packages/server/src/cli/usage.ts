import { auditUsage } from "./audit.js";
import { evalUsage } from "./eval.js";
import { validateUsage } from "./validate.js";

/** The help text of `plinth`, in English and Chinese. */
export function usage(): string {
  return `Usage / 用法:
  ${validateUsage}
      Validate an app document. 校验应用文档。
  ${evalUsage}
      Type-check and evaluate a formula on a record of an entity. 在实体的一条记录上检查并计算公式。
  plinth serve [--port 3000] [--host 127.0.0.1] [--data ./data] [--demo] [--demo-scale demo|test] [--durability full|normal]
      Run the server over one SQLite file in the data folder. 以数据目录中的 SQLite 文件运行服务器。
      --durability full (default): every acknowledged write survives power loss; normal: faster,
      a power cut may lose the last writes. full（默认）：已确认的写入在断电后仍保留；normal：更快，断电可能丢失最后的写入。
  ${auditUsage}
      Verify the audit log's hash chain. 校验审计日志的哈希链。
  plinth help | --help        Show this help. 显示帮助。
  plinth --version            Print the version. 显示版本。

Exit codes / 退出码: 0 ok 成功 · 1 invalid app or formula 应用或公式无效 · 2 usage or unreadable file 用法错误或文件无法读取
`;
}
