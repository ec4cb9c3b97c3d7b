import { theme } from "antd";
import type { CSSProperties } from "react";

/**
 * The form's own stylesheet: the field chrome (label, required mark, messages) and the light
 * native controls of the standard widgets, drawn in antd's look. A 200-field form then costs
 * one stylesheet and plain elements instead of 200 antd component trees (each with its own
 * CSS-in-JS hooks); heavy widgets (searchable selects) still mount antd, on first use.
 *
 * Colours and sizes come from antd's theme tokens as CSS variables set on the form
 * (`formThemeVars`), with antd's defaults as fallbacks.
 */
export const formCss = `
.plinth-field{margin-bottom:16px;font-size:var(--plinth-font-size,14px);line-height:1.5714;color:var(--plinth-color-text,rgba(0,0,0,.88));min-width:0}
.plinth-field-label{display:block;padding:0 0 8px;line-height:1.5714;white-space:initial;text-align:start;color:var(--plinth-color-text,rgba(0,0,0,.88));font-size:var(--plinth-font-size,14px)}
.plinth-field-label.plinth-required::before{display:inline-block;margin-inline-end:4px;color:var(--plinth-color-error,#ff4d4f);font-size:var(--plinth-font-size,14px);font-family:SimSun,sans-serif;line-height:1;content:"*"}
.plinth-field-message{display:block;color:var(--plinth-color-error,#ff4d4f)}
.plinth-field-message[data-severity=warning]{color:var(--plinth-color-warning,#faad14)}
.plinth-input{box-sizing:border-box;display:inline-block;width:100%;min-width:0;margin:0;padding:4px 11px;font:inherit;font-size:var(--plinth-font-size,14px);line-height:1.5714;color:var(--plinth-color-text,rgba(0,0,0,.88));background:var(--plinth-color-bg,#fff);border:1px solid var(--plinth-color-border,#d9d9d9);border-radius:var(--plinth-radius,6px);transition:border-color .2s,box-shadow .2s}
.plinth-input::placeholder{color:var(--plinth-color-placeholder,rgba(0,0,0,.25))}
.plinth-input:hover{border-color:var(--plinth-color-primary-hover,#4096ff)}
.plinth-input:focus,.plinth-input:focus-within{border-color:var(--plinth-color-primary,#1677ff);box-shadow:0 0 0 2px var(--plinth-color-outline,rgba(5,145,255,.1));outline:0}
.plinth-input[aria-invalid=true],.plinth-affix-invalid{border-color:var(--plinth-color-error,#ff4d4f)}
.plinth-input[aria-invalid=true]:focus,.plinth-affix-invalid:focus-within{box-shadow:0 0 0 2px var(--plinth-color-error-outline,rgba(255,38,5,.06))}
.plinth-input:disabled,.plinth-affix-disabled{color:var(--plinth-color-disabled,rgba(0,0,0,.25));background:var(--plinth-color-bg-disabled,rgba(0,0,0,.04));border-color:var(--plinth-color-border,#d9d9d9);box-shadow:none;cursor:not-allowed}
.plinth-input-borderless,.plinth-input-borderless:hover,.plinth-input-borderless:focus{background:transparent;border-color:transparent;box-shadow:none}
textarea.plinth-input{resize:vertical;min-height:32px;vertical-align:bottom}
.plinth-affix{display:inline-flex;align-items:center;gap:4px}
.plinth-affix>input{flex:1;min-width:0;padding:0;margin:0;font:inherit;color:inherit;background:transparent;border:0;outline:0}
.plinth-affix>input:disabled{cursor:not-allowed}
.plinth-affix>span{flex:none;color:var(--plinth-color-text,rgba(0,0,0,.88))}
.plinth-select{position:relative;cursor:pointer;padding-inline-end:28px;text-overflow:ellipsis}
.plinth-select-arrow{position:absolute;inset-inline-end:11px;top:50%;width:12px;height:12px;margin-top:-6px;pointer-events:none;color:var(--plinth-color-disabled,rgba(0,0,0,.25))}
.plinth-select-wrap{position:relative;display:block}
.plinth-switch{position:relative;display:inline-block;box-sizing:border-box;min-width:44px;height:22px;margin:0;padding:0;vertical-align:middle;background:rgba(0,0,0,.25);border:0;border-radius:100px;cursor:pointer;transition:background .2s}
.plinth-switch:hover:not(:disabled){background:rgba(0,0,0,.45)}
.plinth-switch[aria-checked=true]{background:var(--plinth-color-primary,#1677ff)}
.plinth-switch[aria-checked=true]:hover:not(:disabled){background:var(--plinth-color-primary-hover,#4096ff)}
.plinth-switch:focus-visible{outline:4px solid var(--plinth-color-outline-strong,#91caff);outline-offset:1px}
.plinth-switch:disabled{cursor:not-allowed;opacity:.65}
.plinth-switch::after{position:absolute;top:2px;inset-inline-start:2px;width:18px;height:18px;background:#fff;border-radius:9px;box-shadow:0 2px 4px 0 rgba(0,35,11,.2);transition:inset-inline-start .2s;content:""}
.plinth-switch[aria-checked=true]::after{inset-inline-start:calc(100% - 20px)}
`;

/** The stylesheet, hoisted into the document head once however many forms render it (React 19). */
export function FormStyles() {
  return (
    <style href="plinth-form" precedence="plinth">
      {formCss}
    </style>
  );
}

/** The CSS variables `formCss` reads, from the current antd theme (one token lookup per form). */
export function useFormThemeVars(): CSSProperties {
  const { token } = theme.useToken();
  return {
    "--plinth-font-size": `${token.fontSize}px`,
    "--plinth-color-text": token.colorText,
    "--plinth-color-bg": token.colorBgContainer,
    "--plinth-color-border": token.colorBorder,
    "--plinth-radius": `${token.borderRadius}px`,
    "--plinth-color-placeholder": token.colorTextPlaceholder,
    "--plinth-color-primary": token.colorPrimary,
    "--plinth-color-primary-hover": token.colorPrimaryHover,
    "--plinth-color-outline": token.controlOutline,
    "--plinth-color-outline-strong": token.colorPrimaryBorder,
    "--plinth-color-error": token.colorError,
    "--plinth-color-error-outline": token.colorErrorOutline,
    "--plinth-color-warning": token.colorWarning,
    "--plinth-color-disabled": token.colorTextDisabled,
    "--plinth-color-bg-disabled": token.colorBgContainerDisabled,
  } as CSSProperties;
}
