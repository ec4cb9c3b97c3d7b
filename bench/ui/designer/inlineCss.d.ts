/** Vite's `?inline` import of a stylesheet: its text (the bench page puts it in a <style> element). */
declare module "*.css?inline" {
  const css: string;
  export default css;
}
