export { CANARY, probeForLeaks, type Leak, type LeakProbeTarget } from "./leak-probe.testkit.js";
