// The page's handle on the core running in a Web Worker (js/core-worker.js): the same
// core.wasm the Worker runs, so "convert on this device" sends nothing anywhere. A worker
// keeps the page responsive during a long conversion, and cancelling is terminating it.

export class LocalCore {
  #worker = null;
  #pending = new Map(); // id → {resolve, reject, onProgress}
  #next = 1;

  #start() {
    if (this.#worker) return this.#worker;
    const w = new Worker(new URL("./core-worker.js", import.meta.url), { type: "module" });
    w.onmessage = (e) => {
      const { id, progress, result, error } = e.data;
      const p = this.#pending.get(id);
      if (!p) return;
      if (progress) return p.onProgress?.(progress);
      this.#pending.delete(id);
      if (error) p.reject(Object.assign(new Error(error.message), { name: error.name, code: error.code }));
      else p.resolve(result);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.#fail(Object.assign(new Error(e.message || "The converter could not start in this browser."), { name: "WorkerError" }));
    };
    this.#worker = w;
    return w;
  }

  #fail(err) {
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    this.#worker?.terminate();
    this.#worker = null;
  }

  // op: "plan" | "preview" | "convert" (core-worker.js); payload is structured-cloned (file bytes are transferred
  // when `transfer` lists their buffers). onProgress({stage, done, total}).
  call(op, payload, { onProgress, signal, transfer = [] } = {}) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new DOMException("The operation was cancelled.", "AbortError"));
      const id = this.#next++;
      this.#pending.set(id, { resolve, reject, onProgress });
      signal?.addEventListener("abort", () => this.#fail(new DOMException("The operation was cancelled.", "AbortError")), { once: true });
      this.#start().postMessage({ id, op, ...payload }, transfer);
    });
  }
}
