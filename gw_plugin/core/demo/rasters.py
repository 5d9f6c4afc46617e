"""The demo city's rasters (core/demo/): the DRASTIC input fields and land use on the 100 m model grid, and their
GeoTIFF files with rasters/classes.json.
"""

from __future__ import annotations

import json
import os

import numpy as np
from osgeo import gdal, ogr, osr

from .geography import CELL_SIZE, MODEL_CRS, Geo

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

FLOAT_NODATA = -9999.0
CLASS_NODATA = 255

#: Land-use class codes of rasters/land_use.tif (also used to decide where farms, parks and wells go).
FARMLAND, URBAN, INDUSTRIAL, WATER, FOREST = 1, 2, 3, 4, 5

#: Class codes of the media rasters. ``drastic`` names the matching category of Aller et al. (1987),
#: EPA/600/2-85/018, so that a later DRASTIC tool can map codes to its (editable) rating tables.
RASTER_CLASSES = {
    "land_use": {
        FARMLAND: ("耕地", "Farmland", None),
        URBAN: ("城镇建设用地", "Urban", None),
        INDUSTRIAL: ("工业用地", "Industrial", None),
        WATER: ("水域", "Water", None),
        FOREST: ("林地", "Forest", None),
    },
    "aquifer_media": {
        1: ("砂卵砾石", "Sand and gravel", "Sand and Gravel"),
        2: ("中细砂", "Medium-fine sand", "Sand and Gravel"),
        3: ("粉细砂夹粉土", "Silty fine sand with silt", "Glacial Till"),
        4: ("岩溶灰岩", "Karst limestone", "Karst Limestone"),
        5: ("层状砂页岩裂隙岩", "Bedded sandstone and shale (fissured)", "Bedded Sandstone, Limestone and Shale"),
    },
    "soil_media": {
        1: ("砂土", "Sand", "Sand"),
        2: ("砂壤土", "Sandy loam", "Sandy Loam"),
        3: ("壤土", "Loam", "Loam"),
        4: ("粉质壤土", "Silty loam", "Silty Loam"),
        5: ("黏壤土", "Clay loam", "Clay Loam"),
        6: ("薄层或无土壤", "Thin or absent", "Thin or Absent"),
    },
    "vadose_media": {
        1: ("砂砾石", "Sand and gravel", "Sand and Gravel"),
        2: ("含粉黏粒砂砾", "Sand and gravel with significant silt and clay", "Sand and Gravel w/ sig. Silt and Clay"),
        3: ("粉土、黏土", "Silt and clay", "Silt/Clay"),
        4: ("岩溶灰岩", "Karst limestone", "Karst Limestone"),
        5: ("层状砂页岩", "Bedded sandstone and shale", "Bedded Limestone, Sandstone, Shale"),
    },
}
RASTER_UNITS = {
    "depth_to_water_m": "m",
    "net_recharge_mm": "mm/a",
    "slope_pct": "%",
    "hydraulic_conductivity_md": "m/d",
}
RASTER_NAMES = (
    "depth_to_water_m",
    "net_recharge_mm",
    "slope_pct",
    "aquifer_media",
    "soil_media",
    "vadose_media",
    "hydraulic_conductivity_md",
    "land_use",
)


def _mem_layer(geoms, srs):
    drv = ogr.GetDriverByName("Memory")
    ds = drv.CreateDataSource("mem")
    lyr = ds.CreateLayer("l", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    for g, v in geoms:
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetGeometry(g)
        f.SetField("v", int(v))
        lyr.CreateFeature(f)
    return ds, lyr


def _rasterize(geo: Geo, geoms_values, srs, all_touched=False) -> np.ndarray:
    x0, y1, nx, ny = geo.grid
    rds = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Int16)
    rds.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
    rds.SetProjection(srs.ExportToWkt())
    ds, lyr = _mem_layer(geoms_values, srs)
    opts = ["ATTRIBUTE=v"] + (["ALL_TOUCHED=TRUE"] if all_touched else [])
    gdal.RasterizeLayer(rds, [1], lyr, options=opts)
    arr = rds.GetRasterBand(1).ReadAsArray()
    del ds, lyr  # the memory layer had to live until here
    return arr


