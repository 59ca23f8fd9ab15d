// First: before any module that builds a zod schema.
import "./zod-jitless.js";
import { render } from "preact";
import { App } from "./app.js";
import { LanguageProvider } from "./i18n.js";
import "./styles.css";

render(
  <LanguageProvider>
    <App />
  </LanguageProvider>,
  document.getElementById("app")!,
);
