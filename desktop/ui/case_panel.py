"""Controller of one open case: loads it in a worker, fills the header, fields, customer, messages and notes,
and saves edits through the case-editing service on the writer thread."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import QListWidgetItem

from desktop.core.model import CaseKind, CaseStatus, CaseSummary
from desktop.services.case_edit import NoteInfo, add_note, list_notes, update_case
from desktop.services.cases import OpenCase, open_case
from desktop.services.library import Library
from desktop.ui.drops import FileDrops
from desktop.ui.labels import fmt_dt, kind_label, status_label
from desktop.ui.models.case_list_model import Sla, sla_of
from desktop.ui.models.messages_model import MESSAGE_ROLE, MessagesModel
from desktop.ui.row_heights import VisibleRowHeights
from desktop.ui.shown import shown
from desktop.ui.tasks import INTERACTIVE, WRITER, TaskRunner
from desktop.ui.views.case_view import CaseView, MessageText

NO_DATE = QDate(2000, 1, 1)


def load_case(lib: Library, ref: str) -> OpenCase:
    """The case page's data, in one call and one snapshot (run in a worker)."""
    return open_case(lib, ref)


class CasePanel(QObject):
    loaded = Signal(object)  # OpenCase, after the page shows it
    changed = Signal(str)  # a case field changed (the list should reload)
    open_case = Signal(str)  # the user asked for another case (contact history, alert)
    export_requested = Signal()
    alert_clicked = Signal()  # the header's alert button: show the duplicates and alerts
    files_dropped = Signal(list, str)  # paths dropped on the case page, and the open case ("" when none)

    def __init__(self, view: CaseView, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.runner = runner
        self.lib: Library | None = None
        self.bundle: OpenCase | None = None
        self._loading: object | None = None
        self.messages_model = MessagesModel(self)
        view.messages.setModel(self.messages_model)
        h = view.messages.horizontalHeader()
        h.setStretchLastSection(True)
        view.messages.setColumnWidth(0, 130)
        view.messages.setColumnWidth(1, 160)
        view.messages.setToolTip(self.tr("Double-click a message to read it in full"))
        view.messages.doubleClicked.connect(lambda idx: self.show_message(idx.row()))
        self._row_heights = VisibleRowHeights(view.messages)  # long messages wrap instead of being cut
        self._row_heights.attach()
        self.message_dialog: MessageText | None = None
        d = view.details
        for k in CaseKind:
            d.kind.addItem(kind_label(k.value), k.value)
        for s in CaseStatus:
            d.status.addItem(status_label(s.value), s.value)
        d.incident.setMinimumDate(NO_DATE)
        d.title.editingFinished.connect(lambda: self._save_text("title", d.title.text().strip()))
        d.policy.editingFinished.connect(lambda: self._save_text("policy_ref", d.policy.text().strip() or None))
        d.handler.editingFinished.connect(lambda: self._save_text("handler", d.handler.text().strip() or None))
        d.kind.activated.connect(lambda _i: self._save({"kind": d.kind.currentData()}))
        d.status.activated.connect(lambda _i: self._save({"status": d.status.currentData()}))
        d.incident.editingFinished.connect(self._save_incident)
        d.answered.clicked.connect(lambda checked: self._save({"answered": bool(checked)}))
        d.history.itemActivated.connect(lambda item: self.open_case.emit(item.data(Qt.ItemDataRole.UserRole)))
        view.notes_tab.add_btn.clicked.connect(self.add_note)
        view.export_btn.clicked.connect(self.export_requested)
        view.alert.clicked.connect(self.alert_clicked)
        self.drops = FileDrops(view, self)
        self.drops.dropped.connect(lambda paths: self.files_dropped.emit(paths, self.ref))

    @property
    def ref(self) -> str:
        return self.bundle.case.ref if self.bundle else ""

    def set_library(self, lib: Library) -> None:
        self.lib = lib

    # loading ------------------------------------------------------------------------------------------------
    def open(self, ref: str) -> None:
        if self.lib is None:
            return
        if not ref:
            self.bundle = None
            self.view.show_case_page(False)
            return
        lib = self.lib
        self.view.show_loading(self.tr("Opening %1…").replace("%1", ref))
        task = self.runner.run(lambda: load_case(lib, ref), pool=INTERACTIVE, key="case-open", name="open case",
                               on_done=self._show)
        self._loading = task
        task.finished.connect(lambda t=task: self._load_finished(t))

    def _load_finished(self, task: object) -> None:
        if task is self._loading:
            self._loading = None
            self.view.loading_done()
            if self.bundle is None:
                self.view.show_case_page(False)

    def is_loading(self) -> bool:
        return self._loading is not None

    def reload(self) -> None:
        if self.bundle is not None:
            self.open(self.bundle.case.ref)

    def _show(self, b: OpenCase) -> None:
        if self.bundle is None or self.bundle.case.ref != b.case.ref:
            self.view.notes_tab.editor.clear()
        self.bundle = b
        v = self.view
        v.show_case_page(True)
        self._fill_header(b.case)
        self._fill_fields(b.case)
        self._fill_customer(b)
        self.messages_model.set_messages(b.messages)
        v.tabs.setTabText(1, self.tr("Messages (%1)").replace("%1", str(len(b.messages))))
        self._fill_notes(b.notes)
        self.loaded.emit(b)

    # what the main window asks for -------------------------------------------------------------------------
    def mark_answered(self) -> None:
        """Tick (or untick) "First answer sent", as a click on the box does."""
        if self.bundle is not None:
            self.view.details.answered.click()

    def show_tab(self, name: str) -> None:
        """Bring a tab to the front: "media", "messages", "duplicates" or "notes"."""
        v = self.view
        widget = {"media": v.media_tab, "messages": v.messages, "duplicates": v.duplicates,
                  "notes": v.notes_tab}[name]
        v.tabs.setCurrentWidget(widget)

    def show_message(self, row: int) -> MessageText | None:
        """A message in full, in a small window of its own."""
        if not 0 <= row < self.messages_model.rowCount():
            return None
        m = self.messages_model.message(row)
        dlg = self.message_dialog or MessageText(self.view)
        self.message_dialog = dlg
        who = m.sender or self.tr("(system)")
        dlg.setWindowTitle(shown(self.tr("Message of %1").replace("%1", who), one_line=True))
        dlg.head.setText(shown(f"{fmt_dt(m.sent_at)} · {who}"))
        dlg.set_text(shown(m.text or ""))  # read-only: its lines and tabs kept
        dlg.show()
        return dlg

    def set_counts(self, media: int, groups: int) -> None:
        tabs = self.view.tabs
        tabs.setTabText(0, self.tr("Media (%1)").replace("%1", str(media)))
        tabs.setTabText(2, self.tr("Duplicates (%1)").replace("%1", str(groups)))

    def selected_message_id(self) -> int | None:
        idx = self.view.messages.currentIndex()
        msg = idx.data(MESSAGE_ROLE) if idx.isValid() else None
        return msg.id if msg is not None else None

    def _fill_header(self, c: CaseSummary) -> None:
        v = self.view
        v.heading.setText(shown(f"{c.ref} · {c.title or self.tr('(untitled)')}"))
        v.heading.setToolTip(v.heading.text())
        norm = self.lib.team.answer_norm_minutes if self.lib else 60
        sla, left = sla_of(c, timedelta(minutes=norm), datetime.now())
        style = "padding: 3px 8px; border-radius: 4px; font-weight: 600;"
        due = fmt_dt(c.due_at or (c.waiting_since + timedelta(minutes=norm) if c.waiting_since else None))
        first = c.first_answer_at is None  # no answer yet at all, or a later message waits for one
        if sla == Sla.OVERDUE:
            text = self.tr("First answer overdue since %1") if first else self.tr("Reply overdue since %1")
            v.sla.setText(text.replace("%1", due))
            v.sla.setStyleSheet(style + "background: #fde7e6; color: #b3261e;")
        elif sla == Sla.DUE:
            text = self.tr("First answer due by %1") if first else self.tr("Reply due by %1")
            v.sla.setText(text.replace("%1", due))
            v.sla.setStyleSheet(style + "background: #fff4d6; color: #8a5a00;")
        elif sla == Sla.ANSWERED:
            v.sla.setText(self.tr("Answered"))
            v.sla.setStyleSheet(style + "background: #e3f3e6; color: #1b6e2b;")
        else:
            v.sla.setText(status_label(c.status))
            v.sla.setStyleSheet(style + "background: #eceff3; color: #3c4043;")
        if c.alerts:
            v.alert.setText(self.tr("⚠ %n alert(s)", "", c.alerts))
            v.alert.setToolTip(self.tr("The same picture is in another customer's case"))
            v.alert.show()
        else:
            v.alert.hide()

    def _fill_fields(self, c: CaseSummary) -> None:
        """The editable fields show the text as ``shown`` too; ``_save_text`` saves only what the handler changed."""
        d = self.view.details
        d.title.setText(shown(c.title))
        d.title.setCursorPosition(0)
        d.title.setToolTip(shown(c.title))
        d.kind.setCurrentIndex(max(0, d.kind.findData(c.kind)))
        d.status.setCurrentIndex(max(0, d.status.findData(c.status)))
        d.policy.setText(shown(c.policy_ref or ""))
        d.handler.setText(shown(c.handler or ""))
        inc = c.incident_date
        d.incident.blockSignals(True)
        d.incident.setDate(QDate(inc.year, inc.month, inc.day) if isinstance(inc, date) else NO_DATE)
        d.incident.blockSignals(False)
        d.answered.setChecked(c.answered_at is not None)
        d.answered.setToolTip(self.tr("Marked at %1").replace("%1", fmt_dt(c.answered_at))
                              if c.answered_at else self.tr("Tick when you have answered the customer"))

    def _fill_customer(self, b: OpenCase) -> None:
        d = self.view.details
        cu = b.customer
        d.cust_name.setText(shown((cu.name if cu else None) or b.case.customer or self.tr("(no sender)")))
        d.cust_phone.setText(shown((cu.phone if cu else None) or "—"))
        d.cust_email.setText(shown((cu.email if cu else None) or "—"))
        d.history.clear()
        for c in sorted(b.history, key=lambda c: c.opened_at.replace(tzinfo=None), reverse=True):
            text = f"{c.ref} · {status_label(c.status)} · {fmt_dt(c.opened_at, True)}\n{c.title}"
            item = QListWidgetItem(shown(text))
            item.setData(Qt.ItemDataRole.UserRole, c.ref)
            if c.ref == b.case.ref:
                f = item.font()
                f.setBold(True)
                item.setFont(f)
            d.history.addItem(item)

    def _fill_notes(self, notes: list[NoteInfo]) -> None:
        t = self.view.notes_tab
        t.notes.clear()
        for n in notes:
            who = n.author or self.tr("handler")
            t.notes.addItem(shown(f"{fmt_dt(n.created_at)} · {who}\n{n.text}"))
        self.view.tabs.setTabText(3, self.tr("Notes (%1)").replace("%1", str(len(notes))))

    # saving -------------------------------------------------------------------------------------------------
    def _save_text(self, key: str, value: str | None) -> None:
        if self.bundle is None:
            return
        current = getattr(self.bundle.case, key)
        if current and shown(current) != current and value == shown(current).strip():
            return  # the field shows the stored text, its bidi overrides as U+FFFD: the handler changed nothing
        if (current or None) != (value or None) and not (key == "title" and not value):
            self._save({key: value})

    def _save_incident(self) -> None:
        qd = self.view.details.incident.date()
        value = None if qd == NO_DATE else date(qd.year(), qd.month(), qd.day())
        if self.bundle is not None and value != self.bundle.case.incident_date:
            self._save({"incident_date": value})

    def _save(self, changes: dict) -> None:
        if self.lib is None or self.bundle is None:
            return
        lib, ref = self.lib, self.bundle.case.ref
        for k, v in changes.items():
            if k != "answered":
                setattr(self.bundle.case, k, v)
        # edits are made on the version shown (or the one this window's last save made): another handler's save
        # in between is an EditConflict (explained by the window, which shows the case afresh)
        saved = self.__dict__.setdefault("_saved_versions", {})
        shown = self.bundle.case.version

        def save() -> object:
            change = update_case(lib, ref, expected_version=max(saved.get(ref, 0), shown), **changes)
            saved[ref] = change.version  # the writer thread runs saves in order
            return change

        self.runner.run(save, pool=WRITER, name="save case", on_done=lambda _r: self._saved(ref, changes))

    def _saved(self, ref: str, changes: dict) -> None:
        self.changed.emit(ref)
        if "answered" in changes or "incident_date" in changes or "status" in changes:
            self.reload()  # SLA and date flags are computed on read

    def add_note(self) -> None:
        text = self.view.notes_tab.editor.toPlainText().strip()
        if not text or self.lib is None or self.bundle is None:
            return
        lib, ref = self.lib, self.bundle.case.ref
        self.view.notes_tab.add_btn.setEnabled(False)

        def done(notes: list[NoteInfo]) -> None:
            self.view.notes_tab.add_btn.setEnabled(True)
            self.view.notes_tab.editor.clear()
            if self.bundle is not None and self.bundle.case.ref == ref:
                self.bundle.notes = notes
                self._fill_notes(notes)
            self.changed.emit(ref)

        def write() -> list[NoteInfo]:
            add_note(lib, ref, text)
            return list_notes(lib, ref)

        self.runner.run(write, pool=WRITER, name="add note", on_done=done,
                        on_error=lambda e: (self.view.notes_tab.add_btn.setEnabled(True),
                                            self.runner.error.emit(e, "add note")))
