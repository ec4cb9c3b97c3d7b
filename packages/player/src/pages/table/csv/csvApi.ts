import type { LocalizedMessage } from "@plinth/runtime";
import { apiErrorFrom } from "../../../data/errors.js";
import { type HttpOptions, requestJson } from "../../../data/http.js";

/**
 * Counts CSV records in a byte stream as it passes: a record ends at a line feed outside quotes
 * (a quoted field may hold line feeds; `""` inside quotes toggles twice and changes nothing).
 */
export class CsvRowCounter {
  private inQuotes = false;
  /** Line ends seen outside quotes. */
  lines = 0;
  private lastByte = 10;

  push(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (byte === 34) this.inQuotes = !this.inQuotes;
      else if (byte === 10 && !this.inQuotes) this.lines++;
    }
    if (bytes.length > 0) this.lastByte = bytes[bytes.length - 1] as number;
  }

  /** Records after the header row (a last line without a line feed counts too). */
  get records(): number {
    const lines = this.lines + (this.lastByte === 10 ? 0 : 1);
    return Math.max(0, lines - 1);
  }
}

export interface ExportResult {
  readonly blob: Blob;
  readonly rows: number;
  readonly bytes: number;
  readonly filename: string;
}

function filenameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? "");
  return match?.[1] ?? fallback;
}

/**
 * Download an entity's CSV export (the rows the user may export, with the table's filter and
 * sort), reading the response as a stream and reporting rows and bytes as they arrive.
 */
export async function exportCsv(
  http: HttpOptions,
  appId: string,
  entity: string,
  query: { readonly filter?: string | undefined; readonly sort?: string | undefined },
  onProgress: (rows: number, bytes: number) => void,
  signal?: AbortSignal,
): Promise<ExportResult> {
  const params = new URLSearchParams();
  if (query.filter) params.set("filter", query.filter);
  if (query.sort) params.set("sort", query.sort);
  const path = `/api/apps/${encodeURIComponent(appId)}/data/${encodeURIComponent(entity)}/export.csv`;
  const locale = http.locale?.();
  const response = await http.fetch(`${http.baseUrl}${path}${params.size > 0 ? `?${params}` : ""}`, {
    method: "GET",
    headers: { accept: "text/csv", ...(locale ? { "accept-language": locale } : {}) },
    credentials: "same-origin",
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw apiErrorFrom(response.status, await response.text());
  const counter = new CsvRowCounter();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      bytes += value.length;
      counter.push(value);
      onProgress(counter.records, bytes);
    }
  } else {
    const whole = new Uint8Array(await response.arrayBuffer());
    chunks.push(whole);
    bytes = whole.length;
    counter.push(whole);
  }
  onProgress(counter.records, bytes);
  return {
    blob: new Blob(chunks, { type: "text/csv;charset=utf-8" }),
    rows: counter.records,
    bytes,
    filename: filenameOf(response.headers.get("content-disposition"), `${appId}-${entity}.csv`),
  };
}

/** Hand a blob to the browser as a download. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** An import job as the server reports it (`GET /api/apps/:app/imports/:id`). */
export interface ImportJob {
  readonly id: string;
  readonly status: "running" | "done" | "failed";
  readonly processed: number;
  readonly imported: number;
  readonly errors: ReadonlyArray<{
    readonly row: number;
    readonly issues: ReadonlyArray<{
      readonly code: string;
      readonly path: string;
      readonly message: LocalizedMessage;
    }>;
  }>;
  readonly failure?: { readonly code: string; readonly message: LocalizedMessage };
}

/** Records in a CSV file (read as a stream, for the progress bar's total). */
export async function countFileRows(file: Blob): Promise<number> {
  const counter = new CsvRowCounter();
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    counter.push(value);
  }
  return counter.records;
}

/**
 * Upload a CSV file to start an import job. XMLHttpRequest rather than fetch: it reports the
 * upload's progress (bytes sent), which fetch cannot.
 */
export function uploadCsv(
  http: HttpOptions,
  appId: string,
  entity: string,
  file: Blob,
  mode: "all" | "skip",
  onUpload: (sent: number, total: number) => void,
): Promise<ImportJob> {
  const path = `/api/apps/${encodeURIComponent(appId)}/data/${encodeURIComponent(entity)}/import?mode=${mode}`;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${http.baseUrl}${path}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("accept", "application/json");
    const locale = http.locale?.();
    if (locale) xhr.setRequestHeader("accept-language", locale);
    const csrf = http.csrfToken?.();
    if (csrf) xhr.setRequestHeader("x-csrf-token", csrf);
    xhr.upload.onprogress = (event) => onUpload(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportJob);
        } catch (error) {
          reject(error);
        }
      } else reject(apiErrorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(apiErrorFrom(0, ""));
    xhr.send(file);
  });
}

export function importJob(http: HttpOptions, appId: string, id: string): Promise<ImportJob> {
  return requestJson<ImportJob>(
    http,
    "GET",
    `/api/apps/${encodeURIComponent(appId)}/imports/${encodeURIComponent(id)}`,
  );
}
