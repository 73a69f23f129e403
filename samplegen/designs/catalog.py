"""The print designs of the corpus: where each comes from, and the held-out rule.

Two families:

- ``xslt``: public e-Fatura/e-Arşiv print stylesheets (GİB's default, integrators',
  ERP vendors'), applied to the UBL-TR twin of an invoice. The stylesheets are
  third-party code: they are never committed; ``samplegen.designs.cache`` copies
  them from public repositories into a cache outside git, pinned by commit and
  checked by SHA-256.
- ``form``: our own HTML forms for what no public stylesheet shows: matbu
  (pre-printed paper) invoices, A4 and A5, and a bilingual TR/EN layout.

Held out by a fixed rule (``held_out``): within each family, designs sorted by
``sha256("docpipe-designs/" + key)``; the first ``ceil(n / 3)`` are held out of
all tuning. The rule does not look at the designs' contents or at any result.
Designs added later stay out of the ranking: ``tune_only`` ones are tuned on,
``heldout_added`` ones were held out by a coin flip made when they were added,
before anyone read them through docpipe.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Design:
    key: str
    family: str  # "xslt" or "form"
    title: str
    repo: str = ""  # owner/name on GitHub (xslt)
    path: str = ""  # file in that repository (xslt)
    commit: str = ""  # the pinned commit (xslt)
    sha256: str = ""  # of the stylesheet bytes (xslt)
    licence: str = ""
    kinds: tuple[str, ...] = ("e-fatura", "e-arsiv")  # invoice kinds the design is used for
    # truth paths (dotted, ``*`` for an index) the design never prints
    omits: tuple[str, ...] = ()
    # added to the tune split after the held-out rule was fixed: outside its ranking,
    # so adding designs never moves one that was tuned on into the held-out split
    tune_only: bool = False
    # added after the rule was fixed and held out by a coin flip made before docpipe read
    # any of them (issue 13, sixth pass): outside the ranking, never tuned on
    heldout_added: bool = False

    @property
    def added(self) -> bool:
        """Added after the held-out rule was fixed (outside its ranking)."""
        return self.tune_only or self.heldout_added

    @property
    def split(self) -> str:
        return "heldout" if self.key in HELD_OUT else "tune"


def _rank(key: str) -> str:
    return hashlib.sha256(f"docpipe-designs/{key}".encode()).hexdigest()


# Fields GİB's general.xslt family does not print: the amount in words (a note
# only some designs show), the KDV base per rate.
_GIB_FAMILY_OMITS = ("kdv.*.base",)

DESIGNS: tuple[Design, ...] = (
    Design(
        "gib_default", "xslt", "GİB default e-Fatura design (general.xslt with karekod)",
        repo="fatihaslamaci/GIBFramework", path="SampleApp/xslt/general.xslt",
        commit="4fe3c197ff1f24132344e5a8a54e89cda2a66d55",
        sha256="3cc09b649f955863", licence="none stated", omits=_GIB_FAMILY_OMITS,
    ),
    Design(
        "foriba", "xslt", "Foriba (integrator) default e-Arşiv design, ©2019 Foriba",
        repo="ysfkarakaya/XSLTDuzenleyici", path="default/arsiv_default.xslt",
        commit="07a67b695be88b6298a30c04103963ceb2fa7763",
        sha256="71dd58fb6a4f2463", licence="none stated", kinds=("e-arsiv",),
        omits=_GIB_FAMILY_OMITS,
    ),
    Design(
        "irp", "xslt", "IRP team e-Fatura/e-Arşiv design (tested at DigitalPlanet, QNB, "
        "Logo, İzibiz, Uyumsoft)",
        repo="IRPTeam/eFaturaXSLT", path="eFatura.xslt",
        commit="82821034f543f64a9e3a7d686d26d5075e527108",
        sha256="1c677c83086cc946", licence="BSD-3-Clause",
    ),
    Design(
        "turkkep_hosting", "xslt", "TÜRKKEP-branded e-Arşiv design of a hosting company",
        repo="kablosuzonline/WHMS-BTK-MODUL", path="eFatura/earsiv.xslt",
        commit="b3489a79af3868998adfecee7981e6d70a1b83a8",
        sha256="dc15da3753df7763", licence="none stated", kinds=("e-arsiv",),
    ),
    Design(
        "elogo", "xslt", "e-Logo (Logo Yazılım integrator) design",
        repo="Hasokeyk/elogo-php",
        path="src/invoice_templates/7141796B-2A35-4C87-9413-DC1867DDC8CC.xslt",
        commit="6690ff8e2a5682d3d9a3463d8f1aacdd7d8b608b",
        sha256="815a3c73a72e470a", licence="MIT (composer.json)",
    ),
    Design(
        "setrow", "xslt", "Setrow's e-Arşiv design on e-Logo (banner, card-style totals)",
        repo="Hasokeyk/elogo-php", path="src/invoice_templates/earsiv_tasarim.xslt",
        commit="6690ff8e2a5682d3d9a3463d8f1aacdd7d8b608b",
        sha256="9c1e619ccae78965", licence="MIT (composer.json)", kinds=("e-arsiv",),
    ),
    Design(
        "oca_odoo", "xslt", "Odoo OCA l10n-turkey e-invoice design (ERP)",
        repo="OCA/l10n-turkey", path="l10n_tr_account_einvoice/data/einvoice.xslt",
        commit="2183a9077f4c2c86347a8608a45e72d47e83044c",
        sha256="ec4f644c8756aead", licence="AGPL-3.0",
    ),
    Design(
        "engie", "xslt", "Engie e-Arşiv design (OCA l10n-turkey)",
        repo="OCA/l10n-turkey", path="l10n_tr_account_einvoice/data/engieearsiv.xslt",
        commit="2183a9077f4c2c86347a8608a45e72d47e83044c",
        sha256="37482f1ad66cf697", licence="AGPL-3.0", kinds=("e-arsiv",),
    ),
    Design(
        "omerdinc", "xslt", "Independent e-Fatura design (Satıcı/Alıcı blocks side by side)",
        repo="omerdinc/E-Fatura.xslt", path="E-Fatura.xslt",
        commit="0966c5b63c8eb68d6a6f9131523f2c42ff16988a",
        sha256="50977adfbe18ed40", licence="none stated",
    ),
    Design(
        "kuvars", "xslt", "Kuvars-branded design derived from GİB's general.xslt",
        repo="MehmetCanak/xml-to-pdf", path="general.xslt",
        commit="fbe9ff06df7c962a95bf958885d7e818f14ab430",
        sha256="d7548b6484ae791b", licence="none stated", omits=_GIB_FAMILY_OMITS,
    ),
    Design(
        "vision_erp", "xslt", "ERP customer template (GroupM Vision, MZO)",
        repo="GROUPMTR/Vision", path="VISION/bin/Debug/_XSLTx/MZO/GENERIC_TEMPLATE.xslt",
        commit="e99dcd1408b0bfffc659a1f71db6cfd5c21ef4a9",
        sha256="bb5a8817a8c0bf3c", licence="none stated", omits=_GIB_FAMILY_OMITS,
    ),
    Design(
        "gurbuz", "xslt", "Customer design uploaded to an e-invoice portal (SAYIN block, "
        "Vergi Hariç Tutar, totals with colons)",
        repo="Cihandar/EfaturaPortal",
        path="EfaturaPortal/wwwroot/uploads/Xslt/dfb0888a-4898-49a4-b937-243d1ebe856c-gurbuz.xslt",
        commit="8d2c9018f3719ad9ac2b68e1d844cbbf6c2a8c61",
        sha256="6d1405e3a69c5f13", licence="none stated", tune_only=True,
    ),
    Design(
        "builder_ii", "xslt", "Invoice-builder e-Fatura design II (Sıra/Kod/Mal-Hizmet table, "
        "ETTN under the lines, 'Vergi No / Versiyon' header)",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/II/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="b4573973367da905", licence="none stated", tune_only=True,
    ),
    Design(
        "builder_iii", "xslt", "Invoice-builder e-Fatura design III (Kodu, Malzeme/Hizmet Adı "
        "columns, SAYIN block)",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/III/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="24a5623f172b8322", licence="none stated", tune_only=True,
    ),
    Design(
        "builder_i", "xslt", "Invoice-builder e-Fatura design I (GİB-style header, "
        "logo and signature boxes)",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/I/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="2add8dfaf7717ae3", licence="none stated", tune_only=True,
    ),
    Design(
        "builder_iv", "xslt", "Invoice-builder e-Fatura design IV (a layout of its own)",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/IV/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="8d70cf44d330d237", licence="none stated", tune_only=True,
    ),
    Design(
        "builder_iv_arsiv", "xslt", "Invoice-builder e-Arşiv design IV (differs from its "
        "e-Fatura twin)",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/IV/earchive.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="d1ce62cac554eb46", licence="none stated", kinds=("e-arsiv",), tune_only=True,
    ),
    Design(
        "builder_v", "xslt", "Invoice-builder e-Fatura design V",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/V/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="2c1043fef08c16f1", licence="none stated", omits=_GIB_FAMILY_OMITS,
        tune_only=True,
    ),
    Design(
        "builder_vi", "xslt", "Invoice-builder e-Fatura design VI",
        repo="berkayakcay/react-invoice-builder", path="public/templates/Invoice/VI/einvoice.xslt",
        commit="96bbbe12acadd9cd01193e361942379831e11fdf",
        sha256="80562f1c15fa7944", licence="none stated", omits=_GIB_FAMILY_OMITS,
        tune_only=True,
    ),
    Design(
        "portal_arsiv", "xslt", "Default e-Arşiv design uploaded to an e-invoice portal",
        repo="Cihandar/EfaturaPortal",
        path="EfaturaPortal/wwwroot/uploads/Xslt/21e00aa3-9ff7-4443-af3e-92dead8e463f-defaultarsiv.xslt",
        commit="8d2c9018f3719ad9ac2b68e1d844cbbf6c2a8c61",
        sha256="bd22671317c30c4b", licence="none stated", kinds=("e-arsiv",), tune_only=True,
    ),
    Design(
        "foriba_efatura", "xslt", "Foriba (integrator) default e-Fatura design",
        repo="ysfkarakaya/XSLTDuzenleyici", path="default/fatura_default.xslt",
        commit="07a67b695be88b6298a30c04103963ceb2fa7763",
        sha256="363227ffe1774b0a", licence="none stated", kinds=("e-fatura",), tune_only=True,
    ),
    Design(
        "vision_mec", "xslt", "ERP customer template (GroupM Vision, MEC)",
        repo="GROUPMTR/Vision", path="VISION/bin/Debug/_TEMPLATE/_XSLT/WMG/template_mec.xslt",
        commit="e99dcd1408b0bfffc659a1f71db6cfd5c21ef4a9",
        sha256="3b750f8fc75881f7", licence="none stated", tune_only=True,
    ),
    Design(
        "ornek_dizayn", "xslt", "Sample e-Fatura design from a designs repository (one table of "
        "party blocks, VKN and MERSİS run together, bank table)",
        repo="Bahcecii1/Fatura-XSLT-Dizaynlar-", path="ORNEK_E-FATURA_DIZAYNI.xslt",
        commit="a12123aeb977c2f66ebd345025150a1ac96bc733",
        sha256="112b42ae7b8b314d", licence="none stated", tune_only=True,
    ),
    Design(
        "viewer_invoice", "xslt", "Desktop e-invoice viewer's 'FATURA/INVOICE' sheet (section "
        "boxes, unformatted amounts with the currency code, ISO dates)",
        repo="esatakacik/FaturaGoruntuleyiciDemo",
        path="FaturaGoruntuleyiciDemo/src/resources/default2.xslt",
        commit="7fc8c3d8e9c05ec416756c2a1efbd15257fb8794",
        sha256="a80737616537fb18", licence="none stated", tune_only=True,
    ),
    Design(
        "viewer_sections", "xslt", "Desktop e-invoice viewer's 'UBL TR E-FATURA (ÖRNEK GÖRÜNÜM)' "
        "sheet (headed sections, tax table, plain figures, ISO dates)",
        repo="esatakacik/FaturaGoruntuleyiciDemo",
        path="FaturaGoruntuleyiciDemo/src/resources/default3.xslt",
        commit="7fc8c3d8e9c05ec416756c2a1efbd15257fb8794",
        sha256="e75223d0d11eb5a9", licence="none stated", tune_only=True,
    ),
    Design(
        "viewer_gib_ascii", "xslt", "An e-invoice viewer's older GİB-style sheet (ASCII labels "
        "'Sira No', 'KDV Orani', amounts glued to 'TRY')",
        repo="AlpcanKose/EFaturaGoruntuleyici", path="EFaturaGoruntuleyici/bin/Debug/default.xslt",
        commit="22db11d746b6b3de816727c26c7279e4167037da",
        sha256="76af9ace4688d985", licence="none stated", omits=_GIB_FAMILY_OMITS, tune_only=True,
    ),
    Design(
        "rafine", "xslt", "A project-management firm's own e-Fatura design (seller box with "
        "fixed phone, MERSİS and web lines, 'Sayın' box, dark table header, bank table)",
        repo="gokhankokcu/rafine", path="RFN fatura 2023.2.xslt",
        commit="8c6612e032931fa5cce746d518120431db5b8ae1",
        sha256="2e72831f68466d5e", licence="none stated", omits=_GIB_FAMILY_OMITS,
        tune_only=True,
    ),
    Design(
        "izibiz", "xslt", "İzibiz (integrator) default e-Fatura design from its SOAP client "
        "(Stok Kodu column, 'Yalnız:' box, ISO payment date)",
        repo="izibiz/izibiz-java-soap-client", path="xslt/invoice.txt",
        commit="58da438fdc4ceb8368b304517817af6e10a3ab63",
        sha256="127c9b6f2a11c6c0", licence="none stated", omits=_GIB_FAMILY_OMITS,
        tune_only=True,
    ),
    Design(
        "elogo_wide", "xslt", "e-Logo customer design with a wide item table (code, "
        "description and line-note columns, units and currency glued to figures, "
        "'Genel Açıklamalar' box)",
        repo="Hasokeyk/elogo-php",
        path="src/invoice_templates/CB9E5959-B6F9-4B28-99A8-A80006B3DE6B.xslt",
        commit="6690ff8e2a5682d3d9a3463d8f1aacdd7d8b608b",
        sha256="e0bba430db4202c2", licence="MIT (composer.json)", omits=_GIB_FAMILY_OMITS,
        tune_only=True,
    ),
    Design(
        "gib_earsiv_portal", "xslt", "GİB e-Arşiv portal design (a library's test fixture)",
        repo="bilaleren/e-fatura",
        path="packages/e-fatura/src/__tests__/__fixtures__/gib-e-archive.xslt",
        commit="032be1561159bcfb76548cd0f8c1c4fa15eca4a3",
        sha256="e879ef3c1b407ae6", licence="MIT", heldout_added=True,
    ),
    Design(
        "ornek_gib", "xslt", "Sample GİB-style e-Arşiv design from a designs repository",
        repo="Bahcecii1/Fatura-XSLT-Dizaynlar-", path="Ornek_Faturadizayn (4).xslt",
        commit="a12123aeb977c2f66ebd345025150a1ac96bc733",
        sha256="16cfd5a5c72c40e1", licence="none stated", heldout_added=True,
    ),
    Design(
        "reynaers", "xslt", "A manufacturer's customer design in an ERP connector (fixed "
        "letterhead, bank list, KVKK text)",
        repo="mrteksoftwares/mrtek-efatura", path="xslt/reynaers2025-08-15.xslt",
        commit="bddcf38fe2fdd6f2369b7fdb562593adbe92b88a",
        sha256="ffd28310330c231d", licence="none stated", heldout_added=True,
    ),
    Design("matbu_a4", "form", "Matbu (pre-printed) A4 paper invoice, typed in",
           kinds=("paper",)),
    Design("matbu_a5", "form", "Matbu (pre-printed) A5 paper invoice, typed in",
           kinds=("paper",)),
    Design("bilingual", "form", "Bilingual TR/EN e-Arşiv/e-Fatura layout",
           kinds=("e-arsiv", "e-fatura")),
)  # fmt: skip


def held_out(designs: tuple[Design, ...] = DESIGNS) -> frozenset[str]:
    """Keys held out of all tuning: per family, the first third by ``_rank``."""
    out: set[str] = set()
    for family in sorted({d.family for d in designs}):
        ranked = (d.key for d in designs if d.family == family and not d.added)
        keys = sorted(ranked, key=_rank)
        out.update(keys[: math.ceil(len(keys) / 3)])
    out.update(d.key for d in designs if d.heldout_added)
    return frozenset(out)


HELD_OUT = held_out()
BY_KEY = {d.key: d for d in DESIGNS}


def designs_of(split: str) -> tuple[Design, ...]:
    """``tune``, ``heldout`` or ``all``."""
    if split == "all":
        return DESIGNS
    if split not in ("tune", "heldout"):
        raise ValueError("split must be tune, heldout or all")
    return tuple(d for d in DESIGNS if d.split == split)
