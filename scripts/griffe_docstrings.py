"""A griffe extension for the API reference: our reST-flavoured docstrings as Markdown.

The docstrings are written for ``help()`` and doctest: bare ``>>>`` examples, ``double
backticks`` and roles such as :class:`Dataset`. mkdocstrings renders Markdown, so this turns
each run of doctest lines into a fenced ``pycon`` block and each role or double-backtick span
into inline code. mkdocs.yml loads it (``extensions`` of the python handler).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def to_markdown(text: str) -> str:
    """Fence doctest examples and turn roles and double backticks into code spans."""
    lines = text.splitlines()
    out: list[str] = []
    in_example = False
    for line in lines:
        if line.lstrip().startswith(">>>") and not in_example:
            if out and out[-1].strip():
                out.append("")
            out.append("```pycon")
            in_example = True
        elif in_example and not line.strip():
            out.append("```")
            in_example = False
        if in_example:
            out.append(line)
        else:
            inline = _ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", line)
            out.append(_LITERAL.sub(r"`\1`", inline).replace("\\\\", "\\"))
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestsAsCode(griffe.Extension):
    """Rewrite every docstring with :func:`to_markdown` as griffe loads it."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)
