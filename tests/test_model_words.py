"""Word boundaries for METRIC snapping (gainer.model.words)."""
from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gainer.errors import MissingDependencyError

pytest.importorskip("jieba")


def test_words_cover_the_text_in_order():
    from gainer.model.words import word_spans

    text = "全年出动防汛抢险人员80余人，\n张贴撤离通知书 700份。"
    spans = word_spans(text)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert (text.index("防汛"), text.index("防汛") + 2) in spans  # a dictionary word is one span


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("防汛抢险人员申请公开信息条件 \n\t0123456789，。、")), max_size=60))
def test_words_always_tile_the_text(text):
    from gainer.model.words import word_spans

    spans = word_spans(text)
    assert "".join(text[a:b] for a, b in spans) == text
    assert all(b > a for a, b in spans)


def test_empty_and_whitespace_only():
    from gainer.model.words import word_spans

    assert word_spans("") == []
    assert "".join(" \n\u3000 "[a:b] for a, b in word_spans(" \n\u3000 ")) == " \n\u3000 "


def test_without_jieba_a_clear_error(monkeypatch):
    import gainer.model.words as words

    monkeypatch.setitem(sys.modules, "jieba", None)
    monkeypatch.setattr(words, "_TOKENIZER", None)
    with pytest.raises(MissingDependencyError, match="jieba") as e:
        words.word_spans("申请")
    assert "pip install" in str(e.value)
