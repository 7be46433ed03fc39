"""Reading a workshop archive (app/exports/archive.py) and importing it as a
new workshop of a team.

The upload is read within its limit and unpacked within another (a zip bomb
is refused from its declared sizes, and a lying one by reading no further
than the limit); the JSON is checked whole (app/imports/schema.py, then
checks.py) before anything is written; then the workshop is written in one
transaction, so an archive is imported whole or not at all.
"""

import io
import json
import lzma
import zipfile
import zlib

from flask import current_app
from flask_babel import gettext as _
from pydantic import ValidationError

from app.exports.archive import FORMAT, MEMBER, VERSION
from app.extensions import db
from app.imports import ImportProblem, checks, rows, schema

ZIP_START = b"PK\x03\x04"  # how every zip with a file in it begins
# What a damaged zip raises, depending on where it is broken.
DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    NotImplementedError,  # a compression method Python cannot read
    RuntimeError,  # encrypted
    ValueError,
)


def import_archive(team, user, file_storage):
    """A new workshop in `team` made from an uploaded archive (a werkzeug
    FileStorage), imported by `user`; ImportProblem says why not, and then
    nothing has been written."""
    archive = validated(read(file_storage.stream))
    checks.check(archive.workshop)
    try:
        workshop = rows.create(team, user, archive.workshop)
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return workshop


def read(stream):
    """The archive's document, parsed from its JSON, or ImportProblem."""
    return _parsed(_unpacked(_uploaded(stream)))


def validated(document):
    """The document as a schema.Archive, if it is one of ours that this
    install can read."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportProblem(_not_ours())
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise ImportProblem(_not_ours())
    if version > VERSION:
        raise ImportProblem(
            _(
                "This archive was made by a newer version of Common Ground "
                "(format %(theirs)d); this install reads format %(ours)d. "
                "Update this install to import it.",
                theirs=version,
                ours=VERSION,
            )
        )
    try:
        return schema.Archive.model_validate(document)
    except ValidationError as error:
        raise checks.schema_problem(error) from error


def _not_ours():
    return _("This file is not a Common Ground workshop archive.")


def _megabytes(size):
    return f"{size / (1024 * 1024):.3g}"


def _uploaded(stream):
    limit = current_app.config["IMPORT_MAX_BYTES"]
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise ImportProblem(
            _(
                "This file is too big to import: an archive may be at most "
                "%(megabytes)s MB.",
                megabytes=_megabytes(limit),
            )
        )
    return data


def _unpacked(data):
    """The archive's workshop.json, as bytes."""
    limit = current_app.config["IMPORT_MAX_UNPACKED_BYTES"]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = _member(archive)
            if member.file_size > limit:
                raise _unpacks_too_big(limit)
            with archive.open(member) as opened:
                text = opened.read(limit + 1)
    except DAMAGED as error:
        if not data.startswith(ZIP_START):
            raise ImportProblem(_not_ours()) from error
        raise ImportProblem(
            _(
                "This archive is damaged or incomplete (perhaps it did not "
                "finish downloading). Export it again and import the new file."
            )
        ) from error
    if len(text) > limit:  # its declared size was a lie
        raise _unpacks_too_big(limit)
    return text


def _member(archive):
    try:
        return archive.getinfo(MEMBER)
    except KeyError:
        raise ImportProblem(_not_ours()) from None


def _unpacks_too_big(limit):
    return ImportProblem(
        _(
            "This archive unpacks to more than %(megabytes)s MB, more than this "
            "install imports.",
            megabytes=_megabytes(limit),
        )
    )


def _parsed(text):
    try:
        return json.loads(text.decode("utf-8-sig"))
    # ValueError: not JSON, not UTF-8, or a number too long to read;
    # RecursionError: nested deeper than the parser goes.
    except (ValueError, RecursionError) as error:
        raise ImportProblem(
            _("This archive's workshop.json is not valid JSON: it cannot be read.")
        ) from error