def model_rasters(geo: Geo, srs) -> dict:
    """The eight raster fields on the model grid (EPSG:4547) plus the city mask and distance to the river."""
    x0, y1, nx, ny = geo.make_grid()
    xs = x0 + CELL_SIZE * (np.arange(nx) + 0.5)
    ys = y1 - CELL_SIZE * (np.arange(ny) + 0.5)
    X, Y = np.meshgrid(xs, ys)
    inside = _rasterize(geo, [(geo.city_geom, 1)], srs) == 1

    # Distance to the river (GDAL proximity on the rasterised line), metres.
    rds = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Byte)
    rds.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
    rds.SetProjection(srs.ExportToWkt())
    ds, lyr = _mem_layer([(geo.river_geom, 1)], srs)
    gdal.RasterizeLayer(rds, [1], lyr, burn_values=[1], options=["ALL_TOUCHED=TRUE"])
    prox = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, gdal.GDT_Float32)
    prox.SetGeoTransform(rds.GetGeoTransform())
    prox.SetProjection(rds.GetProjection())
    gdal.ComputeProximity(rds.GetRasterBand(1), prox.GetRasterBand(1), ["VALUES=1", "DISTUNITS=GEO"])
    d_river = prox.GetRasterBand(1).ReadAsArray().astype(np.float64)
    del ds, lyr

    hill = geo.hill(X, Y)
    karst = geo.karst(X, Y)
    elev = geo.elevation(X, Y)
    gy, gx = np.gradient(elev, CELL_SIZE)
    slope = np.hypot(gx, gy) * 100.0
    n_soil = geo.n_soil(X, Y)
    n_small = geo.n_small(X, Y)

    # Land use.
    lu = np.full((ny, nx), FARMLAND, np.uint8)
    lu[(hill > 0.55) & (0.6 * geo.n_small(X * 1.7, Y * 1.3) + 0.8 * n_soil > -0.5)] = FOREST
    urban = _rasterize(geo, [(g, 1) for _, _, g in geo.urban], srs) == 1
    lu[urban] = URBAN
    parks = _rasterize(geo, [(g, 1) for _, _, _, g in geo.parks], srs) == 1
    lu[parks] = INDUSTRIAL
    lu[d_river <= geo.river_half_width] = WATER

    # Aquifer media: coarse deposits along the river, finer away from it; limestone / sandstone in the hills.
    aq = np.where(d_river + 2500 * n_soil < 5000, 1, np.where(d_river + 3000 * n_soil < 16000, 2, 3)).astype(np.uint8)
    aq[hill > 0.5] = np.where(karst[hill > 0.5], 4, 5)
    # Soil media.
    soil = np.select(
        [d_river + 1500 * n_small < 2500, d_river + 2000 * n_soil < 7000, n_soil > 0.6, n_soil < -0.7],
        [1, 2, 5, 3],
        default=4,
    ).astype(np.uint8)
    soil[hill > 0.6] = np.where(n_small[hill > 0.6] > 0.0, 6, 5)
    # Vadose-zone media follows the aquifer with more silt and clay away from the river.
    vad = np.where(aq == 1, 1, np.where(aq == 2, 2, 3)).astype(np.uint8)
    vad[aq == 4] = 4
    vad[aq == 5] = 5

    # Depth to water (m): shallow by the river, a cone of depression under the city, deep in the hills.
    r_core = np.hypot(X - geo.seats[0][0], Y - geo.seats[0][1])
    dtw = 3.0 + 14.0 * (1 - np.exp(-d_river / 6000.0)) + 22.0 * np.exp(-((r_core / 9000.0) ** 2))
    dtw += 2.5 * geo.n_dtw(X, Y) + 90.0 * hill**1.3 * (1 + 0.2 * n_small)
    dtw = np.clip(dtw, 1.0, None)
    # Net recharge (mm/a) from soil and land use (annual precipitation about 640 mm).
    rech_soil = np.choose(soil - 1, [190.0, 160.0, 120.0, 105.0, 75.0, 90.0])
    rech = rech_soil * np.where(lu == URBAN, 0.35, np.where(lu == INDUSTRIAL, 0.45, 1.0))
    rech = np.where(aq == 4, 170.0, rech) * (1 + 0.08 * n_small)
    rech[lu == WATER] = 220.0
    # Hydraulic conductivity (m/d) from the aquifer medium.
    k_base = np.choose(aq - 1, [70.0, 22.0, 4.0, 35.0, 1.5])
    kval = k_base * np.exp(0.35 * geo.n_k(X, Y))

    fields = {
        "depth_to_water_m": dtw,
        "net_recharge_mm": rech,
        "slope_pct": slope,
        "aquifer_media": aq,
        "soil_media": soil,
        "vadose_media": vad,
        "hydraulic_conductivity_md": kval,
        "land_use": lu,
    }
    out = {}
    for name, arr in fields.items():
        if name in RASTER_CLASSES:
            a = arr.astype(np.uint8)
            a[~inside] = CLASS_NODATA
        else:
            a = np.round(arr, 2).astype(np.float32)
            a[~inside] = FLOAT_NODATA
        out[name] = a
    out["_inside"] = inside
    out["_d_river"] = d_river
    return out


