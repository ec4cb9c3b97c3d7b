import type { App, Issue } from "@plinth/runtime";
import { Alert, App as AntApp, Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Renames } from "../../api/designerApi.js";
import { ApiError, errorText } from "../../api/http.js";
import { useDesigner, useDesignerContext, useValidation } from "../../editor/context.js";
import { type Plan, PlanView } from "./PlanView.js";
import { planOf } from "./planText.js";
import { type PossibleRename, possibleRenames, withRenames } from "./possibleRenames.js";
import { markPublished, renamesSincePublish } from "./renames.js";

interface Checked {
  readonly plan: Plan;
  /** The document the plan was computed for: a later edit makes it stale. */
  readonly doc: App;
  readonly renames: Renames;
}

interface Failure {
  readonly text: string;
  readonly issues?: readonly Issue[];
}

function failureOf(error: unknown, locale: "en" | "zh-CN"): Failure {
  const issues = error instanceof ApiError ? (error.details.issues as Issue[] | undefined) : undefined;
  return { text: errorText(error, locale), ...(issues ? { issues } : {}) };
}

function RenameList({ renames }: { renames: Renames }) {
  const { t } = useTranslation();
  const items = [
    ...(renames.entities ?? []).map((r) => `${r.from} → ${r.to}`),
    ...(renames.fields ?? []).map((r) => `${r.entity}.${r.from} → ${r.entity}.${r.to}`),
  ];
  if (items.length === 0) return null;
  return (
    <Typography.Paragraph>
      {t("pub_renames")}: {items.join("; ")}
    </Typography.Paragraph>
  );
}

/** Check the migration plan (a dry run over the saved draft), then publish it. */
export function PublishSection({ onPublished }: { onPublished: () => void }) {
  const { t, i18n } = useTranslation();
  const context = useDesignerContext();
  const { api, appId, store } = context;
  const { message } = AntApp.useApp();
  const doc = useDesigner((s) => s.doc);
  const { issues } = useValidation();
  const lang = i18n.language === "zh-CN" ? "zh-CN" : "en";
  const [busy, setBusy] = useState<"saving" | "checking" | "publishing">();
  const [checked, setChecked] = useState<Checked>();
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  /** Drops and adds the publisher said are renames (the values move instead of being dropped). */
  const [chosen, setChosen] = useState<readonly PossibleRename[]>([]);
  const hasErrors = issues.some((i) => i.severity === "error");
  const stale = checked !== undefined && checked.doc !== doc;

  /** Publish publishes the server's draft: save what was typed first. */
  const saveFirst = async () => {
    setBusy("saving");
    await context.flushDraft?.();
  };

  const check = async (extra: readonly PossibleRename[] = chosen) => {
    setFailure(undefined);
    setConfirmed(false);
    try {
      await saveFirst();
      setBusy("checking");
      const renames = withRenames(renamesSincePublish(store), extra);
      const atDoc = store.getState().doc;
      const result = await api.publish(appId, { dryRun: true, renames });
      const plan = planOf(result) ?? { steps: [], destructive: false };
      setChecked({ plan, doc: atDoc, renames });
    } catch (error) {
      setChecked(undefined);
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(undefined);
    }
  };

  const publish = async () => {
    if (!checked) return;
    setFailure(undefined);
    try {
      await saveFirst();
      setBusy("publishing");
      const result = await api.publish(appId, {
        dryRun: false,
        renames: checked.renames,
        ...(checked.plan.destructive ? { confirm: confirmed } : {}),
      });
      markPublished(store);
      setChosen([]);
      setChecked(undefined);
      setConfirmed(false);
      void message.success(t("pub_published", { version: result.version }));
      onPublished();
    } catch (error) {
      // The data changed since the check (more rows, a lossy step): show the server's plan to confirm.
      const plan =
        error instanceof ApiError && error.code === "http.confirmRequired" ? planOf(error.details) : undefined;
      if (plan) {
        setChecked({ ...checked, plan });
        setConfirmed(false);
      }
      setFailure(failureOf(error, lang));
    } finally {
      setBusy(undefined);
    }
  };

  const canPublish =
    checked !== undefined && !stale && !hasErrors && (!checked.plan.destructive || confirmed) && busy === undefined;

  return (
    <section aria-label={t("pub_publishTitle")}>
      <Typography.Title level={4}>{t("pub_publishTitle")}</Typography.Title>
      <Typography.Paragraph type="secondary">{t("pub_publishIntro")}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        <Button
          onClick={() => void check(chosen)}
          loading={busy === "checking" || busy === "saving"}
          disabled={hasErrors}
        >
          {t("pub_check")}
        </Button>
        <Button type="primary" onClick={() => void publish()} loading={busy === "publishing"} disabled={!canPublish}>
          {t("pub_publish")}
        </Button>
        {busy === "saving" && <Typography.Text type="secondary">{t("pub_saving")}</Typography.Text>}
      </Space>
      {failure && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t("pub_rejected")}
          description={
            <>
              <div>{failure.text}</div>
              {failure.issues && failure.issues.length > 1 && (
                <ul>
                  {failure.issues.map((i) => (
                    <li key={`${i.code}${i.path}${i.message.en}`}>{i.message[lang]}</li>
                  ))}
                </ul>
              )}
            </>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      {stale && <Alert type="warning" showIcon title={t("pub_planStale")} style={{ marginBottom: 12 }} />}
      {checked && (
        <>
          <RenameList renames={checked.renames} />
          <MaybeRenames
            candidates={possibleRenames(checked.plan.steps)}
            onChoose={(rename) => {
              const next = [...chosen, rename];
              setChosen(next);
              void check(next);
            }}
            busy={busy !== undefined}
          />
          <PlanView plan={checked.plan} locale={lang} confirmed={confirmed} onConfirm={setConfirmed} />
        </>
      )}
    </section>
  );
}

/** "Was this a rename?": a dropped column (or table) with values beside an added one. */
function MaybeRenames(props: {
  candidates: readonly PossibleRename[];
  onChoose: (rename: PossibleRename) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  if (props.candidates.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      title={t("pub_maybeRenames")}
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {props.candidates.map((c) => {
            const from = c.kind === "field" ? `${c.entity}.${c.from}` : c.from;
            const to = c.kind === "field" ? `${c.entity}.${c.to}` : c.to;
            return (
              <li key={`${from}>${to}`}>
                {t("pub_maybeRename", { from, to, count: c.rows })}{" "}
                <Button size="small" disabled={props.busy} onClick={() => props.onChoose(c)}>
                  {t("pub_keepValues")}
                </Button>
              </li>
            );
          })}
        </ul>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
