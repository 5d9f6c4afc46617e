"""Block-wise raster I/O shared by the zoning analyses (DRASTIC, source load, function value, zoning).

- ``Grid``: the target grid (north-up geotransform, size, CRS) every analysis writes on;
- ``align``: puts a raster of any extent/resolution/CRS onto a target grid explicitly with a chosen resampling
  method (``gdal.Warp`` to a VRT, so nothing is resampled until a block is read) and says what it did;
- ``blocks`` / ``read_block``: row blocks (1024 rows by default) so memory stays bounded whatever the grid size;
  ``read_block`` returns the values and a validity mask, so nodata propagates;
- ``create_raster``: a tiled GeoTIFF (or any GDAL format by extension) on the grid;
- ``rasterize_shapes``: burns (WKB, value) pairs onto the grid with ``gdal.Rasterize``;
- ``Feedback`` / ``Canceled``: progress, log and cancel hooks the core functions accept (the Processing
  algorithms pass gw_plugin.processing.base.FeedbackBridge);
- ``source_shapes``: reads a QGIS feature source into (WKB, attribute values) pairs in the grid CRS.

No widgets; osgeo and numpy only (qgis.core is imported lazily by ``source_shapes``).
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional, Sequence

import numpy as np
from osgeo import gdal, ogr, osr

from ...toolbelt import geometry as G
from ...toolbelt.i18n import tr
from ...toolbelt.qt import null_to_none

TR_CONTEXT = "gw_rasterblocks"  # the translation context of this module's texts

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

#: Rows per block. 512 rows x 10,000 columns x 8 bytes = 41 MB for a float64 temporary, the largest we make;
#: blocks of this size also stay cache-friendly (measured faster than 1024 rows on the 10-million-cell benchmark).
BLOCK_ROWS = 512

#: Nodata written into Float32 outputs.
FLOAT_NODATA = -9999.0

#: Resampling methods offered to users (names as in gdal.Warp's resampleAlg).
RESAMPLING = ("nearest", "bilinear", "average", "mode")

GTIFF_OPTIONS = ["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "BIGTIFF=IF_SAFER"]


class Canceled(Exception):  # noqa: N818 - reads better at call sites
    """The user canceled a long analysis."""


class RasterError(ValueError):
    """An input raster or grid cannot be used (message meant for the user)."""


class Feedback:
    """Default feedback: silent. Anything with progress(percent), info(text), is_canceled() can be passed."""

    def progress(self, percent: float) -> None:
        pass

    def info(self, text: str) -> None:
        pass

    def is_canceled(self) -> bool:
        return False


class ListFeedback(Feedback):
    """Collects log lines (used by tests and the benchmark)."""

    def __init__(self):
        self.lines: list = []
        self.percent = 0.0

    def progress(self, percent: float) -> None:
        self.percent = percent

    def info(self, text: str) -> None:
        self.lines.append(text)


def check_canceled(feedback) -> None:
    if feedback is not None and feedback.is_canceled():
        raise Canceled(tr(TR_CONTEXT, "Canceled by the user."))


# --------------------------------------------------------------------------------------------------------------
# Grid
# --------------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Grid:
    """A north-up raster grid: upper-left corner, positive cell sizes, size in cells and the CRS as WKT."""

    xmin: float
    ymax: float
    cell_x: float
    cell_y: float
    cols: int
    rows: int
    crs_wkt: str = ""

    @property
    def xmax(self) -> float:
        return self.xmin + self.cols * self.cell_x

    @property
    def ymin(self) -> float:
        return self.ymax - self.rows * self.cell_y

    @property
    def geotransform(self) -> tuple:
        return (self.xmin, self.cell_x, 0.0, self.ymax, 0.0, -self.cell_y)

    @property
    def cell_area(self) -> float:
        return self.cell_x * self.cell_y

    @property
    def size(self) -> int:
        return self.cols * self.rows

    @classmethod
    def from_dataset(cls, ds) -> Grid:
        gt = ds.GetGeoTransform()
        if gt[2] != 0 or gt[4] != 0 or gt[5] >= 0:
            raise RasterError(
                tr(TR_CONTEXT, "Rotated or south-up rasters are not supported; warp the raster north-up first.")
            )
        return cls(gt[0], gt[3], gt[1], -gt[5], ds.RasterXSize, ds.RasterYSize, ds.GetProjection() or "")

    @classmethod
    def from_raster(cls, path: str, target_crs: str = "") -> Grid:
        """The grid of a raster, as a target grid: in a projected CRS in metres. A raster in a geographic CRS is
        refused with a clear message, or, when ``target_crs`` (a projected CRS) is given, its extent is
        reprojected there with GDAL's suggested cell size (``reprojected``)."""
        ds = gdal.Open(str(path))
        if ds is None:
            raise RasterError(tr(TR_CONTEXT, "Cannot open raster {p}.").format(p=path))
        try:
            grid = cls.from_dataset(ds)
            if is_geographic(grid.crs_wkt) and target_crs:
                return grid.reprojected(target_crs, ds)
            return grid.checked()
        finally:
            ds = None

    def checked(self) -> Grid:
        """The grid itself when its CRS is projected (or unknown); RasterError for a geographic CRS, whose cell
        sizes are degrees (areas would be square degrees and distance kernels would not fit in memory)."""
        if is_geographic(self.crs_wkt):
            raise RasterError(
                tr(
                    TR_CONTEXT,
                    "The grid is in a geographic CRS (degrees): reproject the raster to a projected CRS in metres "
                    "(e.g. EPSG:4547) or give a projected target CRS.",
                )
            )
        return self

    def reprojected(self, target_crs: str, ds=None) -> Grid:
        """This grid's extent in ``target_crs`` (projected), with the cell size GDAL suggests for the warp."""
        dst = crs_wkt(target_crs)
        if not dst or is_geographic(dst):
            raise RasterError(tr(TR_CONTEXT, "The target CRS must be a projected CRS in metres (e.g. EPSG:4547)."))
        if ds is None:
            ds = create_raster("", self, gdal.GDT_Byte, None)
        vrt = gdal.Warp("", ds, format="VRT", dstSRS=dst)
        g = Grid.from_dataset(vrt)
        cell = min(g.cell_x, g.cell_y)
        return Grid.from_extent(g.xmin, g.ymin, g.xmax, g.ymax, cell, dst)

    @classmethod
    def from_extent(
        cls, xmin: float, ymin: float, xmax: float, ymax: float, cell: float, crs: str = "", cell_y: float = 0.0
    ) -> Grid:
        """A grid covering the extent; the extent grows to whole cells from its upper-left corner."""
        cy = cell_y or cell
        if cell <= 0 or cy <= 0:
            raise RasterError(tr(TR_CONTEXT, "The cell size must be greater than 0."))
        if xmax <= xmin or ymax <= ymin:
            raise RasterError(tr(TR_CONTEXT, "The extent is empty."))
        cols = max(1, int(math.ceil((xmax - xmin) / cell - 1e-9)))
        rows = max(1, int(math.ceil((ymax - ymin) / cy - 1e-9)))
        return cls(xmin, ymax, cell, cy, cols, rows, crs_wkt(crs) if crs else "").checked()

    def same_as(self, other: Grid) -> bool:
        tol = 1e-6 * max(self.cell_x, self.cell_y)
        return (
            self.cols == other.cols
            and self.rows == other.rows
            and abs(self.xmin - other.xmin) <= tol
            and abs(self.ymax - other.ymax) <= tol
            and abs(self.cell_x - other.cell_x) <= tol
            and abs(self.cell_y - other.cell_y) <= tol
            and same_crs(self.crs_wkt, other.crs_wkt)
        )

    def describe(self) -> str:
        return f"{self.cols} x {self.rows} cells of {self.cell_x:g} x {self.cell_y:g}, extent {self.xmin:.2f}, {self.ymin:.2f} : {self.xmax:.2f}, {self.ymax:.2f}"

    def cell_of(self, x, y):
        """(row, col) integer arrays of the cells containing points (may be outside the grid)."""
        col = np.floor((np.asarray(x, dtype=float) - self.xmin) / self.cell_x).astype(np.int64)
        row = np.floor((self.ymax - np.asarray(y, dtype=float)) / self.cell_y).astype(np.int64)
        return row, col

    def centres(self, yoff: int, rows: int):
        """x (cols,) and y (rows,) coordinates of the cell centres of a row block."""
        x = self.xmin + (np.arange(self.cols) + 0.5) * self.cell_x
        y = self.ymax - (np.arange(yoff, yoff + rows) + 0.5) * self.cell_y
        return x, y


