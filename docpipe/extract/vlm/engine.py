"""The model engines (``vlm`` in-process, ``openai`` on a server): one extraction, two runners.

For a document: its pages are grouped into chunks of ``pages_per_call``; each
chunk becomes one request (its page images, scaled into the pixel budget, and
an instruction listing the schema's fields plus, optionally, the text already
read from those pages); the runner answers all requests as one batch. Answers
are parsed (a cut-off answer keeps its complete values), checked against the
record model and — for runners that cannot constrain decoding — sent back with
the error up to ``fix_attempts`` times; then merged in page order and built
into the typed record, dropping what the schema rejects (``build_record``).

Evidence per field: page and box from locating the value in the page's words
(``locate``), and a confidence that starts from the model's own token
probabilities (0.7 when the runner gives none) and is then
  × 0.9·match score when the value was found only fuzzily, × 0.6 when not found;
  × 0.5 when a validator (checksum, arithmetic, MRZ) failed on the field.
Checking the values against the rules engine is a separate engine wrapped
around this one (``docpipe.extract.crosscheck.CrossChecked``).
Nothing here logs or raises a value.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import ValidationError

from docpipe.document import Document, Evidence, Page
from docpipe.errors import EngineError
from docpipe.extract.base import Extraction
from docpipe.extract.record import build_record, leaves, read_values
from docpipe.extract.vlm.answer import AnswerError, close_prefix, confidences, parse_answer
from docpipe.extract.vlm.decoding import decoding_schema
from docpipe.extract.vlm.locate import Location, locate
from docpipe.extract.vlm.merge import merge_answers
from docpipe.extract.vlm.pages import chunks, page_image
from docpipe.extract.vlm.prompt import build_prompt
from docpipe.extract.vlm.runner import Generation, Request, Runner
from docpipe.schemas import SchemaModel
from docpipe.settings import setting_default
from docpipe.text.layout import page_lines
from docpipe.validate import validate_record

NO_TOKEN_CONFIDENCE = 0.7
NOT_FOUND_FACTOR = 0.6
FAILED_CHECK_FACTOR = 0.5
TRUNCATED_REASON = "the model's answer was cut off by vlm_max_new_tokens; raise it"


@dataclass(frozen=True)
class ModelOptions:
    """What the engine needs besides its runner; each field is the setting ``vlm_<name>``,
    with that setting's default (built from Settings by ``docpipe.extract.vlm``)."""

    max_pixels: int = setting_default("vlm_max_pixels")
    pages_per_call: int = setting_default("vlm_pages_per_call")
    text_context: bool = setting_default("vlm_text_context")
    max_text_chars: int = setting_default("vlm_max_text_chars")
    max_string_chars: int = setting_default("vlm_max_string_chars")
    max_list_items: int = setting_default("vlm_max_list_items")
    fix_attempts: int = setting_default("vlm_fix_attempts")


@dataclass
class _Answer:
    data: dict[str, Any]
    confidence: dict[str, float]
    finished: bool


