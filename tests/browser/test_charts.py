"""Charts in a real browser with the app's CSP on: static/js/charts.js draws
the specifications app/charts.py builds, as SVG, with Vega's expression
interpreter, so nothing calls eval (DESIGN.md, Outputs). Any CSP violation
or console error fails the test (see conftest.py)."""

import re

import pytest
import yaml
from playwright.sync_api import expect

from app import charts
from tests.browser.conftest import ARTIFACTS, ROOT, shot

pytestmark = [pytest.mark.browser, pytest.mark.server]

CONTENT = ROOT / "app" / "methods" / "content"
ROLES = ["Commissioner", "Provider", "Person with lived experience"]
EVIL = 'It\'s "odd" \'+datum.x+\' <img src=x onerror="window.pwned=1"> ${x}'

# Draws each spec into a figure of its own, one after another.
RENDER = """
async (specs) => {
  const { renderChart } = await import("/static/js/charts.js");
  const drawn = [];
  for (const [name, spec] of Object.entries(specs)) {
    const figure = document.createElement("figure");
    figure.id = name;
    document.querySelector("main").append(figure);
    const view = await renderChart(figure, spec);
    drawn.push({
      name,
      role: figure.getAttribute("role"),
      label: figure.getAttribute("aria-label"),
      svgs: figure.querySelectorAll("svg").length,
      marks: figure.querySelectorAll(".role-mark path, .role-mark text").length,
      text: figure.querySelector("svg").textContent,
      width: view.width(),
    });
  }
  return drawn;
}
"""


def method(name):
    return yaml.safe_load((CONTENT / f"{name}.yaml").read_text())["content"]


def checklist_specs():
    """The CCPS checklist's own wording, some answers, one item unanswered."""
    content = method("ccps-checklist")
    items = [
        {"key": item["key"], "label": item["text"]["quote"]}
        for item in content["sections"][0]["items"]
    ]
    scale = [
        {"value": p["value"], "label": p["label"]["quote"]} for p in content["scale"]
    ]
    counts = [
        {
            "item": item["key"],
            "value": value,
            "count": (n + value * r) % 4,
            "role": role,
        }
        for n, item in enumerate(items[:-1])
        for value in (2, 1, 0)
        for r, role in enumerate(ROLES)
    ]
    return {
        "checklist": charts.checklist_distribution(items, scale, counts),
        "checklist-by-role": charts.checklist_distribution(
            items[:3], scale, counts, by_role=True
        ),
    }


def spectrum_specs():
    """The CCPS spectrum's eleven dimensions with long pole wording."""
    content = method("ccps-spectrum")
    dimensions = [
        {
            "key": d["key"],
            "label": d["label"]["quote"],
            "left": d["left"]["quote"],
            "right": d["right"]["quote"],
        }
        for d in content["dimensions"]
    ]
    marks = [
        {"dimension": d["key"], "position": 1 + (n + shift + r) % 5, "which": which}
        | {"count": 1 + (n * 3 + shift) % 4, "role": role}
        for n, d in enumerate(dimensions)
        for shift, which in ((0, "now"), (2, "aspiration"), (3, "aspiration"))
        for r, role in enumerate(ROLES[:2])
    ]
    return {
        "spectrum": charts.spectrum_dots(dimensions, content["points"], marks),
        "spectrum-by-role": charts.spectrum_dots(
            dimensions[:3], content["points"], marks, by_role=True
        ),
    }


def test_charts_render_as_svg_under_the_csp(new_context):
    """Both charts, overall and by role, draw as SVG with marks, legends and
    the poles' wording, labelled for screen readers, with no CSP violation."""
    specs = checklist_specs() | spectrum_specs()
    page = new_context(viewport={"width": 1100, "height": 900}).new_page()
    page.goto("/auth/login")
    drawn = page.evaluate(RENDER, specs)

    assert [figure["name"] for figure in drawn] == list(specs)
    for figure, spec in zip(drawn, specs.values(), strict=True):
        assert figure["svgs"] == 1
        assert figure["marks"] > 10, figure["name"]
        assert figure["role"] == "img"
        assert figure["label"] == spec["description"]
    checklist, by_role, spectrum, _spectrum_by_role = drawn
    assert "We cannot evidence this" in checklist["text"]  # the legend
    assert "Person with lived" in by_role["text"]  # wrapped, not cut
    assert "Funder identifies and" in spectrum["text"]  # a pole, wrapped
    assert "Where we want to be" in spectrum["text"]
    assert page.evaluate("window.__cspViolations") == []
    shot(page, "charts")
    for name in specs:  # each chart on its own, at full size, for a person
        page.locator(f"#{name}").screenshot(path=ARTIFACTS / f"charts-{name}.png")


def test_labels_render_as_text_not_markup_or_code(new_context):
    """A label with quotes, `datum` and markup is drawn as the words it is:
    no element is made from it and no script runs."""
    items = [{"key": "a", "label": EVIL}]
    scale = [{"value": 1, "label": EVIL}, {"value": 0, "label": "No"}]
    counts = [{"item": "a", "value": 1, "count": 2, "role": "Provider"}]
    dimension = {"key": "d", "label": EVIL, "left": EVIL, "right": "Right"}
    marks = [{"dimension": "d", "position": 3, "which": "now", "count": 2}]
    specs = {
        "evil-checklist": charts.checklist_distribution(items, scale, counts),
        "evil-spectrum": charts.spectrum_dots([dimension], 5, marks),
    }
    page = new_context().new_page()
    page.goto("/auth/login")
    drawn = page.evaluate(RENDER, specs)

    for figure in drawn:
        assert "'+datum.x+'" in figure["text"]
    assert page.locator("figure img").count() == 0
    assert page.evaluate("window.pwned") is None
    # Pointing at a bar shows its full wording as the tooltip.
    bar = page.locator("#evil-checklist .mark-rect.role-mark path").last
    bar.hover(position={"x": 4, "y": 4})  # the count sits in the middle
    tooltip = re.compile(re.escape(EVIL) + r"\n")
    expect(page.locator("#evil-checklist")).to_have_attribute("title", tooltip)


def test_redrawing_replaces_the_chart(new_context):
    """Drawing into the same element again leaves one chart, the new one."""
    first, second = spectrum_specs().values()
    page = new_context().new_page()
    page.goto("/auth/login")
    count = page.evaluate(
        """async ([first, second]) => {
          const { renderChart } = await import("/static/js/charts.js");
          const figure = document.createElement("figure");
          document.querySelector("main").append(figure);
          await renderChart(figure, first);
          await renderChart(figure, second);
          return figure.querySelectorAll("svg").length;
        }""",
        [first, second],
    )
    assert count == 1
