"""The in-process runner: a local Hugging Face image-text-to-text model, schema-constrained.

Loads any model that ``AutoModelForImageTextToText`` knows (Qwen2/2.5/3-VL,
Llama 3.2 Vision, SmolVLM, Gemma 3, LLaVA, …) with its ``AutoProcessor`` from a
local directory, never from a hub (``HF_HUB_OFFLINE`` is forced and every
load is ``local_files_only``). On CUDA it loads in bfloat16 (float16 on GPUs
without bf16) with ``device_map="auto"``, which also spreads a model too big
for one GPU over several; on the CPU in float32.

Decoding is greedy and constrained by xgrammar to the request's JSON Schema,
so every finished answer parses; each token's probability under the
constrained distribution is kept for confidence. Failures a user can cause
(no such directory, not a vision model, out of memory) raise ``EngineError``
with what to do; the message never holds document content.
"""

from __future__ import annotations

import codecs
import json
import os
import time
from pathlib import Path
from typing import Any

from docpipe.errors import DependencyError, EngineError
from docpipe.extract.vlm.runner import Generation, Request
from docpipe.settings import setting_default

_OOM_HINT = "lower vlm_max_pixels, vlm_pages_per_call or vlm_batch_size, or use a smaller model"


def _is_oom(exc: BaseException) -> bool:
    """CUDA's OutOfMemoryError, a CPU allocator failure, or the process memory limit."""
    import errno

    import torch

    if isinstance(exc, torch.OutOfMemoryError | MemoryError):
        return True
    if isinstance(exc, OSError) and exc.errno == errno.ENOMEM:
        return True
    text = str(exc).lower()
    return isinstance(exc, RuntimeError) and (
        "out of memory" in text or "can't allocate memory" in text
    )


