"""The bundled Japanese font (IPAexGothic, IPA Font License v1.0; see LICENSE-IPAexGothic.txt).

ReportLab embeds TrueType outlines only, and IPAexGothic is TrueType, so one file serves
both the PDFs and the Qt interface on machines with no CJK font installed.
"""

from __future__ import annotations

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
FONT_PATH = FONT_DIR / "ipaexg.ttf"
FONT_NAME = "IPAexGothic"
FONT_FAMILY = "IPAexGothic"
