"""The radar chart of the policy scores with the targets overlaid (QtCharts QPolarChart).

Imported only when the results are first shown: QtCharts is slow to load and start-up must
stay fast.
"""

from __future__ import annotations

from PySide6.QtCharts import QAreaSeries, QCategoryAxis, QChart, QChartView, QLineSeries, QPolarChart, QValueAxis
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

SCORE_COLOUR = QColor(33, 102, 172)
TARGET_COLOUR = QColor(214, 96, 77)


class RadarView(QChartView):
    """Scores and targets (0-100) per policy, one axis per policy."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(380, 340)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.labels: list[str] = []
        self.scores: list[float | None] = []
        self.targets: list[float | None] = []
        self.series_names = ("", "")

    def set_data(
        self,
        labels: list[str],
        scores: list[float | None],
        targets: list[float | None],
        score_name: str,
        target_name: str,
    ) -> None:
        self.labels, self.scores, self.targets = labels, scores, targets
        self.series_names = (score_name, target_name)
        chart = QPolarChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        font = self.font()
        chart.legend().setFont(font)

        n = len(labels)
        step = 360.0 / n if n else 360.0
        angular = QCategoryAxis()
        angular.setRange(0, 360)
        angular.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        angular.setLabelsFont(font)
        # A category axis needs increasing end values, so the first policy sits at 360 (= 0, the top).
        for index in [*range(1, n), 0]:
            angular.append(labels[index], index * step if index else 360.0)
        chart.addAxis(angular, QPolarChart.PolarOrientation.PolarOrientationAngular)
        radial = QValueAxis()
        radial.setRange(0, 100)
        radial.setTickCount(6)
        radial.setLabelFormat("%d")
        small = self.font()
        small.setPointSizeF(small.pointSizeF() * 0.8)
        radial.setLabelsFont(small)
        chart.addAxis(radial, QPolarChart.PolarOrientation.PolarOrientationRadial)

        score_line = self._polygon(scores, step)
        area = QAreaSeries(score_line)
        score_line.setParent(area)  # QAreaSeries does not own its boundary line
        area.setName(score_name)
        fill = QColor(SCORE_COLOUR)
        fill.setAlpha(70)
        area.setBrush(fill)
        area.setPen(QPen(SCORE_COLOUR, 2.5))
        chart.addSeries(area)
        area.attachAxis(angular)
        area.attachAxis(radial)
        if any(t is not None for t in targets):
            target_line = self._polygon(targets, step)
            target_line.setName(target_name)
            target_line.setPen(QPen(TARGET_COLOUR, 2, Qt.PenStyle.DashLine))
            chart.addSeries(target_line)
            target_line.attachAxis(angular)
            target_line.attachAxis(radial)
        old = self.chart()
        self.setChart(chart)
        self._chart = chart  # the view does not tell Python it owns the chart: keep it alive
        if old is not None:
            old.deleteLater()

    @staticmethod
    def _polygon(values: list[float | None], step: float) -> QLineSeries:
        series = QLineSeries()
        points = [(index * step, value or 0.0) for index, value in enumerate(values)]
        for angle, value in points:
            series.append(angle, value)
        if points:
            series.append(360.0, points[0][1])  # close the shape
        return series
