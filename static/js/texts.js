// Method wording arrives marked (DESIGN.md, Front end): a quote stays in its
// source wording, our own interface wording is looked up in this page's
// language (the catalogue base.html embeds), a team's own wording is as written.
let catalogue = null;

function interfaceText(text) {
  if (catalogue === null) {
    const data = document.getElementById("method-texts");
    catalogue = data ? JSON.parse(data.textContent) : {};
  }
  return Object.hasOwn(catalogue, text) ? catalogue[text] : text;
}

/** The words to show for a marked string, or a plain one. */
export function markText(mark) {
  if (mark == null) return "";
  if (typeof mark === "string") return mark;
  if (mark.interface != null) return interfaceText(mark.interface);
  return mark.quote ?? mark.own ?? "";
}
