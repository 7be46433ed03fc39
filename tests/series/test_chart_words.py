"""The trend charts' text alternatives (app/series/chart_words.py): every
number each chart shows, in sentences, with each change of wording."""

from app.series import chart_words
from app.series.trends import spectrum_trends
from tests.series.test_charts import LABELS, forum_trend
from tests.series.test_trends import SPRING, SUMMER, spectrum


def test_text_alternatives_give_every_number_and_each_change(app):
    """Each element's sentence names every workshop with its number and
    says where the wording changed; the gap's gives both means."""
    trend = forum_trend()

    means = chart_words.describe_checklist_means(trend)
    assert means[1] == (
        "Effective, on value. — 12 Mar 2025: 1.50 (6 people); "
        "11 Jun 2025 (wording changed): 1.50 (6 people); 10 Sep 2025: 1.50 (6 people)"
    )
    gap = chart_words.describe_gap(trend)[0]
    assert "commissioners 2.00, providers 0.00, gap +2.00" in gap
    by_role = chart_words.describe_checklist_by_role(trend, LABELS)
    assert by_role[0].startswith("Person centred. (Commissioner) — ")
    assert len(by_role) == 4


def test_the_spectrum_says_now_and_aspiration_with_its_poles(app):
    [trend] = spectrum_trends(
        [
            spectrum(SPRING, ((1, "need", 2, 4), (2, "need", 3, None))),
            spectrum(SUMMER, ((1, "need", 3, 6),), points=7),
        ]
    )

    [need, spec] = chart_words.describe_spectrum(trend)

    assert need == (
        "Identification of need (1: Funder defines; 7: Together) — "
        "12 Mar 2025: Where we are now 2.50 (2 people); "
        "Where we want to be 4.00 (1 person); "
        "11 Jun 2025 (scale changed): Where we are now 3.00 (1 person); "
        "Where we want to be 6.00 (1 person)"
    )
    assert (
        "12 Mar 2025: Where we are now no marks; Where we want to be no marks" in spec
    )


def test_changes_are_named(app):
    assert chart_words.change_words(frozenset()) == ""
    assert chart_words.change_words(frozenset({"wording"})) == "wording changed"
    assert chart_words.change_words(frozenset({"scale"})) == "scale changed"
    both = frozenset({"wording", "scale"})
    assert chart_words.change_words(both) == "wording and scale changed"
    assert chart_words.signed(0.5) == "+0.50" and chart_words.signed(-1) == "-1.00"
