import { DownloadOutlined, UploadOutlined } from "@ant-design/icons";
import { type Entity, type Locale, labelText } from "@plinth/runtime";
import { Alert, Button, Modal, Progress, Radio, Space, Table, Typography } from "antd";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../../data/errors.js";
import type { HttpOptions } from "../../../data/http.js";
import { countFileRows, exportCsv, type ImportJob, importJob, saveFile, uploadCsv } from "./csvApi.js";

/** How often a running import is asked for its progress. */
const POLL_MS = 400;

function sizeText(bytes: number, locale: Locale): string {
  const format = new Intl.NumberFormat(locale === "zh-CN" ? "zh-CN" : "en-US", { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${format.format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${format.format(bytes / 1024)} KB`;
  return `${format.format(bytes / 1024 / 1024)} MB`;
}

export interface CsvExportProps {
  readonly http: HttpOptions;
  readonly appId: string;
  readonly entity: string;
  readonly filter?: string | undefined;
  /** The list API's sort text (`-amount,name`). */
  readonly sort?: string | undefined;
  readonly locale: Locale;
}

/** "Export CSV": streams the export, shows rows and bytes as they arrive, then saves the file. */
export function CsvExport({ http, appId, entity, filter, sort, locale }: CsvExportProps) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ rows: number; bytes: number; done: boolean }>();
  const [failure, setFailure] = useState<string>();
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setFailure(undefined);
    setProgress({ rows: 0, bytes: 0, done: false });
    try {
      const result = await exportCsv(http, appId, entity, { filter, sort }, (rows, bytes) =>
        setProgress({ rows, bytes, done: false }),
      );
      setProgress({ rows: result.rows, bytes: result.bytes, done: true });
      saveFile(result.blob, result.filename);
    } catch (error) {
      setProgress(undefined);
      setFailure(errorText(error, locale));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Space size="small" wrap>
      <Button icon={<DownloadOutlined aria-hidden />} loading={running} onClick={() => void run()}>
        {t("exportCsv")}
      </Button>
      {progress && (
        <Typography.Text type="secondary" role="status" data-testid="export-progress">
          {t(progress.done ? "exportDone" : "exporting", {
            rows: progress.rows,
            size: sizeText(progress.bytes, locale),
          })}
        </Typography.Text>
      )}
      {failure !== undefined && (
        <Typography.Text type="danger" role="alert">
          {failure}
        </Typography.Text>
      )}
    </Space>
  );
}

export interface CsvImportProps {
  readonly http: HttpOptions;
  readonly appId: string;
  readonly entity: Entity;
  readonly locale: Locale;
  /** The import ended with rows imported: the table reloads. */
  readonly onImported: () => void;
}

type Phase =
  | { readonly kind: "idle" }
  | { readonly kind: "uploading"; readonly sent: number; readonly total: number }
  | { readonly kind: "running"; readonly job: ImportJob; readonly rows: number }
  | { readonly kind: "finished"; readonly job: ImportJob };

/**
 * "Import CSV": pick a file, upload it (with the upload's progress), then follow the server's
 * import job (rows read of the file's rows) until it ends; the rows it refused are listed with
 * their line, field and message in the user's language.
 */
export function CsvImport({ http, appId, entity, locale, onImported }: CsvImportProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File>();
  const [mode, setMode] = useState<"all" | "skip">("all");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [failure, setFailure] = useState<string>();
  const fileId = useId();
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const start = async () => {
    if (!file) return;
    setFailure(undefined);
    setPhase({ kind: "uploading", sent: 0, total: file.size });
    try {
      const rows = countFileRows(file);
      let job = await uploadCsv(http, appId, entity.id, file, mode, (sent, total) => {
        if (live.current) setPhase({ kind: "uploading", sent, total });
      });
      const total = await rows;
      while (job.status === "running" && live.current) {
        setPhase({ kind: "running", job, rows: total });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        job = await importJob(http, appId, job.id);
      }
      if (!live.current) return;
      setPhase({ kind: "finished", job });
      if (job.imported > 0) onImported();
    } catch (error) {
      if (!live.current) return;
      setPhase({ kind: "idle" });
      setFailure(errorText(error, locale));
    }
  };

  const close = () => {
    setOpen(false);
    setPhase({ kind: "idle" });
    setFile(undefined);
    setFailure(undefined);
  };

  const busy = phase.kind === "uploading" || phase.kind === "running";
  const fieldLabel = (path: string) => {
    const id = path.split("/")[1] ?? "";
    const field = entity.fields.find((f) => f.id === id);
    return field ? labelText(field.label, locale, id) : id;
  };
  const finished = phase.kind === "finished" ? phase.job : undefined;
  const errorRows = (finished?.errors ?? []).flatMap((e) =>
    e.issues.map((issue, i) => ({
      key: `${e.row}-${i}`,
      row: e.row,
      field: fieldLabel(issue.path),
      message: issue.message[locale] ?? issue.message.en,
    })),
  );

  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t("importCsv")}
      </Button>
      <Modal
        open={open}
        title={t("importTitle")}
        onCancel={busy ? undefined : close}
        closable={!busy}
        maskClosable={false}
        width={720}
        footer={
          <Space>
            <Button onClick={close} disabled={busy}>
              {t("close")}
            </Button>
            {phase.kind !== "finished" && (
              <Button type="primary" disabled={!file || busy} loading={busy} onClick={() => void start()}>
                {t("startImport")}
              </Button>
            )}
          </Space>
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("importHint")}</Typography.Paragraph>
        <Space direction="vertical" style={{ width: "100%" }}>
          <label htmlFor={fileId}>{t("chooseFile")}</label>
          <input
            id={fileId}
            type="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setPhase({ kind: "idle" });
            }}
          />
          <Space wrap>
            <span id={`${fileId}-mode`}>{t("importMode")}</span>
            <Radio.Group
              aria-labelledby={`${fileId}-mode`}
              value={mode}
              disabled={busy}
              onChange={(event) => setMode(event.target.value as "all" | "skip")}
              options={[
                { value: "all", label: t("importModeAll") },
                { value: "skip", label: t("importModeSkip") },
              ]}
            />
          </Space>
          {phase.kind === "uploading" && (
            <Progress
              aria-label={t("importCsv")}
              percent={Math.round((phase.sent / Math.max(phase.total, 1)) * 100)}
              status="active"
            />
          )}
          {phase.kind === "running" && (
            <>
              <Progress
                aria-label={t("importCsv")}
                percent={Math.min(99, Math.round((phase.job.processed / Math.max(phase.rows, 1)) * 100))}
                status="active"
              />
              <Typography.Text role="status">
                {t("importing", { processed: phase.job.processed, imported: phase.job.imported })}
              </Typography.Text>
            </>
          )}
          {finished && (
            <>
              <Progress
                aria-label={t("importCsv")}
                percent={100}
                status={finished.status !== "done" ? "exception" : finished.errors.length === 0 ? "success" : "normal"}
              />
              <Alert
                data-testid="import-result"
                type={finished.status === "done" && finished.errors.length === 0 ? "success" : "warning"}
                showIcon
                title={
                  finished.failure
                    ? (finished.failure.message[locale] ?? finished.failure.message.en)
                    : finished.imported > 0
                      ? t("importDone", { imported: finished.imported, processed: finished.processed })
                      : t("importNothing")
                }
              />
            </>
          )}
          {errorRows.length > 0 && (
            <Table
              size="small"
              caption={t("importErrors")}
              pagination={errorRows.length > 10 ? { pageSize: 10 } : false}
              dataSource={errorRows}
              columns={[
                { title: t("errorRow"), dataIndex: "row", width: 80 },
                { title: t("errorField"), dataIndex: "field", width: 160 },
                { title: t("errorMessage"), dataIndex: "message" },
              ]}
            />
          )}
          {failure !== undefined && <Alert role="alert" type="error" showIcon title={failure} />}
        </Space>
      </Modal>
    </>
  );
}
