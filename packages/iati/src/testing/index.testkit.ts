export * from "./iati.testkit.js";
