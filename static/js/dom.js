// Small DOM helpers shared by the live views. User text only ever goes in
// through textContent or attribute values, never as markup.

export function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

export function hidden(name, value) {
  const input = element("input");
  Object.assign(input, { type: "hidden", name, value });
  return input;
}

/** Make `parent`'s children exactly `wanted`, moving as few nodes as possible
 * (a node left in place keeps its focus). */
export function reorder(parent, wanted) {
  wanted.forEach((node, index) => {
    if (parent.children[index] !== node) parent.insertBefore(node, parent.children[index] || null);
  });
  while (parent.children.length > wanted.length) parent.lastChild.remove();
}

/** Put focus back on the element marked `data-focus="key"` if a re-render
 * took the focused one away. */
export function restoreFocus(root, key) {
  if (!key) return;
  const active = document.activeElement;
  if (active && active !== document.body && root.contains(active)) return;
  const again = root.querySelector(`[data-focus="${CSS.escape(key)}"]`);
  if (again) again.focus();
}

/** A string with its placeholders (e.g. "NAME", "111111") filled in. */
export function fill(template, values) {
  let text = template || "";
  for (const [key, value] of Object.entries(values)) text = text.replace(key, String(value));
  return text;
}

/** After a refused stale edit: what the text says now, above the box that
 * keeps what the person typed. `t` holds textConflict, textCurrent, textYours. */
export function staleNotice(t, current = "") {
  const box = element("div", "conflict");
  box.setAttribute("role", "alert");
  box.append(
    element("p", "conflict-title", t.textConflict),
    element("p", "conflict-label", t.textCurrent),
    element("blockquote", "conflict-current", current),
    element("p", "hint", t.textYours),
  );
  return box;
}
