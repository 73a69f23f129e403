"""Per-page latency and pages/s of the ``vlm`` engine for a model directory and device.

    python benchmarks/vlm_latency.py --model /models/Qwen2.5-VL-7B-Instruct --device cuda
    python benchmarks/vlm_latency.py --model DIR --device cpu samples/invoices/*.pdf

Runs the real engine (page images, prompt, constrained generation, parsing,
evidence and validation) over the given files (default: the sample invoices),
once to warm up and then ``--repeats`` times, and prints seconds per page split
into preprocessing (page images + the model's processor), prompt building
(instruction + chat template), generation and validation (parse, merge, record,
evidence, checks), then pages/s. Use it to size hardware: the figures for a
tiny random model are framework overhead only, not a real model's speed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docpipe.classify import classify  # noqa: E402
from docpipe.extract import build_engine  # noqa: E402
from docpipe.families import SCHEMA_BY_DOC_TYPE  # noqa: E402
from docpipe.ingest import ingest  # noqa: E402
from docpipe.read import read_text  # noqa: E402
from docpipe.settings import load_settings  # noqa: E402

STEPS = {
    "preprocessing": ("images", "preprocess"),
    "prompt building": ("prompt",),
    "generation": ("generate",),
    "validation": ("validate", "cross_check"),  # cross_check: the rules engine beside it
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--model", required=True, help="local model directory")
    parser.add_argument("--device", default="auto", choices=["auto", "cuda", "cpu"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--pages-per-call", type=int, default=1)
    parser.add_argument("--max-new-tokens", type=int, default=512)
    parser.add_argument("--max-pixels", type=int, default=1_003_520)
    parser.add_argument("--max-string-chars", type=int, default=400)
    parser.add_argument("--max-list-items", type=int, default=100)
    parser.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: default)")
    args = parser.parse_args()
    files = args.files or sorted((ROOT / "samples" / "invoices").glob("*.pdf"))
    settings = load_settings(
        engine="vlm",
        vlm_model=args.model,
        vlm_device=args.device,
        vlm_batch_size=args.batch_size,
        vlm_pages_per_call=args.pages_per_call,
        vlm_max_new_tokens=args.max_new_tokens,
        vlm_max_pixels=args.max_pixels,
        vlm_max_string_chars=args.max_string_chars,
        vlm_max_list_items=args.max_list_items,
        store_results=False,
    )
    docs = []
    for path in files:
        doc = read_text(ingest(path, settings), settings)
        doc_type, _ = classify(doc)
        if doc_type in SCHEMA_BY_DOC_TYPE:
            docs.append((doc, doc_type))
    if not docs:
        sys.exit("no documents of a known type among the files")
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    with build_engine(settings) as engine:
        started = time.perf_counter()
        engine.runner.load()
        load_s = time.perf_counter() - started
        runner = engine.runner
        device = getattr(runner._model, "device", "?")
        dtype = getattr(runner._model, "dtype", "?")
        print(f"model {args.model} on {device} ({dtype}); loaded in {load_s:.2f} s")
        for doc, doc_type in docs[:1]:  # warm-up: kernels, grammar compilation
            engine.extract(doc, doc_type, SCHEMA_BY_DOC_TYPE[doc_type])
        totals = dict.fromkeys(STEPS, 0.0)
        pages, wall = 0, 0.0
        for _ in range(args.repeats):
            for doc, doc_type in docs:
                started = time.perf_counter()
                engine.extract(doc, doc_type, SCHEMA_BY_DOC_TYPE[doc_type])
                wall += time.perf_counter() - started
                pages += doc.page_count
                for step, keys in STEPS.items():
                    totals[step] += sum(engine.timings.seconds.get(k, 0.0) for k in keys)
    print(f"{len(docs)} documents × {args.repeats} runs = {pages} pages")
    print(f"{'step':<18}{'s/page':>10}{'share':>8}")
    for step, seconds in totals.items():
        print(f"{step:<18}{seconds / pages:>10.4f}{seconds / wall:>8.1%}")
    print(f"{'total':<18}{wall / pages:>10.4f}")
    print(f"pages/s: {pages / wall:.2f}")


if __name__ == "__main__":
    main()
