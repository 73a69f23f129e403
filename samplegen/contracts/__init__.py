"""Synthetic Turkish contracts: kira, iş and hizmet sözleşmeleri with ground truth.

``spec`` draws what a contract says (parties, dates, money, which clauses),
``clauses`` writes its Turkish text with randomly chosen wordings, ``render``
lays it out over pages (PyMuPDF), ``truth`` writes the truth file, and
``build`` makes the committed samples under ``samples/contracts/``.
"""
