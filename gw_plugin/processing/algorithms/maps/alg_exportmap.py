"""gwplugin:exportmap — one of the map products (city overview, zoning map, recharge-zone map, well-quality map, and
the vulnerability, source-load, function-value and pollution-status maps of the zoning) of a project to PDF and PNG, laid out by core/maps/products.py on the print-layout templates. Chinese by default,
English on request.
"""

from __future__ import annotations

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProject,
)

from ....core.maps import layout as ME
from ....core.maps.products import LANGS, MAPS, ORIENTATIONS, PAPERS, SOIL_MAPS, export_product
from ...base import GwAlgorithm, fail
from ...params import raster_path

ALL_MAPS = MAPS + SOIL_MAPS  # the soil pilot area's site map last: the indices of the others stay


class ExportMapAlgorithm(GwAlgorithm):
    NAME = "exportmap"
    DISPLAY = "Export a map product (PDF/PNG)"
    GROUP_ID = "maps"
    GROUP = "Maps"
    HELP = (
        "Lays out one of the map products on the print-layout template of the chosen paper and orientation "
        "(title, legend, scale bar, north arrow, CGCS2000 graticule, notes, data sources and date) and writes it "
        "to PDF and/or PNG: overview (wells by aquifer layer, sources by category, water sources), zoning "
        "(zoning_units of one version by zone class in the colours of the zone_class code list, newest version by "
        "default), recharge_zones (protection and recharge zones, water sources and the pollution sources inside "
        "the zones), well_quality (wells by latest GB/T 14848 class, one legend group per aquifer layer); vulnerability "
        "(DRASTIC index in its classes), source_load, function_value and pollution_status (grades of the pollution "
        "assessment, or GB/T 14848 classes, labelled as such): the RASTER given, else the project's layer of that "
        "zoning step. The "
        "project is the given .qgz/.qgs file, else the current project; it is not changed. Text in Chinese by "
        "default, English on request."
    )

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                "PROJECT",
                self.tr("QGIS project (.qgz/.qgs; empty = the current project)"),
                fileFilter="QGIS projects (*.qgz *.qgs)",
                optional=True,
            )
        )
        labels = {
            "overview": self.tr("overview map"),
            "zoning": self.tr("zoning map"),
            "recharge_zones": self.tr("protection and recharge zones"),
            "well_quality": self.tr("groundwater quality of the wells"),
            "vulnerability": self.tr("vulnerability (DRASTIC)"),
            "source_load": self.tr("pollution-source load"),
            "function_value": self.tr("function value"),
            "pollution_status": self.tr("pollution status"),
            "sites": self.tr("construction-land sites (stages, exceeding points)"),
        }
        self.addParameter(
            QgsProcessingParameterEnum("MAP", self.tr("Map"), options=[labels[m] for m in ALL_MAPS], defaultValue=1)
        )
        self.addParameter(QgsProcessingParameterEnum("PAPER", self.tr("Paper"), options=PAPERS, defaultValue=0))
        self.addParameter(
            QgsProcessingParameterEnum(
                "ORIENTATION",
                self.tr("Orientation"),
                options=[self.tr("landscape"), self.tr("portrait")],  # ORIENTATIONS, translated
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                "LANG", self.tr("Language"), options=[self.tr("Chinese"), self.tr("English")], defaultValue=0
            )
        )
        self.addParameter(QgsProcessingParameterString("TITLE", self.tr("Title (empty = standard)"), optional=True))
        self.addParameter(
            QgsProcessingParameterString(
                "VERSION", self.tr("Zoning version (zoning map; empty = the newest)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                "RASTER",
                self.tr("Raster of a raster map (vulnerability, source load, function value, pollution status; empty = "
                        "the project's)"),
                optional=True,
            )
        )  # fmt: skip
        self.addParameter(
            QgsProcessingParameterEnum(
                "POLLUTION_KIND",
                self.tr("The pollution-status raster holds"),
                options=[
                    self.tr("pollution grades (pollution assessment)"),
                    self.tr("water-quality classes (GB/T 14848; not a pollution assessment)"),
                ],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                "DPI", self.tr("Resolution (dpi)"), QgsProcessingParameterNumber.Type.Integer, 200, minValue=50
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_PDF", self.tr("PDF"), fileFilter="PDF (*.pdf)", optional=True, createByDefault=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                "OUTPUT_PNG", self.tr("PNG"), fileFilter="PNG (*.png)", optional=True, createByDefault=False
            )
        )

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, "PROJECT", context)
        if path:
            project = QgsProject()
            if not project.read(path):
                fail(self.tr("Cannot read the project {p}: {e}").format(p=path, e=project.error()))
        else:
            project = context.project() or QgsProject.instance()
        pdf = self.parameterAsFileOutput(parameters, "OUTPUT_PDF", context) or None
        png = self.parameterAsFileOutput(parameters, "OUTPUT_PNG", context) or None
        if not pdf and not png:
            fail(self.tr("Give a PDF and/or a PNG output."))
        product = ALL_MAPS[self.parameterAsEnum(parameters, "MAP", context)]
        if product == "overview" and self.parameterAsString(parameters, "TITLE", context).strip():
            feedback.pushWarning(self.tr("The overview map keeps its standard title; TITLE is not used for it."))
        try:
            written = export_product(
                project,
                product,
                pdf,
                png,
                paper=PAPERS[self.parameterAsEnum(parameters, "PAPER", context)],
                orientation=ORIENTATIONS[self.parameterAsEnum(parameters, "ORIENTATION", context)],
                lang=LANGS[self.parameterAsEnum(parameters, "LANG", context)],
                title=self.parameterAsString(parameters, "TITLE", context).strip(),
                version=self.parameterAsString(parameters, "VERSION", context).strip(),
                dpi=self.parameterAsInt(parameters, "DPI", context),
                raster=raster_path(self, parameters, "RASTER", context) or "",
                pollution_kind=["assessment", "quality_class"][
                    self.parameterAsEnum(parameters, "POLLUTION_KIND", context)
                ],
            )
        except (ME.MapExportError, ValueError, OSError) as exc:
            fail(str(exc))
        feedback.pushInfo(
            self.tr("Wrote {f}.").format(f=", ".join(v for k, v in written.items() if k in ("pdf", "png")))
        )
        result = {"OUTPUT_PDF": written.get("pdf"), "OUTPUT_PNG": written.get("png"), "MAP": product}
        for k in ("scheme", "version", "sources_inside", "wells", "raster"):
            if k in written:
                result[k.upper()] = written[k]
        return result