def write_rasters(geo: Geo, arrays: dict, folder: str, crs: str) -> dict:
    os.makedirs(folder, exist_ok=True)
    x0, y1, nx, ny = geo.grid
    srs = osr.SpatialReference()
    srs.SetFromUserInput(MODEL_CRS)
    paths = {}
    for name in RASTER_NAMES:
        arr = arrays[name]
        is_class = name in RASTER_CLASSES
        dtype = gdal.GDT_Byte if is_class else gdal.GDT_Float32
        nodata = CLASS_NODATA if is_class else FLOAT_NODATA
        path = os.path.join(folder, f"{name}.tif")
        opts = ["COMPRESS=DEFLATE", "TILED=YES", "PREDICTOR=2" if is_class else "PREDICTOR=3"]
        mem = gdal.GetDriverByName("MEM").Create("", nx, ny, 1, dtype)
        mem.SetGeoTransform((x0, CELL_SIZE, 0, y1, 0, -CELL_SIZE))
        mem.SetProjection(srs.ExportToWkt())
        band = mem.GetRasterBand(1)
        band.SetNoDataValue(nodata)
        band.WriteArray(arr)
        band.SetDescription(name)
        if not is_class:
            band.SetUnitType(RASTER_UNITS[name])
        if crs.upper() == MODEL_CRS:
            gdal.GetDriverByName("GTiff").CreateCopy(path, mem, options=opts)
        else:
            gdal.Warp(
                path,
                mem,
                dstSRS=crs,
                xRes=CELL_SIZE,
                yRes=CELL_SIZE,
                targetAlignedPixels=True,
                resampleAlg="near" if is_class else "bilinear",
                srcNodata=nodata,
                dstNodata=nodata,
                creationOptions=opts,
            )
        mem = None
        paths[name] = path
    classes = {
        name: {
            str(code): {"zh": zh, "en": en, **({"drastic_category": d} if d else {})}
            for code, (zh, en, d) in sorted(table.items())
        }
        for name, table in RASTER_CLASSES.items()
    }
    meta = {
        "cell_size_m": CELL_SIZE,
        "crs": crs.upper(),
        "nodata": {"class_rasters": CLASS_NODATA, "float_rasters": FLOAT_NODATA},
        "units": RASTER_UNITS,
        "classes": classes,
        "source": "gw_plugin demo city (fictional, generated); DRASTIC categories after Aller et al. 1987, "
        "EPA/600/2-85/018",
    }
    with open(os.path.join(folder, "classes.json"), "w", encoding="utf-8") as fh:
        json.dump(meta, fh, ensure_ascii=False, indent=2, sort_keys=True)
    return paths
