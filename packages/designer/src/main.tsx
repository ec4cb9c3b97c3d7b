import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DesignerApp } from "./DesignerApp.js";
import { createI18n, initialLocale } from "./i18n.js";
import "./styles.css";

const locale = initialLocale();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <DesignerApp i18n={createI18n(locale)} initialLocale={locale} />
  </StrictMode>,
);
