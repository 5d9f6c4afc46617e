"""The groundwater flow field from heads at wells (issue 18): a planar fit (gradient, flow azimuth, R²), an
interpolated head raster, head contours and flow arrows.

Heads are in metres, coordinates in a projected CRS in metres (the caller refuses or reprojects a geographic CRS).
The flow direction is down the head gradient, -∇h; its azimuth is in degrees clockwise from north, the direction the
water flows towards. Interpolation is linear on the Delaunay triangulation of the wells (scipy), so the raster is
exact for heads on a plane and never extrapolates: cells outside the wells' convex hull are nodata.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

NODATA = -9999.0


class FlowFieldError(ValueError):
    """Too few or degenerate heads for a flow field (the message says why)."""


@dataclass(frozen=True)
class PlaneFit:
    """h = a·x + b·y + c fitted by least squares to ``n`` heads."""

    a: float
    b: float
    c: float
    n: int
    r2: float

    @property
    def gradient(self) -> float:
        """|∇h| (dimensionless, m/m)."""
        return math.hypot(self.a, self.b)

    @property
    def azimuth(self) -> float:
        """Direction the water flows towards, degrees clockwise from north in [0, 360)."""
        return flow_azimuth(-self.a, -self.b)


def flow_azimuth(east: float, north: float) -> float:
    """Azimuth (degrees clockwise from north, [0, 360)) of the vector (east, north)."""
    return math.degrees(math.atan2(east, north)) % 360.0


def _clean(x, y, h) -> tuple:
    x, y, h = (np.asarray(v, float).ravel() for v in (x, y, h))
    if not (x.size == y.size == h.size):
        raise FlowFieldError("x, y and head must have the same length")
    ok = np.isfinite(x) & np.isfinite(y) & np.isfinite(h)
    return x[ok], y[ok], h[ok]


def plane_fit(x, y, h) -> PlaneFit:
    """Least-squares plane through the heads. Needs at least three wells not on one line."""
    x, y, h = _clean(x, y, h)
    if x.size < 3:
        raise FlowFieldError(f"a flow field needs heads at 3 or more wells; {x.size} given")
    x0, y0 = x.mean(), y.mean()  # centred for a well-conditioned fit (coordinates are ~10⁵–10⁶ m)
    design = np.column_stack([x - x0, y - y0, np.ones_like(x)])
    if np.linalg.matrix_rank(design) < 3:
        raise FlowFieldError("the wells lie on one line: the direction of flow cannot be determined")
    coef, *_ = np.linalg.lstsq(design, h, rcond=None)
    a, b, c0 = (float(v) for v in coef)
    fitted = design @ coef
    ss_res = float(((h - fitted) ** 2).sum())
    ss_tot = float(((h - h.mean()) ** 2).sum())
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else 1.0
    return PlaneFit(a, b, c0 - a * x0 - b * y0, int(x.size), r2)


@dataclass
class HeadGrid:
    """Interpolated heads on a north-up grid: ``values[row, col]`` (row 0 at the north edge), NaN outside the
    wells' hull. ``origin`` is the (x, y) of the grid's north-west corner."""

    values: np.ndarray
    origin: tuple
    cell: float

    @property
    def shape(self) -> tuple:
        return self.values.shape

    def geotransform(self) -> tuple:
        return (self.origin[0], self.cell, 0.0, self.origin[1], 0.0, -self.cell)

    def centres(self) -> tuple:
        """(X, Y) arrays of cell centres."""
        rows, cols = self.values.shape
        xs = self.origin[0] + (np.arange(cols) + 0.5) * self.cell
        ys = self.origin[1] - (np.arange(rows) + 0.5) * self.cell
        return np.meshgrid(xs, ys)


def head_grid(x, y, h, cell: float, extent: tuple | None = None, max_cells: int = 25_000_000) -> HeadGrid:
    """Linear (Delaunay) interpolation of the heads on a grid of ``cell`` metres over ``extent`` (xmin, ymin, xmax,
    ymax; default: the wells' bounding box)."""
    from scipy.interpolate import LinearNDInterpolator  # scipy comes with Debian's QGIS stack (python3-scipy)

    x, y, h = _clean(x, y, h)
    plane_fit(x, y, h)  # the same refusals: fewer than three wells, or all on one line
    if not cell > 0:
        raise FlowFieldError("the cell size must be positive")
    xmin, ymin, xmax, ymax = extent or (x.min(), y.min(), x.max(), y.max())
    cols = max(1, int(math.ceil((xmax - xmin) / cell)))
    rows = max(1, int(math.ceil((ymax - ymin) / cell)))
    if rows * cols > max_cells:
        raise FlowFieldError(
            f"a {cell:g} m grid over this extent has {rows * cols:,} cells (limit {max_cells:,}): choose a larger cell"
        )
    grid = HeadGrid(np.empty((rows, cols)), (float(xmin), float(ymax)), float(cell))
    gx, gy = grid.centres()
    interp = LinearNDInterpolator(np.column_stack([x, y]), h, fill_value=np.nan)
    grid.values = interp(gx, gy)
    return grid


def contour_levels(values: np.ndarray, interval: float, base: float = 0.0) -> list:
    """Contour levels every ``interval`` metres (offset ``base``) spanning the finite values."""
    finite = values[np.isfinite(values)]
    if not finite.size or not interval > 0:
        return []
    lo = math.ceil((finite.min() - base) / interval)
    hi = math.floor((finite.max() - base) / interval)
    return [base + k * interval for k in range(lo, hi + 1)]


def contours(grid: HeadGrid, interval: float, base: float = 0.0) -> list:
    """Head contours as [(level, [(x, y), ...]), ...] line strings, traced by GDAL's contour generator on the grid."""
    from osgeo import gdal, ogr

    levels = contour_levels(grid.values, interval, base)
    if not levels:
        return []
    rows, cols = grid.shape
    mem = gdal.GetDriverByName("MEM").Create("", cols, rows, 1, gdal.GDT_Float64)
    mem.SetGeoTransform(grid.geotransform())
    band = mem.GetRasterBand(1)
    band.SetNoDataValue(NODATA)
    band.WriteArray(np.where(np.isfinite(grid.values), grid.values, NODATA))
    ds = ogr.GetDriverByName("Memory").CreateDataSource("contours")
    layer = ds.CreateLayer("contours", geom_type=ogr.wkbLineString)
    layer.CreateField(ogr.FieldDefn("id", ogr.OFTInteger))
    layer.CreateField(ogr.FieldDefn("head", ogr.OFTReal))
    gdal.ContourGenerate(band, 0, 0, [float(v) for v in levels], 1, NODATA, layer, 0, 1)
    out = []
    for feat in layer:
        geom = feat.GetGeometryRef()
        if geom is None or geom.GetPointCount() < 2:
            continue
        out.append((float(feat.GetField("head")), [(p[0], p[1]) for p in geom.GetPoints()]))
    return out


def arrows(grid: HeadGrid, spacing: float) -> list:
    """Flow arrows every ``spacing`` metres: [(x, y, azimuth°, gradient)] from the local slope of the head grid."""
    step = max(1, int(round(spacing / grid.cell)))
    values = grid.values
    if min(values.shape) < 2:
        return []
    dh_drow, dh_dcol = np.gradient(values, grid.cell)
    gx, gy = grid.centres()
    out = []
    for r in range(step // 2, values.shape[0], step):
        for c in range(step // 2, values.shape[1], step):
            east, north = -dh_dcol[r, c], dh_drow[r, c]  # rows run southwards: ∂h/∂y = -∂h/∂row
            if not (math.isfinite(east) and math.isfinite(north)):
                continue
            g = math.hypot(east, north)
            if g == 0:
                continue
            out.append((float(gx[r, c]), float(gy[r, c]), flow_azimuth(east, north), g))
    return out
