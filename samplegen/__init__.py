"""Reproducible synthetic Turkish business documents with ground truth.

Run ``python -m samplegen`` from the repository root to (re)write ``samples/``.
Everything is drawn from a seeded ``random.Random``; the same seed gives the
same bytes. All names, numbers and addresses are fictitious.
"""
