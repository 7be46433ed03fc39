// Stands in for the bare "vega-util" import of vega-interpreter.js: browsers
// resolve bare specifiers only through an import map, an inline script the
// app's CSP forbids. Vega's bundle carries the same vega-util functions.
import "../vega-6.4.0/vega.min.js";

const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;

export { ascending, isString, DisallowedObjectProperties };