@dataclass
class Timings:
    """Seconds spent in the last ``extract`` call, by step (for benchmarks)."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, step: str, value: float) -> None:
        self.seconds[step] = self.seconds.get(step, 0.0) + value


class ModelEngine:
    """An engine over a ``Runner``; see the module docstring."""

    def __init__(self, runner: Runner, options: ModelOptions | None = None) -> None:
        self.runner = runner
        self.name = runner.name
        self.options = options or ModelOptions()
        self.timings = Timings()
        self._schemas: dict[type[SchemaModel], dict[str, Any]] = {}

    def __enter__(self) -> ModelEngine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.runner.close()

    # -- extraction -----------------------------------------------------------------------
    def extract(self, doc: Document, doc_type: str, schema: type[SchemaModel]) -> Extraction:
        self.timings = Timings()
        if not doc.pages:
            raise EngineError("the document has no pages to show the model")
        groups = chunks(doc.pages, self.options.pages_per_call)
        requests = self._requests(doc, doc_type, schema, groups)
        answers = self._answers(requests, schema)
        started = time.perf_counter()
        read = read_values(*(a.data for a in answers))  # every chunk's answer, as given
        merged, origin = merge_answers([a.data for a in answers])
        record, _, rejected = build_record(schema, merged, {})
        if not all(a.finished for a in answers):
            rejected = {**rejected, "record": TRUNCATED_REASON}
        data = record.model_dump(mode="json", exclude_none=True)
        failed = self._failed_fields(doc_type, data, rejected)
        evidence: dict[str, Evidence] = {}
        for path, value in leaves(data).items():
            chunk, answer_path = origin.get(path, (0, path))
            group = groups[chunk] if chunk < len(groups) else doc.pages
            located = locate(value, group) or locate(value, _others(doc.pages, group))
            conf = answers[chunk].confidence.get(answer_path) if chunk < len(answers) else None
            evidence[path] = self._evidence(group, located, conf, path in failed)
        self.timings.add("validate", time.perf_counter() - started)
        return Extraction(
            record=record,
            evidence=evidence,
            engine=self.name,
            model=self.runner.model_name or None,
            rejected=rejected,
            read=read,
        )

    def _requests(
        self,
        doc: Document,
        doc_type: str,
        schema: type[SchemaModel],
        groups: list[tuple[Page, ...]],
    ) -> list[Request]:
        if schema not in self._schemas:
            self._schemas[schema] = decoding_schema(
                schema,
                max_string_chars=self.options.max_string_chars,
                max_items=self.options.max_list_items,
            )
        requests = []
        for group in groups:
            started = time.perf_counter()
            images = tuple(page_image(doc, page, self.options.max_pixels) for page in group)
            imaged = time.perf_counter()
            text = _text(group) if self.options.text_context else None
            prompt = build_prompt(
                doc_type,
                schema,
                pages=tuple(p.number for p in group),
                page_count=doc.page_count,
                text=text,
                max_text_chars=self.options.max_text_chars,
            )
            requests.append(
                Request(images, prompt, self._schemas[schema], schema_name=schema.__name__)
            )
            self.timings.add("images", imaged - started)
            self.timings.add("prompt", time.perf_counter() - imaged)
        return requests

    def _answers(self, requests: list[Request], schema: type[SchemaModel]) -> list[_Answer]:
        """Every request answered; invalid answers go back with their error (fix_attempts)."""
        results: dict[int, _Answer] = {}
        pending = list(range(len(requests)))
        attempts = self.options.fix_attempts
        for attempt in range(attempts + 1):
            generations = self.runner.generate([requests[i] for i in pending])
            self._add_runner_seconds(generations)
            retry = []
            for index, generation in zip(pending, generations, strict=True):
                answer, problem = _read(generation, schema)
                if answer is not None and (problem is None or attempt == attempts):
                    results[index] = answer
                elif attempt < attempts:
                    correction = (generation.text[:4000], _correction(problem or ""))
                    requests[index] = replace(
                        requests[index], corrections=(*requests[index].corrections, correction)
                    )
                    retry.append(index)
                else:
                    raise AnswerError(
                        f"the model's answer is not a JSON object for the {schema.__name__} "
                        f"schema ({problem}), also after {attempts} correction(s); a server must "
                        "honour response_format json_schema (vLLM does) or follow instructions"
                    )
            pending = retry
            if not pending:
                break
        return [results[i] for i in range(len(requests))]

    def _add_runner_seconds(self, generations: list[Generation]) -> None:
        seen: set[int] = set()
        for generation in generations:
            if id(generation.seconds) in seen:  # one batch shares its timings
                continue
            seen.add(id(generation.seconds))
            for step, value in generation.seconds.items():
                self.timings.add(step, value)

    # -- evidence -------------------------------------------------------------------------
    def _evidence(
        self,
        group: tuple[Page, ...],
        located: Location | None,
        token_conf: float | None,
        failed_check: bool,
    ) -> Evidence:
        conf = token_conf if token_conf is not None else NO_TOKEN_CONFIDENCE
        if located is None:
            conf *= NOT_FOUND_FACTOR
        elif located.score < 1.0:
            conf *= 0.9 * located.score
        if failed_check:
            conf *= FAILED_CHECK_FACTOR
        return Evidence(
            page=located.page if located else group[0].number,
            bbox=located.bbox if located else None,
            source_text=located.source_text if located else None,
            engine=self.name,
            confidence=round(max(0.0, min(1.0, conf)), 3),
        )

    @staticmethod
    def _failed_fields(doc_type: str, data: dict[str, Any], rejected: dict[str, str]) -> set[str]:
        return {c.field for c in validate_record(doc_type, data, rejected) if not c.passed}


def _read(generation: Generation, schema: type[SchemaModel]) -> tuple[_Answer | None, str | None]:
    """(answer, problem): a parsed answer and what the schema says is wrong with it."""
    text = generation.text if generation.finished else close_prefix(generation.text)
    try:
        data, spans = parse_answer(text)
    except AnswerError as exc:
        return None, exc.message
    answer = _Answer(data, confidences(spans, generation.token_spans), generation.finished)
    try:
        schema.model_validate(data)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
            for e in exc.errors(include_input=False, include_url=False)[:10]
        ]
        return answer, "; ".join(problems)
    return answer, None


def _correction(problem: str) -> str:
    return (
        "Yanıtın şemaya uymuyor / your answer does not fit the schema: "
        f"{problem}\nYalnızca şemaya uyan tek bir JSON nesnesiyle yeniden yanıt ver. / "
        "Answer again with one JSON object that fits the schema, and nothing else."
    )


def _text(group: tuple[Page, ...]) -> str | None:
    pages = ["\n".join(line.text for line in page_lines(page)) for page in group if page.words]
    return "\n\f".join(pages) or None


def _others(pages: tuple[Page, ...], group: tuple[Page, ...]) -> tuple[Page, ...]:
    numbers = {p.number for p in group}
    return tuple(p for p in pages if p.number not in numbers)
