// On a phone a table row reads as a card (style.css): each cell shows its column's name
// before its value, from a data-label copied here from the table's header.
export function labelCells(table) {
  const names = [...table.tHead.rows[0].cells].map((th) => th.textContent.trim());
  for (const body of table.tBodies) {
    for (const tr of body.rows) {
      [...tr.cells].forEach((td, i) => {
        if (td.colSpan > 1) td.dataset.label = "";
        else td.dataset.label = names[i] ?? "";
      });
    }
  }
}
