import { LockOutlined } from "@ant-design/icons";
import { labelText } from "@plinth/runtime";
import { Tag, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useDesigner, useDesignerContext } from "./context.js";

/**
 * In a regional variant, what the node at `path` is: inherited from the template, overridden or
 * added by this region, or locked by HQ (with the lock's reason). Nothing outside a variant.
 */
export function OverlayBadge({ path }: { path: string }) {
  const { overlay, locale } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const { t } = useTranslation();
  if (!overlay) return null;
  const status = overlay.status(doc, path);
  if (status.kind === "locked") {
    const reason = labelText(status.lock.reason, locale, status.lock.mode ?? "frozen");
    const text = status.lock.mode === "tightenOnly" ? t("overlay_tightenOnly") : t("overlay_locked");
    return (
      <Tooltip title={reason}>
        <Tag icon={<LockOutlined />} color="red" data-overlay="locked" aria-label={`${text}: ${reason}`}>
          {text}
        </Tag>
      </Tooltip>
    );
  }
  const color = status.kind === "inherited" ? "default" : status.kind === "added" ? "green" : "blue";
  return (
    <Tag color={color} data-overlay={status.kind}>
      {t(`overlay_${status.kind}`)}
    </Tag>
  );
}
