import { auditUsage } from "./audit.js";
import { backupUsage } from "./backup.js";
import { diffUsage } from "./diff.js";
import { evalUsage } from "./eval.js";
import { exportUsage } from "./export.js";
import { importUsage } from "./import.js";
import { lintUsage } from "./lint.js";
import { migrateUsage } from "./migrate.js";
import { openapiUsage } from "./openapi.js";
import { testUsage } from "./test.js";
import { typegenUsage } from "./typegen.js";
import { validateUsage } from "./validate.js";

/** The help text of `plinth`, in English and Chinese. */
export function usage(): string {
  return `Usage / 用法:
  ${validateUsage}
      Validate an app document. 校验应用文档。
  ${evalUsage}
      Type-check and evaluate a formula on a record of an entity. 在实体的一条记录上检查并计算公式。
  ${lintUsage}
      Review an app against security, quality and performance rules (plinth lint --help lists them).
      按安全、质量和性能规则检查应用（plinth lint --help 列出全部规则）。
  ${diffUsage}
      Compare two versions of an app: each change in words, classed compatible, needs-migration or breaking;
      with --server, the rows publishing it would touch. 比较应用的两个版本：逐条说明变更并分为兼容、需迁移或破坏性；
      指定 --server 时给出发布后受影响的数据行数。
  ${typegenUsage}
      TypeScript types for an app's records and REST API. 为应用的记录和 REST API 生成 TypeScript 类型。
  ${openapiUsage}
      The app's OpenAPI 3.1 document, the one the server serves. 应用的 OpenAPI 3.1 文档（与服务器提供的相同）。
  ${testUsage}
      Run app-level scenario tests (the app's tests or scenario files) on a temporary server. 在临时服务器上运行应用级场景测试。
  ${exportUsage}
      An app file in canonical form, or an app and its data from a running server into a folder (with progress).
      以规范形式输出应用文件；或从运行中的服务器导出应用及数据到目录（显示进度）。
  ${importUsage}
      Import an exported folder (app and data) into a running server. 将导出的目录（应用与数据）导入运行中的服务器。
  ${migrateUsage}
      Upgrade an app document to the current schema format; --check for CI. 将应用文档升级到当前模式格式；CI 可用 --check。
  plinth serve [--port 3000] [--host 127.0.0.1] [--data ./data] [--demo] [--demo-scale demo|test] [--durability full|normal]
      Run the server over one SQLite file in the data folder. 以数据目录中的 SQLite 文件运行服务器。
      --durability full (default): every acknowledged write survives power loss; normal: faster,
      a power cut may lose the last writes. full（默认）：已确认的写入在断电后仍保留；normal：更快，断电可能丢失最后的写入。
  plinth serve --database postgres://user:password@host:port/database [--port 3000] [--host 127.0.0.1] [--demo]
      Run the server over PostgreSQL (or set PLINTH_DATABASE_URL); several processes may share one database.
      以 PostgreSQL 运行服务器（或设置 PLINTH_DATABASE_URL）；多个进程可共用一个数据库。
  ${auditUsage}
      Verify the audit log's hash chain (SQLite data folder or PostgreSQL). 校验审计日志的哈希链（SQLite 数据目录或 PostgreSQL）。
  ${backupUsage}
      Back up a SQLite data folder while the server runs, into a new folder that is itself a data folder.
      在服务器运行时备份 SQLite 数据目录，生成的新目录本身就是一个数据目录。
      On PostgreSQL use pg_dump -Fc / pg_restore (docs/deployment.md). PostgreSQL 请使用 pg_dump -Fc / pg_restore。
  plinth help | --help        Show this help. 显示帮助。
  plinth --version            Print the version. 显示版本。

Exit codes / 退出码: 0 ok 成功 · 1 invalid app or formula, tampered audit log 应用或公式无效、审计日志被篡改 · 2 usage or unreadable file 用法错误或文件无法读取
plinth diff: 0 no changes or compatible 无变更或仅兼容 · 1 needs migration 需迁移 · 3 breaking 破坏性
plinth test: 1 a scenario failed 有场景失败 · plinth migrate --check: 1 needs an upgrade 需要升级
`;
}
