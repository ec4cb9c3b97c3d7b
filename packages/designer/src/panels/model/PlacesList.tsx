import { Button } from "antd";
import { useTranslation } from "react-i18next";
import { useDesignerContext } from "../../editor/context.js";

/** JSON Pointers into the document (where a rename wrote, what still uses something), each locatable. */
export function PlacesList({ paths }: { readonly paths: readonly string[] }) {
  const { t } = useTranslation();
  const { locate } = useDesignerContext();
  return (
    <ul className="model-places" style={{ margin: "4px 0 0", paddingLeft: 18 }}>
      {paths.map((path) => (
        <li key={path}>
          <code>{path}</code>{" "}
          <Button size="small" type="link" aria-label={t("model_showPlace", { path })} onClick={() => locate(path)}>
            {t("locate")}
          </Button>
        </li>
      ))}
    </ul>
  );
}
