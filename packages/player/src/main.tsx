import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { PlayerApp } from "./App.js";
import { createI18n, initialLocale, savedLocale } from "./i18n.js";
import "./styles.css";

const locale = initialLocale(savedLocale(), navigator.languages ?? [navigator.language]);
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <PlayerApp i18n={createI18n(locale)} initialLocale={locale} />
  </StrictMode>,
);
