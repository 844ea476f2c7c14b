"""The media viewer window: picture canvas (fit and zoom), a page for video/audio, and the facts panel."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSlider,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.shown import fill_table, shown


class ImageCanvas(QGraphicsView):
    """Shows one picture; fits the window until the user zooms (wheel with Ctrl, +, -)."""

    zoom_changed = Signal(float)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.fit_mode = True
        self.zoom = 1.0

    def set_pixmap(self, pm: QPixmap | None) -> None:
        self.item.setPixmap(pm if pm is not None else QPixmap())
        self.scene().setSceneRect(QRectF(self.item.pixmap().rect()))
        self.fit()

    def fit(self) -> None:
        self.fit_mode = True
        if not self.item.pixmap().isNull():
            self.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
            self.zoom = self.transform().m11()
            self.zoom_changed.emit(self.zoom)

    def set_zoom(self, factor: float) -> None:
        self.fit_mode = False
        factor = max(0.02, min(16.0, factor))
        self.resetTransform()
        self.scale(factor, factor)
        self.zoom = factor
        self.zoom_changed.emit(factor)

    def zoom_by(self, step: float) -> None:
        self.set_zoom(self.zoom * step)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 if event.angleDelta().y() > 0 else 0.8)
            event.accept()
        else:
            super().wheelEvent(event)

    def resizeEvent(self, event) -> None:  # noqa: ANN001
        super().resizeEvent(event)
        if self.fit_mode:
            self.fit()


class PlayerPage(QWidget):
    """Video or audio: the controller puts a QVideoWidget (or key frames) into ``screen``."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.screen = QStackedWidget()
        self.screen.setStyleSheet("background: #202124; color: #e8eaed;")
        self.audio_label = QLabel()
        self.audio_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.audio_label.setStyleSheet("font-size: 40pt;")
        self.screen.addWidget(self.audio_label)
        self.poster = QLabel()
        self.poster.setObjectName("videoPoster")
        self.poster.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.screen.addWidget(self.poster)
        lay.addWidget(self.screen, 1)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 4)
        self.play = QPushButton(self.tr("Play"))
        self.play.setObjectName("playButton")
        self.position = QSlider(Qt.Orientation.Horizontal)
        self.time = QLabel("0:00 / 0:00")
        bar.addWidget(self.play)
        bar.addWidget(self.position, 1)
        bar.addWidget(self.time)
        self.controls = QWidget()
        self.controls.setLayout(bar)
        lay.addWidget(self.controls)


