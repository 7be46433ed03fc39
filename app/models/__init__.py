"""The models, one aggregate per file, re-exported here."""

from app.models.activity import Activity, agenda_of
from app.models.author_reveal import AuthorReveal
from app.models.group import Group
from app.models.invite import Invite
from app.models.note import Note, Theme, Vote
from app.models.participant import Participant
from app.models.pathway_card import PathwayCard
from app.models.record import (
    Attendance,
    LinkComment,
    Redaction,
    RetentionDeletion,
    ReviewComment,
)
from app.models.report import ExportJob, ReportText, ShareLink
from app.models.score import Score
from app.models.search import SearchEntry
from app.models.series import FollowUp, FollowUpUpdate, Series
from app.models.spectrum_mark import SpectrumMark
from app.models.stream import Event, Stream, StreamEntry
from app.models.team import Team
from app.models.team_method import TeamMethod
from app.models.user import LoginSession, User
from app.models.workshop import Workshop

__all__ = [
    "Activity",
    "agenda_of",
    "Attendance",
    "AuthorReveal",
    "Event",
    "ExportJob",
    "FollowUp",
    "FollowUpUpdate",
    "Group",
    "Invite",
    "LinkComment",
    "LoginSession",
    "Note",
    "Participant",
    "PathwayCard",
    "Redaction",
    "ReportText",
    "RetentionDeletion",
    "ReviewComment",
    "Score",
    "SearchEntry",
    "Series",
    "ShareLink",
    "SpectrumMark",
    "Stream",
    "StreamEntry",
    "Team",
    "TeamMethod",
    "Theme",
    "User",
    "Vote",
    "Workshop",
]
