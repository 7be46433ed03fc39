// The browser side of the activity kinds registry (app/kinds/__init__.py):
// each kind other than the board draws itself with its own module.
import * as checklist from "./checklist.js";
import * as pathway from "./pathway.js";
import * as scenario from "./scenario.js";
import * as spectrum from "./spectrum.js";

export const KIND_VIEWS = { checklist, pathway, scenario, spectrum };
