"""The kinds of value an archive's own film field holds, and how a value given for one is
checked and spelled the one way it is kept (a number in plain decimals, yes/no as "yes" or
"no"), so that searching and sorting by a field see one spelling."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

KINDS = ("text", "number", "yesno")
# how the desk and the command line name each kind
KIND_NAMES = {"text": "text", "number": "number", "yesno": "yes/no"}
YES = frozenset({"yes", "y", "true", "1", "on", "x"})
NO = frozenset({"no", "n", "false", "0", "off"})


def kind_problem(kind: str) -> str:
    """Why `kind` is not a kind of field, or ""."""
    if kind in KINDS:
        return ""
    return (f"\u201c{kind}\u201d is not a kind of field; the kinds are "
            f"{', '.join(KINDS)}.")


def spelled(kind: str, value: str) -> str:
    """`value` as a field of `kind` keeps it; ValueError saying why it does not fit."""
    value = value.strip()
    if not value or kind == "text":
        return value
    if kind == "number":
        try:
            number = Decimal(value.replace(",", "").replace("\u00a0", "").replace(" ", ""))
        except InvalidOperation:
            raise ValueError(f"\u201c{value}\u201d is not a number.") from None
        if not number.is_finite():
            raise ValueError(f"\u201c{value}\u201d is not a number.")
        text = format(number.normalize(), "f")
        return "0" if text in ("-0", "") else text
    if kind == "yesno":
        word = value.casefold()
        if word in YES:
            return "yes"
        if word in NO:
            return "no"
        raise ValueError(f"\u201c{value}\u201d is neither yes nor no.")
    raise ValueError(kind_problem(kind))
