import type { Page } from "@plinth/runtime";
import { labelText } from "@plinth/runtime";
import { Result } from "antd";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../context.js";

/** Page kinds the player does not render yet: a clear notice naming the page. */
export function ComingNext({ page }: { page: Page }) {
  const { locale } = usePlayer();
  const { t } = useTranslation();
  const kind = t(`kind_${page.kind}`);
  return (
    <Result
      status="info"
      title={t("comingNext", { kind, page: labelText(page.label, locale, page.id) })}
      subTitle={t("comingNextHint", { kind })}
      data-testid="coming-next"
    />
  );
}
