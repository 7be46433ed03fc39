// The browser side of the activity kinds registry (app/kinds/__init__.py):
// each kind other than the board draws itself with its own module.
import * as actions from "./actions.js";
import * as checklist from "./checklist.js";
import * as pathway from "./pathway.js";
import * as scenario from "./scenario.js";
import * as spectrum from "./spectrum.js";

export const KIND_VIEWS = { actions, checklist, pathway, scenario, spectrum };