class TransformersRunner:
    name = "vlm"

    def __init__(
        self,
        model_dir: str | None,
        *,
        device: str = setting_default("vlm_device"),
        dtype: str = setting_default("vlm_dtype"),
        max_new_tokens: int = setting_default("vlm_max_new_tokens"),
        batch_size: int = setting_default("vlm_batch_size"),
    ) -> None:
        self.model_dir = model_dir
        self.model_name = Path(model_dir).name if model_dir else ""
        self.device = device
        self.dtype = dtype
        self.max_new_tokens = max_new_tokens
        self.batch_size = max(1, batch_size)
        self._model: Any = None
        self._processor: Any = None
        self._compiler: Any = None
        self._grammars: dict[str, Any] = {}
        self._vocab: list[bytes] = []
        self._stop: set[int] = set()
        self._load_error: EngineError | None = None

    # -- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Load model, processor and grammar compiler once; a failure is kept and re-raised."""
        if self._model is not None:
            return
        if self._load_error is not None:
            raise self._load_error
        try:
            self._load()
        except EngineError as exc:
            self._load_error = exc
            raise

    def _load(self) -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            import torch
            import transformers
            import xgrammar as xgr
        except ImportError as exc:
            raise DependencyError(
                f"the vlm engine needs {exc.name}; install it with `pip install 'docpipe[vlm]'`"
            ) from None
        path = _model_path(self.model_dir)
        config = _vision_config(path, transformers)
        use_cuda = self._use_cuda(torch)
        dtype = _dtype(self.dtype, use_cuda, torch)
        where = "cuda" if use_cuda else "cpu"
        try:
            processor = transformers.AutoProcessor.from_pretrained(path, local_files_only=True)
            model = transformers.AutoModelForImageTextToText.from_pretrained(
                path,
                local_files_only=True,
                dtype=dtype,
                device_map="auto" if use_cuda else "cpu",
            )
        except Exception as exc:
            if _is_oom(exc):
                raise EngineError(
                    f"not enough {'GPU ' if use_cuda else ''}memory to load the model in "
                    f"{self.model_dir} on {where}; use a smaller or quantised model, free "
                    "memory, or set vlm_dtype (bfloat16 halves it) or vlm_device"
                ) from None
            raise EngineError(
                f"the model in {self.model_dir} could not be loaded ({type(exc).__name__}); "
                "check that the directory holds a complete download (config, weights, "
                "processor and tokenizer files)"
            ) from None
        if getattr(processor, "image_processor", None) is None:
            raise EngineError(
                f"{self.model_dir} has no image processor: it is not a vision-language model"
            )
        tokenizer = processor.tokenizer
        tokenizer.padding_side = "left"  # generation appends on the right
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        stop = _ids(model.generation_config.eos_token_id) or _ids(tokenizer.eos_token_id)
        vocab_size = config.get_text_config().vocab_size
        info = xgr.TokenizerInfo.from_huggingface(
            tokenizer, vocab_size=vocab_size, stop_token_ids=sorted(stop)
        )
        self._compiler = xgr.GrammarCompiler(info)
        self._vocab = list(info.decoded_vocab)
        self._stop = set(stop) | {tokenizer.pad_token_id}
        self._processor, self._model = processor, model.eval()
        if not self.model_name:
            self.model_name = Path(path).name

    def _use_cuda(self, torch: Any) -> bool:
        if self.device == "cuda" and not torch.cuda.is_available():
            raise EngineError(
                "vlm_device is cuda but torch sees no CUDA device; check the driver "
                "(`nvidia-smi`) and that a CUDA build of torch is installed, or set vlm_device=cpu"
            )
        return self.device in ("auto", "cuda") and torch.cuda.is_available()

    def close(self) -> None:
        self._model = self._processor = self._compiler = None
        self._grammars.clear()

    # -- generation -----------------------------------------------------------------------
    def generate(self, requests: list[Request]) -> list[Generation]:
        self.load()
        out: list[Generation] = []
        for start in range(0, len(requests), self.batch_size):
            out += self._generate_batch(requests[start : start + self.batch_size])
        return out

    def _grammar(self, schema: dict[str, Any]) -> Any:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            self._grammars[key] = self._compiler.compile_json_schema(key, any_whitespace=False)
        return self._grammars[key]

    def _generate_batch(self, batch: list[Request]) -> list[Generation]:
        import torch
        import xgrammar as xgr
        from transformers import GenerationConfig, LogitsProcessorList

        processor, model = self._processor, self._model
        started = time.perf_counter()
        prompts = [
            processor.apply_chat_template(
                [
                    {
                        "role": "user",
                        "content": [
                            *({"type": "image"} for _ in r.images),
                            {"type": "text", "text": r.text},
                        ],
                    }
                ],
                add_generation_prompt=True,
                tokenize=False,
            )
            for r in batch
        ]
        prompted = time.perf_counter()
        images = [image for r in batch for image in r.images]
        inputs = processor(text=prompts, images=images or None, padding=True, return_tensors="pt")
        inputs = inputs.to(model.device)
        if "pixel_values" in inputs and inputs["pixel_values"].is_floating_point():
            inputs["pixel_values"] = inputs["pixel_values"].to(model.dtype)
        processed = time.perf_counter()
        grammars = [self._grammar(r.json_schema) for r in batch]
        constrain = xgr.contrib.hf.LogitsProcessor(grammars)
        record = _chosen_logprobs()
        tokenizer = processor.tokenizer
        config = GenerationConfig(
            max_new_tokens=self.max_new_tokens,
            do_sample=False,
            eos_token_id=sorted(self._stop - {tokenizer.pad_token_id}) or tokenizer.eos_token_id,
            pad_token_id=tokenizer.pad_token_id,
        )
        try:
            with torch.inference_mode():
                sequences = model.generate(
                    **inputs,
                    generation_config=config,
                    logits_processor=LogitsProcessorList([constrain, record]),
                )
        except Exception as exc:
            if _is_oom(exc):
                raise EngineError(f"out of memory while generating; {_OOM_HINT}") from None
            raise
        generated = time.perf_counter()
        prompt_len = inputs["input_ids"].shape[1]
        logps = record.finish(sequences[:, -1])  # batch, step
        seconds = {
            "prompt": prompted - started,
            "preprocess": processed - prompted,
            "generate": generated - processed,
        }
        out = []
        for row in range(len(batch)):
            ids = sequences[row, prompt_len:].tolist()
            out.append(self._decode(ids, logps[row].tolist()[: len(ids)], seconds))
        return out

    def _decode(self, ids: list[int], logp: list[float], seconds: dict[str, float]) -> Generation:
        """Text and per-token (start, end, probability), from xgrammar's byte vocabulary."""
        import math

        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        pieces: list[str] = []
        spans: list[tuple[int, int, float]] = []
        pos, finished = 0, False
        for token, lp in zip(ids, logp, strict=True):
            if token in self._stop:
                finished = True
                break
            piece = decoder.decode(self._vocab[token] if token < len(self._vocab) else b"")
            pieces.append(piece)
            spans.append((pos, pos + len(piece), math.exp(lp)))
            pos += len(piece)
        pieces.append(decoder.decode(b"", final=True))
        return Generation(
            text="".join(pieces), token_spans=tuple(spans), finished=finished, seconds=seconds
        )


