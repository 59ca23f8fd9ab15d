import { config } from "zod";

// zod compiles fast parsers with `new Function` unless told not to, and decides when a schema is
// built, so this runs before any schema module: the Content-Security-Policy forbids eval, and the
// browser would report every attempt as a violation.
config({ jitless: true });
