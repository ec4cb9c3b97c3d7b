import type { Issue } from "@plinth/runtime";
import { RemoteError } from "../transfer/client.js";
import type { TransferProgress } from "../transfer/exportApp.js";
import { ExitCode } from "./io.js";

/** A server's refusal (or an unreachable server) as an issue of the command. */
export function remoteIssue(error: RemoteError): Issue {
  return {
    code: error.code,
    path: "",
    params: { status: error.status, request: error.what },
    message: { en: `${error.what}: ${error.messages.en}`, "zh-CN": `${error.what}：${error.messages["zh-CN"]}` },
    severity: "error",
  };
}

/** Exit code of a failed transfer: 2 when the server cannot be reached, 1 when it refused. */
export function remoteExit(error: RemoteError): ExitCode {
  return error.status === 0 ? ExitCode.usage : ExitCode.invalid;
}

/** A progress line for standard error: "opportunity: 1,500 / 20,000". */
export function formatProgress(p: TransferProgress): string {
  const n = (v: number) => v.toLocaleString("en-US");
  return `${p.entity}: ${n(p.done)} / ${n(p.total)}\n`;
}

export { RemoteError };