def crs_wkt(crs: str) -> str:
    if not crs:
        return ""
    srs = osr.SpatialReference()
    srs.SetFromUserInput(crs)
    return srs.ExportToWkt()


def is_geographic(wkt: str) -> bool:
    """True when ``wkt`` is a geographic CRS (degrees); False for a projected or unknown one."""
    if not wkt:
        return False
    srs = osr.SpatialReference()
    srs.ImportFromWkt(wkt)
    return bool(srs.IsGeographic())


def same_crs(a: str, b: str) -> bool:
    if not a or not b:
        return True  # an unknown CRS is taken as the grid's (reported by the caller)
    sa, sb = osr.SpatialReference(), osr.SpatialReference()
    sa.ImportFromWkt(a)
    sb.ImportFromWkt(b)
    return bool(sa.IsSame(sb))


def blocks(grid: Grid, block_rows: int = BLOCK_ROWS) -> Iterator:
    """(yoff, rows) of consecutive row blocks covering the grid."""
    block_rows = max(1, int(block_rows))
    for yoff in range(0, grid.rows, block_rows):
        yield yoff, min(block_rows, grid.rows - yoff)


# --------------------------------------------------------------------------------------------------------------
# Alignment
# --------------------------------------------------------------------------------------------------------------
class Workspace:
    """A temporary folder for VRTs and intermediate rasters; removed by close() (also a context manager)."""

    def __init__(self, prefix: str = "gw_zoning_"):
        self._tmp = tempfile.TemporaryDirectory(prefix=prefix)
        self.path = self._tmp.name
        self._n = 0

    def file(self, stem: str, ext: str = ".tif") -> str:
        self._n += 1
        return os.path.join(self.path, f"{self._n:03d}_{stem}{ext}")

    def close(self) -> None:
        self._tmp.cleanup()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


