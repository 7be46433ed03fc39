"""The benchmark's py-spy summary: samples by area and by the app's function."""

from bench import profile

ON_ACT = "<module> (wsgi.py:9);on_act (/srv/app/realtime/events.py:69)"
APPLY = f"{ON_ACT};apply (/srv/app/changes.py:131)"
RAW = "\n".join(
    [
        f"{APPLY};execute (sqlalchemy/orm/session.py:2291) 6",
        f"{APPLY} 2",
        "<module> (wsgi.py:9);wait (eventlet/hubs/hub.py:350) 2",
        "not a sample line",
    ]
)


def test_samples_are_shared_by_the_innermost_frames_package():
    total, areas, _ = profile.summarise(RAW)

    assert total == 10
    assert areas == {"SQLAlchemy": 0.6, "the app's own code": 0.2, "eventlet": 0.2}


def test_the_apps_functions_count_wherever_they_are_on_the_stack():
    _, _, functions = profile.summarise(RAW)

    assert dict(functions) == {
        "app/realtime/events.py: on_act": 0.8,
        "app/changes.py: apply": 0.8,
    }


def test_the_summary_is_a_markdown_table():
    text = profile.markdown("sqlite-1: app1", RAW)

    assert "| SQLAlchemy | 60% |" in text
    assert "| `app/changes.py: apply` | 80% |" in text
    assert profile.markdown("empty", "") == "### empty\n\nNo samples.\n"
