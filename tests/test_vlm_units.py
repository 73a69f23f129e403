"""The model engines' pure parts: decoding schema, answer reading, merging, locating, prompt."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from docpipe.document import Page, Word
from docpipe.extract import build_engine
from docpipe.extract.vlm.answer import AnswerError, close_prefix, confidences, parse_answer
from docpipe.extract.vlm.decoding import decoding_schema
from docpipe.extract.vlm.locate import locate
from docpipe.extract.vlm.merge import merge_answers
from docpipe.extract.vlm.pages import chunks, fit
from docpipe.extract.vlm.prompt import build_prompt, field_guide
from docpipe.ingest import ingest
from docpipe.schemas import Contract, IdentityDocument, Invoice
from docpipe.settings import load_settings, resolve_kind
from tests.conftest import text_pdf

xgr = pytest.importorskip("xgrammar")


def _accepts(schema: dict, text: str) -> bool:
    grammar = xgr.Grammar.from_json_schema(json.dumps(schema), any_whitespace=False)
    return xgr.testing._is_grammar_accept_string(grammar, text)


@pytest.mark.parametrize("model", [Invoice, IdentityDocument, Contract])
def test_decoding_schema_is_bounded_and_compiles(model) -> None:
    schema = decoding_schema(model, max_string_chars=12, max_items=2)
    nodes = list(_nodes(schema))
    assert not [n for n in nodes if n.get("type") in ("null", "number")]  # no unbounded branch
    strings = [n for n in nodes if n.get("type") == "string" and "enum" not in n]
    assert all("pattern" in n or n["maxLength"] <= 12 for n in strings)
    assert all(n["maxItems"] <= 2 for n in nodes if n.get("type") == "array")
    xgr.Grammar.from_json_schema(json.dumps(schema), any_whitespace=False)


def _nodes(node):
    if isinstance(node, dict):
        if "type" in node or "anyOf" in node:
            yield node
        for key, value in node.items():
            if key == "properties" or key == "$defs":
                for inner in value.values():
                    yield from _nodes(inner)
            elif key in ("items",):
                yield from _nodes(value)
            elif key == "anyOf":
                for inner in value:
                    yield from _nodes(inner)


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [
        ('{"invoice_number": "ABC123"}', True),
        ('{"invoice_number": "ABCDEFGHIJKLM"}', False),  # 13 > 12 characters
        ('{"payable_amount": "1234.56"}', True),
        ('{"payable_amount": "-0.5"}', True),
        ('{"payable_amount": "12345678901234"}', False),  # 14 integer digits
        ('{"payable_amount": "1.23456"}', False),  # 5 decimals
        ('{"payable_amount": 12.5}', False),  # amounts are decimal strings
        ('{"issue_date": "2024-03-14"}', True),
        ('{"issue_date": "14.03.2024"}', False),
        ('{"line_items": [{"amount": "1"}, {"amount": "2"}]}', True),
        ('{"line_items": [{"amount": "1"}, {"amount": "2"}, {"amount": "3"}]}', False),
        ('{"line_items": [{"unit": "Adet"}]}', False),  # amount is required
        ('{"unknown": "x"}', False),
        ('{"kind": "e-arsiv"}', True),
        ('{"kind": "other"}', False),
    ],
)
def test_decoding_schema_bounds(answer: str, accepted: bool) -> None:
    schema = decoding_schema(Invoice, max_string_chars=12, max_items=2)
    assert _accepts(schema, answer) is accepted


def test_every_answer_the_grammar_allows_fits_the_record_model() -> None:
    schema = decoding_schema(Invoice, max_string_chars=12, max_items=2)
    answer = (
        '{"invoice_number": "A1", "issue_date": "2024-02-29", "seller": {"name": "Kırmızı"},'
        ' "line_items": [{"quantity": "2", "amount": "10.5"}], "payable_amount": "12.6"}'
    )
    assert _accepts(schema, answer)
    invoice = Invoice.model_validate(parse_answer(answer)[0])
    assert invoice.line_items[0].amount == Decimal("10.5")


def test_parse_answer_reports_leaf_spans() -> None:
    text = '{"a": "x", "b": [{"c": "1.5"}, {"c": 2}], "d": {"e": true}}'
    data, spans = parse_answer(text)
    assert data == {"a": "x", "b": [{"c": "1.5"}, {"c": 2}], "d": {"e": True}}
    assert {p: text[s:e] for p, (s, e) in spans.items()} == {
        "a": '"x"',
        "b.0.c": '"1.5"',
        "b.1.c": "2",
        "d.e": "true",
    }


@pytest.mark.parametrize("text", ["", "Fatura", "[1, 2]", '{"a": ', '{"a": 1} trailing'])
def test_parse_answer_refuses_what_is_not_one_object(text: str) -> None:
    with pytest.raises(AnswerError):
        parse_answer(text)


@pytest.mark.parametrize(
    ("cut", "closed"),
    [
        ('{"a": "x", "b": [{"c": "1.5"}, {"c": "2', '{"a": "x", "b": [{"c": "1.5"}]}'),
        ('{"a": "half', "{}"),
        ('{"a": "x", "b', '{"a": "x"}'),
        ('{"a": 12', "{}"),  # a number may have been cut: dropped
        ('{"a": 12,', '{"a": 12}'),
        ('{"a": {"b": ["x", "y', '{"a": {"b": ["x"]}}'),
    ],
)
def test_close_prefix_keeps_only_complete_values(cut: str, closed: str) -> None:
    assert close_prefix(cut) == closed
    parse_answer(closed)


def test_confidences_are_geometric_means_of_the_value_tokens() -> None:
    spans = {"a": (6, 11)}
    tokens = ((0, 6, 1.0), (6, 8, 0.5), (8, 11, 0.5), (11, 12, 1.0))
    assert confidences(spans, tokens)["a"] == pytest.approx(0.5)
    assert confidences(spans, ()) == {}


def test_merge_keeps_first_single_values_and_concatenates_lists() -> None:
    first = {"invoice_number": "A1", "line_items": [{"amount": "1"}], "seller": {"name": "X"}}
    second = {
        "invoice_number": "B2",
        "line_items": [{"amount": "1"}, {"amount": "2"}],
        "seller": {"vkn": "1234567890"},
        "payable_amount": "3",
    }
    merged, origin = merge_answers([first, second])
    assert merged == {
        "invoice_number": "A1",
        "line_items": [{"amount": "1"}, {"amount": "2"}],
        "seller": {"name": "X", "vkn": "1234567890"},
        "payable_amount": "3",
    }
    assert origin["invoice_number"] == (0, "invoice_number")
    assert origin["line_items.1.amount"] == (1, "line_items.1.amount")
    assert origin["seller.vkn"] == (1, "seller.vkn")


def _page(*texts: str) -> Page:
    words = tuple(
        Word(text=t, bbox=(10.0 + 40 * i, 20.0, 45.0 + 40 * i, 30.0)) for i, t in enumerate(texts)
    )
    return Page(number=1, width=600, height=800, words=words, text_source="text_layer")


@pytest.mark.parametrize(
    ("value", "expected", "score"),
    [
        ("1234.56", "1.234,56", 1.0),  # an amount as printed in Turkish
        ("2024-03-14", "14.03.2024", 1.0),
        ("İSTANBUL ŞUBESİ", "İstanbul Şubesi", 1.0),  # Turkish case folding
        ("TR330006100519786457841326", "TR33 0006 1005 1978 6457 8413 26", 1.0),  # spaced
        ("ÖZTÜRK GIDA", "OZTURK GlDA", 0.9),  # OCR slip and no diacritics: fuzzy
    ],
)
def test_locate_finds_values_as_printed(value: str, expected: str, score: float) -> None:
    page = _page("Sayın", *expected.split(), "Toplam")
    found = locate(value, [page])
    assert found is not None and found.page == 1
    assert found.source_text == expected
    assert found.score >= score
    assert found.bbox[0] == pytest.approx(50.0)


def test_locate_gives_nothing_for_absent_values() -> None:
    page = _page("Fatura", "No", "A1")
    assert locate("9999.99", [page]) is None
    assert locate("Başka Şirket", [page]) is None


def test_prompt_lists_every_field_in_turkish_and_english() -> None:
    guide = "\n".join(field_guide(Invoice))
    assert "- seller.vkn: Vergi Kimlik No / Turkish tax id number" in guide
    assert "- line_items[].amount: Mal hizmet tutarı (KDV hariç) / line net amount" in guide
    assert "(e-fatura | e-arsiv | paper)" in guide
    prompt = build_prompt(
        "invoice", Invoice, pages=(3, 4), page_count=5, text="a\nb\nc", max_text_chars=3
    )
    assert "pages 3-4 of 5" in prompt and prompt.endswith("a\nb")


def test_page_images_fit_the_pixel_budget_and_chunks_keep_order(tmp_path: Path) -> None:
    from PIL import Image

    big = Image.new("RGB", (3000, 2000))
    assert fit(big, 600_000).size[0] * fit(big, 600_000).size[1] <= 600_000
    assert fit(big, 10**8) is big
    settings = load_settings(store_results=False)
    doc = ingest(text_pdf(["Fatura No: A1"], tmp_path / "a.pdf"), settings)
    from docpipe.extract.vlm.pages import page_image

    image = page_image(doc, doc.pages[0], 100_000)
    assert image.mode == "RGB" and image.size[0] * image.size[1] <= 100_000
    pages = tuple(Page(number=n, width=1, height=1) for n in range(1, 6))
    assert [[p.number for p in c] for c in chunks(pages, 2)] == [[1, 2], [3, 4], [5]]


@pytest.mark.parametrize(
    ("overrides", "kind"),
    [
        ({}, "rules"),
        ({"vlm_model": "/models/qwen"}, "vlm"),
        ({"vlm_model": "qwen", "vlm_base_url": "http://gpu:8000/v1"}, "openai"),
        ({"engine": "rules", "vlm_model": "/models/qwen"}, "rules"),
    ],
)
def test_auto_picks_a_model_engine_when_one_is_configured(overrides: dict, kind: str) -> None:
    settings = load_settings(**overrides)
    assert resolve_kind(settings) == kind
    with build_engine(settings) as engine:
        assert engine.name == kind