@dataclass
class AlignedRaster:
    """A raster readable on the target grid: ``ds`` has the grid's size; ``message`` says how it was aligned."""

    source: str
    ds: object
    band: int
    nodata: Optional[float]
    resampled: bool
    resampling: str
    message: str

    def read(self, yoff: int, rows: int):
        return read_block(self.ds, yoff, rows, self.band, self.nodata)

    def close(self) -> None:
        self.ds = None


def align(
    path: str,
    grid: Grid,
    resampling: str = "nearest",
    workspace: Optional[Workspace] = None,
    band: int = 1,
    label: str = "",
) -> AlignedRaster:
    """Open ``path`` on ``grid``: as it is when it already matches, otherwise through a warped VRT.

    The resampling method is applied only when the raster is not on the grid; the returned message states the
    source grid, the target grid and the method, and the algorithms write it to the log."""
    if resampling not in RESAMPLING:
        raise RasterError(
            tr(TR_CONTEXT, "Unknown resampling method {m}; use one of {all}.").format(m=resampling, all=RESAMPLING)
        )
    src = gdal.Open(str(path))
    if src is None:
        raise RasterError(tr(TR_CONTEXT, "Cannot open raster {p}.").format(p=path))
    if band < 1 or band > src.RasterCount:
        raise RasterError(tr(TR_CONTEXT, "{p} has no band {b}.").format(p=path, b=band))
    src_grid = Grid.from_dataset(src)
    nodata = src.GetRasterBand(band).GetNoDataValue()
    name = label or os.path.basename(str(path))
    if src_grid.same_as(grid):
        msg = tr(TR_CONTEXT, "{name}: already on the target grid ({g}); not resampled.").format(
            name=name, g=grid.describe()
        )
        return AlignedRaster(str(path), src, band, nodata, False, "none", msg)
    if workspace is None:
        raise RasterError(tr(TR_CONTEXT, "A workspace is needed to align {name}.").format(name=name))
    vrt = workspace.file("aligned_" + os.path.splitext(os.path.basename(str(path)))[0], ".vrt")
    dst_nodata = nodata if nodata is not None else FLOAT_NODATA
    opts = gdal.WarpOptions(
        format="VRT",
        outputBounds=(grid.xmin, grid.ymin, grid.xmax, grid.ymax),
        width=grid.cols,
        height=grid.rows,
        dstSRS=grid.crs_wkt or None,
        srcSRS=None if src_grid.crs_wkt else (grid.crs_wkt or None),
        resampleAlg=resampling,
        srcNodata=nodata,
        dstNodata=dst_nodata,
        outputType=gdal.GDT_Float32 if nodata is None else src.GetRasterBand(band).DataType,
        multithread=False,
    )
    if src.RasterCount > 1:  # GDAL 3.6 Warp has no band selection: pick the band through a VRT first
        picked = workspace.file("band", ".vrt")
        src = gdal.Translate(picked, src, format="VRT", bandList=[band])
    ds = gdal.Warp(vrt, src, options=opts)
    src = None
    crs_note = "" if same_crs(src_grid.crs_wkt, grid.crs_wkt) else tr(TR_CONTEXT, " and reprojected")
    msg = tr(TR_CONTEXT, "{name}: resampled{crs} from {src} to the target grid ({g}) with '{m}' resampling.").format(
        name=name, crs=crs_note, src=src_grid.describe(), g=grid.describe(), m=resampling
    )
    return AlignedRaster(str(path), ds, 1, dst_nodata, True, resampling, msg)


