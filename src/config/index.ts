/** The project's configuration file and its suppressions (load.ts, suppress.ts, address.ts). */
export { CDKTF_CONFIG_FILE, CDKTF_CONFIG_KEY, CONFIG_FILE, loadConfig, loadConfigSync, settingsFromObject, type LoadConfigOptions, type ResolvedConfig, type Suppression } from "./load.js";
export { applySuppressions, suppress, unusedSuppressions } from "./suppress.js";
