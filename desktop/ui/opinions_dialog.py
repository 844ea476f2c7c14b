"""Case › Second opinions…: ask a colleague for a second opinion on the case, and answer the requests on it.
``services.opinions``; CLI twins ``casedesk case ask REF --to NAME --comment TEXT``, ``casedesk case answer ID``,
``casedesk opinions --case REF``. Both are audited; an answer given meanwhile by someone else is explained
(the first answer stands)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.records import OpinionInfo
from desktop.services.library import Library
from desktop.services.opinions import answer_opinion, ask_opinion, list_opinions
from desktop.ui.errors import user_message
from desktop.ui.shown import shown
from desktop.ui.tasks import INTERACTIVE, WRITER, TaskRunner

OPINION_ROLE = 0x0100 + 7


class OpinionsDialog(QDialog):
    changed = Signal()

    def __init__(self, runner: TaskRunner, lib: Library, ref: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionsDialog")
        self.runner, self.lib, self.ref = runner, lib, ref
        self.opinions: list[OpinionInfo] = []
        self.setWindowTitle(self.tr("Second opinions on %1").replace("%1", ref))
        self.setMinimumWidth(620)
        lay = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("opinionList")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(160)
        lay.addWidget(QLabel(self.tr("Requests on this case")))
        lay.addWidget(self.list, 1)
        ans = QGroupBox(self.tr("Answer the selected request"))
        al = QVBoxLayout(ans)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("opinionAnswer")
        self.answer.setPlaceholderText(self.tr("Your opinion, e.g. the damage fits the story; pay the claim"))
        self.answer.setMaximumHeight(80)
        self.answer_btn = QPushButton(self.tr("Answer"))
        self.answer_btn.setObjectName("answerOpinion")
        al.addWidget(self.answer)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.answer_btn)
        al.addLayout(row)
        lay.addWidget(ans)
        ask = QGroupBox(self.tr("Ask a colleague"))
        form = QFormLayout(ask)
        self.to = QLineEdit()
        self.to.setObjectName("opinionTo")
        self.to.setPlaceholderText(self.tr("the colleague's handler name"))
        self.question = QPlainTextEdit()
        self.question.setObjectName("opinionQuestion")
        self.question.setPlaceholderText(self.tr("What should they look at? e.g. is photo 3 the same kitchen?"))
        self.question.setMaximumHeight(80)
        self.ask_btn = QPushButton(self.tr("Ask"))
        self.ask_btn.setObjectName("askOpinion")
        form.addRow(self.tr("Colleague"), self.to)
        form.addRow(self.tr("Question"), self.question)
        form.addRow("", self.ask_btn)
        lay.addWidget(ask)
        self.status = QLabel()
        self.status.setObjectName("opinionStatus")
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.ask_btn.clicked.connect(self.ask)
        self.answer_btn.clicked.connect(self.give_answer)
        self.list.currentItemChanged.connect(lambda *_a: self._update())
        self.reload()

    def reload(self) -> None:
        lib, ref = self.lib, self.ref
        self.runner.run(lambda: list_opinions(lib, case_ref=ref), pool=INTERACTIVE, key="opinions",
                        name="second opinions", on_done=self._show,
                        on_error=lambda e: self.status.setText(user_message(e)))

    def _show(self, opinions: list[OpinionInfo]) -> None:
        keep = self.selected().id if self.selected() is not None else None
        self.opinions = opinions
        self.list.clear()
        for o in opinions:
            text = (self.tr("%1 asked %2 on %3:").replace("%1", o.asked_by or "—").replace("%2", o.asked_to)
                    .replace("%3", f"{o.asked_at:%Y-%m-%d %H:%M}") + f"\n“{o.question}”\n")
            if o.open:
                text += self.tr("Not answered yet.")
            else:
                text += (self.tr("%1 answered on %2:").replace("%1", o.answered_by or "—")
                         .replace("%2", f"{o.answered_at:%Y-%m-%d %H:%M}") + f"\n“{o.answer}”")
            item = QListWidgetItem(shown(text))
            item.setData(OPINION_ROLE, o.id)
            self.list.addItem(item)
            if o.id == keep or (keep is None and o.open and self.list.currentRow() < 0):
                self.list.setCurrentItem(item)
        if not opinions:
            self.list.addItem(self.tr("No second opinion was asked on this case yet."))
        self._update()

    def selected(self) -> OpinionInfo | None:
        item = self.list.currentItem()
        rid = item.data(OPINION_ROLE) if item is not None else None
        return next((o for o in self.opinions if o.id == rid), None)

    def _update(self) -> None:
        o = self.selected()
        self.answer_btn.setEnabled(o is not None and o.open)

    def ask(self) -> None:
        to, question = self.to.text().strip(), self.question.toPlainText().strip()
        if not to or not question:
            self.status.setText(self.tr("Name the colleague and say what they should look at."))
            return
        lib, ref = self.lib, self.ref
        self.ask_btn.setEnabled(False)
        self.runner.run(lambda: ask_opinion(lib, ref, to, question), pool=WRITER, name="ask opinion",
                        on_done=self._asked, on_error=self._failed)

    def _asked(self, o: OpinionInfo) -> None:
        self.ask_btn.setEnabled(True)
        self.to.clear()
        self.question.clear()
        self.status.setText(self.tr("Asked %1 for a second opinion.").replace("%1", o.asked_to))
        self.changed.emit()
        self.reload()

    def give_answer(self) -> None:
        o = self.selected()
        text = self.answer.toPlainText().strip()
        if o is None or not text:
            self.status.setText(self.tr("Choose an open request and write your answer."))
            return
        lib, rid = self.lib, o.id
        self.answer_btn.setEnabled(False)
        self.runner.run(lambda: answer_opinion(lib, rid, text), pool=WRITER, name="answer opinion",
                        on_done=self._answered, on_error=self._failed)

    def _answered(self, o: OpinionInfo) -> None:
        self.answer.clear()
        self.status.setText(self.tr("Your answer to %1 is saved.").replace("%1", o.asked_by or "—"))
        self.changed.emit()
        self.reload()

    def _failed(self, error: BaseException) -> None:
        self.ask_btn.setEnabled(True)
        self.status.setText(user_message(error))
        self.reload()
