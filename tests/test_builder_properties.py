# ruff: noqa: E501  (word lists read best on one line)
"""Property tests: arbitrary markdown-ish notes never crash the builder, and every card it
emits passes the gate, has an id, and points at a real line."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studydeck.builder.build import build_from_text
from studydeck.builder.gate import reject_reason
from studydeck.deck import dump_deck, parse_deck

WORDS = st.sampled_from(
    [
        "attention", "BERT", "this paper", "it", "GPT-2", "gpt-3", "is", "all", "you", "need",
        "$x_1 * y$", "$$a$$", "$", "**", "*", "_", "__init__", "‚Äú", "üìå", "🔥", "\ufffd", "(", ")",
        "[", "]", "[[Paper]]", "|", ":", " - ", " -- ", "=", "\\*", "`code`", "<br>", "<details>",
        "{:toc}", "et al.", "2021", "(**ICLR'21**)", "[Empirical]", "éàü", "中文", "\t", "...",
    ]
)  # fmt: skip
URLS = st.sampled_from(
    ["https://arxiv.org/abs/1706.03762", "https://github.com/a/b", "", "x.pdf", "#anchor"]
)


@st.composite
def inline(draw):
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.integers(0, 5))
        if kind == 0:
            parts.append(f"[{draw(WORDS)} {draw(WORDS)}]({draw(URLS)})")
        elif kind == 1:
            parts.append(f"**{draw(WORDS)}**")
        elif kind == 2:
            parts.append(f"({draw(WORDS)} et al. {draw(st.integers(1990, 2030))})")
        elif kind == 3:
            parts.append(draw(st.text(min_size=0, max_size=12)))
        else:
            parts.append(draw(WORDS))
    return " ".join(parts)


PLAIN = st.lists(
    st.sampled_from(["deep", "sparse", "Models", "learning", "of", "x2", "Über"]),
    min_size=1,
    max_size=6,
).map(" ".join)


@st.composite
def paper_line(draw):
    """A line shaped like a real paper item, with arbitrary pieces dropped in."""
    title, summary, noise = draw(PLAIN) + " " + draw(WORDS), draw(inline()), draw(WORDS)
    url, year = draw(URLS), draw(st.integers(1990, 2030))
    return draw(
        st.sampled_from(
            [
                f"- [{title}]({url}) ({noise} et al. {year}) - {summary}",
                f"- {title} ([{noise} et al. {year}]({url})) - {summary}",
                f"{year % 50}. **[{title}]({url}):** {summary}\\* (\\*{noise})",
                f"- (**{noise}'{year % 100}**)[Empirical] {title}[[Paper]]({url})",
                f"- **{noise}** = {summary}",
                f"  - this paper {summary} {noise}",
                f"| [{title}]({url}) | {year} | {summary} |",
            ]
        )
    )


@st.composite
def line(draw):
    text = draw(inline())
    shape = draw(st.integers(0, 11))
    if shape >= 10:
        return draw(paper_line())
    indent = "  " * draw(st.integers(0, 3))
    return [
        f"# {text}",
        f"## {text}",
        f"{indent}- {text}",
        f"{draw(st.integers(1, 50))}. {text}",
        f"| {text} | {draw(inline())} |",
        "|---|---|",
        f"$$\n{text}\n$$",
        "",
        text,
        "| Paper | Year | Description |",
    ][shape]


notes = st.lists(line(), max_size=25).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes)
def test_builder_never_crashes_and_cards_pass_the_gate(text):
    result = build_from_text(text, "prop", "prop.md")
    # a lone CR ends a line too (old Mac files), as it does for the builder
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    for card in result.deck.cards:
        assert reject_reason(card.question, card.answer) is None, card
        assert card.id.startswith("pr-")
        assert 1 <= card.source_line <= lines
    # the deck always round-trips through the one YAML loader
    assert parse_deck(dump_deck(result.deck)).cards == result.deck.cards


@settings(max_examples=60, deadline=None)
@given(notes, notes)
def test_rebuild_from_any_previous_deck_keeps_ids_unique(first, second):
    previous = build_from_text(first, "prop").deck
    deck = build_from_text(second, "prop", previous=previous).deck
    ids = [c.id for c in (*deck.cards, *deck.archived)]
    assert len(ids) == len(set(ids))