def _chosen_logprobs() -> Any:
    """A logits processor (placed after the grammar) that keeps, step by step, the log
    probability of the token chosen; one vocabulary row is held at a time, where
    ``output_scores`` would keep them all (gigabytes for a long answer)."""
    import torch
    from transformers import LogitsProcessor

    class ChosenLogprobs(LogitsProcessor):
        def __init__(self) -> None:
            self.previous: torch.Tensor | None = None
            self.chosen: list[torch.Tensor] = []

        def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
            if self.previous is not None:
                self.chosen.append(self.previous.gather(-1, input_ids[:, -1:]).squeeze(-1))
            self.previous = scores.float().log_softmax(dim=-1)
            return scores

        def finish(self, last: torch.Tensor) -> torch.Tensor:
            if self.previous is not None:
                self.chosen.append(self.previous.gather(-1, last.unsqueeze(-1)).squeeze(-1))
            return (
                torch.stack(self.chosen, dim=1).cpu() if self.chosen else torch.zeros(len(last), 0)
            )

    return ChosenLogprobs()


def _ids(value: Any) -> set[int]:
    if value is None:
        return set()
    return {int(v) for v in value} if isinstance(value, list | tuple) else {int(value)}


def _model_path(model_dir: str | None) -> str:
    if not model_dir:
        raise EngineError(
            "no model configured for the vlm engine; set DOCPIPE_VLM_MODEL (or --model) to a "
            "local model directory"
        )
    path = Path(model_dir).expanduser()
    if not path.is_dir():
        raise EngineError(
            f"model directory {model_dir} does not exist; download the model on a machine with "
            "network access (e.g. `hf download Qwen/Qwen2.5-VL-7B-Instruct --local-dir DIR`), "
            "copy it here and point vlm_model at it"
        )
    if not (path / "config.json").is_file():
        raise EngineError(
            f"{model_dir} is not a Hugging Face model directory (no config.json); point "
            "vlm_model at the folder that holds config.json and the weights"
        )
    return str(path)


def _vision_config(path: str, transformers: Any) -> Any:
    from transformers.models.auto.modeling_auto import MODEL_FOR_IMAGE_TEXT_TO_TEXT_MAPPING_NAMES

    try:
        config = transformers.AutoConfig.from_pretrained(path, local_files_only=True)
    except Exception as exc:
        raise EngineError(
            f"the config.json in {path} cannot be read ({type(exc).__name__}); it may be from a "
            "newer transformers release: upgrade transformers or re-download the model"
        ) from None
    if config.model_type not in MODEL_FOR_IMAGE_TEXT_TO_TEXT_MAPPING_NAMES:
        raise EngineError(
            f"{path} holds a {config.model_type!r} model, which is not a vision-language "
            "(image-text-to-text) model; use e.g. Qwen2.5-VL, Llama 3.2 Vision or SmolVLM"
        )
    return config


def _dtype(setting: str, cuda: bool, torch: Any) -> Any:
    if setting != "auto":
        return getattr(torch, setting)
    if cuda:
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
    return torch.float32
