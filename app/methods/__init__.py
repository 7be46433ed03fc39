"""Workshop methods as data: content files, validated against a schema per kind."""

from app.methods.library import (
    MethodContentError,
    builtin_methods,
    get_builtin,
    load_builtin,
)

__all__ = ["MethodContentError", "builtin_methods", "get_builtin", "load_builtin"]
