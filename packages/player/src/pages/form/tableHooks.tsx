import { PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { usePlayer } from "../../context.js";

/** The table page's "New" button: opens the create form of the page's entity. */
export function NewRecordButton({ appId, entity }: { appId: string; entity: string }) {
  const { navigate } = usePlayer();
  const { t } = useTranslation();
  return (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      className="plinth-new-record"
      style={{ marginBottom: 12 }}
      onClick={() => navigate({ kind: "record", appId, entity, mode: "new" })}
    >
      {t("newRecord")}
    </Button>
  );
}

/** Open a record's detail page (a table row click). */
export function useOpenRecord(appId: string, entity: string): (id: string) => void {
  const { navigate } = usePlayer();
  return useCallback(
    (id: string) => navigate({ kind: "record", appId, entity, id, mode: "view" }),
    [navigate, appId, entity],
  );
}
