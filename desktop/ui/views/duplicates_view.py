"""Duplicate review: the list of groups, and the chosen group side by side with its differences."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shown import shown

CARD_THUMB = 200
DIFF_STYLE = "color: #b3261e; font-weight: 600;"
REGION_COLOUR = "#e8710a"  # the changed region of an edited copy


def outline(pm: QPixmap, region: tuple[float, float, float, float]) -> QPixmap:
    """A copy of ``pm`` with ``region`` (left, top, width, height in percent) outlined."""
    out = QPixmap(pm)
    left, top, width, height = region
    w, h = out.width(), out.height()
    painter = QPainter(out)
    pen = QPen(QColor(REGION_COLOUR))
    pen.setWidth(max(2, round(min(w, h) / 80)))
    painter.setPen(pen)
    painter.drawRect(QRectF(left / 100 * w, top / 100 * h, width / 100 * w, height / 100 * h))
    painter.end()
    return out


class MemberCard(QFrame):
    """One item of a group: picture, facts (differences from the keeper in red), and its actions. Its setters show
    the customer's text (a file name, a camera, what was done to a copy) as ``shown``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("dupCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(CARD_THUMB + 40)
        lay = QVBoxLayout(self)
        self.role = QLabel()
        self.role.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.role.setWordWrap(True)  # "Ter beoordeling bewaard · gelijkend (serie)" is wider than the card
        self.picture = QLabel()
        self.picture.setFixedSize(CARD_THUMB, CARD_THUMB)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #e4e6ea; border-radius: 4px;")
        self.region: tuple[float, float, float, float] | None = None  # outlined on the picture when set
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name.setStyleSheet("font-weight: 600;")
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.facts.setVerticalSpacing(2)
        lay.addWidget(self.role)
        lay.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignHCenter)
        lay.addWidget(self.name)
        self.changes = QLabel()  # what was done to this copy: "cropped 6 % left, 10 % brighter"
        self.changes.setObjectName("dupChanges")
        self.changes.setWordWrap(True)
        self.changes.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.changes.setStyleSheet("font-style: italic;")
        self.changes.setVisible(False)
        self.effect = QLabel()  # what "Make keeper" / "Restore" will change, said before
        self.effect.setObjectName("dupEffect")
        self.effect.setWordWrap(True)
        self.effect.setStyleSheet("color: #5f6368; font-size: 11px;")
        self.effect.setVisible(False)
        lay.addLayout(self.facts)
        lay.addWidget(self.changes)
        lay.addStretch(1)
        lay.addWidget(self.effect)
        self.keep_btn = QPushButton(self.tr("Make keeper"))
        self.keep_btn.setObjectName("makeKeeper")
        self.restore_btn = QPushButton(self.tr("Restore"))
        self.restore_btn.setObjectName("restoreItem")
        self.restore_btn.setToolTip(self.tr("Take this item back into the case and the report"))
        self.open_btn = QPushButton(self.tr("View"))
        row = QHBoxLayout()
        row.addWidget(self.open_btn)
        row.addWidget(self.keep_btn)
        row.addWidget(self.restore_btn)
        lay.addLayout(row)
        # Three buttons share the card's 240 px: the style asks 80 px of each, so the row squeezed them all and cut
        # "Make keeper" short. Each may shrink to its own words and a little padding, never below.
        for btn in (self.open_btn, self.keep_btn, self.restore_btn):
            btn.setMinimumWidth(btn.fontMetrics().horizontalAdvance(btn.text()) + 14)

    def set_role(self, text: str, keeper: bool) -> None:
        self.role.setText(shown(text))
        self.role.setStyleSheet("font-weight: 700; color: %s;" % ("#1b6e2b" if keeper else "#5f6368"))
        self.setStyleSheet("#dupCard { border: 2px solid %s; border-radius: 6px; }"
                           % ("#1b6e2b" if keeper else "#c4c7cc"))

    def set_picture(self, pm: QPixmap | None, placeholder: str = "") -> None:
        if pm is None or pm.isNull():
            self.picture.setText(placeholder)
            self.picture.setPixmap(QPixmap())
            return
        scaled = pm.scaled(QSize(CARD_THUMB, CARD_THUMB), Qt.AspectRatioMode.KeepAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(outline(scaled, self.region) if self.region else scaled)

    def set_name(self, name: str) -> None:
        self.name.setText(shown(name))

    def set_changes(self, text: str) -> None:
        self.changes.setText(shown(text))
        self.changes.setVisible(bool(text))

    def set_effect(self, text: str) -> None:
        self.effect.setText(shown(text))
        self.effect.setVisible(bool(text))

    def add_fact(self, label: str, value: str, differs: bool) -> QLabel:
        v = QLabel(shown(value))
        v.setWordWrap(True)
        v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if differs:
            v.setStyleSheet(DIFF_STYLE)
            v.setProperty("differs", True)
        self.facts.addRow(label, v)
        return v


class AlertsArea(QScrollArea):
    """The cross-case alerts above the groups: as tall as they are up to a third of the tab, the rest scrolled to.
    (Laid out as they were, a dozen alerts were squeezed into the tab: each cut to a line through its words, and the
    groups and cards below pushed to a strip.)"""

    def __init__(self, body: QWidget, parent=None) -> None:
        super().__init__(parent)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(0)
        body.installEventFilter(self)  # its rows' heights are known once their style is applied, when shown

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()
        return super().eventFilter(obj, event)

    def fit(self) -> None:
        body = self.widget()
        lay = body.layout()
        if lay is None or lay.count() == 0:
            self.setFixedHeight(0)
            return
        width = self.viewport().width()
        want = lay.totalHeightForWidth(width) if lay.hasHeightForWidth() else lay.totalSizeHint().height()
        host = self.parentWidget()
        cap = max(120, host.height() // 3) if host is not None else 200
        self.setFixedHeight(min(want, cap))

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.fit()


class DuplicatesView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 6, 0, 0)
        self.alerts = QWidget()
        self.alerts.setObjectName("alertBar")
        self.alerts_layout = QVBoxLayout(self.alerts)
        self.alerts_layout.setContentsMargins(0, 0, 0, 0)
        self.alerts_area = AlertsArea(self.alerts)
        lay.addWidget(self.alerts_area)
        self.groups = QListView()
        self.groups.setObjectName("dupGroups")
        self.groups.setViewMode(QListView.ViewMode.IconMode)
        self.groups.setFlow(QListView.Flow.LeftToRight)
        self.groups.setWrapping(False)
        self.groups.setMovement(QListView.Movement.Static)
        self.groups.setIconSize(QSize(72, 54))
        self.groups.setGridSize(QSize(150, 92))
        self.groups.setUniformItemSizes(True)
        self.groups.setWordWrap(True)
        self.groups.setFixedHeight(112)
        self.groups.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.groups.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        lay.addWidget(self.groups)
        self.summary = QLabel()
        self.summary.setObjectName("dupSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: palette(mid);")
        lay.addWidget(self.summary)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.cards_host = QWidget()
        self.cards = QHBoxLayout(self.cards_host)
        self.cards.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.scroll.setWidget(self.cards_host)
        lay.addWidget(self.scroll, 1)
        self.empty = QLabel(self.tr("No duplicates in this case."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid);")
        lay.addWidget(self.empty)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        self.alerts_area.fit()  # a third of the tab's new height

    def clear_cards(self) -> None:
        while self.cards.count():
            w = self.cards.takeAt(0).widget()
            if w is not None:
                w.deleteLater()

    def clear_alerts(self) -> None:
        while self.alerts_layout.count():
            w = self.alerts_layout.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.alerts_area.fit()

    def add_alert(self, text: str, button_text: str) -> QPushButton:
        row = QFrame()
        row.setStyleSheet("QFrame { background: #fde7e6; border: 1px solid #b3261e; border-radius: 4px; }"
                          "QLabel { border: none; color: #b3261e; font-weight: 600; }")
        rl = QHBoxLayout(row)
        rl.setContentsMargins(8, 4, 8, 4)
        lbl = QLabel(shown(text))
        lbl.setWordWrap(True)
        btn = QPushButton(button_text)
        btn.setObjectName("jumpToCase")
        rl.addWidget(lbl, 1)
        rl.addWidget(btn)
        self.alerts_layout.addWidget(row)
        self.alerts_area.fit()
        return btn