def read_block(ds, yoff: int, rows: int, band: int = 1, nodata: Optional[float] = None):
    """Values of a row block and the mask of valid cells (False where nodata or NaN)."""
    b = ds.GetRasterBand(band)
    arr = b.ReadAsArray(0, yoff, ds.RasterXSize, rows)
    if nodata is None:
        nodata = b.GetNoDataValue()
    if arr.dtype.kind == "f":
        valid = ~np.isnan(arr)  # (measured cheaper than a sum that would tell whether the block has any NaN)
        if nodata is not None and not math.isnan(nodata):
            valid &= arr != nodata
    elif nodata is not None:
        valid = arr != nodata
    else:
        valid = np.ones(arr.shape, dtype=bool)
    return arr, valid


# --------------------------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------------------------
_DRIVERS = {".tif": "GTiff", ".tiff": "GTiff", ".img": "HFA", ".vrt": "VRT", ".sdat": "SAGA", ".asc": "AAIGrid"}


def create_raster(path: str, grid: Grid, gdal_type: int = gdal.GDT_Float32, nodata=FLOAT_NODATA, bands: int = 1):
    """A new raster on ``grid`` (tiled GeoTIFF unless the extension names another GDAL format, or MEM for '')."""
    if not path:
        ds = gdal.GetDriverByName("MEM").Create("", grid.cols, grid.rows, bands, gdal_type)
    else:
        ext = os.path.splitext(str(path))[1].lower()
        driver = _DRIVERS.get(ext, "GTiff")
        if driver in ("AAIGrid",):
            raise RasterError(
                tr(TR_CONTEXT, "Write {p} as GeoTIFF (.tif); {e} cannot be written block-wise.").format(p=path, e=ext)
            )
        opts = GTIFF_OPTIONS if driver == "GTiff" else []
        if os.path.exists(path):
            gdal.GetDriverByName(driver).Delete(str(path)) if driver != "GTiff" else os.remove(path)
        ds = gdal.GetDriverByName(driver).Create(str(path), grid.cols, grid.rows, bands, gdal_type, options=opts)
    ds.SetGeoTransform(grid.geotransform)
    if grid.crs_wkt:
        ds.SetProjection(grid.crs_wkt)
    if nodata is not None:
        for i in range(1, bands + 1):
            ds.GetRasterBand(i).SetNoDataValue(nodata)
    return ds


