/**
 * Where the pre-scan cannot run, every text goes through the JavaScript scan, and nothing else
 * changes. (A file of its own: the pre-scan remembers, per process, that it cannot run.)
 */
import { afterAll, describe, expect, it, vi } from "vitest";
import { prescanJson } from "../../src/check/json-prescan.js";
import { JsonSource } from "../../src/check/json-source.js";
import { ExactNumber } from "../../src/core/exact-number.js";

describe("json-prescan where WebAssembly memory cannot be had", () => {
  // What V8 throws under `ulimit -v` below about 11 GB: each instance reserves its memory's address space.
  const instances = vi.fn(() => {
    throw new RangeError("WebAssembly.Instance(): Out of memory: Cannot allocate Wasm memory for new instance");
  });
  vi.stubGlobal("WebAssembly", { ...WebAssembly, Module: WebAssembly.Module, Instance: instances });
  afterAll(() => {
    vi.unstubAllGlobals();
  });

  it("leaves every text to the JavaScript scan, which still finds what it finds", () => {
    const source = JsonSource.parse("main.tf.json", '{"a": {"b": 1}, "a": {"c": 2}, "n": 12345678901234567890}');
    const document = source.value() as Record<string, unknown>;
    expect([...source.duplicatesIn(document)!.keys()]).toEqual(["a"]);
    expect(document.n).toEqual(new ExactNumber("12345678901234567890"));
    expect(JsonSource.parse("clean.tf.json", '{"a": [1, 2]}').value()).toEqual({ a: [1, 2] });
  });

  it("tries once per process", () => {
    expect(prescanJson('{"a": 1}')).toBeUndefined();
    expect(instances).toHaveBeenCalledTimes(1);
  });
});
