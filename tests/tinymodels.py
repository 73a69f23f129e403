"""Tiny, randomly initialised vision-language models of real architectures, built offline.

Each builder writes a complete Hugging Face model directory (config, safetensors
weights, tokenizer, processor, chat template) that ``AutoProcessor`` and
``AutoModelForImageTextToText`` load like any downloaded checkpoint, so the
engines run their real code on real model classes:

- ``build_llava``: LLaVA (CLIP vision tower + Llama), runs on any torch;
- ``build_qwen2_vl``: Qwen2-VL (its own vision tower, M-RoPE), needs torchvision.

The tokenizer is a small byte-level BPE trained here with the ``tokenizers``
library on a corpus of schema text, Turkish business words and JSON
punctuation, so every Unicode string can be encoded and xgrammar can read its
vocabulary. Nothing is downloaded. Weights are random (fixed seed): the models
read nothing, but their output goes through the same constrained decoding,
parsing and validation as a real model's.
"""

from __future__ import annotations

import json
from pathlib import Path

# The two families mark an image differently in the prompt.
LLAVA_IMAGE = "<image>"
QWEN_IMAGE = "<|vision_start|><|image_pad|><|vision_end|>"

SPECIAL_TOKENS = [
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<image>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|image_pad|>",
    "<|video_pad|>",
]

# A ChatML template in the shape of Qwen2-VL's: content is a string or a list of
# {"type": "image"} / {"type": "text", "text": …} parts. IMAGE is the family's marker.
CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' }}"
    "{% if message['content'] is string %}{{ message['content'] }}"
    "{% else %}{% for part in message['content'] %}"
    "{% if part['type'] == 'image' %}IMAGE"
    "{% elif part['type'] == 'text' %}{{ part['text'] }}{% endif %}"
    "{% endfor %}{% endif %}"
    "{{ '<|im_end|>\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)


def _corpus() -> list[str]:
    from docpipe.schemas import IdentityDocument, Invoice

    schemas = (Invoice, IdentityDocument)
    texts = [json.dumps(m.model_json_schema(), ensure_ascii=False) for m in schemas]
    texts += [
        "Fatura No: ABC2024000000001 Fatura Tarihi: 14.03.2024 Satıcı Alıcı Sayın VKN TCKN",
        "Mal Hizmet Toplam Tutarı Hesaplanan KDV %20 Vergiler Dahil Toplam Ödenecek Tutar TRY",
        "T.C. KİMLİK KARTI Soyadı / Surname Adı / Given Name(s) Doğum Tarihi Seri No İstanbul",
        'JSON {"invoice_number": "A1", "issue_date": "2024-03-14", "amount": "-12.50"} [ ] null',
        "0123456789 ,.:;-/ {}[]\"' true false ğüşıöçĞÜŞİÖÇ abcdefghijklmnopqrstuvwxyz",
    ]
    return texts * 20


