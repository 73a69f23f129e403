"""A corpus of invoice print designs the team did not write (issue 13).

``catalog`` lists the designs and the held-out rule, ``cache`` brings the public
stylesheets into a cache outside git, ``render`` turns UBL-TR XML into PDF the
way integrators' portals print (XSLT → HTML → headless Chromium), ``forms``
draws our own matbu and bilingual forms, ``truth`` says what each printed
document shows, and ``corpus`` writes a split of the corpus
(``python -m samplegen.designs OUT --split tune``).
"""
