import type { App } from "@plinth/runtime";
import { Spin, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorText } from "../../api/http.js";
import { useDesignerContext } from "../../editor/context.js";
import { changeText, schemaDiff } from "./schemaDiff.js";

/** What version `to` changed against version `from`, in words (read from the server's versions). */
export function VersionDiff({ from, to }: { from: number; to: number }) {
  const { t, i18n } = useTranslation();
  const { api, appId } = useDesignerContext();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const [state, setState] = useState<{ before: App; after: App } | { error: string }>();
  useEffect(() => {
    let live = true;
    Promise.all([api.version(appId, from), api.version(appId, to)]).then(
      ([a, b]) => live && setState({ before: a.app, after: b.app }),
      (error: unknown) => live && setState({ error: errorText(error, lang) }),
    );
    return () => {
      live = false;
    };
  }, [api, appId, from, to, lang]);
  if (!state) return <Spin size="small" />;
  if ("error" in state) return <Typography.Text type="danger">{state.error}</Typography.Text>;
  const changes = schemaDiff(state.before, state.after);
  return (
    <section aria-label={t("pub_versionDiff", { from, to })}>
      <Typography.Text strong>{t("pub_versionDiff", { from, to })}</Typography.Text>
      {changes.length === 0 ? (
        <Typography.Paragraph>{t("pub_versionSame")}</Typography.Paragraph>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={`${change.what}:${change.id}`} data-change={change.change}>
              {changeText(change, lang)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