def build_tokenizer(vocab_size: int = 512):
    """A byte-level BPE tokenizer trained offline, wrapped for transformers."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tok.train_from_iterator(_corpus(), trainer)
    return PreTrainedTokenizerFast(
        tokenizer_object=tok,
        eos_token="<|im_end|>",
        pad_token="<|endoftext|>",
    )


def _pad_vocab(n: int) -> int:
    return (n + 63) // 64 * 64


def build_llava(directory: Path, *, seed: int = 0, hidden_size: int = 64) -> Path:
    """A LLaVA model: CLIP vision tower (2 layers, 32 px, patch 8) + Llama (2 layers, 64 wide).

    ``hidden_size`` widens the language model (a larger model for memory-limit tests).
    """
    import torch
    from transformers import (
        CLIPImageProcessor,
        CLIPVisionConfig,
        LlamaConfig,
        LlavaConfig,
        LlavaForConditionalGeneration,
        LlavaProcessor,
    )

    torch.manual_seed(seed)
    tokenizer = build_tokenizer()
    image_id = tokenizer.convert_tokens_to_ids("<image>")
    vision = CLIPVisionConfig(
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=2,
        image_size=32,
        patch_size=8,
        projection_dim=32,
    )
    text = LlamaConfig(
        vocab_size=_pad_vocab(len(tokenizer)),
        hidden_size=hidden_size,
        intermediate_size=2 * hidden_size,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=4096,
        bos_token_id=None,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    config = LlavaConfig(
        vision_config=vision,
        text_config=text,
        image_token_index=image_id,
        vision_feature_select_strategy="default",
        vision_feature_layer=-1,
    )
    model = LlavaForConditionalGeneration(config).eval()
    _set_generation(model, tokenizer)
    processor = LlavaProcessor(
        image_processor=CLIPImageProcessor(
            size={"shortest_edge": 32}, crop_size={"height": 32, "width": 32}
        ),
        tokenizer=tokenizer,
        patch_size=8,
        vision_feature_select_strategy="default",
        num_additional_image_tokens=1,  # CLIP's CLS token, dropped by the "default" strategy
        chat_template=CHAT_TEMPLATE.replace("IMAGE", LLAVA_IMAGE),
    )
    return _save(directory, model, processor)


def build_qwen2_vl(directory: Path, *, seed: int = 0) -> Path:
    """A Qwen2-VL model: 2-layer vision tower (patch 8, merge 2) + 2-layer 64-wide decoder."""
    import torch
    from transformers import (
        Qwen2VLConfig,
        Qwen2VLForConditionalGeneration,
        Qwen2VLImageProcessor,
        Qwen2VLProcessor,
        Qwen2VLVideoProcessor,
    )

    torch.manual_seed(seed)
    tokenizer = build_tokenizer()
    ids = {t: tokenizer.convert_tokens_to_ids(t) for t in SPECIAL_TOKENS}
    config = Qwen2VLConfig(
        text_config={
            "vocab_size": _pad_vocab(len(tokenizer)),
            "hidden_size": 64,
            "intermediate_size": 128,
            "num_hidden_layers": 2,
            "num_attention_heads": 4,
            "num_key_value_heads": 2,
            "max_position_embeddings": 4096,
            # head_dim 16: M-RoPE sections (temporal, height, width) cover its 8 frequencies
            "rope_parameters": {"rope_type": "default", "mrope_section": [2, 3, 3]},
            "bos_token_id": None,
            "eos_token_id": tokenizer.eos_token_id,
            "pad_token_id": tokenizer.pad_token_id,
        },
        vision_config={
            "depth": 2,
            "embed_dim": 32,
            "hidden_size": 64,
            "num_heads": 2,
            "mlp_ratio": 2,
            "patch_size": 8,
            "spatial_merge_size": 2,
            "temporal_patch_size": 2,
        },
        image_token_id=ids["<|image_pad|>"],
        video_token_id=ids["<|video_pad|>"],
        vision_start_token_id=ids["<|vision_start|>"],
        vision_end_token_id=ids["<|vision_end|>"],
    )
    model = Qwen2VLForConditionalGeneration(config).eval()
    _set_generation(model, tokenizer)
    processor = Qwen2VLProcessor(
        # pixel budget: 32×32 … 64×64, i.e. 4 to 16 image tokens per page
        image_processor=Qwen2VLImageProcessor(
            patch_size=8,
            merge_size=2,
            temporal_patch_size=2,
            min_pixels=32 * 32,
            max_pixels=64 * 64,
        ),
        tokenizer=tokenizer,
        video_processor=Qwen2VLVideoProcessor(patch_size=8, merge_size=2, temporal_patch_size=2),
        chat_template=CHAT_TEMPLATE.replace("IMAGE", QWEN_IMAGE),
    )
    return _save(directory, model, processor)


def _set_generation(model, tokenizer) -> None:
    model.generation_config.eos_token_id = tokenizer.eos_token_id
    model.generation_config.pad_token_id = tokenizer.pad_token_id
    model.generation_config.bos_token_id = None


def _save(directory: Path, model, processor) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(directory)
    processor.save_pretrained(directory)
    return directory


def build_text_only(directory: Path) -> Path:
    """A plain Llama language model directory: not a vision model (an error case)."""
    from transformers import LlamaConfig, LlamaForCausalLM

    tokenizer = build_tokenizer()
    config = LlamaConfig(
        vocab_size=_pad_vocab(len(tokenizer)),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=1,
        num_attention_heads=2,
    )
    directory.mkdir(parents=True, exist_ok=True)
    LlamaForCausalLM(config).save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    return directory


def teach_answer(directory: Path, answer: str, prompts: list[str], *, steps: int = 150) -> Path:
    """Fine-tune the tiny model in ``directory`` to answer ``answer`` to any of ``prompts``.

    A random model writes no JSON of its own; a server that does not constrain
    decoding (``transformers serve``) needs a model that does, to test the happy
    path. A few steps of Adam on the answer tokens (prompt tokens masked) are
    enough for a 2-layer model to learn one reply. Deterministic (fixed seed).
    """
    import numpy as np
    import torch
    from PIL import Image
    from transformers import AutoModelForImageTextToText, AutoProcessor

    torch.manual_seed(0)
    processor = AutoProcessor.from_pretrained(directory, local_files_only=True)
    model = AutoModelForImageTextToText.from_pretrained(directory, local_files_only=True)
    tokenizer = processor.tokenizer
    target = tokenizer(answer, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    rng = np.random.default_rng(0)
    batches = []
    for prompt in prompts:
        text = processor.apply_chat_template(
            [{"role": "user", "content": [{"type": "image"}, {"type": "text", "text": prompt}]}],
            add_generation_prompt=True,
            tokenize=False,
        )
        image = Image.fromarray(rng.integers(0, 255, (48, 40, 3), dtype=np.uint8))
        inputs = processor(text=[text], images=[image], return_tensors="pt")
        ids = torch.cat([inputs["input_ids"], torch.tensor([target])], dim=1)
        labels = ids.clone()
        labels[:, : inputs["input_ids"].shape[1]] = -100
        extra = {k: v for k, v in inputs.items() if k not in ("input_ids", "attention_mask")}
        if "mm_token_type_ids" in extra:
            pad = torch.zeros((1, len(target)), dtype=extra["mm_token_type_ids"].dtype)
            extra["mm_token_type_ids"] = torch.cat([extra["mm_token_type_ids"], pad], dim=1)
        batches.append((ids, labels, extra))
    optimiser = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for step in range(steps):
        ids, labels, extra = batches[step % len(batches)]
        loss = model(
            input_ids=ids, attention_mask=torch.ones_like(ids), labels=labels, **extra
        ).loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()
    model.save_pretrained(directory)
    return directory


# The answer the "JSON-speaking" tiny model is taught (see ``teach_answer``).
TAUGHT_ANSWER = '{"currency": "TRY"}'


def teaching_prompts() -> list[str]:
    """Endings of real docpipe prompts (and two unrelated texts) to teach an answer on."""
    from docpipe.extract.vlm.prompt import build_prompt
    from docpipe.schemas import IdentityDocument, Invoice

    prompts = [
        build_prompt(doc_type, schema, pages=(1,), page_count=1)
        for doc_type, schema in (("invoice", Invoice), ("id_card", IdentityDocument))
    ]
    return [p[-n:] for p in prompts for n in (50, 200, 400)] + ["merhaba", "Fatura"]


def model_dir(factory, name: str) -> Path:
    """Build (once per test session) one of the tiny models: llava, qwen2_vl, llava_json,
    text_only or llava_wide; ``factory`` is pytest's ``tmp_path_factory``."""
    directory = factory.getbasetemp() / "tiny-models" / name
    if (directory / "config.json").is_file():
        return directory
    if name == "llava":
        return build_llava(directory)
    if name == "qwen2_vl":
        return build_qwen2_vl(directory)
    if name == "llava_json":
        build_llava(directory)
        return teach_answer(directory, TAUGHT_ANSWER, teaching_prompts())
    if name == "llava_wide":  # ~45 MB of weights, for the memory-limit test
        return build_llava(directory, hidden_size=768)
    if name == "text_only":
        return build_text_only(directory)
    raise ValueError(name)
