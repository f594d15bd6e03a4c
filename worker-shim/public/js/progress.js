// One labelled <progress> row: value as a fraction plus a line of text next to it.
import { formatBytes } from "./format.js";

export class ProgressRow {
  constructor(id) {
    this.row = document.getElementById(`${id}-row`);
    this.bar = document.getElementById(`${id}-progress`);
    this.text = document.getElementById(`${id}-text`);
  }
  reset() {
    this.bar.max = 1;
    this.bar.value = 0;
    this.text.textContent = "";
    delete this.row.dataset.state;
  }
  show(visible = true) {
    this.row.hidden = !visible;
  }
  // Bytes done of total (total 0 = unknown: an indeterminate bar).
  bytes(done, total) {
    if (total > 0) {
      this.bar.max = total;
      this.bar.value = Math.min(done, total);
      this.text.textContent = `${formatBytes(done)} of ${formatBytes(total)}`;
    } else {
      this.bar.removeAttribute("value");
      this.text.textContent = `${formatBytes(done)}`;
    }
  }
  // A step whose progress is not measurable: indeterminate until done().
  busy(text) {
    this.bar.removeAttribute("value");
    this.text.textContent = text;
    this.row.dataset.state = "busy";
  }
  steps(done, total, text) {
    this.bar.max = total;
    this.bar.value = done;
    this.text.textContent = text;
  }
  done(text) {
    this.bar.max = 1;
    this.bar.value = 1;
    this.text.textContent = text;
    this.row.dataset.state = "done";
  }
}
