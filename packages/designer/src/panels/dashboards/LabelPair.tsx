import { type Label, type Locale, locales } from "@plinth/runtime";
import { Flex, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import { useApply } from "../../editor/context.js";
import type { Command } from "../../store/commands.js";
import { IssueHelp, useIssuesAt } from "../workflows/fields.js";

interface Props {
  /** The label's pointer: the core's issues there show under the inputs. */
  readonly path: string;
  readonly label: Label | undefined;
  /** What the pair is called on screen: a key of the panel's words. */
  readonly titleKey: string;
  /** Each input's name: a key of the panel's words taking `{{lang}}`, with its other parameters. */
  readonly nameKey: string;
  readonly nameParams: Record<string, unknown>;
  /** The named command that writes one language (an emptied pair removes the label). */
  readonly command: (locale: Locale, text: string) => Command;
}

const textOf = (label: Label | undefined, locale: Locale): string =>
  label === undefined ? "" : typeof label === "string" ? (locale === "en" ? label : "") : (label[locale] ?? "");

/** A label's English and Chinese side by side, each written through `command`. */
export function LabelPair({ path, label, titleKey, nameKey, nameParams, command }: Props) {
  const { t } = useTranslation();
  const apply = useApply();
  const issues = useIssuesAt(path);
  return (
    <Form.Item
      label={t(titleKey)}
      validateStatus={issues.length ? "error" : undefined}
      help={issues.length ? <IssueHelp issues={issues} /> : undefined}
    >
      <Flex gap={4} wrap>
        {locales.map((locale) => (
          <Input
            key={locale}
            style={{ flex: "1 1 140px" }}
            aria-label={t(nameKey, { ...nameParams, lang: t(`dash_lang_${locale}`) })}
            placeholder={t(`dash_lang_${locale}`)}
            value={textOf(label, locale)}
            onChange={(e) => apply(command(locale, e.target.value))}
          />
        ))}
      </Flex>
    </Form.Item>
  );
}
