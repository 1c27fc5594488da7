"""The comparison across teams (the CAIO office's view): filters by cycle, subtree and status;
a sortable heat map of teams × policies and principles; the ranking; a box plot per policy
and principle; the weakest items; the roll-up along the unit tree; a trend chart per unit.

Colours are the reports' viridis steps (colour-blind safe, one per readiness band) and every
cell also shows its number. QtCharts is imported only when a chart is first drawn.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.data import DataAccess
from gui.errors import report_service_error
from gui.i18n import current_language
from gui.texts import fmt, percent, score_text, short_policy_name, status_name
from models import compare as compare_service
from models import org
from models.compare import AssessmentScores, Comparison
from models.errors import ServiceError
from questionnaires.scale import READINESS
from reports.heat import heat_colors

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView

#: The role the proxy sorts by: numbers for scores (unscored lowest), text for units.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: The assessment id of a heat-map row.
ID_ROLE = Qt.ItemDataRole.UserRole + 2

#: Okabe-Ito colours with a line style each, for the trend chart's policy lines.
SERIES_STYLES = (
    ("#0072B2", Qt.PenStyle.SolidLine),
    ("#E69F00", Qt.PenStyle.DashLine),
    ("#009E73", Qt.PenStyle.DotLine),
    ("#D55E00", Qt.PenStyle.DashDotLine),
    ("#CC79A7", Qt.PenStyle.DashDotDotLine),
    ("#56B4E9", Qt.PenStyle.SolidLine),
)
PROVISIONAL_MARK = "◆"
#: No heat colour in a plain table cell (a score, or None, gets the heat map's colours).
PLAIN = ""
#: A plain table cell: (text, its score for the heat colour, or PLAIN).
Cell = tuple[str, float | str | None]


def _level_text(level: int | None) -> str:
    if level is None:
        return "—"
    band = next(b for b in READINESS if b.level == level)
    return f"{level} {band.name.get(current_language())}"


class HeatMapModel(QAbstractTableModel):
    """Teams × (overall, level, coverage, policies, principles) of one comparison."""

    COL_UNIT, COL_OVERALL, COL_LEVEL, COL_COVERAGE = range(4)
    FIXED = 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[AssessmentScores] = []
        self.keys: list[tuple[str, str]] = []  # ("policy" | "principle", id)
        self.headers: list[str] = []
        self.tooltips: list[str] = []

    def set_comparison(self, data: Comparison, headers: list[str], tooltips: list[str]) -> None:
        self.beginResetModel()
        self.rows = list(data.assessments)
        self.keys = [("policy", p.id) for p in data.policies] + [("principle", p.id) for p in data.principles]
        self.headers, self.tooltips = headers, tooltips
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIXED + len(self.keys)

    def score(self, row: int, column: int) -> float | None:
        a = self.rows[row]
        if column == self.COL_OVERALL:
            return a.overall
        kind, key = self.keys[column - self.FIXED]
        return (a.policies if kind == "policy" else a.principles).get(key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        a, column = self.rows[index.row()], index.column()
        if role == ID_ROLE:
            return a.id
        if column == self.COL_UNIT:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{a.unit}  {PROVISIONAL_MARK}" if a.provisional else a.unit
            if role == SORT_ROLE:
                return a.unit
            if role == Qt.ItemDataRole.ToolTipRole and a.provisional:
                return self.tr("Provisional: coverage below 80%")
            return None
        if column == self.COL_LEVEL:
            if role == Qt.ItemDataRole.DisplayRole:
                return _level_text(a.level)
            if role == SORT_ROLE:
                return -1 if a.level is None else a.level
            return None
        if column == self.COL_COVERAGE:
            if role == Qt.ItemDataRole.DisplayRole:
                return percent(a.coverage)
            if role == SORT_ROLE:
                return a.coverage
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        value = self.score(index.row(), column)
        if role == Qt.ItemDataRole.DisplayRole:
            return "—" if value is None else f"{value:.1f}"
        if role == SORT_ROLE:
            return -1.0 if value is None else value
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, ink = heat_colors(value)
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else ink))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or section >= len(self.headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltips[section] or None
        return None


class CompareView(QWidget):
    """Signals:
    open_assessment(int): the user asked to open this assessment (double-click or Enter).
    loaded(): the view shows the comparison for the current filters.
    """

    open_assessment = Signal(int)
    loaded = Signal()

    def __init__(self, data: DataAccess, parent: QWidget | None = None):
        super().__init__(parent)
        self.data = data
        self.comparison: Comparison | None = None
        self._filling = False
        self.trend_chart: QChartView | None = None
        self.box_chart: QChartView | None = None

        # Filters.
        self.cycle_label = QLabel(self)
        self.cycle_combo = QComboBox(self)
        self.unit_label = QLabel(self)
        self.unit_combo = QComboBox(self)
        self.unit_combo.setMinimumContentsLength(24)
        self.unit_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_label = QLabel(self)
        self.status_combo = QComboBox(self)
        self.anonymise_box = QCheckBox(self)
        self.reload_button = QPushButton(self)
        for label, buddy in (
            (self.cycle_label, self.cycle_combo),
            (self.unit_label, self.unit_combo),
            (self.status_label, self.status_combo),
        ):
            label.setBuddy(buddy)
        filters = QHBoxLayout()
        for widget in (
            self.cycle_label,
            self.cycle_combo,
            self.unit_label,
            self.unit_combo,
            self.status_label,
            self.status_combo,
            self.anonymise_box,
        ):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.reload_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)

        # The heat map.
        self.model = HeatMapModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(HeatMapModel.COL_UNIT, QHeaderView.ResizeMode.Stretch)
        # Activation is a double-click or Enter on the current row.
        self.table.activated.connect(self._activate)
        self.legend = QLabel(self)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        heat_page = QWidget(self)
        heat_layout = QVBoxLayout(heat_page)
        self.key = QLabel(self)
        self.key.setWordWrap(True)
        heat_layout.addWidget(self.table, 1)
        heat_layout.addWidget(self.key)
        heat_layout.addWidget(self.legend)

        # Other views.
        self.ranking = self._plain_table()
        self.ranking.itemActivated.connect(self._ranking_activated)
        self.distribution_page = QWidget(self)
        self.distribution_layout = QVBoxLayout(self.distribution_page)
        self.stats = self._plain_table()
        self.distribution_layout.addWidget(self.stats)
        self.weak = self._plain_table()
        self.units = self._plain_table()
        self.units_note = QLabel(self)
        self.units_note.setWordWrap(True)
        units_page = QWidget(self)
        units_layout = QVBoxLayout(units_page)
        units_layout.addWidget(self.units, 1)
        units_layout.addWidget(self.units_note)
        self.trend_unit_label = QLabel(self)
        self.trend_unit = QComboBox(self)
        self.trend_unit.setMinimumContentsLength(30)
        self.trend_unit.currentIndexChanged.connect(self._show_trend)
        self.trend_unit_label.setBuddy(self.trend_unit)
        self.trend_table = self._plain_table()
        self.trend_page = QWidget(self)
        trend_layout = QVBoxLayout(self.trend_page)
        pick = QHBoxLayout()
        pick.addWidget(self.trend_unit_label)
        pick.addWidget(self.trend_unit, 1)
        trend_layout.addLayout(pick)
        self.trend_splitter = QSplitter(Qt.Orientation.Vertical, self.trend_page)
        self.trend_splitter.addWidget(self.trend_table)
        trend_layout.addWidget(self.trend_splitter, 1)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(heat_page, "")
        self.tabs.addTab(self.ranking, "")
        self.tabs.addTab(self.distribution_page, "")
        self.tabs.addTab(self.weak, "")
        self.tabs.addTab(units_page, "")
        self.tabs.addTab(self.trend_page, "")

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        for combo in (self.cycle_combo, self.unit_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.anonymise_box.toggled.connect(self._filters_changed)
        self.reload_button.clicked.connect(self.reload)
        self.retranslate()
        self.fill_filters()
        self.reload()

    # --- building blocks ----------------------------------------------------------------------

    def _plain_table(self) -> QTableWidget:
        table = QTableWidget(self)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        return table

    @staticmethod
    def _fill(table: QTableWidget, headers: list[str], rows: list[list[Cell]], stretch: int | None = None) -> None:
        """Fill ``table``; a cell coloured by its score unless it is PLAIN."""
        table.clear()
        table.setColumnCount(len(headers))
        table.setRowCount(len(rows))
        table.setHorizontalHeaderLabels(headers)
        for r, row in enumerate(rows):
            for c, (text, heat) in enumerate(row):
                item = QTableWidgetItem(text)
                if text.replace(".", "", 1).lstrip("+-").isdigit():  # plain numbers line up on the right
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if heat != PLAIN:
                    background, ink = heat_colors(heat if isinstance(heat, float) else None)
                    item.setBackground(QColor(background))
                    item.setForeground(QColor(ink))
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(r, c, item)
        table.resizeColumnsToContents()
        if stretch is not None:
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    # --- language -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.cycle_label.setText(self.tr("&Cycle:"))
        self.unit_label.setText(self.tr("&Units:"))
        self.status_label.setText(self.tr("&Status:"))
        self.anonymise_box.setText(self.tr("&Anonymise"))
        self.anonymise_box.setToolTip(
            self.tr("Show units by stable aliases and hide groups resting on fewer than 3 teams")
        )
        self.reload_button.setText(self.tr("&Reload"))
        self.trend_unit_label.setText(self.tr("U&nit:"))
        for index, title in enumerate(
            (
                self.tr("Heat map"),
                self.tr("Ranking"),
                self.tr("Distribution"),
                self.tr("Weak items"),
                self.tr("Roll-up"),
                self.tr("Trend"),
            )
        ):
            self.tabs.setTabText(index, title)
        self.table.setAccessibleName(self.tr("Heat map of teams by policy and principle"))
        steps = []
        for band in READINESS:
            background, ink = heat_colors(band.lower)
            steps.append(
                f'<span style="background:{background}; color:{ink}">&nbsp;{band.level}&nbsp;</span> '
                f"{band.lower:.0f}+ {band.name.get(current_language())}"
            )
        self.legend.setText(
            "&nbsp;&nbsp;".join(steps)
            + "<br>"
            + self.tr(
                "%1 provisional (coverage below 80%). Double-click or press Enter to open an assessment."
            ).replace("%1", PROVISIONAL_MARK)
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.fill_filters()
            self.reload()
        super().changeEvent(event)

    # --- filters ------------------------------------------------------------------------------

    def fill_filters(self) -> None:
        """The choices of the filters, from the database; the current choices are kept."""
        try:
            cycles, units = self.data.call(
                lambda s: (org.list_cycles(session=s), org.list_units(session=s))  # one short session
            )
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self._filling = True
        try:
            keep = (self.cycle_combo.currentData(), self.unit_combo.currentData(), self.status_combo.currentData())
            self.cycle_combo.clear()
            self.cycle_combo.addItem(self.tr("Latest"), None)
            for cycle in reversed(cycles):
                self.cycle_combo.addItem(cycle.name, cycle.name)
            self.unit_combo.clear()
            self.unit_combo.addItem(self.tr("All units"), None)
            for unit in units:
                self.unit_combo.addItem("　" * unit.depth + unit.name_ja, unit.path)
                self.unit_combo.setItemData(self.unit_combo.count() - 1, unit.path, Qt.ItemDataRole.ToolTipRole)
            self.status_combo.clear()
            self.status_combo.addItem(self.tr("All statuses"), None)
            for status in ("draft", "submitted", "approved"):
                self.status_combo.addItem(status_name(status), status)
            for combo, value in zip((self.cycle_combo, self.unit_combo, self.status_combo), keep, strict=True):
                combo.setCurrentIndex(max(combo.findData(value), 0))
        finally:
            self._filling = False

    def _filters_changed(self) -> None:
        if not self._filling:
            self.reload()

    def set_filters(self, *, cycle: str | None = None, unit_path: str | None = None, status: str | None = None) -> None:
        """Choose filter values (as a user would in the combo boxes), then reload once."""
        self._filling = True
        try:
            for combo, value in ((self.cycle_combo, cycle), (self.unit_combo, unit_path), (self.status_combo, status)):
                found = combo.findData(value)
                if found < 0:
                    raise ValueError(f"no such filter value: {value!r}")
                combo.setCurrentIndex(found)
        finally:
            self._filling = False
        self.reload()

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        cycle = self.cycle_combo.currentData()
        unit_path = self.unit_combo.currentData()
        status = self.status_combo.currentData()
        anonymise = self.anonymise_box.isChecked()
        try:
            result = self.data.call(
                lambda s: compare_service.compare(
                    session=s, cycle=cycle, unit_path=unit_path, status=status, anonymise=anonymise
                )
            )
        except ServiceError as exc:
            report_service_error(self, exc)
            return
        self.show_comparison(result)
        self.loaded.emit()

    def show_comparison(self, data: Comparison) -> None:
        self.comparison = data
        lang = current_language()
        policy_names = {p.id: p.name for p in data.policies}
        headers = [self.tr("Unit"), self.tr("Overall"), self.tr("Level"), self.tr("Coverage")]
        tooltips = ["", "", "", ""]
        for p in data.policies:
            headers.append(p.id)
            tooltips.append(p.name.get(lang))
        for p in data.principles:
            headers.append(p.id)
            tooltips.append(p.name.get(lang))
        self.model.set_comparison(data, headers, tooltips)
        self.key.setText(
            "   ".join(f"{p.id} {short_policy_name(p.name, lang)}" for p in data.policies)
            + "\n"
            + "   ".join(f"{p.id} {p.name.get(lang)}" for p in data.principles)
        )
        self.table.sortByColumn(HeatMapModel.COL_OVERALL, Qt.SortOrder.DescendingOrder)

        provisional = sum(1 for a in data.assessments if a.provisional)
        self.summary.setText(
            fmt(
                self.tr("Cycle %1 · %2 assessment(s), %3 provisional"),
                data.cycle or "—",
                len(data.assessments),
                provisional,
            )
        )
        by_id = {a.id: a for a in data.assessments}
        ranking_rows: list[list[Cell]] = [
            [
                (str(rank), ""),
                (by_id[aid].unit + (f"  {PROVISIONAL_MARK}" if by_id[aid].provisional else ""), ""),
                (score_text(by_id[aid].overall), by_id[aid].overall),
                (_level_text(by_id[aid].level), ""),
            ]
            for rank, aid in enumerate(data.ranking, start=1)
        ]
        headers = [self.tr("Rank"), self.tr("Unit"), self.tr("Overall"), self.tr("Level")]
        self._fill(self.ranking, headers, ranking_rows, stretch=1)
        for r, aid in enumerate(data.ranking):
            self.ranking.item(r, 0).setData(ID_ROLE, aid)

        stats_rows: list[list[Cell]] = []
        for kind, stats in (("policy", data.policy_stats), ("principle", data.principle_stats)):
            for key, s in stats.items():
                name = (
                    f"{key} {short_policy_name(policy_names[key], lang)}"
                    if kind == "policy"
                    else f"{key} {next(p.name.get(lang) for p in data.principles if p.id == key)}"
                )
                stats_rows.append(
                    [
                        (name, ""),
                        (score_text(s.mean), s.mean),
                        (score_text(s.median), s.median),
                        (score_text(s.min), s.min),
                        (score_text(s.max), s.max),
                        (str(s.n), ""),
                    ]
                )
        self._fill(
            self.stats,
            [self.tr("Policy or principle"), self.tr("Mean"), self.tr("Median"), self.tr("Min"), self.tr("Max"), "n"],
            stats_rows,
            stretch=0,
        )
        self._draw_box_plot(data)

        weak_rows: list[list[Cell]] = [
            [
                (str(rank), ""),
                (w.item, ""),
                (
                    f"{w.policy} {short_policy_name(policy_names[w.policy], lang)}" if w.policy in policy_names else "",
                    "",
                ),
                (w.question.get(lang), ""),
                (f"{w.mean_level:.2f}", ""),
                (str(w.n), ""),
            ]
            for rank, w in enumerate(data.weak_items, start=1)
        ]
        self._fill(
            self.weak,
            [self.tr("Rank"), self.tr("Item"), self.tr("Policy"), self.tr("Question"), self.tr("Mean level"), "n"],
            weak_rows,
            stretch=3,
        )

        unit_rows: list[list[Cell]] = [
            [
                (u.path if data.anonymised else "　" * u.depth + u.path.rsplit("/", 1)[-1], ""),
                (score_text(u.score), u.score),
                (str(u.teams), ""),
            ]
            for u in data.units
        ]
        self._fill(self.units, [self.tr("Unit"), self.tr("Score"), self.tr("Teams")], unit_rows, stretch=0)
        note = self.tr("A unit's score is the mean of the overall scores of the assessments in its subtree.")
        if data.anonymised and data.suppressed_groups:
            note += " " + fmt(
                self.tr("%1 group(s) resting on fewer than %2 teams are hidden."),
                data.suppressed_groups,
                data.min_group,
            )
        self.units_note.setText(note)

        current = self.trend_unit.currentText()
        self.trend_unit.blockSignals(True)
        self.trend_unit.clear()
        self.trend_unit.addItems(sorted(data.history))
        self.trend_unit.setCurrentIndex(max(self.trend_unit.findText(current), 0))
        self.trend_unit.blockSignals(False)
        self._show_trend()

    # --- charts -------------------------------------------------------------------------------

    def _draw_box_plot(self, data: Comparison) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBoxPlotSeries, QBoxSet, QChart, QChartView, QValueAxis
        from PySide6.QtGui import QPainter

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().hide()
        series = QBoxPlotSeries()
        series.setBrush(QBrush(QColor("#D9E6F2")))
        series.setPen(QColor("#1F5F99"))
        categories = []
        groups = [(p.id, "policies") for p in data.policies] + [(p.id, "principles") for p in data.principles]
        for key, attribute in groups:
            values = sorted(v for a in data.assessments if (v := getattr(a, attribute).get(key)) is not None)
            if not values:
                continue
            q1, median, q3 = (
                statistics.quantiles(values, n=4, method="inclusive") if len(values) > 1 else [values[0]] * 3
            )
            box = QBoxSet(values[0], q1, median, q3, values[-1], key)
            series.append(box)
            categories.append(key)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append(categories)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setTickCount(6)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis_y)
        chart.setTitle(self.tr("Distribution of the scores per policy and principle"))
        if self.box_chart is None:
            self.box_chart = QChartView(self.distribution_page)
            self.box_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.box_chart.setMinimumHeight(260)
            self.distribution_layout.insertWidget(0, self.box_chart, 2)
        old = self.box_chart.chart()
        self.box_chart.setChart(chart)
        if old is not None:
            old.deleteLater()

    def _show_trend(self) -> None:
        data = self.comparison
        label = self.trend_unit.currentText()
        points = data.history.get(label, []) if data is not None else []
        lang = current_language()
        policies = data.policies if data is not None else []
        deltas = {(t.cycle, t.previous_cycle): t.policies for t in (data.trend if data else []) if t.unit == label}
        rows: list[list[Cell]] = []
        previous = None
        for point in points:
            row: list[Cell] = [(point.cycle, ""), (score_text(point.overall), point.overall)]
            change = deltas.get((point.cycle, previous)) if previous else None
            for p in policies:
                value = point.policies.get(p.id)
                delta = change.get(p.id) if change else None
                text = score_text(value) + ("" if delta is None else f" ({delta:+.1f})")
                row.append((text, value))
            rows.append(row)
            previous = point.cycle
        headers = [self.tr("Cycle"), self.tr("Overall")] + [
            f"{p.id} {short_policy_name(p.name, lang)}" for p in policies
        ]
        self._fill(self.trend_table, headers, rows)
        self._draw_trend(points, policies, lang)

    def _draw_trend(self, points: list[Any], policies: list[Any], lang: str) -> None:
        from PySide6.QtCharts import QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
        from PySide6.QtGui import QPainter, QPen

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        axis_x = QCategoryAxis()
        axis_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, point in enumerate(points):
            axis_x.append(point.cycle, i)
        axis_x.setRange(-0.25, max(len(points) - 1, 0) + 0.25)
        axis_y = QValueAxis()
        axis_y.setRange(0, 100)
        axis_y.setTickCount(6)
        axis_y.setLabelFormat("%d")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for index, p in enumerate(policies):
            series = QLineSeries()
            series.setName(f"{p.id} {short_policy_name(p.name, lang)}")
            colour, style = SERIES_STYLES[index % len(SERIES_STYLES)]
            pen = QPen(QColor(colour))
            pen.setWidthF(2.2)
            pen.setStyle(style)
            series.setPen(pen)
            series.setPointsVisible(True)
            for i, point in enumerate(points):
                value = point.policies.get(p.id)
                if value is not None:
                    series.append(i, value)
            chart.addSeries(series)
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        chart.setTitle(self.trend_unit.currentText())
        if self.trend_chart is None:
            self.trend_chart = QChartView(self.trend_page)
            self.trend_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.trend_chart.setMinimumHeight(260)
            self.trend_splitter.insertWidget(0, self.trend_chart)
        old = self.trend_chart.chart()
        self.trend_chart.setChart(chart)
        if old is not None:
            old.deleteLater()

    # --- click-through ------------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_assessment.emit(int(self.proxy.data(index, ID_ROLE)))

    def _ranking_activated(self, item: QTableWidgetItem | None) -> None:
        if item is None:
            return
        first = self.ranking.item(item.row(), 0)
        if first is not None and first.data(ID_ROLE) is not None:
            self.open_assessment.emit(int(first.data(ID_ROLE)))
