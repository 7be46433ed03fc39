"""Where it is safe to send someone back to after a form."""


def safe_local_path(target):
    """`target` if it is a path on this site, else None.

    Refuses other hosts ("//evil", "https://evil"), backslashes (some browsers
    read them as slashes) and unprintable characters (browsers drop tabs and
    newlines, so "/\\t/evil" would mean "//evil").
    """
    if (
        isinstance(target, str)
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and target.isprintable()
    ):
        return target
    return None
