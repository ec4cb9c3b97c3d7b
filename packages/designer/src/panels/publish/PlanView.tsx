import { WarningOutlined } from "@ant-design/icons";
import type { Locale } from "@plinth/runtime";
import { Alert, Checkbox, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PlanStep } from "../../api/designerApi.js";
import { isDestructiveStep, stepText } from "./planText.js";

export interface Plan {
  readonly steps: readonly PlanStep[];
  readonly destructive: boolean;
}

interface Props {
  readonly plan: Plan;
  readonly locale: Locale;
  /** For a destructive plan: the explicit confirmation. */
  readonly confirmed?: boolean;
  readonly onConfirm?: (confirmed: boolean) => void;
}

/** A migration plan in words, destructive steps in red, and the confirmation they need. */
export function PlanView({ plan, locale, confirmed, onConfirm }: Props) {
  const { t } = useTranslation();
  return (
    <section className="designer-plan" aria-label={t("pub_planTitle")}>
      <Typography.Title level={5}>{t("pub_planTitle")}</Typography.Title>
      <Alert
        type={plan.destructive ? "error" : "success"}
        showIcon
        title={
          plan.steps.length === 0 ? t("pub_planEmpty") : plan.destructive ? t("pub_planDestructive") : t("pub_planSafe")
        }
      />
      {plan.steps.length > 0 && (
        <ul className="designer-plan-steps">
          {plan.steps.map((step, i) => {
            const destructive = isDestructiveStep(step);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; the list is replaced whole
              <li key={i} data-step={step.kind} data-destructive={destructive || undefined}>
                <Typography.Text type={destructive ? "danger" : undefined}>
                  {destructive && <WarningOutlined aria-hidden />} {stepText(step, locale)}
                </Typography.Text>
              </li>
            );
          })}
        </ul>
      )}
      {plan.destructive && onConfirm && (
        <Checkbox checked={confirmed === true} onChange={(event) => onConfirm(event.target.checked)}>
          {t("pub_confirm")}
        </Checkbox>
      )}
    </section>
  );
}