class ViewerView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("mediaViewer")
        self.resize(1200, 800)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.toolbar = QToolBar()
        self.prev_act = self.toolbar.addAction(self.tr("◀ Previous"))
        self.prev_act.setShortcuts([QKeySequence(Qt.Key.Key_Left), QKeySequence(Qt.Key.Key_PageUp)])
        self.next_act = self.toolbar.addAction(self.tr("Next ▶"))
        self.next_act.setShortcuts([QKeySequence(Qt.Key.Key_Right), QKeySequence(Qt.Key.Key_PageDown),
                                    QKeySequence(Qt.Key.Key_Space)])
        self.toolbar.addSeparator()
        self.fit_act = self.toolbar.addAction(self.tr("Fit"))
        self.fit_act.setShortcuts([QKeySequence(Qt.Key.Key_0), QKeySequence(Qt.Key.Key_F)])
        self.actual_act = self.toolbar.addAction(self.tr("100 %"))
        self.actual_act.setShortcut(QKeySequence(Qt.Key.Key_1))
        self.zoom_in_act = self.toolbar.addAction(self.tr("Zoom in"))
        self.zoom_in_act.setShortcuts([QKeySequence(Qt.Key.Key_Plus), QKeySequence(Qt.Key.Key_Equal),
                                       QKeySequence.StandardKey.ZoomIn])
        self.zoom_out_act = self.toolbar.addAction(self.tr("Zoom out"))
        self.zoom_out_act.setShortcuts([QKeySequence(Qt.Key.Key_Minus), QKeySequence.StandardKey.ZoomOut])
        self.toolbar.addSeparator()
        self.rotate_left_act = self.toolbar.addAction(self.tr("⟲ Turn left"))
        self.rotate_left_act.setObjectName("rotateLeft")
        self.rotate_left_act.setShortcut(QKeySequence("Shift+R"))
        self.rotate_left_act.setToolTip(self.tr("Turn a quarter to the left, here and in the PDF; the original is "
                                                "not changed (Shift+R)"))
        self.rotate_right_act = self.toolbar.addAction(self.tr("⟳ Turn right"))
        self.rotate_right_act.setObjectName("rotateRight")
        self.rotate_right_act.setShortcut(QKeySequence(Qt.Key.Key_R))
        self.rotate_right_act.setToolTip(self.tr("Turn a quarter to the right, here and in the PDF; the original is "
                                                 "not changed (R)"))
        self.toolbar.addSeparator()
        self.position = QLabel()
        self.position.setObjectName("viewerPosition")
        self.toolbar.addWidget(self.position)
        self.close_act = self.toolbar.addAction(self.tr("Close"))
        self.close_act.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        lay.addWidget(self.toolbar)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.stage = QStackedWidget()
        self.canvas = ImageCanvas()
        self.canvas.setObjectName("imageCanvas")
        self.player = PlayerPage()
        self.message = QLabel()
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stage.addWidget(self.canvas)
        self.stage.addWidget(self.player)
        self.stage.addWidget(self.message)
        split.addWidget(self.stage)
        side = QScrollArea()
        side.setWidgetResizable(True)
        side.setMinimumWidth(300)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        sl = QVBoxLayout(inner)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: 700; font-size: 12pt;")
        sl.addWidget(self.title)
        self.facts = QFormLayout()
        self.facts.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        sl.addLayout(self.facts)
        sl.addWidget(QLabel(self.tr("Caption for the report")))
        self.caption = QLineEdit()
        self.caption.setObjectName("captionEdit")
        self.caption.setPlaceholderText(self.tr("e.g. water damage under the sink"))
        sl.addWidget(self.caption)
        self.included = QCheckBox(self.tr("Include in the report"))
        self.included.setObjectName("includedCheck")
        sl.addWidget(self.included)
        sl.addStretch(1)
        side.setWidget(inner)
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("viewerSideTabs")
        self.side_tabs.setMinimumWidth(320)
        self.side_tabs.addTab(side, self.tr("Details"))
        exif_page = QWidget()
        el = QVBoxLayout(exif_page)
        el.setContentsMargins(4, 4, 4, 4)
        self.exif_filter = QLineEdit()
        self.exif_filter.setObjectName("exifFilter")
        self.exif_filter.setPlaceholderText(self.tr("Filter tags…"))
        self.exif_filter.setClearButtonEnabled(True)
        el.addWidget(self.exif_filter)
        self.exif = QTableWidget(0, 3)
        self.exif.setObjectName("exifTable")
        self.exif.setHorizontalHeaderLabels([self.tr("Group"), self.tr("Tag"), self.tr("Value")])
        self.exif.verticalHeader().hide()
        self.exif.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.exif.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.exif.setWordWrap(True)
        self.exif.setAlternatingRowColors(True)
        head = self.exif.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        el.addWidget(self.exif, 1)
        self.exif_note = QLabel()
        self.exif_note.setObjectName("exifNote")
        self.exif_note.setWordWrap(True)
        el.addWidget(self.exif_note)
        el.addStretch(0)
        self.side_tabs.addTab(exif_page, self.tr("EXIF"))
        split.addWidget(self.side_tabs)
        split.setStretchFactor(0, 1)
        split.setSizes([840, 360])
        lay.addWidget(split, 1)

    def clear_facts(self) -> None:
        while self.facts.rowCount():
            self.facts.removeRow(0)

    def add_fact(self, label: str, value: str, warn: bool = False) -> QLabel:
        """A fact beside its label; the value may be the customer's (a sender, a camera): ``shown``."""
        v = QLabel(shown(value))
        v.setWordWrap(True)
        v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if warn:
            v.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.facts.addRow(label, v)
        return v

    def add_button_fact(self, label: str, value: str, button: str, name: str = "") -> QPushButton:
        """A fact with a small button beside it (e.g. "Copy" beside the GPS position)."""
        row = QWidget()
        h = QHBoxLayout(row)
        h.setContentsMargins(0, 0, 0, 0)
        v = QLabel(shown(value))
        v.setWordWrap(True)
        v.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        btn = QPushButton(button)
        btn.setObjectName(name)
        h.addWidget(v, 1)
        h.addWidget(btn)
        self.facts.addRow(label, row)
        return btn

    def set_exif_rows(self, rows: list[tuple[str, str, str]]) -> None:
        fill_table(self.exif, rows)  # a tag's value is the file's: it may hold anything
        self.filter_exif(self.exif_filter.text())

    def filter_exif(self, text: str) -> None:
        needle = text.strip().lower()
        for r in range(self.exif.rowCount()):
            cells = [self.exif.item(r, c) for c in range(3)]
            hay = " ".join(i.text().lower() for i in cells if i is not None)
            self.exif.setRowHidden(r, bool(needle) and needle not in hay)
