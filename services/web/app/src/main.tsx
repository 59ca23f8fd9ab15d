// First: before any module that builds a zod schema.
import "./zod-jitless.js";
import { render } from "preact";
import { App } from "./app.js";
import "./styles.css";

render(<App />, document.getElementById("app")!);