def set_categories(ds, names: Sequence[str], colors: Optional[dict] = None, band: int = 1) -> None:
    """Category names (index = pixel value) and an optional colour table {value: '#rrggbb'} on a Byte band."""
    b = ds.GetRasterBand(band)
    b.SetCategoryNames(list(names))
    if colors:
        ct = gdal.ColorTable()
        for value, hexcol in colors.items():
            h = hexcol.lstrip("#")
            ct.SetColorEntry(int(value), (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), 255))
        b.SetRasterColorTable(ct)


# --------------------------------------------------------------------------------------------------------------
# Vector input
# --------------------------------------------------------------------------------------------------------------
def memory_layer(shapes: Iterable, grid: Grid, value_type: int = ogr.OFTReal):
    """An OGR memory layer in the grid CRS with a field 'v' from (wkb, value) pairs; returns (datasource, layer)."""
    drv = ogr.GetDriverByName("Memory")
    mem = drv.CreateDataSource("shapes")
    srs = None
    if grid.crs_wkt:
        srs = osr.SpatialReference()
        srs.ImportFromWkt(grid.crs_wkt)
    lyr = mem.CreateLayer("shapes", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("v", value_type))
    defn = lyr.GetLayerDefn()
    for wkb, value in shapes:
        if wkb is None:
            continue
        f = ogr.Feature(defn)
        f.SetGeometry(ogr.CreateGeometryFromWkb(bytes(wkb)))
        if value is not None:
            f.SetField("v", value)
        lyr.CreateFeature(f)
    return mem, lyr


def rasterize_shapes(
    shapes: Iterable,
    grid: Grid,
    path: str = "",
    gdal_type: int = gdal.GDT_Float32,
    nodata=FLOAT_NODATA,
    all_touched: bool = False,
    burn: Optional[float] = None,
):
    """Burn (wkb, value) pairs onto ``grid`` (later shapes overwrite earlier ones); returns the open dataset.

    Cells not covered keep ``nodata`` (or 0 when nodata is None). With ``burn`` every shape burns that value."""
    mem, lyr = memory_layer(shapes, grid)
    ds = create_raster(path, grid, gdal_type, nodata)
    init = nodata if nodata is not None else 0
    ds.GetRasterBand(1).Fill(init)
    opts = ["ALL_TOUCHED=TRUE"] if all_touched else []
    if burn is None:
        gdal.RasterizeLayer(ds, [1], lyr, options=opts + ["ATTRIBUTE=v"])
    else:
        gdal.RasterizeLayer(ds, [1], lyr, burn_values=[burn], options=opts)
    del lyr, mem
    return ds


def union_wkb(wkbs: Iterable) -> Optional[ogr.Geometry]:
    """The union of polygon WKBs (repaired, through toolbelt.geometry) as one valid OGR MultiPolygon (None when
    empty)."""
    merged = G.union(G.from_wkb(bytes(w)) for w in wkbs if w is not None)
    if merged.is_empty:
        return None
    return G.to_ogr(merged)


def source_shapes(source, fields: Sequence[str], dest_crs_wkt: str, transform_context=None, feedback=None) -> list:
    """Read a QGIS feature source into [(wkb, [field values])], geometries transformed to the grid CRS."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeatureRequest,
    )

    dest = QgsCoordinateReferenceSystem.fromWkt(dest_crs_wkt) if dest_crs_wkt else source.sourceCrs()
    request = QgsFeatureRequest()
    request.setDestinationCrs(dest, transform_context or QgsCoordinateTransformContext())
    names = [f.name() for f in source.fields()]
    for f in fields:
        if f and f not in names:
            raise RasterError(tr(TR_CONTEXT, "The layer has no field {f}.").format(f=f))
    out = []
    for feat in source.getFeatures(request):
        check_canceled(feedback)
        geom = feat.geometry()
        if geom is None or geom.isEmpty():
            continue
        values = [(None if not f else _plain(feat[f])) for f in fields]
        out.append((bytes(geom.asWkb()), values))
    return out


def _plain(value):
    """QVariant NULL -> None; other values unchanged."""
    return null_to_none(value)
