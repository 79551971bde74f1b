"""Math for the terminal: ``$…$`` / ``$$…$$`` spans shown as readable Unicode (display only).

``render_math("$\\alpha_i^2 \\le \\frac{1}{\\sqrt{d_k}}$")`` → ``αᵢ²≤1/√dₖ``. Text outside math is
returned unchanged, and a span that does not convert (malformed or too exotic LaTeX) is shown as
written: this runs on untrusted card text at display time, so it must never raise.

flatlatex does the conversion: unlike pylatexenc's latex2text it turns sub- and superscripts into
Unicode (``x^2`` → ``x²``, ``x_i`` → ``xᵢ``), which is most of what makes paper math readable.
Its gaps (``\\log``, ``\\text{…}``, ``\\to``, ``\\left``…) are filled below.
"""

from __future__ import annotations

import re
from functools import cache

import flatlatex
from flatlatex.latexfuntypes import LatexSyntaxError

# Display math first; inline math follows pandoc's rule so prices are not math: the opening ``$``
# is not followed by a space, the closing one not preceded by a space nor followed by a digit.
_MATH = re.compile(
    r"(?<!\\)\$\$(?P<display>.+?)(?<!\\)\$\$"
    r"|(?<![\\$])\$(?![\s$])(?P<inline>(?:\\\$|[^$])+?)(?<![\s\\])\$(?!\d)",
    re.S,
)

# Words set upright in LaTeX whose spaces flatlatex would drop: the body keeps them as ``\ ``.
_TEXT_COMMAND = re.compile(
    r"\\(?:text|textrm|textit|textbf|textsf|texttt|mathrm|mbox|operatorname\*?)\s*\{([^{}]*)\}"
)
# Named operators set upright; the lookahead keeps \\lim from matching inside \\limsup.
_FUNCTION = re.compile(
    r"\\(arccos|arcsin|arctan|arg|argmax|argmin|cos|cosh|cot|deg|det|dim|exp|gcd|inf|ker|lg|"
    r"lim|liminf|limsup|ln|log|max|min|mod|Pr|sec|sin|sinh|sup|tan|tanh)(?![A-Za-z])\s*"
)
_ESCAPED = re.compile(r"\\([{}%&#_$])")

_EXTRA_COMMANDS = {
    "to": "→",
    "gets": "←",
    "le": "≤",
    "ge": "≥",
    "ne": "≠",
    "neq": "≠",
    "implies": "⟹",
    "iff": "⟺",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "vert": "|",
    "lvert": "|",
    "rvert": "|",
    "Vert": "‖",
    "lVert": "‖",
    "rVert": "‖",
    "ldots": "…",
    "top": "⊤",
    "prime": "′",
    "varnothing": "∅",
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
    "bigg": "",
    "displaystyle": "",
    "textstyle": "",
    "!": "",
}
_EXTRA_MACROS = (
    r"\newcommand\tfrac[2]{\frac{#1}{#2}}",
    r"\newcommand\dfrac[2]{\frac{#1}{#2}}",
    r"\newcommand\boldsymbol[1]{\bf{#1}}",
    r"\newcommand\mathsf[1]{#1}",
    r"\newcommand\mathtt[1]{\mono{#1}}",
)


# Subscript letters Unicode has but flatlatex's table lacks (``d_k`` → ``dₖ``, not ``d[k]``).
_MORE_SUBSCRIPTS = dict(zip("hklmnpst", "ₕₖₗₘₙₚₛₜ", strict=True))


@cache
def _converter() -> flatlatex.converter:
    # flatlatex reads its subscript table at conversion time; it has no option to extend it.
    flatlatex.data.subscript.update(_MORE_SUBSCRIPTS)
    converter = flatlatex.converter()
    for name, symbol in _EXTRA_COMMANDS.items():
        converter.add_newcommand(rf"\newcommand\{name}{{{symbol}}}")
    for macro in _EXTRA_MACROS:
        converter.add_newcommand(macro)
    return converter


def latex_to_unicode(latex: str) -> str | None:
    """Unicode for one math expression (without ``$``), or None when it does not convert."""
    source = _TEXT_COMMAND.sub(lambda m: "{" + m.group(1).replace(" ", "\\ ") + "}", latex)
    source = _FUNCTION.sub(_function_word, source)
    try:
        out = _converter().convert(source)
    except (LatexSyntaxError, IndexError, ValueError, RecursionError):
        # flatlatex signals bad input with these (an unbalanced brace, a dangling ^ or _).
        return None
    out = _ESCAPED.sub(r"\1", out).strip()
    return out or None


def render_math(text: str) -> str:
    """``text`` with each math span converted for display; everything else left as is."""
    if "$" not in text:
        return text

    def convert(match: re.Match[str]) -> str:
        latex = match.group("display") or match.group("inline")
        return latex_to_unicode(latex) or match.group(0)

    return _MATH.sub(convert, text)


def _function_word(match: re.Match[str]) -> str:
    """``n \\log n`` → ``n\\ {log}\\ n``: an upright word, spaced from letters around it."""
    before = match.string[: match.start()].rstrip()[-1:]
    after = match.string[match.end() : match.end() + 1]
    lead = "\\ " if before.isalnum() else ""
    trail = "\\ " if after.isalnum() or after == "\\" else ""
    return lead + "{" + match.group(1) + "}" + trail
