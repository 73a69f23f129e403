"""The server runner: a self-hosted OpenAI-compatible server (vLLM, ``transformers serve``).

Sends each request to ``POST {base_url}/chat/completions`` with the page images
as base64 PNG data URLs, greedy decoding, a token budget, and
``response_format = {"type": "json_schema", …}`` carrying the bounded decoding
schema: vLLM then constrains decoding to it; a server that ignores it may
answer anything, which the engine validates and sends back with the error
(validate-then-retry). Token log-probabilities are asked for and used when the
server returns them.

Written with httpx rather than the ``openai`` package: it keeps timeouts,
retries (with exponential backoff, on connection errors, timeouts, 429 and
5xx only) and the concurrency limit in one visible place, where the openai
client would add its own retry loop under ours. Requests run concurrently up
to ``concurrency``, which is how one GPU server is kept busy by a pipeline.

Errors name the server and what to do; they never include the request (it
holds the document's text) or the answer.
"""

from __future__ import annotations

import base64
import io
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr

from docpipe.errors import EngineError
from docpipe.extract.vlm.runner import Generation, Request
from docpipe.settings import setting_default

if TYPE_CHECKING:
    import httpx

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class OpenAIRunner:
    name = "openai"

    def __init__(
        self,
        base_url: str | None,
        model: str | None,
        *,
        api_key: SecretStr | None = None,
        timeout_s: float = setting_default("vlm_timeout_s"),
        retries: int = setting_default("vlm_retries"),
        concurrency: int = setting_default("vlm_concurrency"),
        max_new_tokens: int = setting_default("vlm_max_new_tokens"),
        backoff_s: float = 0.5,
    ) -> None:
        self.base_url = (base_url or "").rstrip("/")
        self.model_name = model or ""
        self._api_key = api_key  # a SecretStr: never in a repr, a log or an error
        self.timeout_s = timeout_s
        self.retries = max(0, retries)
        self.concurrency = max(1, concurrency)
        self.max_new_tokens = max_new_tokens
        self.backoff_s = backoff_s
        self._client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if not self.base_url:
            raise EngineError(
                "no server configured for the openai engine; set DOCPIPE_VLM_BASE_URL "
                "(or --base-url), e.g. http://gpu-box:8000/v1"
            )
        if not self.model_name:
            raise EngineError(
                "no model name configured for the openai engine; set DOCPIPE_VLM_MODEL "
                "(or --model) to the name the server serves (GET /v1/models lists them)"
            )
        if self._client is None:
            import httpx  # here, not at the top: a rules-only process never loads it

            headers = {}
            if self._api_key is not None and self._api_key.get_secret_value():
                headers["Authorization"] = f"Bearer {self._api_key.get_secret_value()}"
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout_s, connect=min(10.0, self.timeout_s)),
                limits=httpx.Limits(max_connections=self.concurrency),
                headers=headers,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def generate(self, requests: list[Request]) -> list[Generation]:
        self._http()
        if len(requests) == 1:
            return [self._one(requests[0])]
        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(requests))) as pool:
            return list(pool.map(self._one, requests))

    def body(self, request: Request) -> dict[str, Any]:
        content: list[dict[str, Any]] = [
            {"type": "image_url", "image_url": {"url": data_url(image)}} for image in request.images
        ]
        content.append({"type": "text", "text": request.text})
        messages: list[dict[str, Any]] = [{"role": "user", "content": content}]
        for answer, problem in request.corrections:
            messages.append({"role": "assistant", "content": answer})
            messages.append({"role": "user", "content": problem})
        return {
            "model": self.model_name,
            "messages": messages,
            "max_tokens": self.max_new_tokens,
            "temperature": 0,
            "logprobs": True,
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": request.json_schema,
                    "strict": True,
                },
            },
        }

    def _one(self, request: Request) -> Generation:
        started = time.perf_counter()
        body = self.body(request)
        built = time.perf_counter()
        data = self._post(body)
        answered = time.perf_counter()
        try:
            choice = data["choices"][0]
            text = choice["message"]["content"] or ""
        except (KeyError, IndexError, TypeError):
            raise EngineError(
                f"the model server at {self.base_url} answered without a chat completion "
                "(no choices[0].message.content); is it an OpenAI-compatible server?"
            ) from None
        return Generation(
            text=text,
            token_spans=_token_spans(choice.get("logprobs"), text),
            finished=choice.get("finish_reason") != "length",
            seconds={"prompt": built - started, "generate": answered - built},
        )

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        import httpx

        url = f"{self.base_url}/chat/completions"
        client = self._http()
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff_s * 2 ** (attempt - 1))
            try:
                response = client.post(url, json=body)
            except httpx.TimeoutException:
                problem = f"did not answer within vlm_timeout_s={self.timeout_s:g} s"
                continue
            except httpx.TransportError as exc:
                problem = f"cannot be reached ({type(exc).__name__})"
                continue
            if response.status_code in RETRY_STATUS:
                problem = f"answered HTTP {response.status_code}"
                continue
            if response.status_code >= 400:
                raise EngineError(
                    f"the model server at {self.base_url} refused the request with HTTP "
                    f"{response.status_code}; check vlm_model (the served model's name) and "
                    "the server's log"
                )
            try:
                return response.json()
            except ValueError:
                raise EngineError(
                    f"the model server at {self.base_url} answered with something that is not "
                    "JSON; check that vlm_base_url points at its OpenAI API (…/v1)"
                ) from None
        raise EngineError(
            f"the model server at {self.base_url} {problem} after {self.retries + 1} attempts; "
            "check that it is running and that vlm_base_url is right"
        )


def data_url(image: Any) -> str:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _token_spans(logprobs: Any, text: str) -> tuple[tuple[int, int, float], ...]:
    """(start, end, probability) per token from an OpenAI ``logprobs`` block, when given."""
    import math

    content = (logprobs or {}).get("content") if isinstance(logprobs, dict) else None
    if not content:
        return ()
    spans, pos = [], 0
    for item in content:
        token = item.get("token", "")
        raw = item.get("bytes")
        if raw:
            token = bytes(raw).decode("utf-8", errors="replace")
        start = text.find(token, pos) if token else -1
        if start < 0:
            return ()  # tokens do not line up with the text: no per-token confidence
        spans.append((start, start + len(token), math.exp(float(item.get("logprob", 0.0)))))
        pos = start + len(token)
    return tuple(spans)
