"""The review page's words: Turkish by default, English through ``ui_language``.

One table per language with the same keys; a test keeps them in step. Templates
get ``t(key, **values)``; a key missing from the table is a programming error and
raises, so a page never shows a raw key. Check reasons come from the validators in
English and are shown as written (they never hold a value).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

Language = Literal["tr", "en"]

TR: dict[str, str] = {
    "app": "docpipe inceleme",
    "login.title": "Giriş",
    "login.token": "Erişim anahtarı (token)",
    "login.submit": "Giriş yap",
    "login.bad": "Anahtar tanınmadı.",
    "logout": "Çıkış",
    "role": "Rol",
    "role.reader": "okuyucu",
    "role.reviewer": "inceleyici",
    "role.privacy_officer": "KVKK sorumlusu",
    "queue.title": "İnceleme kuyruğu",
    "queue.empty": "İncelenecek belge yok.",
    "queue.id": "No",
    "queue.file": "Dosya",
    "queue.type": "Tür",
    "queue.received": "Geliş",
    "queue.reasons": "Nedenler",
    "queue.open": "Aç",
    "doc.title": "Belge {id}",
    "doc.status": "Durum",
    "doc.type": "Tür",
    "doc.page": "Sayfa {n}",
    "doc.pages": "Sayfalar",
    "doc.no_image": "Bu belgenin sayfa görüntüsü yok.",
    "doc.fields": "Alanlar",
    "doc.checks": "Kontroller",
    "doc.checks_ok": "Tüm kontroller geçti.",
    "doc.audit": "Denetim kaydı",
    "doc.audit_empty": "Kayıt yok.",
    "doc.approve": "Onayla ve sonraki (a)",
    "doc.reject": "Reddet",
    "doc.reprocess": "Yeniden işle",
    "doc.reprocessing": "Yeniden işleniyor…",
    "doc.reprocessed": "Yeniden işlendi.",
    "doc.new_value": "Yeni değer (kasada saklanır)",
    "doc.unredacted_on": "Sayfayı maskesiz göster (denetlenir)",
    "doc.unredacted_off": "Sayfayı maskeli göster",
    "doc.back": "Kuyruğa dön",
    "doc.keys": "Sekme: sonraki sorunlu alan · Enter: kabul et · Esc: alandan çık · "
    "a (ya da Shift+Enter): onayla ve sonraki",
    "doc.read_only": "Bu rolle yalnızca görüntüleyebilirsiniz.",
    "doc.masked": "maskeli",
    "doc.reveal": "Göster",
    "doc.reveal_reason": "Gösterme nedeni (denetim kaydına yazılır)",
    "doc.cancel": "Vazgeç",
    "doc.saved": "Kaydedildi; kontroller yeniden çalıştı.",
    "doc.accepted": "Kabul edildi.",
    "doc.approved": "Onaylandı.",
    "doc.rejected": "Reddedildi.",
    "doc.error": "İşlem yapılamadı: {reason}",
    "doc.reject_reason": "Ret nedeni (denetim kaydına yazılır)",
    "state.failed": "kontrol başarısız",
    "state.low_confidence": "düşük güven",
    "state.ok": "sorun yok",
    "status.ok": "tamam",
    "status.needs_review": "inceleme bekliyor",
    "status.failed": "başarısız",
    "status.duplicate": "kopya",
    "status.approved": "onaylandı",
    "status.rejected": "reddedildi",
    "check.passed": "geçti",
    "check.failed": "başarısız",
    "audit.at": "Zaman",
    "audit.actor": "Kim",
    "audit.action": "İşlem",
    "audit.details": "Ayrıntı",
    "audit.sealed": "kasada",
    "field.confidence": "güven {value}",
    "field.corrected": "düzeltildi",
    "error.forbidden": "Bu işlem için yetkiniz yok.",
    "error.not_found": "Belge bulunamadı.",
    "error.csrf": "Oturum doğrulanamadı; sayfayı yenileyin.",
}

EN: dict[str, str] = {
    "app": "docpipe review",
    "login.title": "Sign in",
    "login.token": "Access token",
    "login.submit": "Sign in",
    "login.bad": "Token not recognised.",
    "logout": "Sign out",
    "role": "Role",
    "role.reader": "reader",
    "role.reviewer": "reviewer",
    "role.privacy_officer": "privacy officer",
    "queue.title": "Review queue",
    "queue.empty": "Nothing to review.",
    "queue.id": "No",
    "queue.file": "File",
    "queue.type": "Type",
    "queue.received": "Received",
    "queue.reasons": "Reasons",
    "queue.open": "Open",
    "doc.title": "Document {id}",
    "doc.status": "Status",
    "doc.type": "Type",
    "doc.page": "Page {n}",
    "doc.pages": "Pages",
    "doc.no_image": "This document has no page image.",
    "doc.fields": "Fields",
    "doc.checks": "Checks",
    "doc.checks_ok": "All checks passed.",
    "doc.audit": "Audit log",
    "doc.audit_empty": "No entries.",
    "doc.approve": "Approve and next (a)",
    "doc.reject": "Reject",
    "doc.reprocess": "Reprocess",
    "doc.reprocessing": "Reprocessing…",
    "doc.reprocessed": "Reprocessed.",
    "doc.new_value": "New value (sealed in the vault)",
    "doc.unredacted_on": "Show the page unredacted (audited)",
    "doc.unredacted_off": "Show the page redacted",
    "doc.back": "Back to the queue",
    "doc.keys": "Tab: next problem field · Enter: accept · Esc: leave the field · "
    "a (or Shift+Enter): approve and next",
    "doc.read_only": "Your role may only view.",
    "doc.masked": "masked",
    "doc.reveal": "Reveal",
    "doc.reveal_reason": "Reason for revealing (goes to the audit log)",
    "doc.cancel": "Cancel",
    "doc.saved": "Saved; the checks ran again.",
    "doc.accepted": "Accepted.",
    "doc.approved": "Approved.",
    "doc.rejected": "Rejected.",
    "doc.error": "Could not do that: {reason}",
    "doc.reject_reason": "Reason for rejecting (goes to the audit log)",
    "state.failed": "check failed",
    "state.low_confidence": "low confidence",
    "state.ok": "fine",
    "status.ok": "ok",
    "status.needs_review": "needs review",
    "status.failed": "failed",
    "status.duplicate": "duplicate",
    "status.approved": "approved",
    "status.rejected": "rejected",
    "check.passed": "passed",
    "check.failed": "failed",
    "audit.at": "When",
    "audit.actor": "Who",
    "audit.action": "Action",
    "audit.details": "Details",
    "audit.sealed": "sealed",
    "field.confidence": "confidence {value}",
    "field.corrected": "corrected",
    "error.forbidden": "Your role may not do that.",
    "error.not_found": "Document not found.",
    "error.csrf": "Session could not be verified; reload the page.",
}

TABLES: dict[str, dict[str, str]] = {"tr": TR, "en": EN}


def translator(language: str) -> Callable[..., str]:
    """``t(key, **values)`` for ``language`` (``tr`` or ``en``)."""
    table = TABLES[language]

    def t(key: str, **values: object) -> str:
        text = table[key]
        return text.format(**values) if values else text

    return t
