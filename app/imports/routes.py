"""The import page: upload an archive, get a new workshop or a clear error."""

from flask import Blueprint

bp = Blueprint("imports", __name__)
