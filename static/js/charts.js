// Draws a chart specification from app/charts.py (Vega-Lite) in the page,
// with no eval: Vega parses expressions to syntax trees ({ ast: true }) and
// its interpreter evaluates them, so the CSP needs no 'unsafe-eval'.
//
// Loading without a build step: vega.module.js and vega-lite's ESM build
// import their dependencies by bare name ("vega-util", "vega"), which a
// browser resolves only through an import map, an inline script the CSP
// forbids. So Vega and Vega-Lite come as their UMD bundles, imported here for
// their side effect (each defines a global, globalThis.vega and .vegaLite, in
// this order); vega-interpreter's one bare import is pointed at a shim over
// Vega's bundle (static/vendor/vega-interpreter-2.3.2/README.md).
import "../vendor/vega-6.4.0/vega.min.js";
import "../vendor/vega-lite-6.5.0/vega-lite.min.js";
import { expressionInterpreter } from "../vendor/vega-interpreter-2.3.2/vega-interpreter.js";

const { vega, vegaLite } = globalThis;
const views = new WeakMap();

/** Render `spec` (Vega-Lite) as SVG into `element`, replacing any chart
 * drawn there before; resolves to the Vega view once it is drawn. */
export async function renderChart(element, spec) {
  views.get(element)?.finalize();
  const compiled = vegaLite.compile(spec).spec;
  // No form for input bindings: these charts have none.
  const runtime = vega.parse(compiled, { events: { bind: "none" } }, { ast: true });
  const view = new vega.View(runtime, {
    expr: expressionInterpreter,
    renderer: "svg",
    container: element,
  });
  views.set(element, view);
  // One image to assistive technology, named by the spec's description (the
  // page gives the numbers as text); Vega set its own roles just now.
  element.setAttribute("role", "img");
  element.removeAttribute("aria-roledescription");
  element.setAttribute("aria-label", spec.description || "");
  await view.runAsync();
  // The container is the one image; Vega's own roles on its marks inside
  // would be images without names to assistive technology.
  const svg = element.querySelector("svg");
  if (svg) svg.setAttribute("aria-hidden", "true");
  return view;
}
