import type { App } from "@plinth/runtime";
import { Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorText } from "../../api/http.js";
import { useDesigner, useDesignerContext } from "../../editor/context.js";
import { changeText, schemaDiff } from "./schemaDiff.js";

type Published = { kind: "app"; app: App } | { kind: "none" } | { kind: "error"; text: string };

/** What the draft changes against the published version, in words (entities, fields, pages…). */
export function DraftChanges({ refreshKey }: { refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const { api, appId } = useDesignerContext();
  const doc = useDesigner((s) => s.doc);
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const [published, setPublished] = useState<Published>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after a publish
  useEffect(() => {
    let live = true;
    api.published(appId).then(
      (result) => live && setPublished({ kind: "app", app: result.app }),
      (error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && (error.code === "http.notPublished" || error.status === 404))
          setPublished({ kind: "none" });
        else setPublished({ kind: "error", text: errorText(error, lang) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, appId, refreshKey]);

  const changes = useMemo(() => (published?.kind === "app" ? schemaDiff(published.app, doc) : []), [published, doc]);

  return (
    <section aria-label={t("pub_changesTitle")}>
      <Typography.Title level={4}>{t("pub_changesTitle")}</Typography.Title>
      {published?.kind === "none" && <Typography.Paragraph>{t("pub_notPublished")}</Typography.Paragraph>}
      {published?.kind === "error" && (
        <Typography.Paragraph type="danger">
          {t("pub_changesUnavailable", { reason: published.text })}
        </Typography.Paragraph>
      )}
      {published?.kind === "app" &&
        (changes.length === 0 ? (
          <Typography.Paragraph>{t("pub_noChanges")}</Typography.Paragraph>
        ) : (
          <ul>
            {changes.map((change) => (
              <li key={`${change.what}:${change.id}`} data-change={change.change}>
                {changeText(change, lang)}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
