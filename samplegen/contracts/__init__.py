"""Synthetic Turkish contracts: kira, iş and hizmet sözleşmeleri with ground truth.

``spec`` draws what a contract says (parties, dates, money, which clauses),
``clauses`` writes its Turkish text with randomly chosen wordings, ``render``
lays it out over pages (PyMuPDF), ``truth`` writes the truth file, and
``build`` makes the committed samples under ``samples/contracts/``.

``variation`` and ``prose`` attack the rules' assumptions (issue 13): parties introduced
in running prose, representatives and guarantors, birth data and passports, KDV rates,
amount-in-words forms ("(YalnızOnBinTL)", "#10.000,00# TL (OnBinTürkLirası)", words
before figures), other wordings for dates, term, pay day, court and property, and a
health/disability clause. ``prose_a`` is the tuning style, ``prose_b`` a held-out writing
style; ``corpus`` writes a dev corpus split into ``tune`` and ``heldout``
(``python -m samplegen.contracts.corpus OUT --split heldout [--scan]``).
"""
