import { Alert, App as AntApp, Button, Modal, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { VersionSummary } from "../../api/designerApi.js";
import { ApiError, errorText } from "../../api/http.js";
import { useDesignerContext } from "../../editor/context.js";
import { type Plan, PlanView } from "./PlanView.js";
import { planOf, stepText } from "./planText.js";
import { VersionDiff } from "./VersionDiff.js";

interface Rollback {
  readonly version: number;
  /** Set when the server answered that rolling back loses data. */
  readonly plan?: Plan;
  readonly confirmed: boolean;
  readonly busy: boolean;
  readonly error?: string;
}

/** The published versions, what each did to the data, and rollback with confirmation. */
export function VersionsSection({ refreshKey, onChanged }: { refreshKey: number; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const { api, appId } = useDesignerContext();
  const { message } = AntApp.useApp();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const [versions, setVersions] = useState<readonly VersionSummary[]>();
  const [loadError, setLoadError] = useState<string>();
  const [rollback, setRollback] = useState<Rollback>();

  const load = useCallback(async () => {
    try {
      setVersions(await api.versions(appId));
      setLoadError(undefined);
    } catch (error) {
      setLoadError(errorText(error, lang));
    }
  }, [api, appId, lang]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey asks for a reload after a publish
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  const live = versions?.reduce((max, v) => Math.max(max, v.version), 0);

  const runRollback = async (state: Rollback) => {
    setRollback({ ...state, busy: true });
    try {
      const result = await api.rollback(appId, state.version, state.plan?.destructive ? state.confirmed : undefined);
      setRollback(undefined);
      void message.success(t("pub_rollbackDone", { version: state.version, now: result.version }));
      onChanged();
    } catch (error) {
      const plan =
        error instanceof ApiError && error.code === "http.confirmRequired" ? planOf(error.details) : undefined;
      if (plan && !state.plan) setRollback({ ...state, plan, confirmed: false, busy: false });
      else setRollback({ ...state, busy: false, error: errorText(error, lang) });
    }
  };

  const when = (iso: string) =>
    new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));

  return (
    <section aria-label={t("pub_versions")}>
      <Typography.Title level={4}>{t("pub_versions")}</Typography.Title>
      {loadError && (
        <Alert
          type="error"
          showIcon
          title={t("pub_loadFailed", { reason: loadError })}
          action={<Button onClick={() => void load()}>{t("pub_reload")}</Button>}
        />
      )}
      {versions && (
        <Table
          size="small"
          rowKey="version"
          pagination={false}
          locale={{ emptyText: t("pub_noVersions") }}
          dataSource={[...versions].sort((a, b) => b.version - a.version)}
          expandable={{
            expandedRowRender: (v) => {
              const plan = planOf({ plan: v.plan });
              return (
                <>
                  {v.version > 1 && <VersionDiff from={v.version - 1} to={v.version} />}
                  {plan && <PlanView plan={plan} locale={lang} />}
                </>
              );
            },
          }}
          columns={[
            {
              title: t("pub_version"),
              dataIndex: "version",
              render: (version: number) => (
                <span>
                  v{version} {version === live && <Tag color="green">{t("pub_current")}</Tag>}
                </span>
              ),
            },
            { title: t("pub_appVersion"), dataIndex: "appVersion" },
            { title: t("pub_when"), dataIndex: "publishedAt", render: when },
            { title: t("pub_who"), dataIndex: "publishedBy" },
            {
              title: t("pub_whatChanged"),
              key: "plan",
              render: (_: unknown, v: VersionSummary) => {
                const steps = planOf({ plan: v.plan })?.steps ?? [];
                const shown = steps.slice(0, 3).map((s) => stepText(s, lang));
                return steps.length === 0 ? t("pub_planEmpty") : `${shown.join("; ")}${steps.length > 3 ? " …" : ""}`;
              },
            },
            {
              title: "",
              key: "rollback",
              render: (_: unknown, v: VersionSummary) =>
                v.version === live ? null : (
                  <Button
                    size="small"
                    aria-label={t("pub_rollbackTo", { version: v.version })}
                    onClick={() => setRollback({ version: v.version, confirmed: false, busy: false })}
                  >
                    {t("pub_rollback")}
                  </Button>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={rollback !== undefined}
        title={rollback && t("pub_rollbackTo", { version: rollback.version })}
        okText={t("pub_rollback")}
        cancelText={t("pub_cancel")}
        okButtonProps={{
          danger: rollback?.plan?.destructive,
          loading: rollback?.busy,
          disabled: rollback?.plan?.destructive === true && !rollback.confirmed,
        }}
        onOk={() => rollback && void runRollback(rollback)}
        onCancel={() => setRollback(undefined)}
        destroyOnHidden
      >
        {rollback && (
          <>
            <p>{t("pub_rollbackIntro", { version: rollback.version })}</p>
            {rollback.plan && (
              <>
                <Typography.Text strong>{t("pub_rollbackConfirmNeeded")}</Typography.Text>
                <PlanView
                  plan={rollback.plan}
                  locale={lang}
                  confirmed={rollback.confirmed}
                  onConfirm={(confirmed) => setRollback({ ...rollback, confirmed })}
                />
              </>
            )}
            {rollback.error && <Alert type="error" showIcon role="alert" title={rollback.error} />}
          </>
        )}
      </Modal>
    </section>
  );
}
