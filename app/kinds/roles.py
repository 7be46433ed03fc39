"""Splitting results by role without making anyone identifiable
(DESIGN.md, "Privacy and anonymity"): every role bucket shown has at least
three respondents, smaller ones merge into "other roles", and where that
still leaves a bucket too small, or only one bucket, there is no split."""

from collections import Counter

from app import privacy
from app.vocabulary import OTHER_ROLES, role_labels

MINIMUM = 3


def role_buckets(role_by_person, minimum=MINIMUM):
    """Each person's bucket (their role, or OTHER_ROLES), or None when results
    may not be split by role at all."""
    counts = Counter(role_by_person.values())
    shown = {role: n for role, n in counts.items() if n >= minimum}
    pooled = sum(counts.values()) - sum(shown.values())
    while 0 < pooled < minimum and shown:
        smallest = min(shown, key=lambda role: (shown[role], role))
        pooled += shown.pop(smallest)
    if (0 < pooled < minimum) or len(shown) + bool(pooled) < 2:
        return None
    return {
        person: role if role in shown else OTHER_ROLES
        for person, role in role_by_person.items()
    }


def split_by_role(activity, rows):
    """Each respondent's bucket for an activity's results, from its (row,
    role) pairs; None where they may not be split: too few in a role, or an
    anonymous activity, whose contributions carry no role anywhere
    (DESIGN.md, "Privacy and anonymity")."""
    if privacy.is_anonymous(activity):
        return None
    return role_buckets({row.participant_id: role for row, role in rows})


def with_role_labels(rows):
    """Result rows with each bucket key replaced by its label, for charts."""
    labels = role_labels()
    return [{**row, "role": labels.get(row["role"], row["role"])} for row in rows]
