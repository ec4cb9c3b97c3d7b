import { type DataSource, type FileDescriptor, filesOf, formatBytes } from "@plinth/runtime";
import { Typography } from "antd";

/**
 * An attachment field's files on a detail page: each a download link to the server's file
 * route (sent as an attachment, readers of the record only), with its size.
 */
export function AttachmentLinks({
  source,
  entity,
  recordId,
  field,
  value,
}: {
  source: Pick<DataSource, "fileUrl">;
  entity: string;
  recordId: string;
  field: string;
  value: unknown;
}) {
  const files: FileDescriptor[] = filesOf(value);
  if (files.length === 0) return null;
  return (
    <ul className="plinth-attachments" style={{ margin: 0, paddingLeft: 18 }}>
      {files.map((file) => {
        const url = source.fileUrl(entity, recordId, field, file.id);
        return (
          <li key={file.id}>
            {url ? (
              <a href={url} download={file.name}>
                {file.name}
              </a>
            ) : (
              file.name
            )}{" "}
            <Typography.Text type="secondary">({formatBytes(file.size)})</Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
