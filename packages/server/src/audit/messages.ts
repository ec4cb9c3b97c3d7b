import { defineMessages } from "@plinth/runtime";

/**
 * Findings of the audit-log verification. Each message names the row and says what to do:
 * the log itself cannot be repaired, only restored from a backup and investigated.
 */
export const auditMessages = defineMessages({
  "audit.intact": {
    en: "The audit log is intact: {rows} row(s) verified.",
    "zh-CN": "审计日志完好：已校验 {rows} 行。",
  },
  "audit.modified": {
    en: "Audit row {seq} was changed after it was written: its hash does not match its content. Restore the database from a backup and find out who had write access to the file.",
    "zh-CN": "审计日志第 {seq} 行在写入后被修改：其哈希与内容不符。请从备份恢复数据库，并查明谁拥有该文件的写权限。",
  },
  "audit.unreadable": {
    en: "Audit row {seq} cannot be read (its stored content is not valid): it was changed after it was written. Restore the database from a backup and find out who had write access to the file.",
    "zh-CN":
      "审计日志第 {seq} 行无法读取（存储内容无效）：它在写入后被修改。请从备份恢复数据库，并查明谁拥有该文件的写权限。",
  },
  "audit.deleted": {
    en: "Audit row {seq} is missing: the log jumps from row {previous} to row {next}. Rows were deleted; restore the database from a backup and find out who had write access to the file.",
    "zh-CN":
      "审计日志缺少第 {seq} 行：日志从第 {previous} 行直接跳到第 {next} 行。有记录被删除；请从备份恢复数据库，并查明谁拥有该文件的写权限。",
  },
  "audit.brokenLink": {
    en: "Audit row {seq} does not follow row {previous}: its previous-hash differs from that row's hash. A row was replaced or re-hashed; restore the database from a backup and find out who had write access to the file.",
    "zh-CN":
      "审计日志第 {seq} 行与第 {previous} 行不衔接：其前序哈希与该行哈希不符。有记录被替换或重新计算哈希；请从备份恢复数据库，并查明谁拥有该文件的写权限。",
  },
  "audit.fileMissing": {
    en: "There is no database file '{file}'. Pass the data folder of the server with --data <dir>.",
    "zh-CN": "数据库文件“{file}”不存在。请用 --data <目录> 指定服务器的数据目录。",
  },
  "audit.fileUnreadable": {
    en: "Cannot open the database '{file}': {reason}. Check that it is a Plinth database and that you may read and write it.",
    "zh-CN": "无法打开数据库“{file}”：{reason}。请确认它是 Plinth 数据库，且您有读写权限。",
  },
  "audit.databaseUnreachable": {
    en: "Cannot read the audit log of the PostgreSQL database {database}: {reason}. Check the URL (postgres://user:password@host:port/database), that the server is running and that this user may read the database.",
    "zh-CN":
      "无法读取 PostgreSQL 数据库 {database} 的审计日志：{reason}。请检查连接地址（postgres://用户:密码@主机:端口/数据库）、数据库服务是否在运行，以及该用户是否有读取权限。",
  },
  "audit.notPlinthDatabase": {
    en: "The PostgreSQL database {database} has no audit table: it is not a Plinth database, or Plinth keeps its tables in another schema. Pass the URL the servers use (--database or PLINTH_DATABASE_URL).",
    "zh-CN":
      "PostgreSQL 数据库 {database} 中没有 audit 表：它不是 Plinth 数据库，或 Plinth 的表在另一个 schema 中。请传入服务器所用的连接地址（--database 或 PLINTH_DATABASE_URL）。",
  },
});

/** A code of the audit catalogue. */
export type AuditCode = keyof typeof auditMessages;
