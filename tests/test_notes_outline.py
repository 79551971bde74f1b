"""Markdown → outline: headings, line numbers, nesting, tables, display math."""

from studydeck.notes import parse_outline

NOTE = """\
---
title: My notes
---

# papers

## nlp

**other**

- BERT ([devlin et al. 2018](https://arxiv.org/abs/1810.04805)) - masked words
  - roberta
  - this paper uses $x_1 * y_2$
- plain item

| Paper | Year |
|---|---|
| [GPT](https://arxiv.org/abs/1) | 2018 |

Lead in is:

$$
a_1 * b_2
$$

<details>
<summary>Hidden</summary>

- inside item

</details>
"""


def blocks_by_line(text):
    return {b.line: b for b in parse_outline(text, "n").blocks}


def test_items_keep_line_nesting_and_heading_path():
    blocks = blocks_by_line(NOTE)
    bert = blocks[11]
    assert bert.kind == "item" and bert.depth == 1
    assert bert.path == ("papers", "nlp", "other")  # a bold-only paragraph works as a heading
    assert [c.line for c in bert.children] == [12, 13]
    assert blocks[12].parent is bert
    assert bert.paper_url == "https://arxiv.org/abs/1810.04805"
    assert blocks[14].paper_url is None


def test_math_inside_items_is_kept_whole():
    assert blocks_by_line(NOTE)[13].text == "this paper uses $x_1 * y_2$"


def test_table_rows_carry_their_header():
    row = blocks_by_line(NOTE)[18]
    assert row.kind == "row" and row.header == ("Paper", "Year")
    assert row.paper_url == "https://arxiv.org/abs/1"


def test_display_math_block_knows_its_lead_in():
    math = next(b for b in parse_outline(NOTE).blocks if b.kind == "math")
    assert math.line == 22
    assert math.masked.maths == ("$$a_1 * b_2$$",)
    assert math.previous is not None and math.previous.text == "Lead in is:"


def test_an_empty_display_formula_beside_one_is_dropped_and_adjacent_ones_kept():
    text = "Its inverse is given by\n> $$z^{-1} = \\bar z/|z|^2$$ $$$$\n\nnext $$a$$$$b$$\n"
    blocks = parse_outline(text).blocks
    assert blocks[1].kind == "math" and blocks[1].masked.maths == ("$$z^{-1} = \\bar z/|z|^2$$",)
    assert blocks[2].masked.maths == ("$$a$$", "$$b$$")


def test_details_summary_acts_as_a_heading():
    inside = next(b for b in parse_outline(NOTE).blocks if b.text == "inside item")
    assert inside.path[-1] == "Hidden"


def test_title_comes_from_front_matter_then_first_h1():
    assert parse_outline(NOTE).title == "My notes"
    assert parse_outline("# Top\n\ntext\n").title == "Top"


def test_paper_items_counts_items_and_rows_only():
    outline = parse_outline(NOTE)
    assert [b.line for b in outline.paper_items] == [11, 18]


def test_logseq_page_properties_name_the_page():
    assert (
        parse_outline("title:: Covering spaces\nalias:: covers\n\n- a line\n").title
        == "Covering spaces"
    )
    page = "file:: [1999_Hatcher_Topology.pdf](zotero/1999_Hatcher_Topology.pdf)\n\n- a highlight\n"
    assert parse_outline(page).title == "1999 Hatcher Topology"
    assert parse_outline("- key:: value inside a bullet\n- text\n").title == ""


INDENTED_HIGHLIGHTS = """\
#### A Book on Science (Author, A.)
      Hypotheses count as scientific only if they are falsifiable, the author argues here.

      Normal science does not aim at novelty but at clearing up the status quo.

    def build(x):
        return x + 1
"""


def test_indented_prose_is_read_as_paragraphs_and_indented_code_is_not():
    outline = parse_outline(INDENTED_HIGHLIGHTS)
    paragraphs = [(b.line, b.text) for b in outline.blocks if b.kind == "paragraph"]
    assert paragraphs == [
        (2, "Hypotheses count as scientific only if they are falsifiable, the author argues here."),
        (4, "Normal science does not aim at novelty but at clearing up the status quo."),
    ]


def test_an_indented_snippet_of_few_words_stays_code():
    outline = parse_outline("# Notes\n\n    pip install foo\n\n    make test\n")
    assert not [b for b in outline.blocks if b.kind == "paragraph"]
