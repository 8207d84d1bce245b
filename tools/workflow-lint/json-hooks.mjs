// @actions/workflow-parser imports its JSON schemas without `with { type: "json" }` (it is written for
// bundlers), which Node refuses in every version; this hook loads those files as modules instead.
import { readFile } from "node:fs/promises";

export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json") && !context.importAttributes?.type) {
    const text = await readFile(new URL(url), "utf8");
    return { format: "module", source: `export default ${text};`, shortCircuit: true };
  }
  return nextLoad(url, context);
}
