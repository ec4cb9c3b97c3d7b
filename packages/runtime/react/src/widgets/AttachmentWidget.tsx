import { checkUpload, type FileDescriptor, filesOf, httpMessages, labelText, renderMessage } from "@plinth/runtime";
import { Button, Upload, type UploadFile } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlinth } from "../PlinthProvider.js";
import { controlAria } from "./aria.js";
import { type FileTransfer, hasFileTransfer, type WidgetProps } from "./widget.types.js";

/**
 * attachment: antd's Upload. Files go up one by one through `dataSource.upload` (with
 * progress) as soon as they are chosen; the field's value is the list of their descriptors,
 * saved with the record. The field's `accept`, `maxSizeMb` and `maxFiles` are checked before
 * a byte is sent (the same core rules the server applies). Saved files download from the
 * record. Without an uploading data source the files are listed read-only.
 */
export function AttachmentWidget(props: WidgetProps) {
  const { dataSource } = usePlinth();
  return hasFileTransfer(dataSource) ? <FileUpload {...props} source={dataSource} /> : <FileNames {...props} />;
}

/** The files' names, read-only. */
function FileNames(props: WidgetProps) {
  const { t } = useTranslation();
  const files = filesOf(props.value);
  if (files.length === 0) return <span id={props.id}>{t("noFiles")}</span>;
  return (
    <ul id={props.id} aria-labelledby={props.labelId} aria-describedby={props.describedBy} style={{ margin: 0 }}>
      {files.map((f) => (
        <li key={f.id}>{f.name}</li>
      ))}
    </ul>
  );
}

interface Pending {
  readonly uid: string;
  readonly name: string;
  readonly percent: number;
  readonly error?: string;
}

/** No cap of the host is known here; the server applies its own on top of the field's. */
const NO_CAP = Number.POSITIVE_INFINITY;

function saveBlob(bytes: Uint8Array, file: FileDescriptor): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: file.contentType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function FileUpload(props: WidgetProps & { source: FileTransfer }) {
  const { source, field, value, onChange, onBlur, disabled, locale, entity, recordId } = props;
  const { t } = useTranslation();
  const [pending, setPending] = useState<readonly Pending[]>([]);
  const [refused, setRefused] = useState<readonly string[]>([]);
  const files = filesOf(value);
  // The latest value, for uploads that finish after other changes (several files at once).
  const latest = useRef(files);
  latest.current = files;
  // Uploaded in this form: not in the saved record yet, so there is nothing to download.
  const fresh = useRef(new Set<string>());
  const attachment = field.kind === "attachment" ? field : undefined;
  const maxFiles = attachment?.maxFiles ?? 10;
  const uploading = pending.filter((p) => p.error === undefined).length;
  const full = files.length + uploading >= maxFiles;

  const update = (uid: string, change: Partial<Pending> | null) =>
    setPending((list) =>
      change === null ? list.filter((p) => p.uid !== uid) : list.map((p) => (p.uid === uid ? { ...p, ...change } : p)),
    );

  const entityId = entity ?? "";
  const fileUrl = (id: string) =>
    recordId !== undefined && !fresh.current.has(id) ? source.fileUrl(entityId, recordId, field.id, id) : undefined;
  const canDownload = (id: string) => recordId !== undefined && !fresh.current.has(id);

  const fileList: UploadFile[] = [
    ...files.map((f) => {
      const url = fileUrl(f.id);
      return {
        uid: f.id,
        name: f.name,
        size: f.size,
        type: f.contentType,
        status: "done" as const,
        ...(url ? { url } : {}),
      };
    }),
    ...pending.map((p) => ({
      uid: p.uid,
      name: p.name,
      percent: p.percent,
      status: p.error === undefined ? ("uploading" as const) : ("error" as const),
      ...(p.error === undefined ? {} : { response: p.error }),
    })),
  ];

  const refuse = (name: string, code: keyof typeof httpMessages, params: Record<string, unknown>) =>
    setRefused((list) => [...list, `${name}: ${renderMessage(httpMessages[code], params)[locale]}`]);

  return (
    <div>
      <Upload
        multiple={maxFiles > 1}
        accept={attachment?.accept?.join(",")}
        fileList={fileList}
        disabled={disabled}
        openFileDialogOnClick={!full}
        beforeUpload={(file, chosen) => {
          if (chosen[0] === file) setRefused([]);
          const refusal = attachment && checkUpload(attachment, { contentType: file.type, size: file.size }, NO_CAP);
          if (refusal) {
            refuse(file.name, refusal.code, { ...refusal.params, field: labelText(field.label, locale, field.id) });
            return Upload.LIST_IGNORE;
          }
          if (files.length + uploading + chosen.indexOf(file) >= maxFiles) {
            setRefused((list) => [...list, `${file.name}: ${t("tooManyFiles", { count: maxFiles })}`]);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const chosen = file as File & { uid: string };
          setPending((list) => [...list, { uid: chosen.uid, name: chosen.name, percent: 0 }]);
          source
            .upload(
              entityId,
              field.id,
              { name: chosen.name, contentType: chosen.type, size: chosen.size, body: chosen },
              {
                onProgress: (loaded, total) => {
                  const percent = total > 0 ? Math.round((loaded / total) * 100) : 100;
                  update(chosen.uid, { percent });
                  onProgress?.({ percent });
                },
              },
            )
            .then(
              (descriptor) => {
                fresh.current.add(descriptor.id);
                update(chosen.uid, null);
                onChange([...latest.current, descriptor]);
                onSuccess?.(descriptor);
              },
              (error: unknown) => {
                const messages = (error as { messages?: Partial<Record<string, string>> }).messages;
                const text = messages?.[locale] ?? (error instanceof Error ? error.message : String(error));
                update(chosen.uid, { error: text });
                onError?.(error instanceof Error ? error : new Error(text));
              },
            );
        }}
        onRemove={(item) => {
          if (pending.some((p) => p.uid === item.uid)) update(item.uid, null);
          else {
            const rest = latest.current.filter((f) => f.id !== item.uid);
            onChange(rest.length === 0 ? null : rest);
          }
          onBlur?.();
          return false;
        }}
        {...(fileList.some((f) => f.status === "done" && !f.url && canDownload(f.uid))
          ? {
              onPreview: (item: UploadFile) => {
                const file = latest.current.find((f) => f.id === item.uid);
                if (!file || !recordId || !canDownload(file.id)) return;
                void source.download(entityId, recordId, field.id, file.id).then((bytes) => saveBlob(bytes, file));
              },
            }
          : {})}
      >
        <Button {...controlAria(props)} disabled={disabled || full} onBlur={onBlur}>
          {t("uploadFiles")}
        </Button>
      </Upload>
      {refused.length > 0 ? (
        <div role="alert">
          {refused.map((text) => (
            <div key={text} className="plinth-field-message" style={{ color: "var(--ant-color-error, #ff4d4f)" }}>
              {text}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
