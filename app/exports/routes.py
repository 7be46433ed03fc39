"""Asking for an export, following its progress, and downloading it."""

from flask import Blueprint

bp = Blueprint("exports", __name__)
