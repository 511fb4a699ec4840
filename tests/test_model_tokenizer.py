"""Character tokenizer, windows and vocabulary of the tagger (pure Python; no torch)."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gainer.errors import ModelError
from gainer.model.tokenizer import CharTokenizer, windows
from gainer.model.vocab import SPECIAL_TOKENS, base_chars, build_vocab, is_token_char, load_vocab, save_vocab

VOCAB = [*SPECIAL_TOKENS, "全", "年", "公", "开", "1", "2", "条", "A"]


def test_each_non_whitespace_char_is_one_token_with_exact_offsets():
    tok = CharTokenizer(VOCAB)
    text = " 全年\n公开 12条\u3000"
    enc = tok.encode(text)
    assert [text[s:e] for s, e in enc.offsets] == ["全", "年", "公", "开", "1", "2", "条"]
    assert enc.ids == [VOCAB.index(c) for c in "全年公开12条"]


def test_unknown_chars_become_unk_and_fullwidth_falls_back_to_halfwidth():
    tok = CharTokenizer(VOCAB)
    enc = tok.encode("全Ａ１龘")
    assert enc.ids == [VOCAB.index("全"), VOCAB.index("A"), VOCAB.index("1"), tok.unk_id]
    assert enc.offsets == [(0, 1), (1, 2), (2, 3), (3, 4)]


@pytest.mark.parametrize("text", ["", " ", "\n\t\u3000 \r\n"])
def test_empty_and_whitespace_only_give_no_tokens(text):
    enc = CharTokenizer(VOCAB).encode(text)
    assert enc.ids == [] and enc.offsets == []


@given(st.text(alphabet=st.sampled_from("全年公开12条 \n\t\u3000龘Ａ"), max_size=60))
def test_offsets_cover_exactly_the_token_chars(text):
    enc = CharTokenizer(VOCAB).encode(text)
    assert [s for s, _ in enc.offsets] == [i for i, c in enumerate(text) if is_token_char(c)]
    assert all(e == s + 1 for s, e in enc.offsets)


def test_tokenizer_refuses_a_vocabulary_without_special_tokens():
    with pytest.raises(ModelError, match=r"\[UNK\]"):
        CharTokenizer(["[PAD]", "[CLS]", "[SEP]", "全"])


@pytest.mark.parametrize(
    "n,max_len,stride,expected",
    [
        (0, 4, 1, []),
        (3, 4, 1, [(0, 3)]),
        (4, 4, 0, [(0, 4)]),
        (8, 4, 0, [(0, 4), (4, 8)]),
        (9, 4, 0, [(0, 4), (4, 8), (5, 9)]),
        (10, 4, 1, [(0, 4), (3, 7), (6, 10)]),
    ],
)
def test_windows_table(n, max_len, stride, expected):
    assert windows(n, max_len, stride) == expected


@given(st.integers(0, 500), st.integers(1, 64), st.data())
def test_windows_cover_every_token_and_overlap_by_at_least_stride(n, max_len, data):
    stride = data.draw(st.integers(0, max_len - 1))
    ws = windows(n, max_len, stride)
    covered = set()
    for s, e in ws:
        assert 0 <= s < e <= n and e - s <= max_len
        covered.update(range(s, e))
    assert covered == set(range(n))
    for (s1, e1), (s2, e2) in zip(ws, ws[1:]):
        assert s1 < s2 and e1 - s2 >= stride


@pytest.mark.parametrize("max_len,stride", [(0, 0), (4, 4), (4, -1)])
def test_windows_reject_bad_settings(max_len, stride):
    with pytest.raises(ValueError):
        windows(10, max_len, stride)


def test_vocab_keeps_frequent_corpus_chars_and_the_base_inventory(tmp_path):
    tokens = build_vocab(["甲甲乙 \n丙丙丙"], min_freq=2)
    assert tokens[:5] == list(SPECIAL_TOKENS)
    assert "甲" in tokens and "丙" in tokens and "乙" not in tokens
    for ch in "0123456789０１２３，。、（）%％万亿件条":
        assert ch in tokens, ch
    assert "公" in tokens and "申" in tokens  # schema label characters
    assert not any(t.isspace() for t in tokens)
    assert len(tokens) == len(set(tokens))
    path = save_vocab(tokens, tmp_path)
    assert path.name == "vocab.txt"
    assert load_vocab(tmp_path) == tokens == load_vocab(path)


def test_vocab_is_deterministic():
    texts = ["全年公开225条", "收到申请12件"]
    assert build_vocab(texts, min_freq=1) == build_vocab(list(reversed(texts)), min_freq=1)
    assert len(base_chars()) > 300


def test_load_vocab_errors_name_the_file(tmp_path):
    with pytest.raises(ModelError, match="no vocabulary file"):
        load_vocab(tmp_path)
    (tmp_path / "vocab.txt").write_bytes(b"\xff\xfe\x00bad")
    with pytest.raises(ModelError, match="UTF-8"):
        load_vocab(tmp_path)
    (tmp_path / "vocab.txt").write_text("a\nb\n", encoding="utf-8")
    with pytest.raises(ModelError, match="special tokens"):
        load_vocab(tmp_path)
