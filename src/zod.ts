/**
 * zod, configured for what we parse. Every input is parsed JSON, which cannot hold reference
 * cycles, so zod's default memoizer (cycle support) only costs: it walks each lazily compiled
 * schema subtree on its first parses, which on provider schemas made a second check of the
 * real-module corpus take 4.9 s instead of 0.15 s. Import `z` from here, never from "zod".
 */
import * as z from "./zod-parts.js";

z.config({ memoizer: { attach() {}, guard() {}, alloc: (_inst, _payload, empty) => empty } });

export { z };
