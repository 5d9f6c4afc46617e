<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AbandonedWellsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="66"/>
        <source>Only these county codes (comma-separated)</source>
        <translation>仅限这些县区代码（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="71"/>
        <source>Kinds</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="71"/>
        <source>Risk classes</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="71"/>
        <source>Sealing statuses</source>
        <translation>封井状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="77"/>
        <source>City name for the title</source>
        <translation>标题中的城市名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="78"/>
        <source>Ledger (Excel)</source>
        <translation>台账（Excel）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="78"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="83"/>
        <source>Abandoned wells</source>
        <translation>废弃井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_abandonedwells.py" line="160"/>
        <source>{n} abandoned wells in the ledger.</source>
        <translation>台账中共有 {n} 口废弃井。</translation>
    </message>
    <message>
        <source>Abandoned-well ledger</source>
        <translation>废弃井台账</translation>
    </message>
    <message>
        <source>Seed 003: the inventory of abandoned mine shafts, boreholes and water wells with their risk class and sealing status. Writes the ledger as an Excel workbook in the official layout (序号, 编号, 名称, 类型, 所在县区, 井深, 风险等级, 封井状态, 封填日期), ordered by county, risk class (high first) and code, and a point layer of the same wells. Optional filters: county codes, kinds, risk classes, sealing statuses (none ticked = all).</source>
        <translation>种子文件 003：废弃矿井、钻孔和水井的清单，附风险等级和封井状态。按官方格式（序号、编号、名称、类型、所在县区、井深、风险等级、封井状态、封填日期）将台账写为 Excel 工作簿，按县区、风险等级（高者在前）和编号排序，并输出同样这些井的点图层。可选筛选：县区代码、类型、风险等级、封井状态（均未勾选 = 全部）。</translation>
    </message>
</context>
<context>
    <name>BuildDemoAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="57"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="58"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="63"/>
        <source>Coordinate reference system</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="75"/>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="76"/>
        <source>Demo QGIS project</source>
        <translation>演示 QGIS 工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="84"/>
        <source>{0} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).</source>
        <translation>{0} 不是 CGCS2000 3 度带高斯-克吕格投影坐标系（EPSG:4513–4554）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="89"/>
        <source>Building the demo city (seed {0}, {1}) in {2}</source>
        <translation>正在 {2} 中生成演示城市（种子 {0}，{1}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="95"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <source>Build demo city</source>
        <translation>生成演示城市</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="66"/>
        <source>Language of the project (layer names, legends, labels)</source>
        <translation>工程的语言（图层名称、图例、标注）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="66"/>
        <source>The language QGIS runs in</source>
        <translation>QGIS 当前使用的语言</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="66"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_builddemo.py" line="66"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Builds a fictional demo city (Huangze City, six counties on a Yellow-River-like alluvial plain) into the output folder: a project GeoPackage with monitoring wells, pollution sources, drinking-water sources, sites and five years of quarterly GB/T 14848-2017 samples; 100 m rasters for vulnerability assessment; context layers (river, urban areas, industrial parks); and a QGIS project (.qgz) that opens them all. The same seed always gives the same data. LANG: the language of the project&apos;s layer names, legends, forms and county labels (default: the language QGIS runs in).</source>
        <translation>在输出文件夹中生成一个虚构的演示城市（黄泽市，位于类似黄河冲积平原上的六个县区）：包含监测井、污染源、饮用水水源、地块以及五年按季度 GB/T 14848-2017 水质样品的项目 GeoPackage；用于脆弱性评价的 100 m 栅格；背景图层（河流、城区、工业园区）；以及打开上述全部数据的 QGIS 工程（.qgz）。相同的种子总是生成相同的数据。LANG：工程中图层名称、图例、表单和县区标注的语言（默认为 QGIS 当前使用的语言）。</translation>
    </message>
</context>
<context>
    <name>CaptureZoneAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="93"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="96"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="103"/>
        <source>Time-of-travel zones (days, comma-separated)</source>
        <translation>运移时间带（天，逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="108"/>
        <source>River (head-specified line, aem only)</source>
        <translation>河流（定水头线，仅 aem）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="124"/>
        <source>Capture zones</source>
        <translation>捕获区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="166"/>
        <source>Feature {fid} has no geometry; skipped.</source>
        <translation>要素 {fid} 没有几何，已跳过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="172"/>
        <source>Feature {fid}: {e}</source>
        <translation>要素 {fid}：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="176"/>
        <source>The input layer has no wells.</source>
        <translation>输入图层中没有井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="197"/>
        <source>Canceled: zones written so far are kept.</source>
        <translation>已取消：已写出的区域予以保留。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="208"/>
        <source>aem: one aquifer for all wells; the fields {f} are ignored (only Q varies per well).</source>
        <translation>aem：所有井共用一个含水层；字段 {f} 被忽略（只有 Q 可按井变化）。</translation>
    </message>
    <message>
        <source>Capture zones and time-of-travel zones of wells</source>
        <translation>井的捕获区与运移时间带</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="116"/>
        <source>Boundary the zones end at (aquifer or watershed polygons)</source>
        <translation>各区止于的边界（含水层或流域多边形）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="191"/>
        <source>{n} well(s) as one flow field, engine {e}.</source>
        <translation>{n} 口井作为同一流场计算，引擎 {e}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="240"/>
        <source>River: the reach next to the wells, {n} vertices, {m}.</source>
        <translation>河流：取井附近河段，{n} 个顶点，{m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="240"/>
        <source>straight (image wells)</source>
        <translation>平直（镜像井）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="240"/>
        <source>curved (line sinks)</source>
        <translation>弯曲（线汇）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="263"/>
        <source>The boundary layer has no polygon.</source>
        <translation>边界图层中没有多边形。</translation>
    </message>
    <message>
        <source>Capture zones of pumping wells (INPUT, points; a geographic layer is reprojected to the project&apos;s projected CRS) in uniform regional flow.
A well field is one flow field: wells with the same aquifer values (K, THICKNESS, GRADIENT, POROSITY, FLOW_AZIMUTH, UPGRADIENT_LENGTH) are computed together by superposition, so their zones do not overlap and together make the field&apos;s zone; the steady zones are bounded by the dividing streamlines through the stagnation points and closed UPGRADIENT_LENGTH metres up-gradient of the field&apos;s most up-gradient well.
METHOD uniform_flow: wells and uniform flow only; a lone well uses the exact single-well solution (Grubb 1993: stagnation point Q/(2 pi K B i) down-gradient, half-width Q/(4 K B i) at the well, Q/(2 K B i) far up-gradient).
METHOD aem: all wells in one analytic-element model, with the river (RIVER, every feature of a line layer, merged) as a head-specified line along the reach next to the wells: image wells where that reach is straight, line sinks following it where it bends (timml solves the model when installed: pip install timml==6.9.0). Nothing of a zone lies beyond the river; a river too far away to matter is reported and not used. For aem only Q can vary per well.
TRAVEL_TIMES: comma-separated days (e.g. 100,1000) of time-of-travel zones, found by tracking particle fans backwards from every well in the velocity field (v = q / POROSITY) and clipped to the well&apos;s steady zone; empty = steady capture zone only. The 100-day and 1000-day zones get zone_class class_1 / class_2: HJ 338&apos;s class I and II zones of a large source (&gt;= 50,000 m3/d, threshold unverified).
BOUNDARY (optional polygons, e.g. the aquifer&apos;s or the watershed&apos;s boundary): the zones reach up to it and end there instead of UPGRADIENT_LENGTH up-gradient.
FLOW_AZIMUTH: direction the groundwater flows towards, degrees clockwise from north. Units: Q m3/d, K m/d, THICKNESS (saturated thickness B) m. Q, K, THICKNESS, GRADIENT, FLOW_AZIMUTH, POROSITY and UPGRADIENT_LENGTH are overridden per well by a field of INPUT with the same name (case-insensitive).
Output: valid multipolygons with well_uuid (from INPUT&apos;s uuid field), kind, tot_days (NULL for the steady zone), zone_class, method, engine, area_m2 and the parameters used.</source>
        <translation>抽水井（INPUT，点图层；地理坐标系图层会重投影到项目的投影坐标系）在均匀区域流中的捕获区。
井群是同一个流场：含水层参数（K、THICKNESS、GRADIENT、POROSITY、FLOW_AZIMUTH、UPGRADIENT_LENGTH）相同的井按叠加原理一并计算，因此各井捕获区互不重叠，合起来就是井群的捕获区；稳定捕获区以经过驻点的分水流线为界，并在井群最上游一口井的上游 UPGRADIENT_LENGTH 米处闭合。
METHOD uniform_flow：只有井和均匀流；单井时用精确的单井解（Grubb 1993：驻点在下游 Q/(2 pi K B i) 处，井处半宽 Q/(4 K B i)，上游远处半宽 Q/(2 K B i)）。
METHOD aem：所有井放在一个解析元模型中，河流（RIVER，线图层的全部要素，相接处合并）沿井附近河段作为定水头线：河段平直时用镜像井，河段弯曲时用沿河道的线汇（安装 timml 时由 timml 求解：pip install timml==6.9.0）。任何区都不会越过河流；离井太远、不影响结果的河流会提示并不采用。aem 方法只有 Q 可以逐井不同。
TRAVEL_TIMES：以逗号分隔的运移时间（天，如 100,1000），在速度场（v = q / POROSITY）中从各井反向追踪粒子扇得到，并裁剪到该井的稳定捕获区；留空则只算稳定捕获区。100 天和 1000 天的区带 zone_class 为 class_1 / class_2：即 HJ 338 中大型水源地（≥ 50,000 m3/d，阈值未核实）的一级、二级保护区。
BOUNDARY（可选的多边形，如含水层边界或流域边界）：各区一直延伸到该边界并止于边界，而不是在上游 UPGRADIENT_LENGTH 处闭合。
FLOW_AZIMUTH：地下水流去的方向，自北顺时针的角度。单位：Q m3/d，K m/d，THICKNESS（饱和厚度 B）m。Q、K、THICKNESS、GRADIENT、FLOW_AZIMUTH、POROSITY 和 UPGRADIENT_LENGTH 可由 INPUT 中同名字段（不区分大小写）逐井覆盖。
输出：有效的多多边形，带 well_uuid（取自 INPUT 的 uuid 字段）、kind、tot_days（稳定区为 NULL）、zone_class、method、engine、area_m2 和所用参数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="75"/>
        <source>Pumping rate Q (m3/d)</source>
        <translation>开采量 Q（m3/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="76"/>
        <source>Hydraulic conductivity K (m/d)</source>
        <translation>渗透系数 K（m/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="77"/>
        <source>Saturated thickness B (m)</source>
        <translation>含水层饱和厚度 B（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="78"/>
        <source>Regional hydraulic gradient i</source>
        <translation>区域水力坡度 i</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="79"/>
        <source>Flow direction (degrees clockwise from north, towards)</source>
        <translation>地下水流向（自正北顺时针的度数，指流去的方向）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="84"/>
        <source>Effective porosity n</source>
        <translation>有效孔隙度 n</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_capturezone.py" line="85"/>
        <source>Close the steady zone this far up-gradient (m)</source>
        <translation>稳定捕获区在上游闭合的距离（m）</translation>
    </message>
</context>
<context>
    <name>CheckoutAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="38"/>
        <source>Platform connection (conninfo, URI, service, authcfg)</source>
        <translation>平台连接（conninfo、URI、service、authcfg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="41"/>
        <source>County codes (comma separated)</source>
        <translation>县区代码（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="42"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="42"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="45"/>
        <source>Overwrite an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="46"/>
        <source>Write a styled QGIS project</source>
        <translation>写出带样式的 QGIS 工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="47"/>
        <source>Features checked out</source>
        <translation>已检出的要素数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="48"/>
        <source>QGIS project</source>
        <translation>QGIS 工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="62"/>
        <source>Checked out {rows} features of counties {counties} at platform revision {rev} into {path}</source>
        <translation>已将县区 {counties} 的 {rows} 个要素（平台版本 {rev}）检出到 {path}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="81"/>
        <source>The QGIS project could not be written: {error}</source>
        <translation>无法写出 QGIS 工程：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_checkout.py" line="83"/>
        <source>QGIS project: {path}</source>
        <translation>QGIS 工程：{path}</translation>
    </message>
    <message>
        <source>Check out counties from the platform</source>
        <translation>从平台检出县区数据</translation>
    </message>
    <message>
        <source>Creates a new project GeoPackage holding the data of the chosen counties (6-digit codes separated by commas) from the city platform, plus the administrative units of every county as read-only context, with change tracking installed so that every edit made offline (in QGIS, the field calculator or any OGR client) is synced later by &apos;Sync with the platform&apos;. A styled QGIS project with forms is written beside it (same name, .qgz).</source>
        <translation>从市级平台新建一个项目 GeoPackage，包含所选县区（6 位代码，逗号分隔）的数据，以及所有县区的行政区（只读背景），并安装变更跟踪，使离线所做的每项编辑（在 QGIS、字段计算器或任何 OGR 客户端中）都能在之后通过“与平台同步”同步。同目录写出带样式和表单的 QGIS 工程（同名，.qgz）。</translation>
    </message>
</context>
<context>
    <name>ClassifySitesAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_classifysites.py" line="48"/>
        <source>Sites</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_classifysites.py" line="51"/>
        <source>Classified sites</source>
        <translation>已分类地块</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_classifysites.py" line="58"/>
        <source>The sites layer lacks the fields: {f}</source>
        <translation>地块图层缺少字段：{f}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_classifysites.py" line="62"/>
        <source>The sites layer already has a field {f}; rename it first.</source>
        <translation>地块图层已有字段 {f}；请先重命名。</translation>
    </message>
    <message>
        <source>Classify sites (soil–groundwater co-management)</source>
        <translation>地块分类（土壤与地下水协同管理）</translation>
    </message>
    <message>
        <source>Seed 001 二(四)1: for closed/relocated sites whose soil is not above the screening values but whose groundwater exceeds, a site whose exceeding groundwater pollutant is one of its characteristic pollutants is managed as a contaminated site; otherwise it is managed under the groundwater key-zone control class. Every other combination gets an explicit outcome: soil exceeding → detailed survey and risk assessment; both not exceeding → routine supervision; missing investigations → investigate soil / groundwater / both; empty pollutant lists → pollutant data needed; operating enterprises → source control and assessment. The input needs the fields soil_exceedance, gw_exceedance, characteristic_pollutants and gw_exceeding_pollutants (site_status is used when present).</source>
        <translation>种子文件 001 二(四)1：对于土壤未超过筛选值但地下水超标的关闭搬迁地块，若地下水超标污染物属于该地块的特征污染物，则按污染地块管理；否则纳入地下水重点区管控类管理。其他每种组合都有明确结论：土壤超标 → 详细调查和风险评估；两者均未超标 → 日常监管；缺少调查 → 调查土壤 / 地下水 / 两者；污染物清单为空 → 需补充污染物数据；在产企业 → 源头管控与评估。输入需要字段 soil_exceedance、gw_exceedance、characteristic_pollutants 和 gw_exceeding_pollutants（有 site_status 时一并使用）。</translation>
    </message>
</context>
<context>
    <name>ClassifyWaterQualityAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="71"/>
        <source>Results table or layer</source>
        <translation>检测结果表或图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="84"/>
        <source>Classified results</source>
        <translation>分类结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="85"/>
        <source>Rows with a class</source>
        <translation>已分类的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="86"/>
        <source>Rows without a class</source>
        <translation>未能分类的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="87"/>
        <source>Samples</source>
        <translation>样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="92"/>
        <source>The input table could not be opened.</source>
        <translation>无法打开输入表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="99"/>
        <source>No field chosen for {p}.</source>
        <translation>未为 {p} 选择字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="103"/>
        <source>Field {f} not found in the input.</source>
        <translation>输入中找不到字段 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="147"/>
        <source>no parameter</source>
        <translation>无指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="170"/>
        <source>Classified {r} rows of {s} samples.</source>
        <translation>已对 {s} 个样品的 {r} 行结果分类。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="188"/>
        <source>The output could not be created.</source>
        <translation>无法创建输出。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="197"/>
        <source>row not seen in the first pass</source>
        <translation>第一遍未读到该行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="222"/>
        <source>Could not write row {n}.</source>
        <translation>无法写入第 {n} 行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="230"/>
        <source>{c} rows classified, {u} without a class (see gb_note).</source>
        <translation>{c} 行已分类，{u} 行未能分类（见 gb_note）。</translation>
    </message>
    <message>
        <source>Classify water quality (GB/T 14848-2017)</source>
        <translation>地下水质量分类（GB/T 14848-2017）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="77"/>
        <source>Sample field</source>
        <translation>样品字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="77"/>
        <source>Parameter field</source>
        <translation>指标字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="77"/>
        <source>Value field (number or text as written by the lab)</source>
        <translation>数值字段（数字或实验室原样填写的文本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_classifywaterquality.py" line="77"/>
        <source>Unit field (empty: the standard&apos;s unit)</source>
        <translation>单位字段（留空：按标准单位）</translation>
    </message>
    <message>
        <source>Classifies every result row per GB/T 14848-2017 (93 indicators) and gives each sample its overall class. Parameters are recognised by the Chinese name as in the standard (with or without （以N计）), English name or symbol (NO3-N, NH3-N, Cr6+, CODMn, TDS, pH …). Values may be numbers or text as written by the lab (0.01L, ND, &lt;0.005, 无/有); units are converted to the standard's (mg/L, μg/L, mmol/L, 'mg/L as NO3' …); without a unit field the standard's unit is assumed.

Rules: a value equal to a limit shared by several classes gets the better class (从优不从劣); pH is two-sided; gross α/β above the class III guidance value are IV; a non-detect is class I when its detection limit is ≤ the class I limit, otherwise '≤ class k' — such non-detects never make a sample worse.

Output: the input rows plus gb_class (1–5, NULL where not classifiable; for a non-detect whose detection limit is above class I it is the bound of '≤ class k'), gb_note (the rule applied, or why there is no class, in the plugin's language), exceedance (超标倍数 (C − Cs)/Cs against the class III limit Cs; ≤ 0 within class III; NULL for pH, words and non-detects; a lower bound for '&gt;x'), below_detection (the value is a non-detect), detection_limit (in the standard's unit), sample_class (worst class of the sample) and sample_governing (indicators that set it, separated by '; ').</source>
        <translation>按 GB/T 14848-2017（93 项指标）对每条检测结果定类，并给出每个样品的综合类别。指标可用标准中的中文名（带或不带（以N计））、英文名或符号（NO3-N、NH3-N、Cr6+、CODMn、TDS、pH …）识别。检测值可以是数值，也可以是实验室原文（0.01L、ND、&lt;0.005、无/有）；单位换算为标准单位（mg/L、μg/L、mmol/L、'mg/L as NO3' …）；未指定单位字段时按标准单位处理。

规则：等于多个类别共用限值的取较优类别（从优不从劣）；pH 双侧判定；总α/总β超过 III 类指导值的为 IV 类；未检出且检出限 ≤ I 类限值的为 I 类，否则为'≤ k 类'——此类未检出结果不会使样品类别变差。

输出：输入各行，外加 gb_class（1–5，无法定类为空；检出限高于 I 类的未检出为'≤ k 类'的上界）、gb_note（所用规则或无类别的原因，按插件语言）、exceedance（超标倍数 (C − Cs)/Cs，Cs 为 III 类限值；≤ 0 表示在 III 类以内；pH、文字和未检出为空；'&gt;x' 为下限）、below_detection（是否未检出）、detection_limit（检出限，标准单位）、sample_class（样品最差类别）和 sample_governing（决定该类别的指标，以'; '分隔）。</translation>
    </message>
</context>
<context>
    <name>CompareZoningAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="63"/>
        <source>Project database (GeoPackage)</source>
        <translation>项目数据库（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="73"/>
        <source>Version B (scheme:version; empty = newest)</source>
        <translation>版本 B（方案:版本；留空 = 最新版本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="78"/>
        <source>Database of version B (empty = the same)</source>
        <translation>版本 B 所在数据库（留空 = 同一数据库）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="90"/>
        <source>Zoning changes</source>
        <translation>分区变化</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="95"/>
        <source>Area by zone class</source>
        <translation>各分区类别面积</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="115"/>
        <source>{a} -&gt; {b}: {c:.3f} km2 changed class, {u:.3f} km2 unchanged.</source>
        <translation>{a} -&gt; {b}：{c:.3f} km2 类别改变，{u:.3f} km2 未变。</translation>
    </message>
    <message>
        <source>Compare two zoning versions</source>
        <translation>比较两个分区版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="66"/>
        <source>Version A (scheme:version; empty = the newest other version of B&apos;s scheme)</source>
        <translation>版本 A（方案:版本；留空 = 与 B 同一方案的最新另一版本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_comparezoning.py" line="83"/>
        <source>Class mapping A -&gt; B for versions of different schemes (e.g. protection:protection_type)</source>
        <translation>不同方案版本的类别对应关系 A -&gt; B（如 protection:protection_type）</translation>
    </message>
    <message>
        <source>Compares two versions of the zoning_units table (a version = scheme and version label written by gwplugin:zoning). VERSION_A and VERSION_B are &apos;scheme:version&apos; or the version label; empty = the newest other version of B&apos;s scheme (A) and the newest (B) version. Only versions of the same scheme are compared class by class: a 2019 and a 2023 version need CLASS_MAP, each class of A mapped to a class of B&apos;s scheme (e.g. protection:protection_type, prevention:control_type, treatment:control_type); an area whose classes correspond counts as unchanged. Version B may come from another project database (DATABASE_B). OUTPUT: one polygon per connected area whose class changed, with from_class, to_class, area (km2) and the counties it lies in (largest share first); areas zoned in only one version count as changes from or to &apos;not zoned&apos;. TABLE: per zone class the area in A, in B and the change (km2).</source>
        <translation>比较 zoning_units 表的两个版本（版本 = gwplugin:zoning 写入的方案和版本标签）。VERSION_A 和 VERSION_B 为“方案:版本”或版本标签；留空 = 与 B 同一方案的最新另一版本（A）和最新版本（B）。只有同一方案的版本才按类别比较：2019 方案与 2023 方案的版本须给出 CLASS_MAP，将 A 的每个类别对应到 B 方案的一个类别（如 protection:protection_type, prevention:control_type, treatment:control_type）；类别相互对应的区域计为未变化。版本 B 可以来自另一个项目数据库（DATABASE_B）。OUTPUT：每个类别发生变化的连通区域一个面，附 from_class、to_class、面积（km2）及其所在县区（按所占比例从大到小）；只在一个版本中划了分区的区域计为由“未分区”变化或变为“未分区”。TABLE：每个分区类别在 A、B 中的面积及变化（km2）。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="40"/>
        <source>same field changed on both sides</source>
        <translation>两端修改了同一字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="41"/>
        <source>inserted on both sides with the same identity</source>
        <translation>两端以相同标识新增</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="42"/>
        <source>deleted here, edited on the platform</source>
        <translation>本地已删除，平台上已编辑</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="43"/>
        <source>edited here, deleted on the platform</source>
        <translation>本地已编辑，平台上已删除</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="93"/>
        <source>(deleted)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="143"/>
        <source>Sync conflicts</source>
        <translation>同步冲突</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="150"/>
        <source>&amp;Open conflicts:</source>
        <translation>未解决的冲突(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="157"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="157"/>
        <source>Base</source>
        <translation>共同基础</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="157"/>
        <source>Mine (local)</source>
        <translation>我的（本地）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="157"/>
        <source>Theirs (platform)</source>
        <translation>对方的（平台）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="157"/>
        <source>Edited value</source>
        <translation>编辑后的值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="183"/>
        <source>&amp;Versions, field by field (conflicting fields first, in bold):</source>
        <translation>各版本逐字段对比(&amp;V)（冲突字段在前，粗体）：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="186"/>
        <source>Keep &amp;mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="187"/>
        <source>Keep the local version; it is pushed by the next sync</source>
        <translation>保留本地版本；下次同步时推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="188"/>
        <source>Keep &amp;theirs</source>
        <translation>保留对方的(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="189"/>
        <source>Take the platform&apos;s version of the conflicting fields</source>
        <translation>冲突字段采用平台的版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="190"/>
        <source>Use &amp;edited values</source>
        <translation>使用编辑后的值(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="191"/>
        <source>Write the values of the “Edited value” column over the local version; pushed by the next sync</source>
        <translation>用“编辑后的值”一列覆盖本地版本；下次同步时推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="295"/>
        <source>No open conflicts.</source>
        <translation>没有未解决的冲突。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="297"/>
        <source>{table}, feature {feature} ({uuid}): {kind}. Platform revision {rev}, recorded {when}.</source>
        <translation>{table}，要素 {feature}（{uuid}）：{kind}。平台版本 {rev}，记录于 {when}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="348"/>
        <source>Type the value to keep; empty means NULL</source>
        <translation>输入要保留的值；留空表示 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="401"/>
        <source>The value of {field} does not fit its type.</source>
        <translation>{field} 的值与其类型不符。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="412"/>
        <source>Conflict resolved ({choice}); the next sync sends the result to the platform.</source>
        <translation>冲突已解决（{choice}）；下次同步时把结果发送到平台。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="412"/>
        <source>kept mine</source>
        <translation>保留了我的</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="412"/>
        <source>kept theirs</source>
        <translation>保留了对方的</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="412"/>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="62"/>
        <source>Geometry</source>
        <translation>几何位置</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/conflict_dialog.py" line="251"/>
        <source>This file has no change tracking yet: there are no conflicts to resolve.</source>
        <translation>此文件尚未安装变更跟踪：没有需要处理的冲突。</translation>
    </message>
</context>
<context>
    <name>CreateDatabaseAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_createdatabase.py" line="29"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_createdatabase.py" line="29"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_createdatabase.py" line="33"/>
        <source>CRS (CGCS2000 3-degree Gauss-Kruger)</source>
        <translation>坐标系（CGCS2000 3 度带高斯-克吕格）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_createdatabase.py" line="38"/>
        <source>Overwrite an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/project/alg_createdatabase.py" line="52"/>
        <source>Created {path} (schema version {version}, {crs})</source>
        <translation>已创建 {path}（数据结构版本 {version}，{crs}）</translation>
    </message>
    <message>
        <source>Create project database</source>
        <translation>新建项目数据库</translation>
    </message>
    <message>
        <source>Creates an empty project GeoPackage with every table, code list and constraint of the gw_plugin schema. Coordinates are stored in a projected CGCS2000 3-degree Gauss-Kruger CRS (default EPSG:4547, central meridian 114E). An existing file is only replaced when OVERWRITE is set.</source>
        <translation>创建一个空的项目 GeoPackage，包含 gw_plugin 数据结构中的全部数据表、代码表和约束。坐标以 CGCS2000 3 度带高斯-克吕格投影坐标系存储（默认 EPSG:4547，中央经线 114°E）。只有设置了 OVERWRITE 时才会替换已有文件。</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="47"/>
        <source>Choose a file.</source>
        <translation>请选择文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="54"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="62"/>
        <source>You cannot write to the folder {folder}.</source>
        <translation>没有写入文件夹 {folder} 的权限。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="70"/>
        <source>{name} exists already. Choose “Open an existing project database” to use it, or another file name.</source>
        <translation>{name} 已存在。如要使用它，请选择“打开已有项目数据库”；否则请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="79"/>
        <source>{crs} is not a projected CGCS2000 3-degree Gauss–Krüger CRS (EPSG:4513–4554).</source>
        <translation>{crs} 不是 CGCS2000 3 度带高斯-克吕格投影坐标系（EPSG:4513–4554）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="86"/>
        <source>A new project database will be created in {crs}.</source>
        <translation>将以 {crs} 新建项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="95"/>
        <source>{path} is a folder; choose a GeoPackage file.</source>
        <translation>{path} 是文件夹；请选择 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="103"/>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="109"/>
        <source>Choose a GeoPackage file (*.gpkg).</source>
        <translation>请选择 GeoPackage 文件（*.gpkg）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="113"/>
        <source>{name} is not a gw_plugin project database.</source>
        <translation>{name} 不是 gw_plugin 项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="121"/>
        <source>{name} uses schema version {version}, newer than this plugin&apos;s version {current}. Update gw_plugin to open it.</source>
        <translation>{name} 使用数据结构版本 {version}，比本插件的版本 {current} 更新。请升级 gw_plugin 后再打开。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="131"/>
        <source>{name} uses schema version {version}; it will be upgraded to version {current} after a backup copy is written beside it.</source>
        <translation>{name} 使用数据结构版本 {version}；将在同目录写入备份副本后升级到版本 {current}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="147"/>
        <source>Open / create project database</source>
        <translation>打开 / 新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="201"/>
        <source>Choose an existing project database, or a name for a new one.</source>
        <translation>请选择已有的项目数据库，或为新数据库指定文件名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="213"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="215"/>
        <source>New project database</source>
        <translation>新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/database_dialog.py" line="219"/>
        <source>Open project database</source>
        <translation>打开项目数据库</translation>
    </message>
</context>
<context>
    <name>DatabaseDialogBase</name>
    <message>
        <location filename="../forms/database_dialog.ui" line="14"/>
        <source>Open / create project database</source>
        <translation>打开 / 新建项目数据库</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="20"/>
        <source>&amp;Open an existing project database</source>
        <translation>打开已有项目数据库(&amp;O)</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="30"/>
        <source>Create a &amp;new project database</source>
        <translation>新建项目数据库(&amp;N)</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="39"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="51"/>
        <source>Path of a GeoPackage (.gpkg)</source>
        <translation>GeoPackage 文件路径（.gpkg）</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="61"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="73"/>
        <source>Coordinate &amp;reference system:</source>
        <translation>坐标参考系(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="83"/>
        <source>Coordinates are stored in a projected CGCS2000 3-degree Gauss–Krüger zone. Choose the zone whose central meridian is nearest to the city.</source>
        <translation>坐标以 CGCS2000 3 度带高斯-克吕格投影存储。请选择中央经线离本市最近的带。</translation>
    </message>
    <message>
        <location filename="../forms/database_dialog.ui" line="90"/>
        <source>EPSG:4547 (central meridian 114°E) covers Zhengzhou.</source>
        <translation>EPSG:4547（中央经线 114°E）覆盖郑州。</translation>
    </message>
</context>
<context>
    <name>DeadlinesPanel</name>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="49"/>
        <source>Show &amp;all tasks</source>
        <translation>显示全部事项(&amp;A)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="50"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="52"/>
        <source>As &amp;of:</source>
        <translation>统计日期(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>County</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>Enterprise</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>Task</source>
        <translation>事项</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>Days overdue</source>
        <translation>逾期天数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="62"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="102"/>
        <source>{n} overdue of {m} tasks</source>
        <translation>{m} 项事项中逾期 {n} 项</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="107"/>
        <source>No project database.</source>
        <translation>没有项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="120"/>
        <source>Export the overdue list</source>
        <translation>导出逾期事项清单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/deadlines_panel.py" line="120"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>DemolitionRecordsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_demolitionrecords.py" line="61"/>
        <source>Only records with a problem</source>
        <translation>只列出有问题的记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_demolitionrecords.py" line="65"/>
        <source>Demolition records</source>
        <translation>拆除活动记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_demolitionrecords.py" line="66"/>
        <source>Records with a problem</source>
        <translation>有问题的记录数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_demolitionrecords.py" line="99"/>
        <source>{n} demolition records, {b} with a problem.</source>
        <translation>拆除活动记录 {n} 条，其中 {b} 条有问题。</translation>
    </message>
    <message>
        <source>Demolition records of soil key units</source>
        <translation>土壤重点监管单位拆除活动记录</translation>
    </message>
    <message>
        <source>Seed 001 二(三)2 tracks the pollution prevention of demolitions (拆除活动污染防治) at the soil key supervised units. A unit that demolishes facilities, equipment, buildings or structures draws up a soil-pollution-prevention work plan including emergency measures and files it before the works (Soil Pollution Prevention and Control Law, Art. 22). Every demolition record is listed with what is wrong: no_plan (works started without a filed plan), plan_after_start (the plan filed after the works started), no_summary (finished without a summary report), summary_before_finish (the report predates the end of the works), no_documents (a plan or report filed but no document — the plan with its measures, the report — kept with the record as an attachment). The summary report rule is the plugin's reading of the management practice; verify it against the local rules.</source>
        <translation>先行区方案（种子 001）二(三)2 要求跟踪土壤重点监管单位拆除活动污染防治。重点监管单位拆除设施、设备或者建筑物、构筑物的，应当制定包括应急措施在内的土壤污染防治工作方案，并在施工前备案（《土壤污染防治法》第二十二条）。列出每条拆除活动记录及其问题：no_plan（已开工但工作方案未备案）、plan_after_start（方案晚于开工备案）、no_summary（已完工但未提交总结报告）、summary_before_finish（总结报告早于完工日期）、no_documents（已备案方案或提交报告，但记录未附文件——含措施的方案、报告——作为附件）。总结报告规则是插件对管理实践的理解，请按当地规定核实。</translation>
    </message>
</context>
<context>
    <name>DrasticAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="93"/>
        <source> - raster</source>
        <translation> - 栅格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="96"/>
        <source> - polygons</source>
        <translation> - 面图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="104"/>
        <source> - polygon field</source>
        <translation> - 面图层字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="112"/>
        <source> - already rated (1-10)</source>
        <translation> - 已评分（1-10）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="131"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="139"/>
        <source>Custom weights D,R,A,S,T,I,C</source>
        <translation>自定义权重 D,R,A,S,T,I,C</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="144"/>
        <source>Rating table (JSON, edited copy)</source>
        <translation>评分表（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="149"/>
        <source>Class breaks (DEFAULT 100,120,140,160)</source>
        <translation>分级界限（默认 100,120,140,160）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="154"/>
        <source>Reference raster for the target grid (else the first factor raster)</source>
        <translation>目标格网的参考栅格（否则取第一个因子栅格）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="155"/>
        <source>Resampling of raw continuous rasters</source>
        <translation>原始连续值栅格的重采样方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="163"/>
        <source>Resampling of class-coded and rated rasters</source>
        <translation>分类编码栅格和已评分栅格的重采样方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="171"/>
        <source>Karst areas</source>
        <translation>岩溶区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="176"/>
        <source>Give karst cells class 9</source>
        <translation>岩溶区像元赋为第 9 类</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="177"/>
        <source>DRASTIC index</source>
        <translation>DRASTIC 指数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="178"/>
        <source>DRASTIC classes</source>
        <translation>DRASTIC 分级</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="181"/>
        <source>Karst flag</source>
        <translation>岩溶标记</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="210"/>
        <source>Give at least one factor raster, a reference raster, or an extent and cell size.</source>
        <translation>请至少给出一个因子栅格、一个参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="224"/>
        <source>Factor {f}: give a raster or a polygon layer.</source>
        <translation>因子 {f}：请给出栅格或面图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="226"/>
        <source>Factor {f}: choose the polygon field.</source>
        <translation>因子 {f}：请选择面图层字段。</translation>
    </message>
    <message>
        <source>DRASTIC vulnerability</source>
        <translation>DRASTIC 脆弱性</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="44"/>
        <source>D: depth to water (m)</source>
        <translation>D：地下水埋深（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="45"/>
        <source>R: net recharge (mm/a)</source>
        <translation>R：净补给量（mm/a）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="46"/>
        <source>A: aquifer media (class code)</source>
        <translation>A：含水层介质（类别代码）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="47"/>
        <source>S: soil media (class code)</source>
        <translation>S：土壤介质（类别代码）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="48"/>
        <source>T: topography, slope (%)</source>
        <translation>T：地形坡度（%）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="49"/>
        <source>I: impact of the vadose zone (class code)</source>
        <translation>I：包气带影响（类别代码）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="50"/>
        <source>C: hydraulic conductivity (m/d)</source>
        <translation>C：水力传导系数（m/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/params.py" line="57"/>
        <source>Target extent (when there is no reference raster)</source>
        <translation>目标范围（没有参考栅格时）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/params.py" line="62"/>
        <source>Target cell size (m, with the extent)</source>
        <translation>目标像元大小（m，与范围一起使用）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/params.py" line="94"/>
        <source>The target extent must be in a projected CRS in metres (e.g. EPSG:4547).</source>
        <translation>目标范围必须采用以米为单位的投影坐标系（如 EPSG:4547）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/params.py" line="114"/>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="81"/>
        <source>nearest neighbour</source>
        <translation>最邻近</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="82"/>
        <source>bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="83"/>
        <source>average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="84"/>
        <source>mode (most frequent value)</source>
        <translation>众数（出现最多的值）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="115"/>
        <source>Unit of the slope (T) input</source>
        <translation>坡度（T）输入的单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="115"/>
        <source>percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="115"/>
        <source>degrees (QGIS slope tool)</source>
        <translation>度（QGIS 坡度工具）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="123"/>
        <source>Legend → DRASTIC class table (XLSX, edited) for aquifer, soil and vadose polygons</source>
        <translation>含水层、土壤、包气带面图层的图例 → DRASTIC 类别对照表（已编辑的 XLSX）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="131"/>
        <source>standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="131"/>
        <source>pesticide</source>
        <translation>农药</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="131"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="186"/>
        <source>Legend table to check and edit (XLSX, with suggestions for unmapped legends)</source>
        <translation>待核对编辑的图例对照表（XLSX，未对应的图例附建议类别）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="234"/>
        <source>suggestion: {k} (rating {r:g})</source>
        <translation>建议：{k}（评分 {r:g}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="234"/>
        <source>no suggestion</source>
        <translation>无建议</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_drastic.py" line="239"/>
        <source>{f}: legend &apos;{l}&apos; ({n} polygons) is not in the legend table: nodata; {h}. Write the legend table, check it and pass it as LEGEND_TABLE.</source>
        <translation>{f}：图例“{l}”（{n} 个面）不在图例对照表中，记为无数据；{h}。请写出图例对照表，核对后作为 LEGEND_TABLE 传入。</translation>
    </message>
    <message>
        <source>DRASTIC intrinsic vulnerability (Aller et al. 1987, EPA/600/2-85/018): index = sum of rating x weight over Depth to water, net Recharge, Aquifer media, Soil media, Topography (slope), Impact of the vadose zone and hydraulic Conductivity. Each factor is a raster of raw values (rated with the rating table), a raster that is already rated (1-10, tick 'already rated'), or a polygon layer with a field holding the raw value, the class code/name or (ticked) the rating. Rating tables: resources/reference/drastic_ratings.json or your edited copy (RATING_TABLE). Range bands are [lower, upper): a value equal to a band limit gets the rating of the band starting there (depth 1.52 m -&gt; 9). Weights: standard 5,4,3,2,1,5,3; pesticide 5,4,3,5,3,4,2; or custom (seven numbers in D,R,A,S,T,I,C order). All rasters are aligned onto the target grid (the reference raster, else the first factor raster) with the chosen resampling, reported in the log; a nodata cell in any factor gives a nodata index. Outputs: index (Float32, nodata -9999), classes (Byte, default breaks 100,120,140,160 are DEFAULTS, editable) and, with karst polygons, a karst flag raster; optionally karst cells get class 9 in the class raster. Aquifer, soil and vadose polygons whose legend is not a name of the rating table (粉质黏土, 砂卵砾石 ...) are rated through LEGEND_TABLE, an XLSX the author edits: write it with OUTPUT_LEGEND_TABLE (unmapped legends come with a suggestion marked 'SUGGESTED, check'), correct it and pass it back; unmapped legends are nodata and listed in the log. SLOPE_UNIT: percent (DRASTIC's bands) or degrees (QGIS's slope tool; the bands are converted).</source>
        <translation>DRASTIC 固有脆弱性（Aller 等 1987，EPA/600/2-85/018）：指数 = 地下水埋深（D）、净补给量（R）、含水层介质（A）、土壤介质（S）、地形坡度（T）、包气带影响（I）和水力传导系数（C）各项“评分 × 权重”之和。每个因子可以是原始值栅格（按评分表评分）、已评分栅格（1-10，勾选“已评分”），或带字段的面图层，字段内容为原始值、类别代码/名称或（勾选时）评分。评分表：resources/reference/drastic_ratings.json 或您修改后的副本（RATING_TABLE）。区间为 [下限, 上限)：恰等于区间界限的值取以该界限为起点的区间的评分（埋深 1.52 m -&gt; 9）。权重：标准 5,4,3,2,1,5,3；农药 5,4,3,5,3,4,2；或自定义（按 D,R,A,S,T,I,C 顺序的七个数）。所有栅格按所选重采样方法对齐到目标格网（参考栅格，否则取第一个因子栅格），并在日志中报告；任一因子为无数据的像元，其指数也为无数据。输出：指数（Float32，无数据值 -9999）、分级（Byte，默认界限 100,120,140,160 为默认值，可修改），有岩溶面时还输出岩溶标记栅格；可选地将岩溶像元在分级栅格中赋为第 9 类。含水层、土壤和包气带面图层的图例不是评分表中的名称时（粉质黏土、砂卵砾石……），通过编制者编辑的 XLSX 图例对照表（LEGEND_TABLE）评分：用 OUTPUT_LEGEND_TABLE 写出该表（未对应的图例附有标为“建议，请核对”的建议类别），核对修改后再传入；未对应的图例为无数据并在日志中列出。SLOPE_UNIT：百分比（DRASTIC 的分级）或度（QGIS 坡度工具的输出；分级界限随之换算）。</translation>
    </message>
</context>
<context>
    <name>DuplicateWellsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="37"/>
        <source>Monitoring wells</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="43"/>
        <source>Distance (m)</source>
        <translation>距离（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="44"/>
        <source>Depth tolerance (m)</source>
        <translation>井深容差（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="45"/>
        <source>Relative depth tolerance</source>
        <translation>井深相对容差</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="48"/>
        <source>Require the same aquifer layer</source>
        <translation>要求含水层相同</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="51"/>
        <source>Duplicate candidates</source>
        <translation>疑似重复井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="56"/>
        <source>Invalid input layer</source>
        <translation>输入图层无效</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="58"/>
        <source>The wells must be in a projected CRS in metres (e.g. EPSG:4547).</source>
        <translation>井图层必须采用以米为单位的投影坐标系（如 EPSG:4547）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="62"/>
        <source>The input has no field {f}: use the monitoring_wells table.</source>
        <translation>输入中没有字段 {f}：请使用 monitoring_wells 表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_duplicatewells.py" line="117"/>
        <source>{n} groups of probable duplicates.</source>
        <translation>{n} 组疑似重复。</translation>
    </message>
    <message>
        <source>Find duplicate wells</source>
        <translation>查找重复监测井</translation>
    </message>
    <message>
        <source>Proposes groups of probable duplicate wells across departments' lists: wells closer than DISTANCE metres whose aquifer layers agree (unless disabled) and whose depths differ by no more than max(DEPTH_ABS, DEPTH_REL × the deeper one). Every member of a group is compatible with every other. The output has one point per member with its group number, the suggested keeper (the best-documented record) and the reasons. Merge them in the wells dock, where the merge is undoable until saved.</source>
        <translation>在各部门清单之间提出疑似重复井的分组：相距小于 DISTANCE 米、含水层一致（除非关闭此项）且井深之差不超过 max(DEPTH_ABS, DEPTH_REL × 较深者) 的井。组内每个成员与其他成员两两相容。输出中每个成员一个点，附组号、建议保留的记录（资料最完整者）及理由。请在监测井面板中合并；保存前合并可撤销。</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="47"/>
        <source>Duplicate wells</source>
        <translation>重复监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="75"/>
        <source>&amp;Distance up to:</source>
        <translation>距离不超过(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="75"/>
        <source>Depth tolerance, &amp;absolute:</source>
        <translation>井深容差，绝对值(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="75"/>
        <source>Depth tolerance, re&amp;lative to the deeper well:</source>
        <translation>井深容差，相对较深者(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="87"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="92"/>
        <source>Keep / well</source>
        <translation>保留 / 井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="92"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="92"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="92"/>
        <source>Depth</source>
        <translation>井深</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="92"/>
        <source>Aquifer</source>
        <translation>含水层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="108"/>
        <source>&amp;Merge group</source>
        <translation>合并该组(&amp;M)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="109"/>
        <source>&amp;Undo merge</source>
        <translation>撤销合并(&amp;U)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="110"/>
        <source>&amp;Save edits</source>
        <translation>保存编辑(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="111"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="123"/>
        <source>&amp;Reasons:</source>
        <translation>理由(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="170"/>
        <source>No project database with monitoring wells is loaded.</source>
        <translation>尚未加载含监测井的项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="179"/>
        <source>Group {n}: {count} wells within {d} m</source>
        <translation>第 {n} 组：{d} m 内 {count} 口井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="210"/>
        <source>{n} groups of probable duplicates.</source>
        <translation>{n} 组疑似重复。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="210"/>
        <source>No duplicates found with these rules.</source>
        <translation>按这些规则未发现重复。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="349"/>
        <source>Merge undone.</source>
        <translation>已撤销合并。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="356"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="70"/>
        <source>Same a&amp;quifer layer required (unknown is compatible)</source>
        <translation>要求含水层相同(&amp;Q)（未知视为相容）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="301"/>
        <source>Save or discard the edits of {layers} first: the merge writes to the database.</source>
        <translation>请先保存或放弃 {layers} 的编辑：合并直接写入数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/duplicates_dialog.py" line="322"/>
        <source>Merged {n} wells into {keep}; re-pointed {rows}. Undo restores all of it.</source>
        <translation>已将 {n} 口井合并到 {keep}；已改指向 {rows}。撤销可全部恢复。</translation>
    </message>
</context>
<context>
    <name>ExportMap</name>
    <message>
        <location filename="../gw_plugin/core/maps/products.py" line="163"/>
        <source>The project has no zoning_units layer.</source>
        <translation>工程中没有 zoning_units 图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/products.py" line="168"/>
        <source>zoning_units has no zones (version {v}).</source>
        <translation>zoning_units 中没有分区（版本 {v}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/products.py" line="207"/>
        <source>The project has no protection or recharge zone layer.</source>
        <translation>工程中没有保护区或补给区图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/products.py" line="241"/>
        <source>The project has no monitoring_wells layer.</source>
        <translation>工程中没有 monitoring_wells 图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/raster_products.py" line="118"/>
        <source>No raster for this map: give RASTER, or run the step in the zoning panel first.</source>
        <translation>此图没有栅格：请指定 RASTER，或先在分区面板中运行相应步骤。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/raster_products.py" line="125"/>
        <source>Cannot open the raster {p}.</source>
        <translation>无法打开栅格 {p}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/products.py" line="292"/>
        <source>The project has no sites layer.</source>
        <translation>项目中没有地块图层。</translation>
    </message>
</context>
<context>
    <name>ExportMapAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="50"/>
        <source>QGIS project (.qgz/.qgs; empty = the current project)</source>
        <translation>QGIS 工程（.qgz/.qgs；留空 = 当前工程）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="69"/>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="72"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="73"/>
        <source>Orientation</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="81"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="86"/>
        <source>Title (empty = standard)</source>
        <translation>标题（留空 = 标准标题）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="87"/>
        <source>Zoning version (zoning map; empty = the newest)</source>
        <translation>分区版本（分区图；留空 = 最新）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="111"/>
        <source>Resolution (dpi)</source>
        <translation>分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="116"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="121"/>
        <source>PNG</source>
        <translation>PNG</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="132"/>
        <source>Cannot read the project {p}: {e}</source>
        <translation>无法读取工程 {p}：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="138"/>
        <source>Give a PDF and/or a PNG output.</source>
        <translation>请给出 PDF 和/或 PNG 输出。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="161"/>
        <source>Wrote {f}.</source>
        <translation>已写出 {f}。</translation>
    </message>
    <message>
        <source>Export a map product (PDF/PNG)</source>
        <translation>导出地图成果（PDF/PNG）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="141"/>
        <source>The overview map keeps its standard title; TITLE is not used for it.</source>
        <translation>总览图保留其标准标题；TITLE 对其不起作用。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="59"/>
        <source>overview map</source>
        <translation>概况图</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="60"/>
        <source>zoning map</source>
        <translation>分区图</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="61"/>
        <source>protection and recharge zones</source>
        <translation>保护区及补给区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="62"/>
        <source>groundwater quality of the wells</source>
        <translation>监测井水质</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="63"/>
        <source>vulnerability (DRASTIC)</source>
        <translation>脆弱性（DRASTIC）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="64"/>
        <source>pollution-source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="65"/>
        <source>function value</source>
        <translation>功能价值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="66"/>
        <source>pollution status</source>
        <translation>污染现状</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="73"/>
        <source>landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="73"/>
        <source>portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="81"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="81"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="92"/>
        <source>Raster of a raster map (vulnerability, source load, function value, pollution status; empty = the project&apos;s)</source>
        <translation>栅格专题图的栅格（脆弱性、污染源荷载、功能价值、污染现状；留空 = 取工程中的图层）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="100"/>
        <source>The pollution-status raster holds</source>
        <translation>污染现状栅格的内容</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="100"/>
        <source>pollution grades (pollution assessment)</source>
        <translation>污染等级（污染评价）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="100"/>
        <source>water-quality classes (GB/T 14848; not a pollution assessment)</source>
        <translation>水质类别（GB/T 14848；不是污染评价）</translation>
    </message>
    <message>
        <source>Lays out one of the map products on the print-layout template of the chosen paper and orientation (title, legend, scale bar, north arrow, CGCS2000 graticule, notes, data sources and date) and writes it to PDF and/or PNG: overview (wells by aquifer layer, sources by category, water sources), zoning (zoning_units of one version by zone class in the colours of the zone_class code list, newest version by default), recharge_zones (protection and recharge zones, water sources and the pollution sources inside the zones), well_quality (wells by latest GB/T 14848 class, one legend group per aquifer layer); vulnerability (DRASTIC index in its classes), source_load, function_value and pollution_status (grades of the pollution assessment, or GB/T 14848 classes, labelled as such): the RASTER given, else the project&apos;s layer of that zoning step. The project is the given .qgz/.qgs file, else the current project; it is not changed. Text in Chinese by default, English on request.</source>
        <translation>按所选纸张和方向的打印布局模板（标题、图例、比例尺、指北针、CGCS2000 经纬网、注记、数据来源和日期）排版一种地图成果，并写出为 PDF 和/或 PNG：overview（按含水层显示的监测井、按类别显示的污染源、饮用水水源）、zoning（某一版本的 zoning_units，按 zone_class 代码表的颜色显示分区类别，默认最新版本）、recharge_zones（保护区和补给区、水源以及区内的污染源）、well_quality（按最新 GB/T 14848 类别显示的监测井，每个含水层一个图例组）；vulnerability（按分级显示的 DRASTIC 指数）、source_load（污染源荷载）、function_value（功能价值）和 pollution_status（污染评价等级，或注明为 GB/T 14848 水质类别）：使用给定的 RASTER，否则取工程中该分区步骤的图层。工程为给定的 .qgz/.qgs 文件，否则为当前工程；工程不会被修改。文字默认中文，可选英文。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/maps/alg_exportmap.py" line="67"/>
        <source>construction-land sites (stages, exceeding points)</source>
        <translation>建设用地地块（阶段、超筛选值点位）</translation>
    </message>
</context>
<context>
    <name>ExportRosterAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="181"/>
        <source>Roster</source>
        <translation>名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="184"/>
        <source>Published version (empty = accepted entries)</source>
        <translation>已发布版本（留空 = 已确认的条目）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="189"/>
        <source>City name for the title</source>
        <translation>标题中的城市名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="190"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="190"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="195"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="195"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="207"/>
        <source>Choose an Excel and/or a PDF file.</source>
        <translation>请选择 Excel 和/或 PDF 文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="209"/>
        <source>Version {v} of this roster has not been published.</source>
        <translation>该名录的版本 {v} 尚未发布。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="216"/>
        <source>{n} units listed</source>
        <translation>共列出 {n} 家单位</translation>
    </message>
    <message>
        <source>Export a roster (XLSX / PDF)</source>
        <translation>导出名录（XLSX / PDF）</translation>
    </message>
    <message>
        <source>Writes a roster in the official layout — 序号, 单位名称, 统一社会信用代码, 所在县（市、区）, 类别, 地址, 纳入理由 — to an Excel workbook and/or a PDF. VERSION names a published version; empty lists the current accepted entries.</source>
        <translation>按官方格式——序号、单位名称、统一社会信用代码、所在县（市、区）、类别、地址、纳入理由——将名录写入 Excel 工作簿和/或 PDF。VERSION 指定已发布的版本；留空则列出当前已确认的条目。</translation>
    </message>
</context>
<context>
    <name>FlowFieldAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="55"/>
        <source>Heads at wells (point layer)</source>
        <translation>监测井水位标高（点图层）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="60"/>
        <source>Head field (m)</source>
        <translation>水位标高字段（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="70"/>
        <source>Project database (instead of a layer)</source>
        <translation>项目数据库（代替图层）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="75"/>
        <source>From date (YYYY-MM-DD)</source>
        <translation>起始日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="76"/>
        <source>To date (YYYY-MM-DD)</source>
        <translation>截止日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="77"/>
        <source>Aquifer layer code</source>
        <translation>含水层位代码</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="78"/>
        <source>Cell size (m)</source>
        <translation>像元大小（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="78"/>
        <source>Contour interval (m)</source>
        <translation>等值线间距（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="78"/>
        <source>Arrow spacing (m)</source>
        <translation>箭头间距（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="88"/>
        <source>Head contours</source>
        <translation>水位等值线</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="89"/>
        <source>Head raster</source>
        <translation>水位标高栅格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="92"/>
        <source>Flow arrows</source>
        <translation>流向箭头</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="97"/>
        <source>Hydraulic gradient (m/m)</source>
        <translation>水力坡度（m/m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="98"/>
        <source>Flow azimuth (degrees from north)</source>
        <translation>流向方位角（自正北顺时针，度）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="99"/>
        <source>R² of the planar fit</source>
        <translation>平面拟合 R²</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="100"/>
        <source>Wells used</source>
        <translation>参与计算的井数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="107"/>
        <source>Choose the head field of the input layer.</source>
        <translation>请选择输入图层的水位标高字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="124"/>
        <source>Give either a point layer with heads or the project database.</source>
        <translation>请提供含水位标高的点图层或项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="141"/>
        <source>The heads are in a geographic CRS ({crs}): reproject them to a projected CRS in metres.</source>
        <translation>水位点位于地理坐标系（{crs}）中：请投影到以米为单位的投影坐标系。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_flowfield.py" line="184"/>
        <source>{n} wells: gradient {g:.5f}, flow towards {a:.1f}° from north, R² {r:.3f}.</source>
        <translation>{n} 口井：水力坡度 {g:.5f}，流向自正北顺时针 {a:.1f}°，R² {r:.3f}。</translation>
    </message>
    <message>
        <source>Groundwater flow field (head contours, gradient, flow direction)</source>
        <translation>地下水流场（水位等值线、水力坡度、流向）</translation>
    </message>
    <message>
        <source>Draws the flow field from hydraulic heads at wells. Heads come from INPUT (a point layer) and HEAD_FIELD, or from the project DATABASE&apos;s water levels: the mean head of each well between DATE_FROM and DATE_TO (YYYY-MM-DD, empty = open), in AQUIFER_LAYER if given (heads missing in the table are ground elevation minus depth to water). A least-squares plane through the heads gives GRADIENT (m/m), AZIMUTH (degrees clockwise from north, the direction the water flows towards, i.e. down the head gradient) and R2 (how well a plane describes the heads: a low R2 means the regional gradient is not a good summary). Heads are interpolated linearly between the wells (no extrapolation beyond their convex hull) on a CELL_SIZE grid: OUTPUT gets contour lines every INTERVAL metres, OUTPUT_RASTER the head raster, OUTPUT_ARROWS flow arrows every ARROW_SPACING metres (field azimuth for a rotated arrow symbol). Coordinates must be in a projected CRS in metres.</source>
        <translation>由监测井的水位标高绘制地下水流场。水位来自 INPUT（点图层）及 HEAD_FIELD，或来自项目数据库 DATABASE 的水位记录：取每口井在 DATE_FROM 至 DATE_TO（YYYY-MM-DD，留空为不限）之间的平均水位，若给出 AQUIFER_LAYER 则仅用该含水层位（表中缺少的水位标高按地面高程减水位埋深计算）。对水位作最小二乘平面拟合，得到 GRADIENT（水力坡度，m/m）、AZIMUTH（自正北顺时针的度数，即地下水流向，沿水位下降方向）和 R2（平面对水位的描述程度：R2 低说明区域水力坡度不足以概括流场）。水位在井间线性插值（不外推到井群凸包之外），网格大小为 CELL_SIZE：OUTPUT 为间隔 INTERVAL 米的水位等值线，OUTPUT_RASTER 为水位栅格，OUTPUT_ARROWS 为间距 ARROW_SPACING 米的流向箭头（字段 azimuth 可用于箭头符号旋转）。坐标须为以米为单位的投影坐标系。</translation>
    </message>
</context>
<context>
    <name>FlowFieldBox</name>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="37"/>
        <source>The project database is in a geographic CRS ({crs}): a gradient needs metres.</source>
        <translation>项目数据库使用地理坐标系（{crs}）：计算水力坡度需要以米为单位的坐标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="44"/>
        <source>Only {n} wells of this aquifer layer have a head between {start} and {end}: the flow field needs at least {m}. Widen the dates or import water levels.</source>
        <translation>该含水层位在 {start} 至 {end} 之间仅有 {n} 口井有水位标高：流场至少需要 {m} 口。请放宽日期范围或导入水位数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="54"/>
        <source>The wells with heads lie on one line: the direction of flow cannot be determined.</source>
        <translation>有水位的监测井位于一条直线上：无法确定地下水流向。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="81"/>
        <source>From the flow field</source>
        <translation>由流场求取</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="83"/>
        <source>Fill the gradient and the flow direction from a plane fitted to the mean heads of the wells of this aquifer layer between the two dates (as gwplugin:flowfield).</source>
        <translation>用该含水层位各监测井在两个日期之间的平均水位标高拟合平面，填入水力坡度和流向（与 gwplugin:flowfield 相同）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="100"/>
        <source>Aquifer layer</source>
        <translation>含水层位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="102"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="104"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="119"/>
        <source>No project database is loaded.</source>
        <translation>未加载项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_flowfield.py" line="134"/>
        <source>Gradient {g:.5f}, flow towards {a:.1f}° from north; R² = {r2:.3f} from {n} wells.</source>
        <translation>水力坡度 {g:.5f}，流向自北顺时针 {a:.1f}°；R² = {r2:.3f}，共 {n} 口井。</translation>
    </message>
</context>
<context>
    <name>FunctionValueAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="44"/>
        <source>Protection zones (protection_zones)</source>
        <translation>保护区（protection_zones）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="49"/>
        <source>Recharge zones (recharge_zones)</source>
        <translation>补给区（recharge_zones）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="54"/>
        <source>Drinking-water sources (drinking_water_sources, for abstraction)</source>
        <translation>饮用水水源（drinking_water_sources，取其取水量）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="62"/>
        <source>Water-quality class raster (GB/T 14848 class 1-5)</source>
        <translation>水质类别栅格（GB/T 14848 第 1-5 类）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="67"/>
        <source>Water-quality points</source>
        <translation>水质点</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="75"/>
        <source>Quality class field (1-5 or I-V)</source>
        <translation>水质类别字段（1-5 或 I-V）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="83"/>
        <source>Reference raster for the target grid (e.g. the DRASTIC index)</source>
        <translation>目标格网的参考栅格（如 DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="84"/>
        <source>Scores and parameters (JSON, edited copy)</source>
        <translation>评分与参数（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="89"/>
        <source>Function value</source>
        <translation>功能价值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="96"/>
        <source>Give protection zones and/or recharge zones.</source>
        <translation>请给出保护区和/或补给区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="100"/>
        <source>Give a reference raster, or an extent and a cell size.</source>
        <translation>请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="105"/>
        <source>The protection-zone layer has no zone_class field.</source>
        <translation>保护区图层没有 zone_class 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="111"/>
        <source>The recharge-zone layer has no kind field.</source>
        <translation>补给区图层没有 kind 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="119"/>
        <source>The drinking-water source layer needs the fields uuid and abstraction_m3d.</source>
        <translation>饮用水水源图层需要 uuid 和 abstraction_m3d 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="123"/>
        <source>Abstraction known for {n} drinking-water sources.</source>
        <translation>已知取水量的饮用水水源：{n} 个。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_functionvalue.py" line="128"/>
        <source>Choose the quality class field of the water-quality points.</source>
        <translation>请选择水质点的水质类别字段。</translation>
    </message>
    <message>
        <source>Groundwater function value</source>
        <translation>地下水功能价值</translation>
    </message>
    <message>
        <source>Function-value score (1-10) of groundwater. Protection zones (protection_zones.zone_class: class_1, class_2, quasi) and recharge zones (recharge_zones.kind) are scored and multiplied by an abstraction factor of their drinking-water source (drinking_water_sources.abstraction_m3d, linked by water_source_uuid); the highest covering zone wins; cells outside every zone get the outside score. With a water-quality input (a raster of GB/T 14848 classes 1-5, or points with a class field: 1-5 or I-V) the value is zone weight x zone score + quality weight x quality score where the quality is known. All scores and weights are DEFAULTS in resources/reference/zoning_defaults.json (function_value); pass an edited copy as CONFIG. Zones are rasterised with gdal.Rasterize (cells whose centre is inside).</source>
        <translation>地下水功能价值评分（1-10）。对保护区（protection_zones.zone_class：class_1、class_2、quasi）和补给区（recharge_zones.kind）评分，并乘以其饮用水水源的取水量系数（drinking_water_sources.abstraction_m3d，通过 water_source_uuid 关联）；多个区域覆盖时取最高者；不在任何区域内的像元取区外评分。有水质输入（GB/T 14848 第 1-5 类的栅格，或带类别字段的点：1-5 或 I-V）时，在水质已知处取值为 区域权重 × 区域评分 + 水质权重 × 水质评分。所有评分和权重均为 resources/reference/zoning_defaults.json（function_value）中的默认值；可将修改后的副本作为 CONFIG 传入。区域用 gdal.Rasterize 栅格化（像元中心在区域内的像元）。</translation>
    </message>
</context>
<context>
    <name>GwAlgorithm</name>
    <message>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Protection and recharge zones</source>
        <translation>保护区与补给区</translation>
    </message>
    <message>
        <source>Wells and water quality</source>
        <translation>监测井与水质</translation>
    </message>
    <message>
        <source>Zoning</source>
        <translation>防治分区</translation>
    </message>
    <message>
        <source>Pollution sources</source>
        <translation>污染源</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Maps</source>
        <translation>地图</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/params.py" line="40"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <source>Soil pilot area</source>
        <translation>土壤污染防治先行区</translation>
    </message>
</context>
<context>
    <name>GwPlugin</name>
    <message>
        <location filename="../gw_plugin/plugin.py" line="74"/>
        <source>Groundwater pilot zone</source>
        <translation>地下水试验区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="77"/>
        <source>Open / create project database…</source>
        <translation>打开 / 新建项目数据库…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="77"/>
        <source>Open a project GeoPackage, or create a new one, and load every layer with styles and forms</source>
        <translation>打开或新建项目 GeoPackage，并加载全部图层及其样式和表单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="86"/>
        <source>Build demo city…</source>
        <translation>生成演示城市…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="86"/>
        <source>Build the fictional demo city (database, rasters and project) in a folder</source>
        <translation>在文件夹中生成虚构的演示城市（数据库、栅格和工程）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="493"/>
        <source>About gw_plugin</source>
        <translation>关于 gw_plugin</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="268"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="336"/>
        <source>Cannot open the project database</source>
        <translation>无法打开项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="297"/>
        <source>{name} was upgraded from schema version {old} to {new}. The original file was kept as {backup}.</source>
        <translation>{name} 已从数据结构版本 {old} 升级到 {new}。原文件已保留为 {backup}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="313"/>
        <source>Layers cannot be loaded: {error}</source>
        <translation>无法加载图层：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="322"/>
        <source>{name} is already loaded in this project.</source>
        <translation>{name} 已加载到本工程中。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="336"/>
        <source>Loading the layers of {name} failed: {error}</source>
        <translation>加载 {name} 的图层失败：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="349"/>
        <source>Created {name} ({crs}).</source>
        <translation>已创建 {name}（{crs}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="349"/>
        <source>Opened {name} (schema version {version}, {crs}).</source>
        <translation>已打开 {name}（数据结构版本 {version}，{crs}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="459"/>
        <source>Build demo city</source>
        <translation>生成演示城市</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="390"/>
        <source>The algorithm {id} is not available in this version of the plugin.</source>
        <translation>本版本插件中没有算法 {id}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="399"/>
        <source>Folder for the demo city</source>
        <translation>演示城市所在文件夹</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="405"/>
        <source>Building the demo city</source>
        <translation>正在生成演示城市</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="425"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="464"/>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="468"/>
        <source>The demo city is ready: {path}</source>
        <translation>演示城市已生成：{path}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="475"/>
        <source>Open demo project</source>
        <translation>打开演示工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="483"/>
        <source>&lt;h3&gt;gw_plugin {version}&lt;/h3&gt;&lt;p&gt;Groundwater pollution prevention pilot zones: well inventory by aquifer layer, pollution sources, zoning, recharge and protection zones, offline editing and sync with the city platform.&lt;/p&gt;&lt;p&gt;One project GeoPackage holds every table; coordinates are stored in a projected CGCS2000 3-degree Gauss–Krüger CRS. Water quality is classified after GB/T 14848-2017.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;gw_plugin {version}&lt;/h3&gt;&lt;p&gt;地下水污染防治试验区：分层监测井台账、污染源、防治分区、补给区与保护区、离线编辑及与市级平台同步。&lt;/p&gt;&lt;p&gt;一个项目 GeoPackage 存放全部数据表；坐标以 CGCS2000 3 度带高斯-克吕格投影坐标系存储。水质按 GB/T 14848-2017 分类。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="277"/>
        <source>{name} uses schema version {version}, newer than this plugin&apos;s version {current}. Update gw_plugin to open it; the file was not changed.</source>
        <translation>{name} 使用数据结构版本 {version}，比本插件的版本 {current} 更新。请升级 gw_plugin 后再打开；文件未作任何改动。</translation>
    </message>
</context>
<context>
    <name>GwProvider</name>
    <message>
        <location filename="../gw_plugin/processing/provider.py" line="40"/>
        <source>Groundwater pilot zone</source>
        <translation>地下水试验区</translation>
    </message>
</context>
<context>
    <name>HiddenDangers</name>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="56"/>
        <source>{d} is not a date (YYYY-MM-DD).</source>
        <translation>{d} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="177"/>
        <source>{k} is not a kind of investigation.</source>
        <translation>{k} 不是隐患排查类型。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="180"/>
        <source>An investigation cannot finish before it starts.</source>
        <translation>排查的完成日期不能早于开始日期。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="186"/>
        <source>There is no pollution source {u}.</source>
        <translation>不存在污染源 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="231"/>
        <source>{l} is not a level of hidden danger.</source>
        <translation>{l} 不是隐患等级。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="233"/>
        <source>Describe the hidden danger.</source>
        <translation>请填写隐患描述。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="236"/>
        <source>The rectification deadline is before the day the danger was found.</source>
        <translation>整改期限早于隐患发现日期。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="244"/>
        <source>There is no investigation {u}.</source>
        <translation>不存在隐患排查记录 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="275"/>
        <source>A rectification cannot be verified before it is done.</source>
        <translation>整改核查日期不能早于整改完成日期。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="285"/>
        <source>There is no hidden danger {u}.</source>
        <translation>不存在隐患记录 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="353"/>
        <source>Name the look-back batch.</source>
        <translation>请填写“回头看”批次名称。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/hidden_dangers.py" line="358"/>
        <source>The batch {b} is recorded already.</source>
        <translation>批次 {b} 已记录过。</translation>
    </message>
</context>
<context>
    <name>HiddenDangersAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="86"/>
        <source>As of (YYYY-MM-DD, empty = today)</source>
        <translation>截至日期（YYYY-MM-DD，空为今天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="89"/>
        <source>Units and their investigations</source>
        <translation>单位及其隐患排查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="90"/>
        <source>Rectification ledger</source>
        <translation>整改台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="95"/>
        <source>Units on the roster</source>
        <translation>名录内单位数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="96"/>
        <source>Units whose investigation is overdue</source>
        <translation>隐患排查逾期的单位数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_hiddendangers.py" line="143"/>
        <source>{n} units on the roster, {o} with an overdue investigation.</source>
        <translation>名录内 {n} 个单位，其中 {o} 个隐患排查逾期。</translation>
    </message>
    <message>
        <source>Hidden-danger investigations of soil key supervised units</source>
        <translation>土壤污染重点监管单位隐患排查</translation>
    </message>
    <message>
        <source>Seed 001 二(一)2(2): a unit newly on the soil key supervised units roster investigates its hidden dangers within one year of its listing, and the hidden dangers found are rectified by their deadline. For every unit on the roster (accepted or published entries; the listing date is the earliest decision date) the output gives the deadline (one year after listing) and the status of its first investigation as of the date given: on_time, late, in_progress, not_started or overdue, with its open and overdue hidden dangers. The ledger lists every hidden danger with its state: open, overdue, rectified or verified. Each unit also shows why its self-monitoring check needs re-sampling (a major hidden danger not rectified, its site or its surrounding monitoring points exceeding) and what is missing in its demolition records.</source>
        <translation>先行区方案 二(一)2(2)：新增的土壤污染重点监管单位应在纳入名录后一年内开展隐患排查，发现的隐患按期整改。对名录中的每个单位（已确认或已发布的条目；纳入日期取最早的决定日期），输出其期限（纳入后一年）和截至所给日期首次隐患排查的状态：on_time（按期完成）、late（逾期完成）、in_progress（进行中）、not_started（未开始）或 overdue（已逾期未完成），以及未整改和逾期未整改的隐患数。整改台账列出每项隐患及其状态：open（待整改）、overdue（逾期未整改）、rectified（已整改）、verified（已核查）。每个单位还列出其自行监测抽查需复核采样的理由（存在未整改的重大隐患、所在地块或周边监测点位超标）以及拆除活动记录中缺少的内容。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="80"/>
        <source>Import lab results</source>
        <translation>导入实验室检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="104"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="119"/>
        <source>Long: one row per value</source>
        <translation>长表：每个数值一行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="120"/>
        <source>Wide: one column per parameter</source>
        <translation>宽表：每个指标一列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="127"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="128"/>
        <source>&amp;Worksheet:</source>
        <translation>工作表(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="130"/>
        <source>&amp;Layout:</source>
        <translation>表格布局(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="134"/>
        <source>W&amp;ell code column:</source>
        <translation>井编号列(&amp;E)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="135"/>
        <source>Sampling &amp;date column:</source>
        <translation>采样日期列(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="136"/>
        <source>&amp;Parameter column:</source>
        <translation>指标列(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="138"/>
        <source>&amp;Unit column:</source>
        <translation>单位列(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="139"/>
        <source>Sa&amp;mple code column:</source>
        <translation>样品编号列(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="148"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="167"/>
        <source>L&amp;oad</source>
        <translation>载入(&amp;O)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="168"/>
        <source>&amp;Save as…</source>
        <translation>另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="171"/>
        <source>P&amp;reset:</source>
        <translation>预设(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="175"/>
        <source>&amp;Validate</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="184"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="184"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="184"/>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="184"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="184"/>
        <source>Message</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="208"/>
        <source>&amp;Cancel task</source>
        <translation>取消任务(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="213"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="214"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="283"/>
        <source>No project database is loaded.</source>
        <translation>尚未加载项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="331"/>
        <source>Lab results</source>
        <translation>实验室检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="432"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="526"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="526"/>
        <source>Name of the column preset:</source>
        <translation>列对应预设的名称：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="586"/>
        <source>Validating…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="597"/>
        <source>Validation canceled.</source>
        <translation>已取消校验。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="604"/>
        <source>Validating lab results</source>
        <translation>正在校验实验室检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="610"/>
        <source>{rows} rows read ({encoding}); {values} valid values; {errors} errors in {bad} rows; {warnings} warnings.</source>
        <translation>已读取 {rows} 行（{encoding}）；有效数值 {values} 个；{bad} 行中有 {errors} 个错误；{warnings} 个警告。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="627"/>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="628"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="644"/>
        <source>Nothing can be imported as it is: fix the file, or tick “Import only the valid rows”.</source>
        <translation>按现状无法导入任何内容：请修改文件，或勾选“只导入有效的行”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="651"/>
        <source>No errors: ready to import.</source>
        <translation>没有错误：可以导入。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="656"/>
        <source>Validate the file with this column mapping first.</source>
        <translation>请先按此列对应关系校验文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="662"/>
        <source>Import refused: {n} errors in {rows} rows. Nothing was written. Fix the file, or tick “Import only the valid rows”.</source>
        <translation>导入被拒绝：{rows} 行中有 {n} 个错误。未写入任何内容。请修改文件，或勾选“只导入有效的行”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="673"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="699"/>
        <source>Import canceled: nothing was written.</source>
        <translation>已取消导入：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="714"/>
        <source>Imported {results} results in {samples} new samples. Updating water-quality classes…</source>
        <translation>已导入 {samples} 个新样品的 {results} 条结果。正在更新水质类别…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="726"/>
        <source>Importing lab results</source>
        <translation>正在导入实验室检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="748"/>
        <source>Updating water-quality classes</source>
        <translation>正在更新水质类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="769"/>
        <source>Imported {results} results; {wells} wells classified.</source>
        <translation>已导入 {results} 条结果；{wells} 口井已分类。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="775"/>
        <source>Imported {results} results, but the classes were not updated: {error}</source>
        <translation>已导入 {results} 条结果，但未能更新类别：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="169"/>
        <source>Dele&amp;te</source>
        <translation>删除(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="137"/>
        <source>Value colum&amp;n:</source>
        <translation>数值列(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="140"/>
        <source>L&amp;aboratory column:</source>
        <translation>检测单位列(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="197"/>
        <source>Import onl&amp;y the valid rows (rows with errors are left out entirely)</source>
        <translation>只导入有效的行(&amp;Y)（有错误的行整行略过）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="110"/>
        <source>found automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="111"/>
        <source>The row of the file that holds the column names (title rows above it are skipped; names over units in merged cells are joined).</source>
        <translation>文件中列名所在的行（其上方的标题行将被跳过；合并单元格中名称与其下方的单位会被合并）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="129"/>
        <source>&amp;Header row:</source>
        <translation>表头行(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="331"/>
        <source>Tables (*.csv *.xlsx *.xls *.txt *.tsv);;All files (*)</source>
        <translation>表格 (*.csv *.xlsx *.xls *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="360"/>
        <source>Reading {file}…</source>
        <translation>正在读取 {file}…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="371"/>
        <source>Reading canceled.</source>
        <translation>已取消读取。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="373"/>
        <source>Reading the lab file</source>
        <translation>读取检测结果文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="397"/>
        <source>{sheet} (hidden)</source>
        <translation>{sheet}（隐藏）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="408"/>
        <source>{rows} rows, {cols} columns ({encoding}); header in row {header}.</source>
        <translation>{rows} 行，{cols} 列（{encoding}）；表头在第 {header} 行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="412"/>
        <source>The workbook has {n} worksheets: check that “{sheet}” is the right one.</source>
        <translation>该工作簿有 {n} 个工作表：请确认“{sheet}”是要导入的工作表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="566"/>
        <source>The column mapping is incomplete: choose the {roles}. If the file&apos;s column names look wrong, set the header row (the row holding the column names).</source>
        <translation>列对应关系不完整：请选择{roles}。如果文件的列名看起来不对，请设置表头行（列名所在的行）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="640"/>
        <source>Nothing can be imported: the file has no valid value.</source>
        <translation>没有可导入的内容：文件中没有有效数值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="125"/>
        <source>Sample &amp;kind:</source>
        <translation>样品类型(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="144"/>
        <source>Sa&amp;mple code column (the soil sample):</source>
        <translation>样品编号列（土壤样品）(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_dialog.py" line="707"/>
        <source>Imported {results} soil results.</source>
        <translation>已导入 {results} 条土壤检测结果。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_kinds.py" line="26"/>
        <source>Soil samples (GB 36600-2018)</source>
        <translation>土壤样品（GB 36600-2018）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_kinds.py" line="27"/>
        <source>Groundwater samples (GB/T 14848-2017)</source>
        <translation>地下水样品（GB/T 14848-2017）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_kinds.py" line="50"/>
        <source>Units: mg/kg or μg/kg (also ng/kg, g/kg, ppm, ppb), in a unit column, in the header as “砷(μg/kg)” or with the value; a value without a unit is read as mg/kg. Results are linked to the soil samples by their sample code.</source>
        <translation>单位：mg/kg 或 μg/kg（也可为 ng/kg、g/kg、ppm、ppb），可写在单位列、表头（如“砷(μg/kg)”）或数值中；未注明单位的数值按 mg/kg 读取。检测结果按样品编号关联到土壤样品。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/import_kinds.py" line="56"/>
        <source>Units: mg/L or μg/L, in a unit column, in the header as “砷(μg/L)” or with the value. Results are linked to the wells by their code and sampling date.</source>
        <translation>单位：mg/L 或 μg/L，可写在单位列、表头（如“砷(μg/L)”）或数值中。检测结果按监测井编号和采样日期关联到监测井。</translation>
    </message>
</context>
<context>
    <name>ImportLedgerAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="65"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Ledger of</source>
        <translation>台账类型</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Pollution sources</source>
        <translation>污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Abandoned wells</source>
        <translation>废弃井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Monitoring wells</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="85"/>
        <source>Report (issues and changes)</source>
        <translation>报告（问题与变更）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="100"/>
        <source>Columns: {m}</source>
        <translation>列：{m}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Roster list</source>
        <translation>名录清单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Inspection ledger</source>
        <translation>检查台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Discharge permits</source>
        <translation>排污许可</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="64"/>
        <source>Ledger (CSV, XLSX or XLS)</source>
        <translation>台账（CSV、XLSX 或 XLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="83"/>
        <source>Worksheet (XLSX/XLS)</source>
        <translation>工作表（XLSX/XLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="102"/>
        <source>No column of {file} was recognised for this ledger (headers in row {row}: {headers}). Check the ledger type, or name the header row (HEADER_ROW).</source>
        <translation>{file} 中没有一列被识别为此台账的字段（表头在第 {row} 行：{headers}）。请检查台账类型，或指定表头行（HEADER_ROW）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="113"/>
        <source>Canceled while validating: nothing was written.</source>
        <translation>校验时已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="123"/>
        <source>Canceled before writing: nothing was written.</source>
        <translation>写入前已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="135"/>
        <source>Canceled while writing: the transaction was rolled back, nothing was written.</source>
        <translation>写入时已取消：事务已回滚，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="66"/>
        <source>Construction-land sites</source>
        <translation>建设用地地块</translation>
    </message>
    <message>
        <source>Import ledger (sources, wells, rosters, inspections, permits, sites)</source>
        <translation>导入台账（污染源、监测井、名录、检查、排污许可、地块）</translation>
    </message>
    <message>
        <source>Imports a ledger from CSV (UTF-8, GB18030/GBK or UTF-16), XLSX or XLS; title and note rows above the header (as in the plugin's own exported rosters) are skipped, or HEADER_ROW names the header row. Columns are recognised from their Chinese or English headers (单位名称, 统一社会信用代码, 类别, 地址, 县区, 经度/纬度 or X/Y …). Coordinates may be decimal degrees, degree-minute-second or projected metres; rows without coordinates are placed at their county's centroid and flagged for field checking. Rows matching an existing record by unified social credit code or code are updated (the report lists each change) instead of duplicated. Nothing is written when a row has an error, unless ACCEPT_VALID is set. Roster lists, inspection ledgers and discharge-permit lists name their source by unified social credit code, source code or exact name; an updated list updates the same roster version / the same inspection / the same permit number instead of duplicating it. Yes/no columns accept 是/否, 有/无, √/×, Y/N. Rows identical to another row of the file are reported as duplicates; cells with control characters are refused. A site ledger (地块编号, 地块名称, 地块状态, 规划用地类别 1 or 2 …) matches existing sites by site code; a site's boundary cannot come from a table: a new site is written without one (the report says so) and an existing site keeps its boundary.</source>
        <translation>从 CSV（UTF-8、GB18030/GBK 或 UTF-16）、XLSX 或 XLS 导入台账；表头上方的标题行和说明行（如插件自己导出的名录）会被跳过，也可用 HEADER_ROW 指定表头行。根据中英文表头识别各列（单位名称、统一社会信用代码、类别、地址、县区、经度/纬度或 X/Y 等）。坐标可为十进制度、度分秒或投影坐标（米）；没有坐标的行放在所在县区的中心点并标记为待现场核实。与已有记录的统一社会信用代码或编号相同的行将更新该记录（报告列出每项变更），而不是重复添加。只要有一行出错就不写入，除非设置了 ACCEPT_VALID。名录、检查台账和排污许可证清单通过统一社会信用代码、污染源编号或完全一致的名称对应污染源；更新后的清单会更新同一名录版本、同一次检查或同一许可证号，而不是重复添加。是/否列接受 是/否、有/无、√/×、Y/N。与文件中另一行完全相同的行报告为重复；含控制字符的单元格不予接受。地块台账（地块编号、地块名称、地块状态、规划用地类别 1 或 2 等）按地块编号对应已有地块；地块边界无法从表格得到：新地块不带边界写入（报告中会提示），已有地块保留其边界。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="86"/>
        <source>Rows inserted</source>
        <translation>新增的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="86"/>
        <source>Rows updated</source>
        <translation>更新的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_importledger.py" line="86"/>
        <source>Rows with errors</source>
        <translation>有错误的行数</translation>
    </message>
</context>
<context>
    <name>ImportLevelsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="43"/>
        <source>Water-level file (CSV or XLSX)</source>
        <translation>水位文件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="44"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="45"/>
        <source>Worksheet (XLSX)</source>
        <translation>工作表（XLSX）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Well code or name column</source>
        <translation>监测井编号或名称列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Measurement time column</source>
        <translation>测量时间列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Depth-to-water column (m)</source>
        <translation>水位埋深列（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Head column (m)</source>
        <translation>水位标高列（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Method column</source>
        <translation>测量方法列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="46"/>
        <source>Measured-by column</source>
        <translation>测量人列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="56"/>
        <source>Readings written</source>
        <translation>已写入的读数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="57"/>
        <source>Rows with errors</source>
        <translation>有错误的行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="66"/>
        <source>Cannot read {path}: {error}</source>
        <translation>无法读取 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="77"/>
        <source>Row {row}, column {column}: {message}</source>
        <translation>第 {row} 行，{column} 列：{message}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="83"/>
        <source>{n} rows have errors: nothing was written.</source>
        <translation>{n} 行有错误：未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="90"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importlevels.py" line="91"/>
        <source>{n} water levels written.</source>
        <translation>已写入 {n} 条水位记录。</translation>
    </message>
    <message>
        <source>Import water levels</source>
        <translation>导入地下水水位</translation>
    </message>
    <message>
        <source>Imports water levels from CSV or XLSX: one row per reading (a logger export may hold thousands per well) with the well (code, any of its codes in other departments' lists, or its name; compared after width and case folding), the time (2024-06-15 08:30, 2024/6/15, 2024年6月15日 or an Excel serial) and the depth to water and/or the head. Columns left empty are guessed from the headers. The head is computed as ground elevation minus depth when only the depth is given. Any error (unknown well, unreadable time or number, a time in the future, a head contradicting depth and ground elevation, a reading already stored) stops the import: nothing is written, and the errors are listed with their rows.</source>
        <translation>从 CSV 或 XLSX 导入地下水水位：每行一个读数（自动监测导出文件每口井可有数千条），包括监测井（编号、其他部门名单中的任一编号或井名；比较时忽略全角半角和大小写）、时间（2024-06-15 08:30、2024/6/15、2024年6月15日 或 Excel 序列值）以及水位埋深和/或水位标高。留空的列名按表头自动识别。仅给出埋深时，水位标高按地面高程减埋深计算。任何错误（未知监测井、无法识别的时间或数值、晚于当前的时间、水位标高与埋深和地面高程矛盾、已存在的读数）都会中止导入：不写入任何数据，并逐行列出错误。</translation>
    </message>
</context>
<context>
    <name>ImportParams</name>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="39"/>
        <source>Header row (the row holding the column names; 0 = found automatically)</source>
        <translation>表头行（列名所在的行；0 = 自动识别）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="73"/>
        <source>Canceled while reading the file: nothing was written.</source>
        <translation>读取文件时已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="78"/>
        <source>Worksheet read: {sheet} (the workbook has: {sheets}; hidden: {hidden}).</source>
        <translation>已读取工作表：{sheet}（工作簿中有：{sheets}；隐藏：{hidden}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="83"/>
        <source>{rows} rows, header in row {row}: {headers}</source>
        <translation>{rows} 行，表头在第 {row} 行：{headers}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="26"/>
        <source>Import the valid rows even if some rows have errors</source>
        <translation>即使部分行有错误，也导入有效的行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/import_params.py" line="31"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>ImportSamplesAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="52"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="53"/>
        <source>Layout</source>
        <translation>表格布局</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="53"/>
        <source>Long</source>
        <translation>长表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="53"/>
        <source>Wide</source>
        <translation>宽表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="66"/>
        <source>Validation report</source>
        <translation>校验报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="67"/>
        <source>New samples</source>
        <translation>新样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="68"/>
        <source>Results written</source>
        <translation>已写入的结果数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="69"/>
        <source>Rows with errors</source>
        <translation>有错误的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="102"/>
        <source>Column mapping: {m}</source>
        <translation>列对应关系：{m}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="140"/>
        <source>Written: {s} new samples, {r} results.</source>
        <translation>已写入：{s} 个新样品，{r} 条结果。</translation>
    </message>
    <message>
        <source>Import lab results</source>
        <translation>导入实验室检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="51"/>
        <source>Lab file (CSV, XLSX or XLS)</source>
        <translation>检测结果文件（CSV、XLSX 或 XLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="56"/>
        <source>Worksheet (XLSX/XLS)</source>
        <translation>工作表（XLSX/XLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="91"/>
        <source>The column mapping is incomplete: no column for {roles} among the headers {headers} (row {row}). Name the columns ({params}) or the header row (HEADER_ROW).</source>
        <translation>列对应关系不完整：表头 {headers}（第 {row} 行）中没有 {roles} 对应的列。请指定这些列（{params}）或表头行（HEADER_ROW）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="116"/>
        <source>Canceled while validating: nothing was written.</source>
        <translation>校验时已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="137"/>
        <source>Canceled while writing: the transaction was rolled back, nothing was written.</source>
        <translation>写入时已取消：事务已回滚，未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="144"/>
        <source>Current water-quality class updated for {n} wells.</source>
        <translation>已更新 {n} 口监测井的当前水质类别。</translation>
    </message>
    <message>
        <source>Imports lab results from CSV (UTF-8, GB18030/GBK or UTF-16, detected per file), XLSX or XLS (the first visible worksheet unless SHEET names one; title rows above the header are skipped, or HEADER_ROW names the header row; names and units in merged header cells are joined, e.g. 铅(mg/L)). Long layout: one row per value with well, date, parameter, value and unit columns. Wide layout: one row per sample and one column per parameter (unit in the header, e.g. 硝酸盐(mg/L), else the standard's unit). Column names left empty are guessed from the headers. Every row is validated first (unknown wells or parameters, unreadable or impossible values, unit mismatches, duplicates, dates in the future); with any error nothing is written unless ACCEPT_VALID is set, and then rows with errors are left out entirely. The validation report is written as CSV. The database is checked first (locked, read-only, damaged, newer schema); Cancel is honoured while writing too (the transaction is rolled back); afterwards the wells' current classes are updated.</source>
        <translation>从 CSV（UTF-8、GB18030/GBK 或 UTF-16，按文件自动识别）、XLSX 或 XLS 导入检测结果（默认读取第一个可见工作表，可用 SHEET 指定；表头上方的标题行会被跳过，也可用 HEADER_ROW 指定表头行；合并单元格中的名称与单位会被合并，如 铅(mg/L)）。长表：每行一个数值，含监测井、日期、指标、数值和单位列。宽表：每行一个样品，每列一个指标（单位写在表头中，如 硝酸盐(mg/L)，否则采用标准规定的单位）。未填写的列名将根据表头自动识别。写入前先校验每一行（未知监测井或指标、无法识别或不可能的数值、单位不符、重复、未来日期）；只要有错误就不写入，除非设置了 ACCEPT_VALID，此时有错误的行整行不导入。校验报告以 CSV 输出。先检查数据库（被锁定、只读、损坏、模式版本更新）；写入过程中也可取消（事务回滚）；导入后更新各监测井的当前水质类别。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="58"/>
        <source>Well code column</source>
        <translation>监测井编号列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="58"/>
        <source>Sampling date column</source>
        <translation>采样日期列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="58"/>
        <source>Parameter column (long layout)</source>
        <translation>指标列（长表）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="58"/>
        <source>Value column (long layout)</source>
        <translation>数值列（长表）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_importsamples.py" line="58"/>
        <source>Unit column (long layout)</source>
        <translation>单位列（长表）</translation>
    </message>
</context>
<context>
    <name>ImportSoilResultsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="51"/>
        <source>Lab file (CSV, XLSX, XLS)</source>
        <translation>检测结果文件（CSV、XLSX、XLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="56"/>
        <source>Sample code column</source>
        <translation>样品编号列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="57"/>
        <source>Parameter column (empty: a wide table)</source>
        <translation>检测项目列（空为宽表）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="57"/>
        <source>Value column (long tables)</source>
        <translation>数值列（长表）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="57"/>
        <source>Unit column (long tables; empty: mg/kg)</source>
        <translation>单位列（长表；空为 mg/kg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="57"/>
        <source>Sheet (workbooks; empty: the first)</source>
        <translation>工作表（工作簿；空为第一个）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="64"/>
        <source>Import the valid rows only</source>
        <translation>只导入有效行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="67"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="71"/>
        <source>Results written</source>
        <translation>写入的结果数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="72"/>
        <source>Rows with errors</source>
        <translation>有错误的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="73"/>
        <source>Chain-of-custody problems</source>
        <translation>样品流转问题数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="122"/>
        <source>{n} rows have errors (listed in the report); nothing was written.</source>
        <translation>{n} 行有错误（见报告），未写入任何数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="140"/>
        <source>{w} results of {s} samples written.</source>
        <translation>已写入 {s} 个样品的 {w} 条结果。</translation>
    </message>
    <message>
        <source>Import soil lab results</source>
        <translation>导入土壤检测结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_importsoilresults.py" line="130"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何数据。</translation>
    </message>
    <message>
        <source>Imports soil lab results into soil_results of the project database through the same lab import as groundwater results, matched to soil_samples by sample code. Long tables: a sample, a parameter, a value and optionally a unit column. Wide tables (no parameter column): every column naming a GB 36600-2018 item or a soil property (pH, moisture …) or carrying a unit in its header, e.g. 砷(mg/kg), is a parameter. Values as labs write them (ND, 未检出, &lt;0.01, 0.01L); units mg/kg, μg/kg, ng/kg, g/kg, ppm, ppb, each value kept in the unit it was written in. CSV in UTF-8 or GBK/GB18030, XLSX and XLS. Nothing is written while a row has an error (unknown sample, not a soil unit, unreadable value, a parameter given twice for a sample or already in the database) unless only the valid rows are to be imported; a cancel writes nothing; the report lists every error and warning. The chain of custody of every sample (who and when for each step, in order, within the hold time of its analyte group) is checked and its problems are listed in the log.</source>
        <translation>通过与地下水检测结果相同的实验室导入，将土壤检测结果导入项目数据库的 soil_results，按样品编号与 soil_samples 匹配。长表：样品、检测项目、数值列，可选单位列。宽表（无检测项目列）：表头为 GB 36600-2018 项目或土壤理化性质（pH、含水率……）或在表头中带单位（如 砷(mg/kg)）的每一列为一个检测项目。数值可按实验室写法（ND、未检出、&lt;0.01、0.01L）；单位 mg/kg、μg/kg、ng/kg、g/kg、ppm、ppb，每个数值按其书写单位保存。支持 UTF-8 或 GBK/GB18030 编码的 CSV，以及 XLSX、XLS。只要有一行存在错误（样品不存在、不是土壤含量单位、数值无法读取、同一样品的检测项目重复或已在数据库中），除非选择只导入有效行，否则不写入任何数据；取消时不写入任何数据；报告列出全部错误和警告。同时检查每个样品的流转链（各环节的人员和时间、先后顺序、是否在该检测项目类别的保存时限内），问题列在日志中。</translation>
    </message>
</context>
<context>
    <name>IndicatorDashboard</name>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="150"/>
        <source>Add a plan configuration (JSON) of your own</source>
        <translation>添加自己的方案配置（JSON）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="158"/>
        <source>Export &amp;XLSX…</source>
        <translation>导出 XLSX(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="160"/>
        <source>Export P&amp;DF…</source>
        <translation>导出 PDF(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="195"/>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Numerator</source>
        <translation>分子</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Denominator</source>
        <translation>分母</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="167"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="191"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="245"/>
        <source>Plan configuration</source>
        <translation>方案配置</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="245"/>
        <source>Plan (*.json)</source>
        <translation>方案 (*.json)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="406"/>
        <source>No project database or plan.</source>
        <translation>没有项目数据库或方案。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="289"/>
        <source>City and every county</source>
        <translation>全市及各县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="303"/>
        <source>{n} figures on {d}: {met} met, {on} on track, {behind} behind, {nd} no data</source>
        <translation>{d} 共 {n} 项数据：已达标 {met}，按进度 {on}，滞后 {behind}，无数据 {nd}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="400"/>
        <source>Export the indicators</source>
        <translation>导出指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="463"/>
        <source>Pilot-zone indicators</source>
        <translation>试验区考核指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="429"/>
        <source>Written: {path}</source>
        <translation>已写出：{path}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="434"/>
        <source>The export was canceled.</source>
        <translation>导出已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="149"/>
        <source>Own p&amp;lan…</source>
        <translation>自定义方案(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="156"/>
        <source>Comp&amp;ute</source>
        <translation>计算(&amp;U)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="315"/>
        <source>Not counted: unsaved edits in {layers} (save them and compute again).</source>
        <translation>未计入：{layers} 中尚未保存的编辑（保存后重新计算）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/indicator_dashboard.py" line="329"/>
        <source>{city} (whole city)</source>
        <translation>{city}（全市）</translation>
    </message>
</context>
<context>
    <name>IndicatorsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="74"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="79"/>
        <source>Own plan configuration (JSON, overrides PLAN)</source>
        <translation>自定义方案配置（JSON，覆盖 PLAN）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="88"/>
        <source>Reporting date (YYYY-MM-DD, empty = today)</source>
        <translation>统计日期（YYYY-MM-DD，留空 = 今天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="91"/>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="96"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="96"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="101"/>
        <source>PDF report</source>
        <translation>PDF 报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="101"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="104"/>
        <source>Charts in the PDF</source>
        <translation>PDF 中的图表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="127"/>
        <source>The reporting date must be written YYYY-MM-DD.</source>
        <translation>统计日期须写成 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Pilot-zone indicators</source>
        <translation>试验区考核指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="105"/>
        <source>Compare with the figures as of (YYYY-MM-DD, optional)</source>
        <translation>与该日期的指标对比（YYYY-MM-DD，可选）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_indicators.py" line="132"/>
        <source>The comparison date must be written YYYY-MM-DD.</source>
        <translation>对比日期须写作 YYYY-MM-DD。</translation>
    </message>
    <message>
        <source>Computes every indicator of a plan configuration that the data supports — self-monitoring completion, leakage investigation rate, share of spot checks and their coverage of source types, anti-seepage retrofit completion, detailed survey and risk-control plan completion, recharge-zone delineation of county-level and higher drinking-water sources, rosters published — for each county and the city. Each rate states its numerator and denominator. TODAY is the date the figures are computed AS OF, from the dated workflow history (any date, years before the plan included: a figure counts what had happened by then). COMPARE_TO adds a second date side by side in the workbook (sheet 年度对比; a stored year-end snapshot is used when there is one). Status: met (target reached), on track (at least the pro-rata share of the target for the time elapsed since the plan start), behind (below that, or the deadline passed), no data. Shipped plans: Zhengzhou 2022 (seed 000), Jincheng 2022 (seed 004) and the Zhengzhou soil pilot area 2022 (seed 001); PLAN_FILE takes your own JSON in the same format. Outputs: a table, an Excel workbook and a PDF report with a bar chart per indicator.</source>
        <translation>计算方案配置中数据可支持的全部指标——自行监测完成率、渗漏排查率、抽查比例及其对污染源类型的覆盖、防渗改造完成率、详细调查与风险管控方案完成率、县级及以上饮用水水源补给区划定、名录公布——分县和全市统计，每个比率均列明分子和分母。TODAY 为指标的统计截止日期，按带日期的工作流程记录计算（任何日期均可，包括方案开始之前：只计该日期前已发生的事项）。COMPARE_TO 在工作簿中并列第二个日期（“年度对比”表；有已保存的年末快照时使用快照）。状态：达标（达到目标）、按期推进（不低于自方案开始按时间比例应完成的目标）、滞后（低于该比例或已过期限）、无数据。内置方案：郑州 2022（种子 000）、晋城 2022（种子 004）和郑州土壤污染防治先行区 2022（种子 001）；PLAN_FILE 可用同样格式的自定义 JSON。输出：表格、Excel 工作簿和每项指标带柱状图的 PDF 报告。</translation>
    </message>
</context>
<context>
    <name>InitPlatformAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="35"/>
        <source>Platform connection (conninfo, URI, service, authcfg)</source>
        <translation>平台连接（conninfo、URI、service、authcfg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="38"/>
        <source>CRS (CGCS2000 3-degree Gauss-Kruger)</source>
        <translation>坐标系（CGCS2000 3 度带高斯-克吕格）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="43"/>
        <source>Users may read</source>
        <translation>用户可读取</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="43"/>
        <source>all counties</source>
        <translation>所有县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="43"/>
        <source>only the counties granted to them</source>
        <translation>仅限授权给他们的县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="52"/>
        <source>Schema version</source>
        <translation>数据结构版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="53"/>
        <source>Platform CRS</source>
        <translation>平台坐标系</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="66"/>
        <source>Platform created: schema version {version}, {crs}, reading: {scope}</source>
        <translation>已创建平台：数据结构版本 {version}，{crs}，读取范围：{scope}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="68"/>
        <source>Platform upgraded to schema version {version} ({crs}, reading: {scope})</source>
        <translation>平台已升级到数据结构版本 {version}（{crs}，读取范围：{scope}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_initplatform.py" line="70"/>
        <source>Platform is up to date: schema version {version}, {crs}, reading: {scope}</source>
        <translation>平台已是最新：数据结构版本 {version}，{crs}，读取范围：{scope}</translation>
    </message>
    <message>
        <source>Initialise or upgrade the city platform</source>
        <translation>初始化或升级市级平台</translation>
    </message>
    <message>
        <source>Creates (or additively upgrades) the schema &apos;gw&apos; of the city&apos;s PostgreSQL/PostGIS supervision platform from the same declarative schema as the project GeoPackage: one table per layer with a global revision per row, tombstones for deletions, an audit change log, idempotent push records, attachment storage and row-level security by county (users change only the counties granted to them in gw.county_grants). PLATFORM is a libpq connection string or URI; &apos;service=name&apos; and &apos;authcfg=id&apos; (QGIS authentication database) are accepted. Run it as the database owner; it is safe to run again.</source>
        <translation>依据与项目 GeoPackage 相同的声明式数据结构，创建（或以增量方式升级）市级 PostgreSQL/PostGIS 监管平台的 'gw' 模式：每个图层一张表，每行带全局版本号；删除记录保留墓碑；审计变更日志；幂等的推送记录；附件存储；按县区的行级安全（用户只能修改 gw.county_grants 中授权给他们的县区）。PLATFORM 为 libpq 连接字符串或 URI；也接受 'service=name' 和 'authcfg=id'（QGIS 认证数据库）。请以数据库所有者身份运行；可安全地重复运行。</translation>
    </message>
</context>
<context>
    <name>KeyUnits</name>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="123"/>
        <source>Name the batch.</source>
        <translation>请填写批次名称。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="132"/>
        <source>The batch {b} is recorded already.</source>
        <translation>批次 {b} 已记录过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="145"/>
        <source>There is no pollution source {u}.</source>
        <translation>不存在污染源 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="185"/>
        <source>{r} is not a check result (pass, rectify, fail).</source>
        <translation>{r} 不是检查结论（pass 合格、rectify 整改、fail 不合格）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="187"/>
        <source>{r} is not a re-sampling result (consistent, inconsistent).</source>
        <translation>{r} 不是复核结论（consistent 一致、inconsistent 不一致）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="195"/>
        <source>There is no spot check {u}.</source>
        <translation>不存在抽查记录 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="197"/>
        <source>This unit needs re-sampling: record its result too.</source>
        <translation>该单位需复核采样：请同时记录复核结论。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="136"/>
        <source>A unit&apos;s report of {y} is drawn only once; {n} of these units were drawn already.</source>
        <translation>每个单位 {y} 年度的报告只能被抽取一次；其中 {n} 个单位已被抽取。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/key_units.py" line="417"/>
        <source>Unit {s} was not drawn in batch {b}.</source>
        <translation>单位 {s} 未在批次 {b} 中被抽取。</translation>
    </message>
</context>
<context>
    <name>KeyUnitsWindow</name>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="140"/>
        <source>Soil key supervised units</source>
        <translation>土壤污染重点监管单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="149"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="151"/>
        <source>As &amp;of:</source>
        <translation>统计日期(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="159"/>
        <source>&amp;Units</source>
        <translation>监管单位(&amp;U)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="160"/>
        <source>Report &amp;spot checks</source>
        <translation>自行监测报告抽查(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="161"/>
        <source>&amp;Demolitions</source>
        <translation>拆除活动(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="162"/>
        <source>Source-&amp;control projects</source>
        <translation>源头管控项目(&amp;C)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>County</source>
        <translation>县（区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Unit code</source>
        <translation>单位编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="187"/>
        <source>Listed on</source>
        <translation>纳入名录日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="187"/>
        <source>Investigation due</source>
        <translation>隐患排查期限</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="187"/>
        <source>Hidden-danger investigation</source>
        <translation>隐患排查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="187"/>
        <source>Open hidden dangers</source>
        <translation>未整改隐患</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="187"/>
        <source>Overdue rectifications</source>
        <translation>逾期未整改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="220"/>
        <source>Industry category</source>
        <translation>行业类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="222"/>
        <source>&amp;Also every unit needing re-sampling</source>
        <translation>同时抽取全部需复核采样的单位(&amp;A)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="223"/>
        <source>Dra&amp;w</source>
        <translation>抽取(&amp;W)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="226"/>
        <source>Draw the reports of a year</source>
        <translation>抽取某年度的报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="228"/>
        <source>Report &amp;year:</source>
        <translation>报告年度(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="228"/>
        <source>S&amp;hare to draw:</source>
        <translation>抽取比例(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="228"/>
        <source>One of every … &amp;first:</source>
        <translation>优先覆盖每个(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Drawn on</source>
        <translation>抽取日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Re-sampling needed because</source>
        <translation>需复核采样的原因</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Checked on</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Report check</source>
        <translation>报告检查结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Re-sampling result</source>
        <translation>复核结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="242"/>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="275"/>
        <source>Record the resul&amp;t</source>
        <translation>记录结论(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="276"/>
        <source>Result of the selected check</source>
        <translation>所选抽查的结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="278"/>
        <source>Report chec&amp;k:</source>
        <translation>报告检查结论(&amp;K)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="278"/>
        <source>Checked o&amp;n:</source>
        <translation>检查日期(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="278"/>
        <source>Re-sam&amp;pling:</source>
        <translation>复核采样(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="278"/>
        <source>Re-sampled on:</source>
        <translation>复核采样日期：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="278"/>
        <source>F&amp;indings:</source>
        <translation>发现的问题(&amp;I)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Facility</source>
        <translation>拆除对象</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Plan filed on</source>
        <translation>工作方案备案日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Started on</source>
        <translation>开工日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Finished on</source>
        <translation>完工日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Summary report filed on</source>
        <translation>总结报告提交日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Documents</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="307"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Enterprise</source>
        <translation>企业</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Project</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Programme</source>
        <translation>项目批次/来源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Status</source>
        <translation>进展</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Investment (10k yuan)</source>
        <translation>投资（万元）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="333"/>
        <source>Counted for the target</source>
        <translation>计入目标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="368"/>
        <source>The key supervised units cannot be read from this database: open it once with this version of the plugin to upgrade it.</source>
        <translation>无法从该数据库读取重点监管单位：请先用本版本插件打开一次以升级数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="381"/>
        <source>No project database is loaded.</source>
        <translation>未加载项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="410"/>
        <source>{n} units on the roster; {overdue} investigations overdue (due one year after listing); {open} hidden dangers open, {late} of them past their rectification deadline.</source>
        <translation>名录内 {n} 家单位；{overdue} 家隐患排查已逾期（纳入名录后一年内完成）；{open} 项隐患未整改，其中 {late} 项已超过整改期限。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="443"/>
        <source>{n} demolitions; {p} with problems.</source>
        <translation>拆除活动 {n} 项；其中 {p} 项存在问题。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="471"/>
        <source>{p} projects; {e} enterprises counted as of {d}.</source>
        <translation>共 {p} 个项目；截至 {d} 计入 {e} 家企业。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="473"/>
        <source>{p} projects; {e} enterprises counted as of {d}: the target of {t} is met.</source>
        <translation>共 {p} 个项目；截至 {d} 计入 {e} 家企业：已达到 {t} 家的目标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="475"/>
        <source>{p} projects; {e} enterprises counted as of {d}: the target of {t} is not met.</source>
        <translation>共 {p} 个项目；截至 {d} 计入 {e} 家企业：未达到 {t} 家的目标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="515"/>
        <source>{n} reports of {y} can be drawn, {r} of them from units needing re-sampling.</source>
        <translation>{y} 年度可抽取报告 {n} 份，其中 {r} 份来自需复核采样的单位。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="553"/>
        <source>Canceled: nothing was recorded.</source>
        <translation>已取消：未记录任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="580"/>
        <source>Batch {b}: {d} of {n} reports of {y} drawn, {r} to re-sample.</source>
        <translation>批次 {b}：{y} 年度 {n} 份报告中抽取 {d} 份，{r} 家需复核采样。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="590"/>
        <source>Drawing self-monitoring reports</source>
        <translation>正在抽取自行监测报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="596"/>
        <source>Select a drawn check first.</source>
        <translation>请先选择一条已抽取的抽查记录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="613"/>
        <source>Recorded the check of {u}.</source>
        <translation>已记录 {u} 的抽查结论。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/key_units_window.py" line="615"/>
        <source>Recording a spot check</source>
        <translation>正在记录抽查结论</translation>
    </message>
</context>
<context>
    <name>LedgerImportDialog</name>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="141"/>
        <source>Import a ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="247"/>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="372"/>
        <source>(guessed from the headers)</source>
        <translation>（根据表头推测）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="388"/>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="388"/>
        <source>Name of the mapping preset:</source>
        <translation>列对应预设的名称：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="420"/>
        <source>Choose a ledger file first.</source>
        <translation>请先选择台账文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="444"/>
        <source>Validate the ledger</source>
        <translation>校验台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="464"/>
        <source>Written: {i} inserted, {u} updated, {n} unchanged.</source>
        <translation>已写入：新增 {i}，更新 {u}，未变 {n}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="471"/>
        <source>Issues:</source>
        <translation>问题：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="477"/>
        <source>Changes to existing records:</source>
        <translation>对已有记录的变更：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="487"/>
        <source>{n} errors: fix the ledger or the mapping, or tick “Import only the valid rows”.</source>
        <translation>{n} 个错误：请修改台账或列对应关系，或勾选“只导入有效的行”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="494"/>
        <source>The ledger is valid.</source>
        <translation>台账有效。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="499"/>
        <source>Validate the ledger first.</source>
        <translation>请先校验台账。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="502"/>
        <source>Refused: the ledger has {n} errors. Nothing was written. Tick “Import only the valid rows” to import the others.</source>
        <translation>已拒绝：台账有 {n} 个错误。未写入任何内容。勾选“只导入有效的行”可导入其余行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="519"/>
        <source>Import the ledger</source>
        <translation>导入台账</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="531"/>
        <source>Imported: {i} new, {u} updated.</source>
        <translation>已导入：新增 {i}，更新 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="150"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="168"/>
        <source>&amp;Save preset…</source>
        <translation>保存预设(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="170"/>
        <source>Delete preset</source>
        <translation>删除预设</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="178"/>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="178"/>
        <source>&amp;Worksheet:</source>
        <translation>工作表(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="178"/>
        <source>&amp;Target table:</source>
        <translation>目标表(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="178"/>
        <source>&amp;Preset:</source>
        <translation>预设(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="194"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="194"/>
        <source>Ledger column</source>
        <translation>台账列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="212"/>
        <source>&amp;Validate</source>
        <translation>校验(&amp;V)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="215"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="203"/>
        <source>Import only the valid &amp;rows</source>
        <translation>只导入有效的行(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="116"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="160"/>
        <source>found automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="178"/>
        <source>&amp;Header row:</source>
        <translation>表头行(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="247"/>
        <source>Ledgers (*.xlsx *.xls *.csv *.txt)</source>
        <translation>台账 (*.xlsx *.xls *.csv *.txt)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="284"/>
        <source>{sheet} (hidden)</source>
        <translation>{sheet}（隐藏）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="289"/>
        <source>{n} rows, {c} columns{enc}; header in row {h}.</source>
        <translation>{n} 行，{c} 列{enc}；表头在第 {h} 行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="432"/>
        <source>No column is mapped: choose the columns, or set the header row if the column names look wrong.</source>
        <translation>尚未对应任何列：请选择各列；如果列名看起来不对，请设置表头行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/ledger_dialog.py" line="481"/>
        <source>Nothing can be imported: the ledger has no valid row.</source>
        <translation>没有可导入的内容：台账中没有有效的行。</translation>
    </message>
</context>
<context>
    <name>LongTermListAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="34"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="35"/>
        <source>City name for the titles</source>
        <translation>标题中的城市名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="36"/>
        <source>First year (0 = all)</source>
        <translation>起始年份（0 = 全部）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="36"/>
        <source>Last year (0 = all)</source>
        <translation>截止年份（0 = 全部）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="43"/>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="43"/>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="46"/>
        <source>Long-term wells listed</source>
        <translation>列出的长期监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="47"/>
        <source>Assessment point-years</source>
        <translation>考核点位·年度数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="48"/>
        <source>Point-years that miss their target</source>
        <translation>未达标的点位·年度数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="69"/>
        <source>The workbook could not be written: {error}</source>
        <translation>无法写入工作簿：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_longtermlist.py" line="70"/>
        <source>{w} long-term wells in {l} aquifer layers; {a} assessment point-years, {f} miss their target.</source>
        <translation>{l} 个含水层位共 {w} 口长期监测井；考核点位·年度 {a} 个，其中 {f} 个未达标。</translation>
    </message>
    <message>
        <source>Layered long-term monitoring-well list (XLSX)</source>
        <translation>分层地下水环境长期监测井清单（XLSX）</translation>
    </message>
    <message>
        <source>Writes the wells flagged as long-term monitoring wells to an XLSX workbook with one sheet per aquifer layer (code, name, county, aquifer layer, well type, depth, screen top/bottom, X/Y in the database CRS, longitude and latitude in CGCS2000 EPSG:4490, owning department, national assessment point, target class), and a sheet of the national assessment points with, for each year from YEAR_FROM to YEAR_TO (0 = every year), the year&apos;s class (the worst overall GB/T 14848-2017 class of that year&apos;s samples; parallel samples left out) and whether it meets the target class. The national rule may use annual means instead: unverified.</source>
        <translation>将标记为长期监测井的监测井写入 XLSX 工作簿，每个含水层位一张工作表（编号、名称、县区、含水层位、监测井类型、井深、滤管顶/底深、数据库坐标系下的 X/Y、CGCS2000（EPSG:4490）经纬度、权属部门、国家考核点位、考核目标类别），另有一张国家考核点位工作表：自 YEAR_FROM 至 YEAR_TO（0 = 全部年份）每年的年度水质类别（当年各样品 GB/T 14848-2017 综合类别中最差者；不计平行样）及是否达到考核目标类别。国家考核规则也可能按年均值评价：未核实。</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <location filename="../gw_plugin/core/data/fonts.py" line="39"/>
        <source>No Chinese font is installed (tried {}). Install one, e.g. fonts-wqy-microhei.</source>
        <translation>未安装中文字体（已尝试 {}）。请安装一种，例如 fonts-wqy-microhei。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="152"/>
        <source>Unknown paper/orientation {}/{}; use one of {} and {}.</source>
        <translation>未知的纸张/方向 {}/{}；请使用 {} 之一和 {} 之一。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="164"/>
        <source>Print-layout template {} is missing.</source>
        <translation>缺少打印布局模板 {}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="172"/>
        <source>Print-layout template {} is not valid XML.</source>
        <translation>打印布局模板 {} 不是有效的 XML。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="178"/>
        <source>Print-layout template {} could not be loaded.</source>
        <translation>无法加载打印布局模板 {}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="184"/>
        <source>Template {} lacks the items {}.</source>
        <translation>模板 {} 缺少以下项：{}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="468"/>
        <source>There is no visible map layer to export.</source>
        <translation>没有可导出的可见地图图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="484"/>
        <source>The layers to export have no features, so the map has no extent.</source>
        <translation>要导出的图层没有要素，因此地图没有范围。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="560"/>
        <source>Give a PDF path, a PNG path or both.</source>
        <translation>请给出 PDF 路径、PNG 路径或两者。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="613"/>
        <source>the file could not be written (is it open in another program, or the folder read-only?)</source>
        <translation>无法写入文件（是否已被其他程序打开，或文件夹为只读？）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/layout.py" line="616"/>
        <source>Exporting the map to {} failed (code {}): {}</source>
        <translation>导出地图到 {} 失败（代码 {}）：{}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/overview.py" line="91"/>
        <source>The project&apos;s layers have no features, so the overview map has no extent.</source>
        <translation>工程中的图层没有要素，因此总览图没有范围。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/maps/overview.py" line="128"/>
        <source>The project has no visible map layer.</source>
        <translation>工程中没有可见的地图图层。</translation>
    </message>
</context>
<context>
    <name>NetworkGapsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="56"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="57"/>
        <source>Aquifer layer code</source>
        <translation>含水层位代码</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="58"/>
        <source>Down-gradient distance (m)</source>
        <translation>下游距离（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="68"/>
        <source>Half-angle of the down-gradient cone (degrees)</source>
        <translation>下游扇区半角（度）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="79"/>
        <source>Flow azimuth (degrees from north; empty = from the heads)</source>
        <translation>流向方位角（自正北，度；留空则由水位计算）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="90"/>
        <source>Density: km² per well (empty = no density check)</source>
        <translation>密度：每口井对应 km²（留空则不检查密度）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="100"/>
        <source>Heads from (YYYY-MM-DD)</source>
        <translation>水位起始日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="103"/>
        <source>Heads to (YYYY-MM-DD)</source>
        <translation>水位截止日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="104"/>
        <source>Gaps (suggested well locations)</source>
        <translation>缺口（建议布井位置）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="109"/>
        <source>Zones and counties with gaps</source>
        <translation>存在缺口的补给区和县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="117"/>
        <source>Gaps</source>
        <translation>缺口数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="118"/>
        <source>Flow azimuth used (degrees)</source>
        <translation>采用的流向方位角（度）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/network/alg_networkgaps.py" line="168"/>
        <source>{layer}: {wells} wells; flow towards {az:.0f}° ({how}); {n} gaps ({s} of {S} key sources, {z} of {Z} recharge zones, {c} of {C} counties).</source>
        <translation>{layer}：{wells} 口井；流向 {az:.0f}°（{how}）；{n} 处缺口（重点污染源 {S} 个中 {s} 个，补给区 {Z} 个中 {z} 个，县区 {C} 个中 {c} 个）。</translation>
    </message>
    <message>
        <source>Monitoring-network gaps</source>
        <translation>监测网缺口</translation>
    </message>
    <message>
        <source>Finds where the monitoring network of one aquifer layer falls short of the plans (a network covering the region, every recharge zone and every key source). A key source (accepted or published on a groundwater roster) needs an active well of the layer within DISTANCE metres down-gradient, inside HALF_ANGLE degrees either side of the flow direction; a delineated recharge zone (recharge area or spring domain) needs a well inside it or within DISTANCE down-gradient of it; with KM2_PER_WELL, every county needs one well of the layer per that many km². The flow direction is AZIMUTH (degrees clockwise from north, towards which the water flows) or, when empty, the planar fit of the layer's heads between DATE_FROM and DATE_TO. OUTPUT has one point per gap at a suggested well location with the reason; OUTPUT_AREAS the zones and counties with gaps.</source>
        <translation>查找某一含水层位的监测网相对于方案要求的不足之处（监测网应覆盖全区、每个补给区和每个重点污染源）。重点污染源（在地下水名录中已确认或已发布）须在其下游 DISTANCE 米以内、流向两侧 HALF_ANGLE 度范围内有一口该层位的在用监测井；已划定的补给区（补给区或泉域）须在区内或其下游 DISTANCE 米以内有监测井；给出 KM2_PER_WELL 时，每个县区须每该面积至少有一口该层位监测井。流向取 AZIMUTH（自正北顺时针的度数，即地下水流向），留空时取该层位在 DATE_FROM 至 DATE_TO 之间水位的平面拟合结果。OUTPUT 为每处缺口一个点，位于建议布井位置并注明原因；OUTPUT_AREAS 为存在缺口的补给区和县区。</translation>
    </message>
</context>
<context>
    <name>NitrateRiskAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="54"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="55"/>
        <source>Nitrate parameter (as N)</source>
        <translation>硝酸盐指标（以 N 计）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="56"/>
        <source>Concentration</source>
        <translation>浓度</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="56"/>
        <source>Latest</source>
        <translation>最新值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="56"/>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="70"/>
        <source>Nitrate health risk</source>
        <translation>硝酸盐健康风险</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="121"/>
        <source>{n} wells; {o} with HQ &gt; 1 for children.</source>
        <translation>{n} 口井；其中 {o} 口儿童 HQ &gt; 1。</translation>
    </message>
    <message>
        <source>Nitrate health risk (hazard quotient)</source>
        <translation>硝酸盐健康风险（危害商）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="77"/>
        <source>{p} is not a GB/T 14848-2017 indicator.</source>
        <translation>{p} 不是 GB/T 14848-2017 的指标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="79"/>
        <source>{p} is not nitrate: the reference dose is nitrate&apos;s.</source>
        <translation>{p} 不是硝酸盐：参考剂量是硝酸盐的。</translation>
    </message>
    <message>
        <source>Hazard quotient HQ = CDI / RfD with CDI = C·IR·EF·ED/(BW·AT), AT = ED·365 d, from the latest or the mean nitrate (as N) of each well. RfD 1.6 mg/(kg·d) as nitrate-N (US EPA IRIS). Default exposure parameters from HJ 25.3-2019 as transcribed by a public implementation (adult BW 61.8 kg, 1.0 L/d, ED 24 a; child 19.2 kg, 0.7 L/d, ED 6 a; EF 350 d/a) — verify before citing; all are editable and written to the output. The parameter may be given by any name the import recognises (NO3-N, nitrate …); values are stored as N (a lab's 'as NO3' is converted at import). Non-detects count as half their detection limit.</source>
        <translation>危害商 HQ = CDI / RfD，CDI = C·IR·EF·ED/(BW·AT)，AT = ED·365 d，按每口井最新或平均的硝酸盐（以N计）浓度计算。RfD 1.6 mg/(kg·d)（以硝酸盐氮计，US EPA IRIS）。默认暴露参数取自公开实现转录的 HJ 25.3-2019（成人 BW 61.8 kg、1.0 L/d、ED 24 a；儿童 19.2 kg、0.7 L/d、ED 6 a；EF 350 d/a）——引用前请核对；全部可编辑并写入输出。指标可用导入时能识别的任何名称（NO3-N、nitrate …）；数值以 N 计存储（实验室的'以NO3计'在导入时已换算）。未检出按检出限的一半计。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="61"/>
        <source>Reference dose RfD (mg/kg/d as N)</source>
        <translation>参考剂量 RfD（mg/kg/d，以 N 计）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="63"/>
        <source>Body weight, adult (kg)</source>
        <translation>成人体重（kg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="64"/>
        <source>Drinking water, adult (L/d)</source>
        <translation>成人日饮水量（L/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="65"/>
        <source>Exposure duration, adult (a)</source>
        <translation>成人暴露年限（a）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="66"/>
        <source>Body weight, child (kg)</source>
        <translation>儿童体重（kg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="67"/>
        <source>Drinking water, child (L/d)</source>
        <translation>儿童日饮水量（L/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="68"/>
        <source>Exposure duration, child (a)</source>
        <translation>儿童暴露年限（a）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_nitraterisk.py" line="69"/>
        <source>Exposure frequency (d/a)</source>
        <translation>暴露频率（d/a）</translation>
    </message>
</context>
<context>
    <name>PlatformSettings</name>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="73"/>
        <source>The connection string contains a password. Store user name and password in a QGIS authentication configuration and choose it instead.</source>
        <translation>连接字符串中含有密码。请将用户名和密码保存在 QGIS 认证配置中，并改为选择该配置。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="81"/>
        <source>Unknown TLS mode {mode}.</source>
        <translation>未知的 TLS 模式 {mode}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="83"/>
        <source>{id} is not a QGIS authentication configuration id.</source>
        <translation>{id} 不是 QGIS 认证配置标识。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="169"/>
        <source>Platform connection</source>
        <translation>平台连接</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="178"/>
        <source>A libpq connection string, URI or service name, without user password (use the authentication below)</source>
        <translation>libpq 连接字符串、URI 或服务名，不含用户密码（请使用下方的认证）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="187"/>
        <source>prefer (TLS if the server offers it)</source>
        <translation>prefer（服务器支持时使用 TLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="188"/>
        <source>disable (no TLS)</source>
        <translation>disable（不使用 TLS）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="189"/>
        <source>allow</source>
        <translation>allow</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="190"/>
        <source>require (TLS, certificate not checked)</source>
        <translation>require（TLS，不检查证书）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="191"/>
        <source>verify-ca (TLS, certificate authority checked)</source>
        <translation>verify-ca（TLS，检查证书颁发机构）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="192"/>
        <source>verify-full (TLS, certificate and host name checked)</source>
        <translation>verify-full（TLS，检查证书和主机名）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="201"/>
        <source>&amp;Connection:</source>
        <translation>连接(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="203"/>
        <source>&amp;TLS mode:</source>
        <translation>TLS 模式(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="207"/>
        <source>Authentication:</source>
        <translation>认证：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="208"/>
        <source>Store in this &amp;QGIS project (else for all projects)</source>
        <translation>保存在本 QGIS 工程中(&amp;Q)（否则对所有工程有效）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="209"/>
        <source>Only the connection, TLS mode and authentication id are stored, no secret</source>
        <translation>只保存连接、TLS 模式和认证标识，不保存任何密钥</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="218"/>
        <source>T&amp;est connection</source>
        <translation>测试连接(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="254"/>
        <source>Connected: platform schema {version}, {crs}.</source>
        <translation>已连接：平台数据结构 {version}，{crs}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/platform_settings.py" line="185"/>
        <source>default: TLS required (unless a service file says otherwise)</source>
        <translation>默认：要求 TLS（服务文件另有设置时除外）</translation>
    </message>
</context>
<context>
    <name>PollutionStatusAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="67"/>
        <source>Indicators (comma-separated GB/T 14848 names)</source>
        <translation>指标（GB/T 14848 指标名称，以逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="72"/>
        <source>Pollution status from</source>
        <translation>污染现状依据</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="72"/>
        <source>pollution assessment against background values</source>
        <translation>以背景值为基准的污染评价</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="72"/>
        <source>water-quality class (GB/T 14848; not a pollution assessment)</source>
        <translation>地下水质量类别（GB/T 14848；不是污染评价）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="83"/>
        <source>Background values (CSV/XLSX: indicator, value)</source>
        <translation>背景值（CSV/XLSX：指标、数值）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="88"/>
        <source>Reference area for background values (upper percentile of its wells)</source>
        <translation>背景值对照区（取区内监测井的上百分位数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="96"/>
        <source>Background percentile of the reference area</source>
        <translation>对照区背景值百分位数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="106"/>
        <source>Aquifer layer (empty = all wells)</source>
        <translation>含水层位（留空 = 全部监测井）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="109"/>
        <source>Radius of a well&apos;s influence (m)</source>
        <translation>监测井代表半径（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="118"/>
        <source>Reference raster for the target grid (e.g. the DRASTIC index)</source>
        <translation>目标格网的参考栅格（如 DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="119"/>
        <source>Pollution status</source>
        <translation>污染现状</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="120"/>
        <source>Assessed wells</source>
        <translation>已评价监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="130"/>
        <source>Give a reference raster, or an extent and a cell size.</source>
        <translation>请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="138"/>
        <source>No monitoring well has sample results.</source>
        <translation>没有任何监测井有检测结果。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="142"/>
        <source>Background values from {p}.</source>
        <translation>背景值取自 {p}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="146"/>
        <source>Give a table of background values or a reference area.</source>
        <translation>请给出背景值表或背景值对照区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="154"/>
        <source>No well of the reference area measured {k}: not assessed.</source>
        <translation>对照区内没有监测井测过 {k}：不参与评价。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_pollutionstatus.py" line="160"/>
        <source>Background values = {p:g}th percentile of the reference area: {v}.</source>
        <translation>背景值 = 对照区第 {p:g} 百分位数：{v}。</translation>
    </message>
    <message>
        <source>Pollution status (pollution assessment)</source>
        <translation>污染现状（污染评价）</translation>
    </message>
    <message>
        <source>The current pollution status input of the zoning. ASSESSMENT (default): for each monitoring well and each chosen indicator, P = (C - C0) / C_III with C the latest measured value, C0 the background value and C_III the GB/T 14848-2017 class III limit; the well&apos;s index is the largest P, graded I (unpolluted, P &lt;= 0) to VI (P &gt; 1.5) after DD2008-01 (not verified against the text). Background values: a table (CSV/XLSX, columns indicator and value), or the upper percentile of the values measured in a reference area. QUALITY CLASS: the worst GB/T 14848 class of the chosen indicators: this is the water-quality class, not a pollution assessment (natural class IV water counts as polluted). Each cell takes the nearest well within the radius. Pass the raster to gwplugin:zoning as POLLUTION with the matching POLLUTION_KIND.</source>
        <translation>分区所需的地下水污染现状。污染评价（默认）：对每眼监测井的每项所选指标，P = (C - C0) / C_III，其中 C 为最近一次实测值，C0 为背景值，C_III 为 GB/T 14848-2017 III 类限值；井的污染指数取各指标 P 的最大值，参照 DD2008-01 分为 I 级（未污染，P &lt;= 0）至 VI 级（P &gt; 1.5）（未经原文核对）。背景值：一张表（CSV/XLSX，列为指标和数值），或对照区内实测值的上百分位数。水质类别：所选指标中最差的 GB/T 14848 类别——这是水质类别而不是污染评价（天然 IV 类水也会被当作受污染）。每个像元取半径范围内最近的监测井。将结果栅格作为 POLLUTION 传给 gwplugin:zoning，并选择相应的 POLLUTION_KIND。</translation>
    </message>
</context>
<context>
    <name>ProcessingTask</name>
    <message>
        <location filename="../gw_plugin/gui/common/tasks.py" line="60"/>
        <source>The algorithm {id} is not available.</source>
        <translation>算法 {id} 不可用。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/common/tasks.py" line="69"/>
        <source>The algorithm {id} could not start.</source>
        <translation>算法 {id} 无法启动。</translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="79"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="80"/>
        <source>Schema version:</source>
        <translation>数据结构版本：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="81"/>
        <source>CRS:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="84"/>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="84"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="97"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="98"/>
        <source>Count the rows again</source>
        <translation>重新统计行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="138"/>
        <source>No project database is loaded. Use “Open / create project database…”.</source>
        <translation>尚未加载项目数据库。请使用“打开 / 新建项目数据库…”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="147"/>
        <source>The project database {path} does not exist any more.</source>
        <translation>项目数据库 {path} 已不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="161"/>
        <source>{version} (this plugin: {current})</source>
        <translation>{version}（本插件：{current}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="193"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="193"/>
        <source>Show the open project database: schema version, CRS and rows per table</source>
        <translation>显示已打开的项目数据库：数据结构版本、坐标系和各表行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/project/dock_project.py" line="93"/>
        <source>&amp;Open / create project database…</source>
        <translation>打开 / 新建项目数据库(&amp;O)…</translation>
    </message>
</context>
<context>
    <name>ProtectionZoneAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="80"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="83"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="90"/>
        <source>Aquifer medium (table)</source>
        <translation>含水层介质（查表法）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="91"/>
        <source>Protection zones</source>
        <translation>保护区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/zone_inputs.py" line="101"/>
        <source>Invalid input layer.</source>
        <translation>输入图层无效。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/zone_inputs.py" line="111"/>
        <source>Unknown method {m}; use one of {all}.</source>
        <translation>未知方法 {m}；请使用以下之一：{all}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/zone_inputs.py" line="116"/>
        <source>Per-well values from fields: {f}</source>
        <translation>按井取自字段的参数值：{f}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="138"/>
        <source>Feature {fid} has no geometry; skipped.</source>
        <translation>要素 {fid} 没有几何，已跳过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="145"/>
        <source>Well {w}: {e}</source>
        <translation>井 {w}：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="173"/>
        <source>{n} protection zones written.</source>
        <translation>已写出 {n} 个保护区。</translation>
    </message>
    <message>
        <source>Protection zones of drinking-water wells (HJ 338 / fixed radius)</source>
        <translation>饮用水水源井保护区（HJ 338 / 固定半径）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/zone_inputs.py" line="33"/>
        <source>The input layer&apos;s CRS ({crs}) is geographic or not in metres and the project has no projected CRS in metres: zones need a projected CRS in metres (e.g. EPSG:4547 CGCS2000 / 3-degree Gauss-Kruger). Reproject the layer or set the project&apos;s CRS.</source>
        <translation>输入图层的坐标系（{crs}）是地理坐标系或不以米为单位，且项目没有以米为单位的投影坐标系：计算分区需要以米为单位的投影坐标系（如 EPSG:4547 CGCS2000 / 3 度带高斯-克吕格）。请先重投影图层或设置项目坐标系。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/zone_inputs.py" line="104"/>
        <source>The wells ({src}) are reprojected to the project&apos;s CRS {crs}; the zones are in {crs}.</source>
        <translation>井（{src}）已重投影到项目坐标系 {crs}；分区结果采用 {crs}。</translation>
    </message>
    <message>
        <source>Draws a circular protection zone around every well of INPUT (a point layer; a geographic layer is reprojected to the project's projected CRS).
METHOD hj338_formula: R = ALPHA x K x GRADIENT x TRAVEL_TIME / POROSITY (HJ 338; class I uses TRAVEL_TIME = 100 d, class II 1000 d; ALPHA is the safety factor, commonly 1.5). GRADIENT is HJ 338's I, the hydraulic gradient within the cone of depression of the pumping well, not the regional gradient: with RADIUS_OF_INFLUENCE &gt; 0 it is estimated as the mean gradient of the Thiem cone, I = Q ln(R/0.1) / (2 pi K H (R - 0.1)). A radius below the empirical table's range for MEDIUM is reported as a warning. The zone class written is class_1 for TRAVEL_TIME &lt;= 100 d, otherwise class_2.
METHOD hj338_table: class I and class II radii of the empirical table for MEDIUM (fine_sand, medium_sand, coarse_sand, gravel, cobble, or the Chinese names 细砂 中砂 粗砂 砾石 卵石), read from resources/reference/hj338_radius_table.csv. ALL TABLE VALUES ARE UNVERIFIED (recalled from HJ/T 338-2007, not checked against the standard text); the drawn radius is the table's radius_default_m (the upper bound of the range). Edit the CSV to change them.
METHOD fixed_radius: calculated fixed radius r = sqrt(Q x TRAVEL_TIME / (pi x POROSITY x H)) (US EPA, EPA-440/5-93-001), H = screen length or saturated thickness.
Units: K m/d, TRAVEL_TIME d, Q m3/d, H m. Each parameter is overridden per well by a field of INPUT with the same name (case-insensitive, e.g. a field 'k' or 'POROSITY'); empty field values use the parameter. The wording of HJ 338 is unverified (see ../shared/reference/README.md §2): check before citing.
Output: one polygon per well and zone with the parameters used (unused ones NULL) and well_uuid.</source>
        <translation>在 INPUT（点图层；地理坐标系图层会重投影到项目的投影坐标系）的每口井周围绘制圆形保护区。
METHOD hj338_formula：R = ALPHA x K x GRADIENT x TRAVEL_TIME / POROSITY（HJ 338；一级保护区 TRAVEL_TIME = 100 d，二级 1000 d；ALPHA 为安全系数，通常取 1.5）。GRADIENT 即 HJ 338 中的 I，是抽水井降落漏斗范围内的水力坡度，而不是区域水力坡度：RADIUS_OF_INFLUENCE &gt; 0 时按 Thiem 降落漏斗的平均坡度估算，I = Q ln(R/0.1) / (2 pi K H (R - 0.1))。半径小于 MEDIUM 经验值表范围时给出警告。TRAVEL_TIME &lt;= 100 d 时写入的分级为 class_1，否则为 class_2。
METHOD hj338_table：按 MEDIUM（fine_sand、medium_sand、coarse_sand、gravel、cobble，或中文名 细砂 中砂 粗砂 砾石 卵石）查经验值表得到一级、二级保护区半径，表格读自 resources/reference/hj338_radius_table.csv。表中所有数值均未经核实（凭记忆取自 HJ/T 338-2007，未与标准原文核对）；绘制半径取表中的 radius_default_m（范围上限）。修改 CSV 即可更改。
METHOD fixed_radius：计算固定半径 r = sqrt(Q x TRAVEL_TIME / (pi x POROSITY x H))（US EPA，EPA-440/5-93-001），H 为滤管长度或饱和厚度。
单位：K m/d，TRAVEL_TIME d，Q m3/d，H m。每个参数均可由 INPUT 中同名字段（不区分大小写，如字段 'k' 或 'POROSITY'）按井覆盖；字段值为空时使用算法参数。HJ 338 的条文措辞未经核实（见 ../shared/reference/README.md §2）：引用前请核对。
输出：每口井每个分级一个面，附所用参数（未用的为 NULL）和 well_uuid。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="59"/>
        <source>Safety factor alpha</source>
        <translation>安全系数 α</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="60"/>
        <source>Hydraulic conductivity K (m/d)</source>
        <translation>渗透系数 K（m/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="61"/>
        <source>Hydraulic gradient I within the cone of depression</source>
        <translation>降落漏斗内水力坡度 I</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="66"/>
        <source>Effective porosity n</source>
        <translation>有效孔隙度 n</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="67"/>
        <source>Travel time T (d)</source>
        <translation>运移时间 T（d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="68"/>
        <source>Pumping rate Q (m3/d)</source>
        <translation>开采量 Q（m3/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="69"/>
        <source>Screen length / saturated thickness H (m)</source>
        <translation>滤管长度/含水层厚度 H（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zones/alg_protectionzone.py" line="70"/>
        <source>Radius of influence R to estimate I from Q, K, H (m; 0 = use I)</source>
        <translation>影响半径 R，用于由 Q、K、H 估算 I（m；0 = 直接用 I）</translation>
    </message>
</context>
<context>
    <name>PublishRosterAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="149"/>
        <source>Roster</source>
        <translation>名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="152"/>
        <source>Version name (e.g. 2023-1)</source>
        <translation>版本名称（如 2023-1）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="153"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="164"/>
        <source>Published {n} entries as version {v}</source>
        <translation>已将 {n} 个条目发布为版本 {v}</translation>
    </message>
    <message>
        <source>Publish a roster version</source>
        <translation>发布名录版本</translation>
    </message>
    <message>
        <source>Publishes the accepted entries of a roster as a new, immutable version: each accepted entry is copied to a roster_entries row with status &apos;published&apos; and the version name. A version name can be published once.</source>
        <translation>将名录中已确认的条目发布为一个新的、不可更改的版本：每个已确认条目复制为 roster_entries 中状态为 'published'、带版本名称的一行。同一版本名称只能发布一次。</translation>
    </message>
</context>
<context>
    <name>RosterPanel</name>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Enterprise</source>
        <translation>单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Decided by</source>
        <translation>决定人</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="62"/>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="82"/>
        <source>Why (required to take a member off)</source>
        <translation>理由（移出名录时必填）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="84"/>
        <source>e.g. 2025</source>
        <translation>例如 2025</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="86"/>
        <source>&amp;Roster:</source>
        <translation>名录(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="86"/>
        <source>&amp;Who:</source>
        <translation>决定人(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="86"/>
        <source>W&amp;hen:</source>
        <translation>日期(&amp;H)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="86"/>
        <source>Wh&amp;y:</source>
        <translation>理由(&amp;Y)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="95"/>
        <source>&amp;Accept</source>
        <translation>确认纳入(&amp;A)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="96"/>
        <source>Re&amp;ject</source>
        <translation>不纳入(&amp;J)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="97"/>
        <source>Take &amp;off</source>
        <translation>移出名录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="98"/>
        <source>&amp;Publish version</source>
        <translation>发布版本(&amp;P)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="131"/>
        <source>No project database.</source>
        <translation>没有项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="157"/>
        <source>The database cannot be read: {e}</source>
        <translation>无法读取数据库：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="174"/>
        <source>Latest version: {v} ({n} members). Next version: {m} members (+{a} −{r}).</source>
        <translation>最新版本：{v}（{n} 家）。下一版本：{m} 家（+{a} −{r}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="213"/>
        <source>Select proposals or decisions of this roster first.</source>
        <translation>请先选择本名录的建议或决定条目。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="215"/>
        <source>{n} entries decided.</source>
        <translation>已决定 {n} 条。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="224"/>
        <source>Select the members to take off first.</source>
        <translation>请先选择要移出的单位。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="226"/>
        <source>{n} sources leave the roster from its next version.</source>
        <translation>{n} 家单位自下一版本起移出名录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/roster_panel.py" line="240"/>
        <source>Version {v} published with {n} sources.</source>
        <translation>已发布版本 {v}，共 {n} 家。</translation>
    </message>
</context>
<context>
    <name>ScreenRostersAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="53"/>
        <source>Roster rules (JSON; empty = shipped defaults)</source>
        <translation>名录规则（JSON；留空 = 自带默认规则）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="62"/>
        <source>Rosters</source>
        <translation>名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="67"/>
        <source>Write the proposals to the database</source>
        <translation>将建议写入数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="70"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="71"/>
        <source>Roster proposals</source>
        <translation>名录建议</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="120"/>
        <source>Rule {rule}: {n} sources</source>
        <translation>规则 {rule}：{n} 个污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_screenrosters.py" line="121"/>
        <source>{n} sources screened; proposals: {new} new, {upd} updated, {same} unchanged, {dec} already decided; {stale} earlier proposals no longer matched</source>
        <translation>已筛查 {n} 个污染源；建议：新增 {new}、更新 {upd}、未变 {same}、已有决定 {dec}；{stale} 条早先的建议已不再符合</translation>
    </message>
    <message>
        <source>Screen sources for the rosters</source>
        <translation>筛查污染源以纳入名录</translation>
    </message>
    <message>
        <source>Applies the roster rules (editable JSON; default the shipped resources/config/roster_rules.json derived from seeds 000, 001 and 004) to every pollution source and proposes membership of the groundwater key discharge units, groundwater key supervised units and soil key supervised units rosters, each proposal with its reasons. Proposals are written to roster_entries with status &apos;proposed&apos; unless WRITE is off. An existing entry for the same source and roster is never duplicated; accepted, rejected and published entries are never changed. Proposals that no rule matches any more are reported, not deleted.</source>
        <translation>对每个污染源应用名录规则（可编辑的 JSON；默认为依据种子文件 000、001 和 004 制定的自带 resources/config/roster_rules.json），提出纳入地下水重点排污单位、地下水重点监管单位和土壤污染重点监管单位名录的建议，每条建议附理由。除非关闭 WRITE，建议以状态 'proposed' 写入 roster_entries。同一污染源、同一名录的已有条目绝不重复；已确认、已否决和已发布的条目绝不更改。不再符合任何规则的建议只报告，不删除。</translation>
    </message>
</context>
<context>
    <name>ScreenSiteSoilAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensitesoil.py" line="79"/>
        <source>Write each site&apos;s soil exceedance</source>
        <translation>写入各地块土壤是否超标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensitesoil.py" line="82"/>
        <source>Screened soil results</source>
        <translation>筛选后的土壤结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensitesoil.py" line="83"/>
        <source>Per-site summary</source>
        <translation>按地块汇总</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensitesoil.py" line="88"/>
        <source>Results screened</source>
        <translation>筛选的结果数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensitesoil.py" line="89"/>
        <source>Sites above a screening value</source>
        <translation>超过筛选值的地块数</translation>
    </message>
    <message>
        <source>Screen the soil results of the sites (GB 36600-2018)</source>
        <translation>地块土壤结果筛选（GB 36600-2018）</translation>
    </message>
    <message>
        <source>Screens every soil result of the project database (soil_results of the samples of the sampling points of each site) against GB 36600-2018 for the site's planned land class (class 1 where none is given, §5.3.1), and writes each site's soil exceedance back to the sites: exceeding when a result is above its screening value, not exceeding when every result was judged and none is, unknown otherwise. Outputs: every result with its screening, and the per-site summary (maximum ratio per pollutant, exceeding points, depths).</source>
        <translation>按地块规划用地类别（未填写的按第一类用地，§5.3.1），依 GB 36600-2018 筛选项目数据库中的全部土壤结果（各地块采样点位样品的 soil_results），并将各地块土壤是否超标写回地块表：有结果超过筛选值为超标；全部结果均可判断且均不超过为未超标；否则为未调查。输出：每条结果及其筛选结论，以及按地块汇总（各污染物最大超标倍数、超标点位、超标深度）。</translation>
    </message>
</context>
<context>
    <name>ScreenSoilKeyUnitsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="59"/>
        <source>Rules (JSON; empty = shipped defaults)</source>
        <translation>规则（JSON；留空为随插件提供的默认规则）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="68"/>
        <source>As of (YYYY-MM-DD, empty = today)</source>
        <translation>统计日期（YYYY-MM-DD，留空为今天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="71"/>
        <source>Propose the units matched for the roster</source>
        <translation>将符合条件的单位建议纳入名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="75"/>
        <source>Units matched</source>
        <translation>符合条件的单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="76"/>
        <source>New proposals written</source>
        <translation>新写入的纳入建议数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="87"/>
        <source>Not screened: {seed} — {why}</source>
        <translation>未筛选：{seed}——{why}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_screensoilkeyunits.py" line="117"/>
        <source>{m} units matched, {p} new proposals.</source>
        <translation>符合条件的单位 {m} 个，新的纳入建议 {p} 条。</translation>
    </message>
    <message>
        <source>Screen for soil key supervised units</source>
        <translation>筛选土壤污染重点监管单位</translation>
    </message>
    <message>
        <source>Seed 001 二(一)1 names who joins the soil key supervised units roster: potential high-risk enterprises of the key-industry enterprise land survey, enterprises whose production involves toxic and hazardous substances with a large soil-pollution hidden danger, enterprises with soil or groundwater exceeding, and dischargers found by inspections and enforcement. These criteria are editable data rules (default: the shipped resources/reference/soil_key_unit_rules.json; give your own copy to change categories, industry keywords, hidden-danger levels, inspection results or years). Every pollution source matched by a rule is listed with its reasons; with 'propose' on, each one without an entry on the roster gets a 'proposed' entry; entries already there (proposed, decided or published) are never changed. The survey's high-risk class is not in the database: that criterion is named in the log, not screened.</source>
        <translation>先行区方案（种子 001）二(一)1 规定了纳入土壤污染重点监管单位名录的对象：重点行业企业用地调查发现的潜在高风险企业、生产经营活动涉及有毒有害物质且土壤污染隐患较大的企业、土壤或地下水污染超标企业、环境保护督察或各类执法检查发现的实际排污企业。这些纳入原则是可编辑的数据规则（默认：随插件提供的 resources/reference/soil_key_unit_rules.json；可提供自己的副本以修改类别、行业关键词、隐患级别、检查结论或年限）。列出每个符合某条规则的污染源及其理由；选择“建议纳入”时，尚未列入名录记录的单位将写入一条“建议纳入”记录；名录中已有的记录（建议、已决定或已发布）不会被改动。数据库中没有用地调查的高风险等级：该原则在日志中注明，不做筛选。</translation>
    </message>
</context>
<context>
    <name>SiteCheck</name>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="161"/>
        <source>Give the site as a point (x, y), WKT, WKB or an OGR geometry.</source>
        <translation>请以点 (x, y)、WKT、WKB 或 OGR 几何给出地块。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="165"/>
        <source>The site geometry is empty.</source>
        <translation>地块几何为空。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="202"/>
        <source>zoning_units is empty: run the zoning first.</source>
        <translation>zoning_units 为空：请先进行分区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="209"/>
        <source>There is no zoning version &apos;{v}&apos;.</source>
        <translation>没有分区版本“{v}”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="219"/>
        <source>The site must be a point or a polygon.</source>
        <translation>地块必须是点或面。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/site_check.py" line="224"/>
        <source>The site polygon has no area.</source>
        <translation>地块面没有面积。</translation>
    </message>
</context>
<context>
    <name>SiteCheckAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="61"/>
        <source>Project database (GeoPackage)</source>
        <translation>项目数据库（GeoPackage）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="64"/>
        <source>Sites (points or project polygons)</source>
        <translation>地块（点或项目范围面）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="72"/>
        <source>Or a point</source>
        <translation>或一个点</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="73"/>
        <source>Zoning version (empty = the newest)</source>
        <translation>分区版本（留空 = 最新）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="76"/>
        <source>Language of the report</source>
        <translation>报告语言</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="84"/>
        <source>Site check</source>
        <translation>选址核查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="109"/>
        <source>Give sites or a point.</source>
        <translation>请给出地块或一个点。</translation>
    </message>
    <message>
        <source>Site check against the zoning</source>
        <translation>对照分区的选址核查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="76"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sitecheck.py" line="76"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>For each feature of SITES (points or proposed project polygons; tick &apos;selected features only&apos; to check a selection) or for the POINT, finds the pollution prevention zone(s) of one version of zoning_units it falls in (VERSION: &apos;scheme:version&apos; or the label; empty = the newest), with the area and share of a polygon in each zone, and the management requirements of the zone class (the zoning_units text, else the editable defaults of zoning_defaults.json). The drinking-water protection zones of the database (protection_zones) are consulted too: a site in a class I, class II or quasi-protection zone is reported with that zone and the prohibitions of the Water Pollution Prevention and Control Law, which prevail over the zoning (column protection_zones). OUTPUT: one row per site and zone; REPORT: the text.</source>
        <translation>对 SITES 中的每个要素（点或拟建项目范围面；勾选“仅所选要素”可只核查所选要素）或 POINT，查找其所在的某一版本 zoning_units 的污染防治分区（VERSION：“方案:版本”或版本标签；留空 = 最新版本），面状范围给出在各分区内的面积和比例，以及该分区类别的管控要求（zoning_units 中的文字，否则为 zoning_defaults.json 中可编辑的默认值）。同时查询数据库中的饮用水水源保护区（protection_zones）：位于一级、二级保护区或准保护区内的场地，报告其所在保护区及《水污染防治法》的禁止性规定，这些规定优先于分区管控要求（protection_zones 列）。OUTPUT：每个场地、每个分区一行；REPORT：文字报告。</translation>
    </message>
</context>
<context>
    <name>SiteCoManagementAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sitecomanagement.py" line="61"/>
        <source>Wells up to this distance from the site count as next to it (m)</source>
        <translation>距地块不超过该距离的监测井视为地块周边（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sitecomanagement.py" line="72"/>
        <source>Sites and their co-management</source>
        <translation>地块及其协同管理结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sitecomanagement.py" line="77"/>
        <source>Sites written</source>
        <translation>写入的地块数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sitecomanagement.py" line="78"/>
        <source>Sites with groundwater exceeding</source>
        <translation>地下水超标的地块数</translation>
    </message>
    <message>
        <source>Soil–groundwater co-management of sites</source>
        <translation>地块土壤和地下水协同管理</translation>
    </message>
    <message>
        <source>Seed 001 二(四)1, written back to the sites of the project database. First, each site's groundwater exceedance is derived from the monitoring wells inside the site or within the distance given (a plugin default of 500 m, not from a standard): the latest sample of each well, a result exceeding when its GB/T 14848-2017 class is IV or V; the site is exceeding when one of its wells is, not exceeding when at least one well has a classified sample and none exceeds, unknown otherwise. The wells, distances, dates and classes are written to gw_derived_from. Then every site is classified by the co-management rule (soil not above the screening values but groundwater exceeding: contaminated site when the exceeding pollutant is a characteristic pollutant of the site, otherwise the groundwater key-zone control class; every other combination with its own outcome) into co_management and co_management_reason. Soil exceedance comes from 'Screen soil results' with the project database.</source>
        <translation>先行区方案 二(四)1，结果写回项目数据库的地块表。首先由地块内或给定距离内（插件默认 500 m，非标准规定）的监测井推导地块地下水是否超标：取每口井最新一次样品，GB/T 14848-2017 类别为 IV 或 V 类的指标为超标；任一井超标则地块超标，至少一口井有定类样品且均不超标则为未超标，否则为未调查。所用监测井、距离、日期和类别写入 gw_derived_from。然后按协同管理规则对每个地块分类（土壤不超筛选值但地下水超标的：超标污染物为地块特征污染物的纳入污染地块管理，否则纳入地下水污染防治重点区管控类管理；其他组合各有相应结论），写入 co_management 和 co_management_reason。土壤是否超标由“土壤结果筛选”写入项目数据库。</translation>
    </message>
</context>
<context>
    <name>SiteStages</name>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="74"/>
        <source>{d} is not a date (YYYY-MM-DD).</source>
        <translation>{d} 不是日期（YYYY-MM-DD）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="81"/>
        <source>{s} is not a site stage.</source>
        <translation>{s} 不是地块阶段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="84"/>
        <source>The start date {d} is in the future.</source>
        <translation>开始日期 {d} 晚于今天。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="89"/>
        <source>A site only moves forward: “{new}” cannot follow “{current}”.</source>
        <translation>地块阶段只能向前推进：“{new}”不能接在“{current}”之后。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="95"/>
        <source>The start date {d} is before the start of the current stage ({c}).</source>
        <translation>开始日期 {d} 早于当前阶段的开始日期（{c}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="101"/>
        <source>“{s}” needs the site on the risk-control and remediation list first.</source>
        <translation>“{s}”须在地块列入风险管控和修复名录之后。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="107"/>
        <source>A site leaves the list only after its effect assessment.</source>
        <translation>地块须完成效果评估后方可移出名录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="151"/>
        <source>There is no site {u}.</source>
        <translation>不存在地块 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/stages.py" line="155"/>
        <source>A stage cannot finish before it starts.</source>
        <translation>阶段的完成日期不能早于开始日期。</translation>
    </message>
</context>
<context>
    <name>SitesPanel</name>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="83"/>
        <source>All stages</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="257"/>
        <source>No stage recorded</source>
        <translation>未记录阶段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="88"/>
        <source>Any land class</source>
        <translation>全部用地类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="89"/>
        <source>Class 1 land</source>
        <translation>第一类用地</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="90"/>
        <source>Class 2 land</source>
        <translation>第二类用地</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="92"/>
        <source>Site code or name</source>
        <translation>地块编号或名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="106"/>
        <source>Sites by stage and county</source>
        <translation>地块（按阶段、区县）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="106"/>
        <source>Number</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="119"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="119"/>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="119"/>
        <source>Finished</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="119"/>
        <source>Organisation</source>
        <translation>从业单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="119"/>
        <source>Documents</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="135"/>
        <source>Record the next stage…</source>
        <translation>记录下一阶段…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="137"/>
        <source>Attach a document to the stage…</source>
        <translation>为该阶段添加附件…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="139"/>
        <source>Zoom to the site</source>
        <translation>缩放到地块</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="141"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="201"/>
        <source>The sites cannot be read: {e}</source>
        <translation>无法读取地块：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="203"/>
        <source>No project database is loaded.</source>
        <translation>尚未加载项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="222"/>
        <source>All counties</source>
        <translation>全部区县</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="275"/>
        <source>{n} of {total} sites shown.</source>
        <translation>显示 {n} / {total} 个地块。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="308"/>
        <source>Select a site to see its timeline.</source>
        <translation>选择一个地块以查看其时间线。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="313"/>
        <source>Soil: {soil}; groundwater: {gw}; co-management: {co}</source>
        <translation>土壤：{soil}；地下水：{gw}；协同管理：{co}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="321"/>
        <source>{code} {name} — planned land: {land}; current stage: {stage}</source>
        <translation>{code} {name} — 规划用地：{land}；当前阶段：{stage}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="321"/>
        <source>class {n}</source>
        <translation>第{n}类用地</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="393"/>
        <source>Recorded: {stage}.</source>
        <translation>已记录：{stage}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="423"/>
        <source>Attach a document to the stage</source>
        <translation>为该阶段添加附件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="428"/>
        <source>Sites</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="428"/>
        <source>Construction-land sites by stage and county, with the timeline of each site</source>
        <translation>按阶段和区县浏览建设用地地块，查看每个地块的时间线</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="37"/>
        <source>Record the next stage of {site}</source>
        <translation>记录 {site} 的下一阶段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="45"/>
        <source>Finished on</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="57"/>
        <source>Stage:</source>
        <translation>阶段：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="58"/>
        <source>Started on:</source>
        <translation>开始日期：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="60"/>
        <source>Organisation:</source>
        <translation>从业单位：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="61"/>
        <source>Report or review reference:</source>
        <translation>报告/评审意见编号：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/stage_dialog.py" line="62"/>
        <source>Conclusion:</source>
        <translation>结论：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/soil/dock_sites.py" line="143"/>
        <source>Key supervised units…</source>
        <translation>重点监管单位…</translation>
    </message>
</context>
<context>
    <name>SoilImport</name>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="288"/>
        <source>The table has no column {c}.</source>
        <translation>表中没有列 {c}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="284"/>
        <source>Choose the value column of a long table.</source>
        <translation>长表格式请选择数值列。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="93"/>
        <source>No sample code.</source>
        <translation>缺少样品编号。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="100"/>
        <source>No soil sample {s} in the project database.</source>
        <translation>项目数据库中没有土壤样品 {s}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="142"/>
        <source>{u} is not a soil unit (mg/kg, μg/kg …).</source>
        <translation>{u} 不是土壤含量单位（mg/kg、μg/kg …）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="96"/>
        <source>The sample code {s} belongs to several soil samples.</source>
        <translation>样品编号 {s} 对应多个土壤样品。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="125"/>
        <source>{p} is not an item of GB 36600-2018: written, not screened.</source>
        <translation>{p} 不是 GB 36600-2018 的项目：将写入，但不做筛选。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="129"/>
        <source>No parameter.</source>
        <translation>无检测项目。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="132"/>
        <source>No column of the table is an item of GB 36600-2018 or a soil property.</source>
        <translation>表中没有任何列是 GB 36600-2018 的项目或土壤理化性质。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="167"/>
        <source>{parameter} {value} is {number} mg/kg, above the plausible {limit} mg/kg: a unit slip (μg/kg written as mg/kg)? Confirm the value</source>
        <translation>{parameter} {value} 为 {number} mg/kg，高于合理上限 {limit} mg/kg：是否把 μg/kg 误写为 mg/kg？请确认该数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_import.py" line="174"/>
        <source>sample code</source>
        <translation>样品编号</translation>
    </message>
</context>
<context>
    <name>SoilReportCheckResultAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="39"/>
        <source>Batch id</source>
        <translation>批次编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="40"/>
        <source>Unit code</source>
        <translation>单位编码</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="41"/>
        <source>Result of the report check</source>
        <translation>报告检查结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="41"/>
        <source>Pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="41"/>
        <source>To be rectified</source>
        <translation>需整改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="41"/>
        <source>Fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="50"/>
        <source>Checked on (YYYY-MM-DD, empty = today)</source>
        <translation>检查日期（YYYY-MM-DD，留空为今天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="53"/>
        <source>Re-sampling result</source>
        <translation>复核采样结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="53"/>
        <source>No re-sampling</source>
        <translation>未复核采样</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="53"/>
        <source>Consistent with the unit&apos;s data</source>
        <translation>与企业自测数据一致</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="53"/>
        <source>Inconsistent</source>
        <translation>不一致</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="62"/>
        <source>Re-sampled on (YYYY-MM-DD)</source>
        <translation>复核采样日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="65"/>
        <source>Findings</source>
        <translation>发现问题</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="66"/>
        <source>Spot check recorded</source>
        <translation>已记录的抽查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportcheckresult.py" line="93"/>
        <source>Spot check {c} recorded.</source>
        <translation>已记录抽查 {c}。</translation>
    </message>
    <message>
        <source>Record a self-monitoring report spot check (soil key units)</source>
        <translation>记录自行监测报告抽查结果（土壤重点监管单位）</translation>
    </message>
    <message>
        <source>Records the outcome of the spot check of one unit's self-monitoring report, drawn in a batch by gwplugin:soilreportspotcheck: the result of checking the report (pass, to be rectified, fail), the date, the findings, and — for a unit marked for re-sampling (复核采样) — the re-sampling date and whether its results are consistent with the unit's own. A unit marked for re-sampling cannot be recorded without its re-sampling result.</source>
        <translation>记录某单位自行监测报告抽查的结果（该单位由 gwplugin:soilreportspotcheck 按批次抽取）：报告检查结论（合格、需整改、不合格）、日期、发现问题；对标记为需复核采样的单位，还需记录复核采样日期及其结果与企业自测数据是否一致。需复核采样的单位未给出复核采样结论时不能记录。</translation>
    </message>
</context>
<context>
    <name>SoilReportSpotCheckAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="71"/>
        <source>Report year (0: last year)</source>
        <translation>报告年度（0：上一年）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="82"/>
        <source>Share to draw (%)</source>
        <translation>抽查比例（%）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="93"/>
        <source>One of every … first</source>
        <translation>优先每类至少抽取一个：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="93"/>
        <source>Industry category</source>
        <translation>行业类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="93"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="102"/>
        <source>Also draw every unit needing re-sampling</source>
        <translation>同时抽取所有需复核采样的单位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="107"/>
        <source>Random seed (0: a new one)</source>
        <translation>随机种子（0：新生成）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="112"/>
        <source>Batch id (empty: a new one)</source>
        <translation>批次编号（留空：新生成）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="119"/>
        <source>Reports drawn</source>
        <translation>抽取的报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="118"/>
        <source>Reports that could be drawn</source>
        <translation>可抽取的报告数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="120"/>
        <source>Units to re-sample</source>
        <translation>需复核采样的单位数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="121"/>
        <source>Batch id</source>
        <translation>批次编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="122"/>
        <source>Seed used</source>
        <translation>所用随机种子</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="134"/>
        <source>No unit on the soil key supervised units roster has a report of {y} left to draw.</source>
        <translation>土壤污染重点监管单位名录中已没有可抽取的 {y} 年度报告。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilreportspotcheck.py" line="151"/>
        <source>{d} of {n} reports of {y} drawn (at least {r} for {s} %), {m} to re-sample; batch {b}, seed {seed}.</source>
        <translation>从 {y} 年度的 {n} 份报告中抽取 {d} 份（按 {s} % 至少 {r} 份），其中 {m} 个单位需复核采样；批次 {b}，随机种子 {seed}。</translation>
    </message>
    <message>
        <source>Draw self-monitoring report spot checks (soil key units)</source>
        <translation>抽取自行监测报告抽查（土壤重点监管单位）</translation>
    </message>
    <message>
        <source>Seed 001 二(一)2(3): the bureau spot-checks the self-monitoring of the soil key supervised units and re-samples (复核采样) the units with a large soil-pollution hidden danger or whose surroundings show soil or groundwater exceeding. The population is the units on the soil key supervised units roster, listed by the end of the report year, whose report of that year was not drawn before: a report is never drawn twice within a year. At least ceil(share × N) units are drawn, one of every industry category (or county) first, reproducibly for a seed — the sampler of the source spot checks. The seed gives no share for these checks: the default 5 % is the source spot checks' minimum (seed 000 三(二)6(1)); set your own. With 'every unit needing re-sampling' those units are added to the batch beyond the share. Each unit drawn is recorded in selfmon_checks; re-sampling is marked with its reason (a major hidden danger not rectified, its site exceeding, soil above the screening values at its surrounding points). The findings of each check are recorded with gwplugin:soilreportcheckresult.</source>
        <translation>先行区方案（种子 001）二(一)2(3)：对土壤污染重点监管单位的自行监测工作效果开展抽查，对土壤污染隐患较大或周边调查发现土壤或地下水超标的企业开展复核采样检查。抽查总体为土壤污染重点监管单位名录中、在报告年度末以前纳入名录、且该年度报告尚未被抽取的单位：同一年度的报告不会被抽取两次。至少抽取 ceil(比例 × N) 个单位，先在每个行业类别（或区县）中各抽一个，给定随机种子可重现——与污染源抽查使用同一抽样器。方案未规定此类抽查的比例：默认 5 % 取自污染源抽查的最低比例（种子 000 三(二)6(1)），可自行设定。选择“同时抽取所有需复核采样的单位”时，这些单位在比例之外加入本批次。每个抽中的单位记入 selfmon_checks；需复核采样的标明理由（存在未整改的重大隐患、所在地块超标、周边监测点位土壤超筛选值）。每次抽查的结果用 gwplugin:soilreportcheckresult 记录。</translation>
    </message>
</context>
<context>
    <name>SoilRoster</name>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="87"/>
        <source>Rule {id}: {what}</source>
        <translation>规则 {id}：{what}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="96"/>
        <source>Cannot read the soil key unit rules {path}: {error}</source>
        <translation>无法读取土壤重点监管单位规则 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="107"/>
        <source>A rule has no id or repeats one: {id}</source>
        <translation>规则缺少 id 或 id 重复：{id}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="110"/>
        <source>no condition</source>
        <translation>没有条件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="112"/>
        <source>unknown condition {names}</source>
        <translation>未知的条件 {names}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="117"/>
        <source>involves needs categories or industry_keywords</source>
        <translation>involves 需要 categories 或 industry_keywords</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="116"/>
        <source>unknown category</source>
        <translation>未知的类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="124"/>
        <source>unknown hidden-danger level</source>
        <translation>未知的隐患级别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="127"/>
        <source>site_exceedance takes soil and/or gw</source>
        <translation>site_exceedance 只能取 soil 和/或 gw</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="134"/>
        <source>unknown inspection kind</source>
        <translation>未知的检查类型</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="139"/>
        <source>unknown inspection result</source>
        <translation>未知的检查结论</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="144"/>
        <source>years must be above 0</source>
        <translation>年限必须大于 0</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="149"/>
        <source>unknown operating status</source>
        <translation>未知的运行状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="154"/>
        <source>reason_zh and reason_en needed</source>
        <translation>需要 reason_zh 和 reason_en</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/soil_roster.py" line="157"/>
        <source>The file {path} holds no rule.</source>
        <translation>文件 {path} 中没有规则。</translation>
    </message>
</context>
<context>
    <name>SoilScreeningAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="91"/>
        <source>Soil results (table or layer)</source>
        <translation>土壤检测结果（表或图层）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="97"/>
        <source>Parameter field</source>
        <translation>项目字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="97"/>
        <source>Value field (number or text as written by the lab)</source>
        <translation>数值字段（数值或实验室原文）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="97"/>
        <source>Unit field (empty: mg/kg)</source>
        <translation>单位字段（空为 mg/kg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="97"/>
        <source>Land-use class field (1 or 2)</source>
        <translation>用地类别字段（1 或 2）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="104"/>
        <source>Land-use class for every row (1 or 2; when there is no land-use field)</source>
        <translation>所有行的用地类别（1 或 2；无用地类别字段时）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="115"/>
        <source>Soil background value field (note ①; same unit as the value)</source>
        <translation>土壤环境背景值字段（注①；单位同数值）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="115"/>
        <source>Site field (for the per-site summary)</source>
        <translation>地块字段（用于按地块汇总）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="115"/>
        <source>Sampling point field</source>
        <translation>采样点位字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="115"/>
        <source>Sample top depth field (m)</source>
        <translation>样品顶深字段（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="115"/>
        <source>Sample bottom depth field (m)</source>
        <translation>样品底深字段（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="123"/>
        <source>Project database to write each site&apos;s soil exceedance to (needs the site field)</source>
        <translation>将各地块土壤是否超标写入的项目数据库（需指定地块字段）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="133"/>
        <source>Screened soil results</source>
        <translation>筛选后的土壤结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="134"/>
        <source>Per-site summary</source>
        <translation>按地块汇总</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="144"/>
        <source>Exceeding sampling points</source>
        <translation>超标采样点</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="154"/>
        <source>Rows screened</source>
        <translation>筛选行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="155"/>
        <source>Rows above the screening value</source>
        <translation>超过筛选值的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="156"/>
        <source>Rows above the intervention value</source>
        <translation>超过管制值的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="159"/>
        <source>Rows that could not be judged</source>
        <translation>无法判断的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="160"/>
        <source>Sites whose soil exceedance was written</source>
        <translation>写入土壤超标情况的地块数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="165"/>
        <source>The input table could not be opened.</source>
        <translation>无法打开输入表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="169"/>
        <source>No field chosen for {p}.</source>
        <translation>未为 {p} 选择字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="181"/>
        <source>Choose a land-use class field or a land-use class (1 or 2) for every row.</source>
        <translation>请选择用地类别字段，或为所有行指定用地类别（1 或 2）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="186"/>
        <source>Writing to the project database needs the site field.</source>
        <translation>写入项目数据库需要指定地块字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="205"/>
        <source>The output could not be created.</source>
        <translation>无法创建输出。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="268"/>
        <source>{n} rows: {s} above the screening value, {i} above the intervention value, {u} unknown.</source>
        <translation>共 {n} 行：{s} 行超过筛选值，{i} 行超过管制值，{u} 行无法判断。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="280"/>
        <source>Not sites of the project database (neither uuid nor site code): {s}</source>
        <translation>以下不是项目数据库中的地块（既非 uuid 也非地块编号）：{s}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_soilscreening.py" line="287"/>
        <source>Without a site field there is no per-site summary.</source>
        <translation>未指定地块字段，不输出按地块汇总。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/soil_common.py" line="58"/>
        <source>Field {f} not found in the input.</source>
        <translation>输入中没有字段 {f}。</translation>
    </message>
    <message>
        <source>Screen soil results (GB 36600-2018)</source>
        <translation>土壤结果筛选（GB 36600-2018）</translation>
    </message>
    <message>
        <source>Screens every soil result against GB 36600-2018 (table 1: 45 basic items, table 2: 40 other items; the plugin's copy in resources/reference names its sources) for class 1 or class 2 land. Parameters are recognised by the Chinese name as in the standard, English name, common spellings or CAS number; values may be written as labs do (ND, &lt;0.01, 0.01L, '12 mg/kg'); units mg/kg (default), μg/kg, ng/kg, g/kg, ppm, ppb are converted to mg/kg.

Land use: a field with 1 or 2 (also 第一类用地/第二类用地) or one class for every row; an empty value is class 1 land (§5.3.1). 'Exceeds' means strictly above. A non-detect whose detection limit is above the value gives NULL (unknown). Note ①: for arsenic (and cobalt, vanadium) a background value above the screening value replaces it; give it in the background field.

Output: the input rows plus screening_value and intervention_value (mg/kg, as applied), exceeds_screening, exceeds_intervention and soil_note (the rule applied). With a site field: a per-site summary (maximum ratio to the screening value per pollutant, exceeding points, depths of exceedance) and the exceeding sampling points (with the input's geometry, for a map).</source>
        <translation>按 GB 36600-2018（表1：45 项基本项目，表2：40 项其他项目；插件自带副本见 resources/reference，注明来源）对每条土壤结果按第一类或第二类用地进行筛选。项目可用标准中的中文名称、英文名、常见写法或 CAS 号识别；数值可按实验室写法（ND、&lt;0.01、0.01L、“12 mg/kg”）；单位 mg/kg（默认）、μg/kg、ng/kg、g/kg、ppm、ppb 均换算为 mg/kg。

用地类别：字段取值 1 或 2（也可写第一类用地/第二类用地），或对所有行指定一个类别；空值按第一类用地（§5.3.1）。“超过”指高于（不含等于）。检出限高于限值的未检出结果为 NULL（无法判断）。注①：砷（以及钴、钒）的土壤环境背景值高于筛选值时以背景值代替筛选值，背景值在背景值字段中给出。

输出：输入各行，加上 screening_value 和 intervention_value（mg/kg，实际采用值）、exceeds_screening、exceeds_intervention 和 soil_note（所用规则）。指定地块字段时，另输出按地块汇总（各污染物相对筛选值的最大倍数、超标点位、超标深度）和超标采样点（沿用输入的几何，用于制图）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/soil_common.py" line="37"/>
        <source>{d} is not a date (YYYY-MM-DD).</source>
        <translation>{d} 不是日期（YYYY-MM-DD）。</translation>
    </message>
</context>
<context>
    <name>SourceControlProjectsAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="68"/>
        <source>As of (YYYY-MM-DD, empty = today)</source>
        <translation>统计日期（YYYY-MM-DD，留空为今天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="71"/>
        <source>Source-control projects</source>
        <translation>源头管控项目</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="72"/>
        <source>Projects</source>
        <translation>项目数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="73"/>
        <source>Enterprises counted for the target</source>
        <translation>计入目标的企业数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="74"/>
        <source>Target (enterprises)</source>
        <translation>目标（企业数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="75"/>
        <source>Target met (1 yes, 0 no)</source>
        <translation>是否达到目标（1 是，0 否）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_sourcecontrolprojects.py" line="91"/>
        <source>{p} projects; {e} enterprises counted as of {d} (target {t}).</source>
        <translation>项目 {p} 个；截至 {d} 计入的企业 {e} 家（目标 {t} 家）。</translation>
    </message>
    <message>
        <source>Source-control projects ledger (soil)</source>
        <translation>源头管控项目台账（土壤）</translation>
    </message>
    <message>
        <source>Seed 001 二(一)3: 3 to 5 polluting enterprises (electroplating, aluminium rolling, chemicals …) carry out soil-pollution source-control pilot projects. The ledger lists every source-control project with its enterprise, programme, status (planned, in progress, completed, accepted), dates and investment. A project counts for the target as of the date given when it is in progress, completed or accepted and started (or finished) by then — as the indicator of the shipped plan zhengzhou_soil_2022 counts it; the output gives the enterprises counted, the target (the plan's, 3: the lower bound of 3 to 5) and whether it is met.</source>
        <translation>先行区方案（种子 001）二(一)3：推进 3–5 家电镀、铝制品压延、化工等行业污染企业试点开展土壤污染源头管控项目。台账列出每个源头管控项目及其实施企业、项目批次、进展（计划、实施中、已完工、已验收）、日期和投资。截至所给日期，项目处于实施中、已完工或已验收且已开工（或已完工）的，计入目标——与随插件提供的方案 zhengzhou_soil_2022 的指标计法相同；输出计入的企业数、目标（方案所定，3：3–5 家的下限）以及是否达到。</translation>
    </message>
</context>
<context>
    <name>SourceDossierAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="35"/>
        <source>Source (uuid, source code or credit code)</source>
        <translation>污染源（uuid、污染源编号或统一社会信用代码）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="36"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="36"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="36"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="41"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="41"/>
        <source>Dossier</source>
        <translation>污染源档案</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="41"/>
        <source>Inspection form</source>
        <translation>现场检查表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Workflow inspected (form)</source>
        <translation>检查的工作流程（检查表）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Latest step&apos;s workflow</source>
        <translation>最近一步所属的流程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Leakage investigation</source>
        <translation>渗漏排查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Anti-seepage retrofit</source>
        <translation>防渗改造</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Self-monitoring</source>
        <translation>自行监测</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="46"/>
        <source>Detailed survey / risk control</source>
        <translation>详细调查与风险管控</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="56"/>
        <source>PDF</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="56"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcedossier.py" line="73"/>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <source>Print a source dossier or inspection form</source>
        <translation>打印污染源档案或现场检查表</translation>
    </message>
    <message>
        <source>Prints one pollution source, found by its uuid, source code or unified social credit code, to a PDF. KIND dossier: identity, rosters with their versions and decisions, the dated workflow history, facilities, the enterprise's own monitoring wells with their latest GB/T 14848 class, photos and attachments (image files stored in the attachments folder are drawn), and the open tasks and deadlines (overdue rectifications, hidden-danger investigations due after listing, spot checks drawn and not yet checked). KIND form: the inspection form to print before a visit — identity, facilities with a column to fill, the findings of the last visits, the open tasks, the checklist of the workflow inspected (WORKFLOW; default: the workflow of the source's latest step) and blank fields and signatures. The checklists are drafted from the seeds' wording and are not an official form.</source>
        <translation>将一个污染源（按 uuid、污染源编号或统一社会信用代码查找）打印为 PDF。KIND 为档案：基本信息、名录及其版本和决定、带日期的工作流程记录、设施、企业自有监测井及其最新 GB/T 14848 水质类别、照片及附件（附件文件夹中的图片直接显示），以及待办事项和期限（逾期未整改的隐患、纳入名录后应完成的隐患排查、已抽取尚未核查的抽查）。KIND 为检查表：现场检查前打印的检查表——基本信息、设施及待填写栏、以往检查发现的问题、待办事项、被检查工作流程的检查要点（WORKFLOW；默认：该污染源最近一步所属的流程），以及现场填写栏和签字栏。检查要点依据种子文件措辞拟定，并非正式表式。</translation>
    </message>
</context>
<context>
    <name>SourceLoadAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="43"/>
        <source>Pollution sources (pollution_sources)</source>
        <translation>污染源（pollution_sources）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="50"/>
        <source>Reference raster for the target grid (e.g. the DRASTIC index)</source>
        <translation>目标格网的参考栅格（如 DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="59"/>
        <source>Distance decay</source>
        <translation>距离衰减</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="68"/>
        <source>Decay radius (m; empty = configuration, default 2000)</source>
        <translation>衰减半径（m；留空 = 取配置，默认 2000）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="78"/>
        <source>Exponential decay length L (m; empty = configuration, default 500)</source>
        <translation>指数衰减长度 L（m；留空 = 取配置，默认 500）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="88"/>
        <source>Factor for completed anti-seepage retrofit (empty = configuration, default 0.5)</source>
        <translation>已完成防渗改造的系数（留空 = 取配置，默认 0.5）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="99"/>
        <source>Scores and parameters (JSON, edited copy)</source>
        <translation>评分与参数（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="104"/>
        <source>Source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="119"/>
        <source>Choose the pollution-source layer.</source>
        <translation>请选择污染源图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="122"/>
        <source>Give a reference raster, or an extent and a cell size.</source>
        <translation>请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="127"/>
        <source>The layer lacks {m}; their default factors apply.</source>
        <translation>该图层缺少 {m}；将使用其默认系数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="138"/>
        <source>{n} sources, {r} with a completed anti-seepage retrofit (hazard x {f:g}).</source>
        <translation>{n} 个污染源，其中 {r} 个已完成防渗改造（危害 x {f:g}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="144"/>
        <source>Hazard scores are DEFAULTS (zoning_defaults.json, source_load); edit them.</source>
        <translation>危害评分为默认值（zoning_defaults.json，source_load），请按需修改。</translation>
    </message>
    <message>
        <source>Pollution-source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="51"/>
        <source>Boundary layer: aquifer or watershed units a source&apos;s load does not cross</source>
        <translation>边界图层：污染源荷载不跨越的含水层或流域单元</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="59"/>
        <source>exponential</source>
        <translation>指数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_sourceload.py" line="59"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <source>Load raster from the pollution-source inventory (table pollution_sources: category, scale, antiseepage_status, operating_status). Hazard of a source = category score x scale factor x operating-status factor, x the retrofit factor when its anti-seepage retrofit is done or its effect assessed. All scores are DEFAULTS in resources/reference/zoning_defaults.json (source_load); pass an edited copy as CONFIG. Each hazard is spread with an exponential (exp(-d/L) up to the radius) or linear (1 - d/R) distance decay and summed; d is measured between cell centres (sources snap to their cell). Polygon sources (parks, mines, farmland) keep their footprint: the full hazard on every cell of it, decaying from its edge. With a BOUNDARY layer (aquifer or watershed units) a source&apos;s load stays inside its unit instead of ending only at the radius. The target grid is the reference raster, or the extent and cell size. Computed by FFT convolution in row blocks: 100,000 sources on 10 million cells take seconds, with bounded memory.</source>
        <translation>由污染源清单（pollution_sources 表：category、scale、antiseepage_status、operating_status）生成荷载栅格。污染源危害 = 类别评分 x 规模系数 x 运行状态系数；防渗改造已完成或已评估效果时再乘以改造系数。所有评分均为 resources/reference/zoning_defaults.json（source_load）中的默认值；可将修改后的副本作为 CONFIG 传入。每个危害按指数（exp(-d/L)，至半径为止）或线性（1 - d/R）距离衰减扩散后求和；d 按像元中心间距离计算（污染源归入所在像元）。面状污染源（园区、矿区、农田）保留其范围：范围内每个像元取全部危害值，自边界向外衰减。给出边界图层（BOUNDARY：含水层或流域单元）时，污染源的荷载只计入其所在单元，而不只是止于半径。目标格网为参考栅格，或范围与像元大小。按行块做 FFT 卷积计算：10 万个污染源、1000 万个像元只需数秒，内存占用有界。</translation>
    </message>
</context>
<context>
    <name>SourcesInZonesAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="69"/>
        <source>Zones</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="72"/>
        <source>Zone name field</source>
        <translation>区域名称字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="77"/>
        <source>Pollution sources</source>
        <translation>污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="82"/>
        <source>Monitoring wells</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="87"/>
        <source>Include categories the plan does not name</source>
        <translation>包括方案未列出的类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="92"/>
        <source>Sources in zones</source>
        <translation>区域内污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="97"/>
        <source>Excel workbook</source>
        <translation>Excel 工作簿</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="97"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="111"/>
        <source>The sources layer needs a &apos;category&apos; field (pollution_sources).</source>
        <translation>污染源图层需要 'category' 字段（pollution_sources）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_sourcesinzones.py" line="194"/>
        <source>{n} sources listed in {z} zones</source>
        <translation>{z} 个区域内共列出 {n} 个污染源</translation>
    </message>
    <message>
        <source>Pollution sources inside zones</source>
        <translation>区域内的污染源</translation>
    </message>
    <message>
        <source>Lists the pollution sources inside each polygon of ZONES (any layer: protection zones, recharge zones, capture zones), one row per zone and source, with the source category and the group seed 000 三(三)9(2) names (industrial enterprises, industrial clusters, hazardous-waste sites, landfills, mining areas, tailings ponds, gas stations, golf courses, large livestock farms, large planting areas). Sources of other categories are listed only with ALL_CATEGORIES. Distances are in metres whatever the CRS (ellipsoidal on a geographic CRS). Distance to the water-source well: the nearest drinking_source well linked to the zone's water_source_uuid (field of the zone layer) when there is one, else the nearest drinking_source well. Layers in other CRSs are transformed to the zones' CRS.</source>
        <translation>列出 ZONES（任意图层：保护区、补给区、捕获区）每个面内的污染源，每个区域与污染源一行，附污染源类别及种子文件 000 三(三)9(2) 所列的分组（工业企业、工业集聚区、危险废物处置场、垃圾填埋场、矿山开采区、尾矿库、加油站、高尔夫球场、规模化养殖场、规模化种植区）。其他类别的污染源只有在设置 ALL_CATEGORIES 时才列出。距离一律以米计，与坐标系无关（地理坐标系按椭球计算）。到水源井的距离：区域有 water_source_uuid（区域图层字段）时取与之关联的最近饮用水水源井，否则取最近的饮用水水源井。其他坐标系的图层会转换到区域图层的坐标系。</translation>
    </message>
</context>
<context>
    <name>SourcesPanel</name>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="338"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="340"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="372"/>
        <source>{n} of {total} sources</source>
        <translation>{total} 个污染源中的 {n} 个</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="393"/>
        <source>The map filter waits until the layer is saved.</source>
        <translation>地图筛选将在图层保存后生效。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="483"/>
        <source>{n} sources selected.</source>
        <translation>已选择 {n} 个污染源。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="483"/>
        <source>Select a source to see its details.</source>
        <translation>选择一个污染源以查看详情。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="710"/>
        <source>Rosters</source>
        <translation>名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="551"/>
        <source>Facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="552"/>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="556"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="558"/>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="558"/>
        <source>placed at the county centroid: check in the field</source>
        <translation>放在县区质心处：请现场核实</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="749"/>
        <source>Pollution sources</source>
        <translation>污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="647"/>
        <source>Select one source first.</source>
        <translation>请先选择一个污染源。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="606"/>
        <source>Photos and documents</source>
        <translation>照片和文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="625"/>
        <source>{n} attachment files are missing or changed: {files}</source>
        <translation>{n} 个附件文件缺失或已改变：{files}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="632"/>
        <source>Every attachment file is present and unchanged.</source>
        <translation>所有附件文件都在且未改变。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="749"/>
        <source>Pollution sources: filters, rosters, workflows, attachments, ledgers and indicators</source>
        <translation>污染源：筛选、名录、工作流程、附件、台账和考核指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="102"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="105"/>
        <source>Zoom to the selected sources</source>
        <translation>缩放到所选污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="110"/>
        <source>Open the source&apos;s form</source>
        <translation>打开污染源的表单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="116"/>
        <source>Attach a photo or document…</source>
        <translation>附加照片或文件…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="121"/>
        <source>Verify the attachment files</source>
        <translation>核验附件文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="126"/>
        <source>Import a ledger…</source>
        <translation>导入台账…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="162"/>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="166"/>
        <source>All counties</source>
        <translation>所有县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="168"/>
        <source>All sources</source>
        <translation>所有污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="169"/>
        <source>On any roster</source>
        <translation>在任一名录中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="170"/>
        <source>On no roster</source>
        <translation>不在任何名录中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="174"/>
        <source>Any workflow status</source>
        <translation>任意流程状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="181"/>
        <source>Code, name, credit code or address</source>
        <translation>编号、名称、信用代码或地址</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="182"/>
        <source>Filter the &amp;map too</source>
        <translation>同时筛选地图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>&amp;Category:</source>
        <translation>类别(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>C&amp;ounty:</source>
        <translation>县区(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>&amp;Roster:</source>
        <translation>名录(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>&amp;Workflow:</source>
        <translation>工作流程(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="185"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="222"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="223"/>
        <source>Workflow</source>
        <translation>工作流程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="131"/>
        <source>Indicator dashboard…</source>
        <translation>考核指标看板…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="136"/>
        <source>Rosters…</source>
        <translation>名录…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="141"/>
        <source>Deadlines…</source>
        <translation>期限…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="146"/>
        <source>Print the source's dossier…</source>
        <translation>打印污染源档案…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="151"/>
        <source>Print an inspection form…</source>
        <translation>打印现场检查表…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="653"/>
        <source>Save the PDF</source>
        <translation>保存 PDF</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="653"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="668"/>
        <source>Written: {path}. Unsaved edits of {layers} are not in it: save them and print again.</source>
        <translation>已写入：{path}。{layers} 中未保存的编辑未包含在内：请保存后重新打印。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="676"/>
        <source>Written: {path}</source>
        <translation>已写入：{path}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/dock_sources.py" line="714"/>
        <source>Deadlines</source>
        <translation>期限</translation>
    </message>
</context>
<context>
    <name>SourcesTableModel</name>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="177"/>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="178"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="179"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="180"/>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="181"/>
        <source>Rosters</source>
        <translation>名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="182"/>
        <source>Leakage investigation</source>
        <translation>渗漏排查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="183"/>
        <source>Anti-seepage</source>
        <translation>防渗改造</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="184"/>
        <source>Self-monitoring</source>
        <translation>自行监测</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/sources_model.py" line="185"/>
        <source>Survey / risk control</source>
        <translation>调查 / 风险管控</translation>
    </message>
</context>
<context>
    <name>SpotCheckAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="60"/>
        <source>Share to draw (%)</source>
        <translation>抽取比例（%）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="71"/>
        <source>Random seed (empty = new random seed, recorded)</source>
        <translation>随机种子（留空 = 新的随机种子，并予以记录）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="81"/>
        <source>Batch id</source>
        <translation>批次编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="82"/>
        <source>Only these county codes (comma-separated)</source>
        <translation>仅限这些县区代码（逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="87"/>
        <source>Include sources already spot-checked</source>
        <translation>包括已抽查过的污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="92"/>
        <source>Preview only (do not record the batch)</source>
        <translation>仅预览（不记录该批次）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="97"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="98"/>
        <source>Drawn sources</source>
        <translation>抽中的污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="103"/>
        <source>Batch record (JSON)</source>
        <translation>批次记录（JSON）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="103"/>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="243"/>
        <source>Batch {id}: {k} of {n} sources drawn ({req} required by the share; {c} categories covered; seed {seed}){rec}</source>
        <translation>批次 {id}：从 {n} 个污染源中抽取 {k} 个（按比例至少 {req} 个；覆盖 {c} 个类别；种子 {seed}）{rec}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="243"/>
        <source> — preview, not recorded</source>
        <translation> —— 预览，未记录</translation>
    </message>
    <message>
        <source>Draw a leakage spot-check batch</source>
        <translation>抽取渗漏排查抽查批次</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="108"/>
        <source>Records to draw from</source>
        <translation>抽取的记录集</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="108"/>
        <source>Sources by workflow status</source>
        <translation>按工作流程状态的污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="108"/>
        <source>Self-monitoring reports</source>
        <translation>自行监测报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="108"/>
        <source>Survey records</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="117"/>
        <source>Workflow (sources)</source>
        <translation>工作流程（污染源）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="117"/>
        <source>Leakage investigation</source>
        <translation>渗漏排查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="117"/>
        <source>Anti-seepage retrofit</source>
        <translation>防渗改造</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="117"/>
        <source>Self-monitoring</source>
        <translation>自行监测</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="117"/>
        <source>Detailed survey / risk control</source>
        <translation>详细调查与风险管控</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="127"/>
        <source>Statuses drawn from (comma-separated; empty = the default)</source>
        <translation>抽取的状态（逗号分隔；留空为默认）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sources/alg_spotcheck.py" line="132"/>
        <source>Year (reports, surveys)</source>
        <translation>年度（报告、调查）</translation>
    </message>
    <message>
        <source>Seed 000 三(二)6(1): the bureau spot-checks at least 5% of the enterprises that carried out the leakage investigation, covering every source type. Population: sources whose leakage_status is self_investigated or report_received (self-investigation done, not yet verified; tick INCLUDE_SPOT_CHECKED to add the ones checked already). Size: at least SHARE % of the population rounded up, and at least one source of every category present even when that exceeds the share. The draw is reproducible from SEED (the same inventory and seed give the same batch). Unless PREVIEW is ticked, the batch is recorded as spot_check inspections (one per drawn source, linked to the batch recorded in spotcheck_batches); a batch id that exists already is refused, so a recorded batch is never replaced — give a new id to draw another batch (both are kept). Default batch id: SC-&lt;date&gt;-&lt;seed&gt;. Other record sets (RECORD_SET): sources by the status of any workflow (WORKFLOW, STATUSES comma-separated; defaults: leakage self_investigated,report_received; antiseepage done; self_monitoring partial,complete; risk_control plan_done,implemented), self-monitoring reports received (of YEAR when given), construction-land survey records (site surveys of phase 1 and 2, of YEAR when given, not drawn by gwplugin:surveyspotcheck); the stratum covered is the source category (the survey phase for surveys). A record drawn in an earlier batch whose check has no result yet is never drawn again.</source>
        <translation>种子文件000 三(二)6(1)：生态环境部门抽查不低于开展渗漏排查企业的5%，并涵盖每一种类型。总体：leakage_status 为 self_investigated（已自查）或 report_received（已提交报告）的污染源（自查已完成、尚未核查；勾选 INCLUDE_SPOT_CHECKED 可加入已抽查的）。数量：不少于总体的 SHARE %（向上取整），且总体中每一类别至少一家，即使因此超过比例。抽取可由 SEED 复现（同一清单和种子得到同一批次）。除非勾选 PREVIEW，批次记录为 spot_check 检查记录（每个抽中污染源一条，关联 spotcheck_batches 中记录的批次）；已存在的批次编号会被拒绝，已记录的批次绝不会被替换——换一个编号即可抽取另一批（两批都保留）。默认批次编号：SC-&lt;date&gt;-&lt;seed&gt;（日期-种子）。其他记录集（RECORD_SET）：按任一工作流程状态的污染源（WORKFLOW，STATUSES 以逗号分隔；默认：渗漏排查 self_investigated,report_received；防渗改造 done；自行监测 partial,complete；风险管控 plan_done,implemented）、已收到的自行监测报告（给出 YEAR 时为该年度）、建设用地调查记录（第一、二阶段地块调查，给出 YEAR 时为该年度，未被 gwplugin:surveyspotcheck 抽取的）；分层覆盖的是污染源类别（调查记录为调查阶段）。以往批次已抽中、尚无核查结论的记录不会再次被抽取。</translation>
    </message>
</context>
<context>
    <name>SurveyChecks</name>
    <message>
        <location filename="../gw_plugin/core/soil/survey_qc.py" line="41"/>
        <source>{p} is not a survey phase.</source>
        <translation>{p} 不是调查阶段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/survey_qc.py" line="43"/>
        <source>The share for this survey phase must be at least {m} % (seed 001) and at most 100 %.</source>
        <translation>该调查阶段的抽查比例不得低于 {m}%（先行区方案），且不超过 100%。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/survey_qc.py" line="82"/>
        <source>The batch {b} is recorded already.</source>
        <translation>批次 {b} 已记录过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/survey_qc.py" line="116"/>
        <source>{r} is not a check result (pass, rectify, fail).</source>
        <translation>{r} 不是检查结论（pass 合格、rectify 整改、fail 不合格）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/survey_qc.py" line="127"/>
        <source>There is no spot check {u}.</source>
        <translation>不存在抽查记录 {u}。</translation>
    </message>
</context>
<context>
    <name>SurveySpotCheckAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="51"/>
        <source>Survey phase</source>
        <translation>调查阶段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="51"/>
        <source>First-phase surveys (≥ 20 %)</source>
        <translation>第一阶段调查（≥ 20%）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="51"/>
        <source>Second-phase surveys (≥ 30 %)</source>
        <translation>第二阶段调查（≥ 30%）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="60"/>
        <source>Share to draw (%; empty: the seed&apos;s minimum)</source>
        <translation>抽查比例（%；空为方案最低比例）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="71"/>
        <source>Surveys started in the year (0: all)</source>
        <translation>调查开始年份（0 为全部）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="82"/>
        <source>Random seed (0: a new one)</source>
        <translation>随机种子（0 为新生成）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="87"/>
        <source>Batch id (empty: a new one)</source>
        <translation>批次编号（空为新生成）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="94"/>
        <source>Surveys drawn</source>
        <translation>抽取的调查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="93"/>
        <source>Surveys that could be drawn</source>
        <translation>可抽取的调查数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="95"/>
        <source>Batch id</source>
        <translation>批次编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="96"/>
        <source>Seed used</source>
        <translation>所用随机种子</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="114"/>
        <source>There is no survey of this phase to draw from.</source>
        <translation>该阶段没有可抽取的调查。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/soil/alg_surveyspotcheck.py" line="121"/>
        <source>{d} of {n} surveys drawn (at least {r} for {s} %), batch {b}, seed {seed}.</source>
        <translation>从 {n} 个调查中抽取 {d} 个（按 {s}% 至少 {r} 个），批次 {b}，随机种子 {seed}。</translation>
    </message>
    <message>
        <source>Draw survey quality spot checks (soil)</source>
        <translation>抽取土壤污染状况调查质量抽查地块</translation>
    </message>
    <message>
        <source>Seed 001 二(二)1: the quality of construction-land soil surveys is spot-checked for at least 20 % of the sites with a first-phase survey and at least 30 % of those with a second-phase survey. The surveys of the phase (started in the year given, or all) that were not drawn before form the population; at least ceil(share × N) are drawn, one in every county first, reproducibly for a seed (the sampler of the source spot checks). The batch is recorded in survey_checks, one row per survey, for the findings of each check. A share below the seed's minimum is refused.</source>
        <translation>先行区方案 二(二)1：第一阶段土壤污染状况调查地块抽查比例不低于 20%，第二阶段不低于 30%。该阶段（所给年份开始的，或全部）尚未被抽取过的调查构成抽样总体；至少抽取 ceil(比例 × N) 个，先保证每个区县各一个，同一随机种子结果可复现（与污染源抽查相同的抽样器）。批次记入 survey_checks，每个调查一行，用于记录各次检查的发现。低于方案最低比例的设置将被拒绝。</translation>
    </message>
</context>
<context>
    <name>SyncAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="36"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="37"/>
        <source>Platform connection (conninfo, URI, service, authcfg)</source>
        <translation>平台连接（conninfo、URI、service、authcfg）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="40"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="40"/>
        <source>Pull and push</source>
        <translation>拉取并推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="40"/>
        <source>Push only</source>
        <translation>仅推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="40"/>
        <source>Pull only</source>
        <translation>仅拉取</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="48"/>
        <source>When both sides changed the same field</source>
        <translation>两端修改了同一字段时</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="48"/>
        <source>The server wins</source>
        <translation>以服务器为准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="48"/>
        <source>My edit wins</source>
        <translation>以我的编辑为准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="48"/>
        <source>Leave open for me to resolve</source>
        <translation>保留冲突由我处理</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Changes pushed</source>
        <translation>已推送的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Changes pulled</source>
        <translation>已拉取的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Features merged</source>
        <translation>已合并的要素</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Open conflicts</source>
        <translation>未解决的冲突</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Changes rejected</source>
        <translation>被拒绝的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="56"/>
        <source>Changes still pending</source>
        <translation>仍待同步的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="96"/>
        <source>Sync finished: pushed {pushed}, pulled {pulled}, merged {merged}, conflicts {conflicts} (open {open}), rejected {rejected}, still pending {pending}</source>
        <translation>同步完成：推送 {pushed}，拉取 {pulled}，合并 {merged}，冲突 {conflicts}（未解决 {open}），被拒绝 {rejected}，仍待同步 {pending}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="111"/>
        <source>{n} changes were refused by the platform; they are kept in the table gw_rejected.</source>
        <translation>{n} 项变更被平台拒绝；已保存在 gw_rejected 表中。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="117"/>
        <source>{n} conflicts are open; resolve them in the Sync dock.</source>
        <translation>有 {n} 个冲突未解决；请在同步面板中处理。</translation>
    </message>
    <message>
        <source>Sync with the platform</source>
        <translation>与平台同步</translation>
    </message>
    <message>
        <source>Syncs a project GeoPackage with the city platform. Server changes are pulled first and merged field by field with the local edits: different fields of a feature merge silently; the same field changed on both sides, or an edit against a deletion, is a conflict whose two versions are both kept in the file. The conflict policy decides the winner (the server, the local edit, or nobody: the conflict stays open until resolved). Local changes are then pushed in one transaction, exactly once even if the connection drops. Changes the platform refuses (county permissions) are kept in the file as rejected. A GeoPackage synced for the first time into an empty platform publishes all its data.</source>
        <translation>将项目 GeoPackage 与市级平台同步。先拉取服务器端变更，并与本地编辑逐字段合并：同一要素的不同字段静默合并；两端修改了同一字段，或编辑了对方已删除的要素，则为冲突，两个版本都保存在文件中。冲突策略决定以哪方为准（服务器、本地编辑，或都不：冲突保持未解决直至处理）。随后在一个事务中推送本地变更，即使连接中断也只推送一次。平台拒绝的变更（县区权限）作为被拒绝的变更保存在文件中。首次同步到空平台的 GeoPackage 会发布其全部数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/sync/alg_sync.py" line="78"/>
        <source>Sync canceled; nothing was lost, sync again to finish.</source>
        <translation>同步已取消；未丢失任何内容，再次同步即可完成。</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="81"/>
        <source>&amp;Install change tracking</source>
        <translation>安装变更跟踪(&amp;I)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="82"/>
        <source>Record every insert, update and delete in this file so that sync can send them</source>
        <translation>在本文件中记录每次新增、修改和删除，以便同步时发送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="92"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="93"/>
        <source>Change tracking:</source>
        <translation>变更跟踪：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="94"/>
        <source>Last sync:</source>
        <translation>上次同步：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="95"/>
        <source>Platform:</source>
        <translation>平台：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="101"/>
        <source>Pull and push</source>
        <translation>拉取并推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="101"/>
        <source>Push only</source>
        <translation>仅推送</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="101"/>
        <source>Pull only</source>
        <translation>仅拉取</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="106"/>
        <source>The platform wins</source>
        <translation>以平台为准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="106"/>
        <source>My edit wins</source>
        <translation>以我的编辑为准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="106"/>
        <source>Leave open for me to resolve</source>
        <translation>保留冲突由我处理</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="118"/>
        <source>Who wins when the same field was changed here and on the platform</source>
        <translation>本地和平台修改了同一字段时以哪方为准</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="123"/>
        <source>&amp;Direction:</source>
        <translation>方向(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="125"/>
        <source>&amp;When both changed a field:</source>
        <translation>两端修改了同一字段时(&amp;W)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="140"/>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="141"/>
        <source>Pull the platform&apos;s changes, merge them and push the local changes</source>
        <translation>拉取平台的变更并合并，然后推送本地变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="145"/>
        <source>Ca&amp;ncel</source>
        <translation>取消(&amp;N)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="148"/>
        <source>&amp;Platform…</source>
        <translation>平台(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="149"/>
        <source>Connection to the city platform (credentials in QGIS authentication)</source>
        <translation>与市级平台的连接（凭据保存在 QGIS 认证中）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="153"/>
        <source>C&amp;heck out…</source>
        <translation>检出(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="154"/>
        <source>Create a new project database with counties of the platform</source>
        <translation>用平台上的县区数据新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="156"/>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="57"/>
        <source>Pending local changes</source>
        <translation>待同步的本地变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="80"/>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="48"/>
        <source>Inserts</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="48"/>
        <source>Updates</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="48"/>
        <source>Deletes</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="71"/>
        <source>Open conflicts</source>
        <translation>未解决的冲突</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="65"/>
        <source>&amp;Resolve conflicts…</source>
        <translation>处理冲突(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="109"/>
        <source>Rejected changes</source>
        <translation>被拒绝的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="75"/>
        <source>Changes the platform refused (permissions, invalid values); kept in this file</source>
        <translation>平台拒绝的变更（权限、无效值）；保存在本文件中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="80"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="80"/>
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="80"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="173"/>
        <source>Last sync report</source>
        <translation>上次同步报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="176"/>
        <source>Pushed:</source>
        <translation>已推送：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="176"/>
        <source>Pulled:</source>
        <translation>已拉取：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="176"/>
        <source>Merged:</source>
        <translation>已合并：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="176"/>
        <source>Conflicts:</source>
        <translation>冲突：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="176"/>
        <source>Rejected:</source>
        <translation>被拒绝：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="259"/>
        <source>not configured — use “Platform…”</source>
        <translation>未配置——请使用“平台…”</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="269"/>
        <source>No project database in this project.</source>
        <translation>本工程中没有项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="269"/>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="291"/>
        <source>not installed: edits made now are not recorded for sync. Install it before editing.</source>
        <translation>未安装：现在所做的编辑不会被记录以供同步。请在编辑前安装。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="295"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="301"/>
        <source>installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="303"/>
        <source>{when} (platform revision {rev})</source>
        <translation>{when}（平台版本 {rev}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="303"/>
        <source>never (platform revision {rev})</source>
        <translation>从未（平台版本 {rev}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="146"/>
        <source>{n} changes waiting to be sent ({held} held back by open conflicts).</source>
        <translation>{n} 项变更等待发送（其中 {held} 项因未解决的冲突而暂缓）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="146"/>
        <source>No pending changes.</source>
        <translation>没有待同步的变更。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="154"/>
        <source>{n} open conflicts</source>
        <translation>{n} 个未解决的冲突</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="159"/>
        <source>insert</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="159"/>
        <source>update</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="159"/>
        <source>delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="332"/>
        <source>open conflicts {n}, still pending {p}</source>
        <translation>未解决的冲突 {n}，仍待同步 {p}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="335"/>
        <source>attachments up {u} / down {d}</source>
        <translation>附件 上传 {u} / 下载 {d}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="562"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="365"/>
        <source>Change tracking installed; the features already in the file are sent by the first sync.</source>
        <translation>已安装变更跟踪；文件中已有的要素将在首次同步时发送。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="375"/>
        <source>Unsaved edits</source>
        <translation>未保存的编辑</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="376"/>
        <source>These layers have unsaved edits: {names}. Save or discard them before syncing?</source>
        <translation>这些图层有未保存的编辑：{names}。同步前要保存还是放弃这些编辑？</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="400"/>
        <source>The edits of {layer} could not be saved: {errors}</source>
        <translation>{layer} 的编辑无法保存：{errors}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="421"/>
        <source>Set the platform connection first (“Platform…”).</source>
        <translation>请先设置平台连接（“平台…”）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="426"/>
        <source>Sync not started: the layers still have open edits.</source>
        <translation>未开始同步：图层仍有未结束的编辑。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="434"/>
        <source>Syncing {name} with the platform</source>
        <translation>正在将 {name} 与平台同步</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="454"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="466"/>
        <source>Canceling… (nothing is lost: a stopped sync resumes next time)</source>
        <translation>正在取消…（不会丢失任何内容：中断的同步下次会继续）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="481"/>
        <source>Sync finished: pushed {pushed}, pulled {pulled}, merged {merged}, conflicts {conflicts}, rejected {rejected}.</source>
        <translation>同步完成：推送 {pushed}，拉取 {pulled}，合并 {merged}，冲突 {conflicts}，被拒绝 {rejected}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="500"/>
        <source>Sync canceled. Nothing was lost; sync again to finish.</source>
        <translation>同步已取消。未丢失任何内容；再次同步即可完成。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="527"/>
        <source>Save or discard the open layer edits first.</source>
        <translation>请先保存或放弃图层上未结束的编辑。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="44"/>
        <source>Check out from the platform</source>
        <translation>从平台检出</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="51"/>
        <source>Connection string without password (authcfg=… for credentials)</source>
        <translation>不含密码的连接字符串（凭据用 authcfg=…）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="52"/>
        <source>&amp;Load counties</source>
        <translation>载入县区(&amp;L)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="58"/>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="68"/>
        <source>&amp;Platform:</source>
        <translation>平台(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="70"/>
        <source>&amp;Counties:</source>
        <translation>县区(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="72"/>
        <source>&amp;Output file:</source>
        <translation>输出文件(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="83"/>
        <source>Chec&amp;k out</source>
        <translation>检出(&amp;K)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="95"/>
        <source>New project database</source>
        <translation>新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="95"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="113"/>
        <source>(read only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="117"/>
        <source>{n} counties on the platform.</source>
        <translation>平台上有 {n} 个县区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="139"/>
        <source>Choose at least one county.</source>
        <translation>请至少选择一个县区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="142"/>
        <source>Choose the output file.</source>
        <translation>请选择输出文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="146"/>
        <source>Checking out {counties}</source>
        <translation>正在检出 {counties}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="160"/>
        <source>Checking out…</source>
        <translation>正在检出…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="186"/>
        <source>Check-out canceled.</source>
        <translation>检出已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/checkout_dialog.py" line="204"/>
        <source>{rows} features checked out into {path}.</source>
        <translation>已将 {rows} 个要素检出到 {path}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="562"/>
        <source>Sync the project database with the city platform: pending changes, conflicts, rejected changes</source>
        <translation>将项目数据库与市级平台同步：待同步变更、冲突、被拒绝的变更</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="86"/>
        <source>Re&amp;try</source>
        <translation>重试(&amp;T)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="88"/>
        <source>Apply the selected refused changes to this file again as new local edits; the next sync sends them (for example after the county was granted to you)</source>
        <translation>将选中的被拒绝修改作为新的本地编辑重新写入本文件，下次同步时发送（例如在获得该县的权限之后）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="96"/>
        <source>Dis&amp;miss</source>
        <translation>放弃(&amp;M)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="98"/>
        <source>Give up the selected refused changes: they are never sent, the record stays in this file</source>
        <translation>放弃选中的被拒绝修改：不再发送，记录仍保留在本文件中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="507"/>
        <source>Dismiss rejected changes</source>
        <translation>放弃被拒绝的修改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/dock_sync.py" line="507"/>
        <source>Give up {n} rejected changes? They will never be sent to the platform; the record of them stays in this file.</source>
        <translation>放弃 {n} 条被拒绝的修改？这些修改将不会发送到平台；其记录仍保留在本文件中。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="238"/>
        <source>{n} rejected changes applied again as local edits; the next sync sends them.</source>
        <translation>已将 {n} 条被拒绝的修改重新作为本地编辑写入；下次同步时发送。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="238"/>
        <source>{n} rejected changes could not be retried: {errors}</source>
        <translation>{n} 条被拒绝的修改无法重试：{errors}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="258"/>
        <source>{n} rejected changes dismissed: they are not sent, the record stays in the file.</source>
        <translation>已放弃 {n} 条被拒绝的修改：不再发送，记录保留在文件中。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sync/change_lists.py" line="258"/>
        <source>{n} rejected changes could not be dismissed: {errors}</source>
        <translation>{n} 条被拒绝的修改无法放弃：{errors}</translation>
    </message>
</context>
<context>
    <name>TimeSeriesWidget</name>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="137"/>
        <source>&amp;Parameter:</source>
        <translation>指标(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="139"/>
        <source>PN&amp;G…</source>
        <translation>PNG(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="140"/>
        <source>S&amp;VG…</source>
        <translation>SVG(&amp;V)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="141"/>
        <source>Export the plot as a PNG image</source>
        <translation>将图表导出为 PNG 图像</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="142"/>
        <source>Export the plot as an SVG drawing</source>
        <translation>将图表导出为 SVG 矢量图</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="164"/>
        <source>Time series need the Python package matplotlib, which is not installed ({error}). Install it (Debian/Ubuntu: python3-matplotlib; OSGeo4W: python3-matplotlib) and restart QGIS.</source>
        <translation>时间序列需要 Python 包 matplotlib，但尚未安装（{error}）。请安装（Debian/Ubuntu：python3-matplotlib；OSGeo4W：python3-matplotlib）后重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="243"/>
        <source>Select one or more wells.</source>
        <translation>请选择一口或多口井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="246"/>
        <source>The selected wells have no results.</source>
        <translation>所选井没有检测结果。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="252"/>
        <source>{p} is judged by a word (无/有); there is nothing to plot.</source>
        <translation>{p} 以文字（无/有）判定；没有可绘制的内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="317"/>
        <source>class III</source>
        <translation>III 类</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="354"/>
        <source>increasing</source>
        <translation>上升</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="355"/>
        <source>decreasing</source>
        <translation>下降</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="356"/>
        <source>no significant trend</source>
        <translation>无显著趋势</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="357"/>
        <source>too few values</source>
        <translation>数值太少</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="362"/>
        <source>{well}: Mann–Kendall: too few values (n = {n})</source>
        <translation>{well}：Mann–Kendall：数值太少（n = {n}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="368"/>
        <source>{well}: Mann–Kendall: {trend}, p = {p}, Sen slope = {slope} {unit}/yr (n = {n})</source>
        <translation>{well}：Mann–Kendall：{trend}，p = {p}，Sen 斜率 = {slope} {unit}/年（n = {n}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="382"/>
        <source>Hollow markers: below the detection limit, drawn at the limit (half of it in the test).</source>
        <translation>空心符号：低于检出限，按检出限绘制（检验中取其一半）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="395"/>
        <source>There is no plot to export.</source>
        <translation>没有可导出的图表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="398"/>
        <source>Export as .png or .svg.</source>
        <translation>请导出为 .png 或 .svg。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="407"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="407"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/timeseries.py" line="412"/>
        <source>Export time series</source>
        <translation>导出时间序列</translation>
    </message>
</context>
<context>
    <name>TrendAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="54"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="55"/>
        <source>Parameter</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="56"/>
        <source>Significance level</source>
        <translation>显著性水平</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="67"/>
        <source>Minimum number of samples</source>
        <translation>最少样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="78"/>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="92"/>
        <source>No results of parameter {p} in the database.</source>
        <translation>数据库中没有指标 {p} 的检测结果。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="131"/>
        <source>{n} wells tested; {r} with a significant rising trend.</source>
        <translation>已检验 {n} 口井；其中 {r} 口呈显著上升趋势。</translation>
    </message>
    <message>
        <source>Water-quality trend (Mann-Kendall, Sen&apos;s slope)</source>
        <translation>水质变化趋势（Mann-Kendall 检验，Sen 斜率）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="85"/>
        <source>{p} is not a GB/T 14848-2017 indicator.</source>
        <translation>{p} 不是 GB/T 14848-2017 的指标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_trend.py" line="124"/>
        <source>values below {dl} censored at that detection limit</source>
        <translation>低于 {dl} 的值按该检出限删失处理</translation>
    </message>
    <message>
        <source>For every well with at least MIN_SAMPLES results of PARAMETER (the standard's Chinese indicator name, e.g. 硝酸盐 for nitrate as N), runs the Mann-Kendall trend test (tie-corrected variance, normal approximation with continuity correction; Gilbert 1987) and Sen's slope (units per year). The parameter may be given by any name the import recognises (NO3-N, nitrate, 硝酸盐氮 …). Non-detects: every value below the highest detection limit of the series is censored at that limit (one tie; Helsel 2012), so a changing detection limit cannot make a trend; a series with more than half of its values censored is reported as 'insufficient data'. rising_significant flags a significant increasing trend.</source>
        <translation>对 PARAMETER 结果数不少于 MIN_SAMPLES 的每口井（标准中的中文指标名，如硝酸盐以N计），进行 Mann-Kendall 趋势检验（含并列校正的方差、带连续性校正的正态近似；Gilbert 1987）和 Sen 斜率（单位/年）。指标可用导入时能识别的任何名称（NO3-N、nitrate、硝酸盐氮 …）。未检出：序列中低于最高检出限的所有值在该检出限处删失（并列；Helsel 2012），因此检出限的变化不会形成趋势；删失值超过一半的序列报告为'insufficient data'（数据不足）。rising_significant 标记显著上升趋势。</translation>
    </message>
</context>
<context>
    <name>UpdateWellQualityAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_updatewellquality.py" line="28"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_updatewellquality.py" line="40"/>
        <source>Wells classified</source>
        <translation>已分类的井数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_updatewellquality.py" line="53"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_updatewellquality.py" line="54"/>
        <source>{n} wells classified.</source>
        <translation>已对 {n} 口井分类。</translation>
    </message>
    <message>
        <source>Update latest water-quality class of wells</source>
        <translation>更新监测井最新水质类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/wells/alg_updatewellquality.py" line="29"/>
        <source>Window of each indicator&apos;s latest value (days before the latest sample)</source>
        <translation>各指标最新值的时间窗口（最新采样日之前的天数）</translation>
    </message>
    <message>
        <source>Gives every monitoring well its current GB/T 14848-2017 class from each indicator's latest value within a window of WINDOW_DAYS days (default 365) ending at the well's latest sample: the worst single-indicator class of those values (§6.3). A visit that measured only pH does not hide the class V nitrate of the previous quarter. Parallel samples do not enter; non-detects known only as '≤ class k' never worsen the class. Writes latest_class, latest_sampled_on, latest_governing (the indicators that set the class) and latest_n_indicators (how many indicators it rests on) into monitoring_wells, in one transaction. The wells dock, the well forms and the per-aquifer layers show these values.</source>
        <translation>按 GB/T 14848-2017 给出每口监测井的当前类别：取截至该井最新采样日、WINDOW_DAYS 天（默认 365）窗口内各指标的最新值，以其最差单指标类别定类（§6.3）。只测了 pH 的一次采样不会掩盖上一季度 V 类的硝酸盐。平行样不参与；仅知'≤ k 类'的未检出不会使类别变差。将 latest_class、latest_sampled_on、latest_governing（决定类别的指标）和 latest_n_indicators（所依据的指标数）在一个事务中写入 monitoring_wells。监测井面板、井表单和各含水层图层显示这些值。</translation>
    </message>
</context>
<context>
    <name>WaterLevelsWidget</name>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="62"/>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="63"/>
        <source>SVG…</source>
        <translation>SVG…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="82"/>
        <source>Water-level plots need the Python package matplotlib, which is not installed ({error}). Install it (python3-matplotlib) and restart QGIS.</source>
        <translation>水位图需要 Python 包 matplotlib，但未安装（{error}）。请安装（python3-matplotlib）后重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="111"/>
        <source>Select one or more wells.</source>
        <translation>请选择一口或多口监测井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="116"/>
        <source>The water levels could not be read: {error}</source>
        <translation>无法读取水位数据：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="120"/>
        <source>The selected wells have no water levels.</source>
        <translation>所选监测井没有水位数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="174"/>
        <source>{well}: {n} readings {first} – {last}</source>
        <translation>{well}：{n} 次读数，{first} – {last}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="178"/>
        <source>; head {lo:.2f}–{hi:.2f} m</source>
        <translation>；水位标高 {lo:.2f}–{hi:.2f} m</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="180"/>
        <source>; depth to water {lo:.2f}–{hi:.2f} m</source>
        <translation>；水位埋深 {lo:.2f}–{hi:.2f} m</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="182"/>
        <source>Head (m)</source>
        <translation>水位标高（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="183"/>
        <source>Depth to water (m)</source>
        <translation>水位埋深（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="186"/>
        <source>Water levels</source>
        <translation>水位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="199"/>
        <source>Markers: manual readings; thin line: logger readings.</source>
        <translation>圆点：人工测量；细线：自动记录仪读数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="208"/>
        <source>There is no plot to export.</source>
        <translation>没有可导出的图。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="211"/>
        <source>Export as .png or .svg.</source>
        <translation>请导出为 .png 或 .svg。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="219"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="219"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/levels_view.py" line="220"/>
        <source>Export water levels</source>
        <translation>导出水位图</translation>
    </message>
</context>
<context>
    <name>WellsPanel</name>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="763"/>
        <source>Monitoring wells</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="763"/>
        <source>Monitoring wells by aquifer layer, type and status; details, time series, import, duplicates</source>
        <translation>按含水层、类型和状态查看监测井；详情、时间序列、导入、查重</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="71"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="76"/>
        <source>Zoom to the selected wells</source>
        <translation>缩放到所选井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="81"/>
        <source>Open the well&apos;s form</source>
        <translation>打开井的表单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="87"/>
        <source>Build aquifer layers</source>
        <translation>生成分含水层图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="92"/>
        <source>Add a layer-tree group with one map layer per aquifer layer, coloured by the latest class</source>
        <translation>添加一个图层组，每个含水层一个图层，按最新水质类别着色</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="98"/>
        <source>Import lab results…</source>
        <translation>导入实验室检测结果…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="103"/>
        <source>Find duplicate wells…</source>
        <translation>查找重复监测井…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="108"/>
        <source>Update water-quality classes</source>
        <translation>更新水质类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="124"/>
        <source>Code, name or alias</source>
        <translation>编号、名称或别名</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="126"/>
        <source>All types</source>
        <translation>所有类型</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="133"/>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="139"/>
        <source>All wells</source>
        <translation>所有井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="140"/>
        <source>National assessment points only</source>
        <translation>仅国家考核点位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="141"/>
        <source>Not assessment points</source>
        <translation>非考核点位</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="333"/>
        <source>All counties</source>
        <translation>所有县区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="144"/>
        <source>&amp;County:</source>
        <translation>县区(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="144"/>
        <source>&amp;Type:</source>
        <translation>类型(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="144"/>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="144"/>
        <source>&amp;Assessment:</source>
        <translation>考核(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="144"/>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="179"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="182"/>
        <source>Time series</source>
        <translation>时间序列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="395"/>
        <source>No project database with monitoring wells is loaded.</source>
        <translation>尚未加载含监测井的项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="399"/>
        <source>{n} wells</source>
        <translation>{n} 口井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="401"/>
        <source>{shown} of {total} wells</source>
        <translation>{total} 口井中的 {shown} 口</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="516"/>
        <source>Select a well to see its construction and water quality.</source>
        <translation>选择一口井以查看其成井结构和水质。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="546"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="546"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="558"/>
        <source>Construction</source>
        <translation>成井结构</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="559"/>
        <source>Latest water quality (GB/T 14848-2017)</source>
        <translation>最新水质（GB/T 14848-2017）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="560"/>
        <source>Sampled on</source>
        <translation>采样日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="561"/>
        <source>Governing indicators</source>
        <translation>决定类别的指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="590"/>
        <source>Class {roman}</source>
        <translation>{roman} 类</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="597"/>
        <source>Not classified yet.</source>
        <translation>尚未分类。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="606"/>
        <source>Select one well first.</source>
        <translation>请先选择一口井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="694"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="707"/>
        <source>{n} aquifer layers in “{group}”.</source>
        <translation>“{group}”中有 {n} 个含水层图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="739"/>
        <source>Updating water-quality classes</source>
        <translation>正在更新水质类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="750"/>
        <source>{n} wells classified.</source>
        <translation>已对 {n} 口井分类。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/dock_wells.py" line="185"/>
        <source>Water levels</source>
        <translation>水位</translation>
    </message>
</context>
<context>
    <name>WellsTreeModel</name>
    <message>
        <location filename="../gw_plugin/gui/wells/wells_model.py" line="298"/>
        <source>(not set)</source>
        <translation>（未填写）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/wells_model.py" line="485"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/wells/wells_model.py" line="485"/>
        <source>Count</source>
        <translation>数量</translation>
    </message>
</context>
<context>
    <name>WorkflowWidget</name>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="102"/>
        <source>Required when going back to an earlier status</source>
        <translation>退回到之前的状态时必填</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>Current status</source>
        <translation>当前状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>&amp;New status</source>
        <translation>新状态(&amp;N)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>&amp;Date</source>
        <translation>日期(&amp;D)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>Responsible &amp;person</source>
        <translation>责任人(&amp;P)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>Res&amp;ult</source>
        <translation>结果(&amp;U)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>Reason for going &amp;back</source>
        <translation>退回原因(&amp;B)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="122"/>
        <source>Findings per facility</source>
        <translation>按设施记录的问题</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="125"/>
        <source>Facility</source>
        <translation>设施</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="189"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="189"/>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="137"/>
        <source>Self-monitoring of the year</source>
        <translation>本年度自行监测</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="151"/>
        <source>Compute the status</source>
        <translation>计算状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="155"/>
        <source>&amp;Year</source>
        <translation>年份(&amp;Y)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="157"/>
        <source>Rounds per year</source>
        <translation>每年监测频次</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="167"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="178"/>
        <source>Record the step (Ctrl+Return)</source>
        <translation>记录此步骤（Ctrl+Return）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="189"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="189"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="189"/>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="206"/>
        <source>Documents and photos</source>
        <translation>文件和照片</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="210"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="382"/>
        <source>Select one pollution source.</source>
        <translation>请选择一个污染源。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="344"/>
        <source>Documents and photos of the step</source>
        <translation>此步骤的文件和照片</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="387"/>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="401"/>
        <source>Recorded: {old} → {new} ({n} inspection rows). Save the layers to keep it, or undo.</source>
        <translation>已记录：{old} → {new}（{n} 条检查记录）。请保存图层以保留，或撤销。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>Wor&amp;kflow</source>
        <translation>工作流程(&amp;K)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="109"/>
        <source>F&amp;indings</source>
        <translation>发现的问题(&amp;I)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="156"/>
        <source>Monitoring w&amp;ells</source>
        <translation>监测井(&amp;E)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="158"/>
        <source>Reports recei&amp;ved</source>
        <translation>已收到的报告(&amp;V)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="165"/>
        <source>&amp;Add document…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/sources/workflow_widgets.py" line="176"/>
        <source>Record s&amp;tep</source>
        <translation>记录此步骤(&amp;T)</translation>
    </message>
</context>
<context>
    <name>ZoneChecks</name>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="76"/>
        <source>{n} zones checked: {k} problem(s), {a} accepted overlap(s).</source>
        <translation>已检查 {n} 个区域：{k} 个问题，{a} 处已认可的重叠。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="181"/>
        <source>Zone {u} has no geometry.</source>
        <translation>区域 {u} 没有几何。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="185"/>
        <source>Zone {u} is not a polygon.</source>
        <translation>区域 {u} 不是面。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="192"/>
        <source>Zone {u} is not a valid polygon: {e}</source>
        <translation>区域 {u} 不是有效的面：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="236"/>
        <source>Water source {ws} has a class I zone but no class II zone.</source>
        <translation>水源 {ws} 有一级保护区但没有二级保护区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="254"/>
        <source>Water source {ws}: {a:.0f} m² of the {i} zone lie outside its {o} zone.</source>
        <translation>水源 {ws}：{i} 区有 {a:.0f} m² 位于其 {o} 区之外。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zones/checks.py" line="312"/>
        <source>Zones {a} (source {sa}) and {b} (source {sb}) overlap by {ar:.0f} m².</source>
        <translation>区域 {a}（水源 {sa}）与区域 {b}（水源 {sb}）重叠 {ar:.0f} m²。</translation>
    </message>
</context>
<context>
    <name>ZoneMapTool</name>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_maptool.py" line="215"/>
        <source>Computing zones ({m})</source>
        <translation>正在计算区域（{m}）</translation>
    </message>
</context>
<context>
    <name>ZonesPanel</name>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="629"/>
        <source>Recharge and protection zones</source>
        <translation>补给区与保护区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="629"/>
        <source>Protection, capture and time-of-travel zones of drinking-water wells; checks; sources inside zones</source>
        <translation>饮用水水源井的保护区、捕获区和运移时间带；检查；区内污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="122"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="124"/>
        <source>Pick wells on the map</source>
        <translation>在地图上选井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="129"/>
        <source>Click a drinking-water well, or a drinking-water source to pick its well field; Shift+click adds or removes wells</source>
        <translation>点击饮用水水源井，或点击饮用水水源以选取其井群；Shift+点击可增减井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="139"/>
        <source>Use selected wells</source>
        <translation>使用所选的井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="444"/>
        <source>No well picked.</source>
        <translation>尚未选井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="147"/>
        <source>Well</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="148"/>
        <source>Pumping rate Q (m³/d)</source>
        <translation>开采量 Q（m³/d）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="149"/>
        <source>Water level (m)</source>
        <translation>水位（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="159"/>
        <source>Q is pre-filled from the well&apos;s pumping_rate_m3d and used per well. Type water levels in three or more wells to estimate the gradient and flow direction.</source>
        <translation>Q 预先取自井的 pumping_rate_m3d 并按井使用。在三口或更多井中输入水位，可估算水力坡度和流向。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="169"/>
        <source>Estimate gradient from water levels</source>
        <translation>由水位估算水力坡度</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="180"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="194"/>
        <source>River (fixed head)</source>
        <translation>河流（定水头）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="195"/>
        <source>Multi-well model only: the river next to the wells as a head-specified line (riverside sources)</source>
        <translation>仅多井模型：把井旁的河流作为定水头线（傍河水源）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="238"/>
        <source>One zone per water source</source>
        <translation>每个水源一个区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="240"/>
        <source>Protection zones: the union of the circles of a water source&apos;s wells</source>
        <translation>保护区：取一个水源各井圆形区域的并集</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="264"/>
        <source>Live preview</source>
        <translation>实时预览</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="266"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="271"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="278"/>
        <source>Accept: write the zones</source>
        <translation>确认：写入区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="280"/>
        <source>Adds the previewed zones to the zone layers (edit mode, undoable) with method and parameters</source>
        <translation>将预览的区域连同方法和参数添加到区域图层（编辑模式，可撤销）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="291"/>
        <source>Checks and drawing</source>
        <translation>检查与绘制</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="293"/>
        <source>Check zones</source>
        <translation>检查区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="295"/>
        <source>Accept selected overlap</source>
        <translation>认可所选重叠</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="301"/>
        <source>Snap to boundaries</source>
        <translation>捕捉到边界</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="302"/>
        <source>Snapping to the aquifer boundary, watershed and river layers and the zones</source>
        <translation>捕捉到含水层边界、流域、河流图层及各区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="320"/>
        <source>Pollution sources inside the zones</source>
        <translation>区域内的污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="324"/>
        <source>Protection zones</source>
        <translation>保护区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="325"/>
        <source>Recharge zones</source>
        <translation>补给区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="328"/>
        <source>All categories</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="332"/>
        <source>List</source>
        <translation>列出</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="333"/>
        <source>The selected zones of the layer, or all zones when none is selected</source>
        <translation>图层中所选的区域，未选时为全部区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="340"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="345"/>
        <source>Zone</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="345"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="345"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="345"/>
        <source>Distance (m)</source>
        <translation>距离（m）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="447"/>
        <source>{n} well(s) of {s} water source(s) picked.</source>
        <translation>已选取 {s} 个水源的 {n} 口井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="465"/>
        <source>&apos;{t}&apos; is not a number.</source>
        <translation>“{t}”不是数字。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="484"/>
        <source>Gradient {g:.5f}, flow towards {a:.1f}° from {n} wells; R² = {r2:.3f}, RMSE = {rmse:.3f} m</source>
        <translation>由 {n} 口井求得：水力坡度 {g:.5f}，流向 {a:.1f}°；R² = {r2:.3f}，RMSE = {rmse:.3f} m</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_parameters.py" line="44"/>
        <source>Default: {d}</source>
        <translation>默认：{d}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_parameters.py" line="46"/>
        <source>Per well from the field {f} when the well has a value</source>
        <translation>井在字段 {f} 中有值时按井取值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_parameters.py" line="99"/>
        <source>Engine: timml</source>
        <translation>计算引擎：timml</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="504"/>
        <source>Pick one or more wells first.</source>
        <translation>请先选取一口或多口井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="523"/>
        <source>No usable river reach next to the wells: computed without the river.</source>
        <translation>井旁没有可用的河段：已按无河流计算。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="544"/>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="565"/>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="575"/>
        <source>{n} zone(s): {a}{m}</source>
        <translation>{n} 个区域：{a}{m}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="595"/>
        <source>Add zones ({m})</source>
        <translation>添加区域（{m}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="604"/>
        <source>{n} zone(s) added in edit mode: undo with Ctrl+Z, save the layer edits to keep them.</source>
        <translation>已在编辑模式下添加 {n} 个区域：按 Ctrl+Z 撤销，保存图层编辑以保留。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_checks.py" line="35"/>
        <source>Select an overlap in the list first.</source>
        <translation>请先在列表中选择一处重叠。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_checks.py" line="54"/>
        <source>Snapping on: {layers}</source>
        <translation>已开启捕捉：{layers}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_sources.py" line="104"/>
        <source>Export sources inside zones</source>
        <translation>导出区域内污染源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/zone_sources.py" line="122"/>
        <source>{n} rows exported to {p}</source>
        <translation>已导出 {n} 行到 {p}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="214"/>
        <source>End at a boundary</source>
        <translation>止于边界</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="215"/>
        <source>Capture methods: the zones reach up to the polygons of this layer (an aquifer or watershed boundary) and end there, instead of at the up-gradient closing length</source>
        <translation>捕获区方法：各区一直延伸到该图层的多边形（含水层或流域边界）并止于边界，而不是在上游闭合距离处闭合</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="247"/>
        <source>Also as class I / II protection zones (100 d / 1,000 d)</source>
        <translation>同时作为一级 / 二级保护区（100 天 / 1,000 天）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="251"/>
        <source>Capture methods: the 100-day and 1,000-day time-of-travel zones of each water source are also written as its class I and class II protection zones, as HJ 338 asks for large sources (at least 50,000 m³/d, threshold unverified)</source>
        <translation>捕获区方法：每个水源地的 100 天和 1,000 天运移时间区同时写为其一级、二级保护区，即 HJ 338 对大型水源地（不少于 50,000 m³/d，阈值未核实）的要求</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zones/dock_zones.py" line="508"/>
        <source>The wells layer&apos;s CRS ({crs}) is not projected: zones need a projected CRS in metres (the project database uses one).</source>
        <translation>监测井图层的坐标系（{crs}）不是投影坐标系：计算分区需要以米为单位的投影坐标系（项目数据库使用的就是这种坐标系）。</translation>
    </message>
</context>
<context>
    <name>ZoningAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="100"/>
        <source>Vulnerability (DRASTIC index)</source>
        <translation>脆弱性（DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="101"/>
        <source>Pollution-source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="102"/>
        <source>Function value</source>
        <translation>功能价值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="121"/>
        <source>Scheme</source>
        <translation>区划方案</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="132"/>
        <source>Administrative units (admin_units: city boundary and counties)</source>
        <translation>行政区（admin_units：市界和县区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="140"/>
        <source>Protection zones (become protection / protection-type zones)</source>
        <translation>保护区（划为保护区 / 保护类区域）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="148"/>
        <source>Recharge zones (become protection / protection-type zones)</source>
        <translation>补给区（划为保护区 / 保护类区域）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="156"/>
        <source>Breaks, matrices, requirements (JSON, edited copy)</source>
        <translation>分级界限、矩阵、管控要求（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="168"/>
        <source>Minimum mapping unit (km2; empty = configuration, default 0.5)</source>
        <translation>最小制图单元（km2；留空 = 取配置，默认 0.5）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="178"/>
        <source>Majority filter before polygonising (cells)</source>
        <translation>矢量化前的众数滤波（像元）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="186"/>
        <source>Resampling onto the vulnerability grid</source>
        <translation>重采样到脆弱性格网的方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="194"/>
        <source>Version label</source>
        <translation>版本标签</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="195"/>
        <source>Language of the requirements text</source>
        <translation>管控要求文本的语言</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="203"/>
        <source>Project GeoPackage to append zoning_units to</source>
        <translation>追加 zoning_units 的项目 GeoPackage</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="208"/>
        <source>Zones</source>
        <translation>区域</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="211"/>
        <source>Zone area by county</source>
        <translation>各县区分区面积</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="216"/>
        <source>Zone raster</source>
        <translation>分区栅格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="253"/>
        <source>No admin unit has level &apos;city&apos;: the city is the union of all units.</source>
        <translation>没有级别为 'city' 的行政区：以全部行政区的并集作为全市范围。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="316"/>
        <source>Some zones have no county code: give admin units with codes (level city/county).</source>
        <translation>部分分区没有县区代码：请提供带代码的行政区（级别 city/county）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="318"/>
        <source>Appended {n} zones to zoning_units of {p}.</source>
        <translation>已向 {p} 的 zoning_units 追加 {n} 个分区。</translation>
    </message>
    <message>
        <source>Pollution prevention zoning</source>
        <translation>地下水污染防治分区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="161"/>
        <source>Vulnerability breaks low/medium/high (empty = configuration, 120,160)</source>
        <translation>脆弱性低/中/高分级界限（留空 = 取配置，120,160）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="161"/>
        <source>Source-load breaks (empty = configuration, 2,6)</source>
        <translation>污染源荷载分级界限（留空 = 取配置，2,6）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="161"/>
        <source>Function-value breaks (empty = configuration, 4,7)</source>
        <translation>功能价值分级界限（留空 = 取配置，4,7）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="161"/>
        <source>Pollution-status breaks (empty = configuration, 3.5,4.5)</source>
        <translation>污染现状分级界限（留空 = 取配置，3.5,4.5）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="234"/>
        <source>{n}: give two numbers, e.g. 120,160.</source>
        <translation>{n}：请给出两个数，如 120,160。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="103"/>
        <source>Current pollution status (gwplugin:pollutionstatus: pollution grade or quality class)</source>
        <translation>污染现状（gwplugin:pollutionstatus：污染等级或水质类别）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="110"/>
        <source>The pollution status raster holds</source>
        <translation>污染现状栅格的内容</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="110"/>
        <source>pollution grade 1-6 (pollution assessment against background values)</source>
        <translation>污染等级 1-6（以背景值为基准的污染评价）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="110"/>
        <source>water-quality class 1-5 (GB/T 14848; not a pollution assessment)</source>
        <translation>水质类别 1-5（GB/T 14848；不是污染评价）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="121"/>
        <source>2019 guide (protection / prevention-control / treatment zones)</source>
        <translation>2019 年指南（保护区 / 防控区 / 治理区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="121"/>
        <source>2023 guide (protection-type / control-type / general area)</source>
        <translation>2023 年指南（保护类 / 管控类 / 一般区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="178"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="186"/>
        <source>nearest neighbour</source>
        <translation>最邻近</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="186"/>
        <source>bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="186"/>
        <source>average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="186"/>
        <source>mode</source>
        <translation>众数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="195"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="195"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/zoning/alg_zoning.py" line="195"/>
        <source>Chinese and English</source>
        <translation>中英文</translation>
    </message>
    <message>
        <source>Divides the city into groundwater pollution prevention zones. 2019 scheme (环办土壤函〔2019〕770号): protection / prevention-control / treatment zones; 2023 scheme (重点区划定技术指南, 2023): protection-type areas (the protection and recharge zones given, directly), control-type areas (from function value x pollution risk, risk = vulnerability x source load) and the general area. Each input is cut into low/medium/high by two breaks (editable here or in CONFIG) and combined with editable matrices; the pollution status (the grade of a pollution assessment against background values from gwplugin:pollutionstatus, or the GB/T 14848 water-quality class, which is not a pollution assessment) can force treatment (2019) or control-type (2023). Every break and matrix is a DEFAULT in resources/reference/zoning_defaults.json (the guides' tables were not available): pass an edited copy as CONFIG. Cells inside the city without inputs take the nearest zone (reported). A majority filter smooths the zone raster, gdal.SieveFilter removes patches below the minimum mapping unit (protection and recharge zones are never smoothed or sieved: they are cut in as the exact polygons given), gdal.Polygonize makes polygons that share edges exactly (no gaps, no overlaps), clipped to the city boundary from the administrative units (level 'city', else all units). OUTPUT: zones with mean scores, area and management requirements; COUNTY_STATS: area by county and zone class. With a project GeoPackage the zones are appended to its zoning_units table in one transaction.</source>
        <translation>将全市划分为地下水污染防治分区。2019 方案（环办土壤函〔2019〕770号）：保护区 / 防控区 / 治理区；2023 方案（重点区划定技术指南，2023）：保护类区域（直接取给定的保护区和补给区）、管控类区域（由功能价值 x 污染风险确定，风险 = 脆弱性 x 污染源荷载）和一般区域。每项输入按两个界限（可在此处或 CONFIG 中修改）分为低/中/高，再用可编辑的矩阵组合；污染现状（gwplugin:pollutionstatus 以背景值为基准的污染评价等级，或 GB/T 14848 水质类别——后者不是污染评价）可强制划为治理区（2019）或管控类（2023）。所有界限和矩阵均为 resources/reference/zoning_defaults.json 中的默认值（未能获得指南中的表格）：可将修改后的副本作为 CONFIG 传入。市内没有输入数据的像元取最近的分区（并予报告）。众数滤波平滑分区栅格，gdal.SieveFilter 去除小于最小制图单元的斑块（保护区和补给区从不平滑或筛除：按给定的面原样嵌入），gdal.Polygonize 生成边界严格共享的面（无缝隙、无重叠），并按行政区中的市界裁剪（级别 'city'，否则取全部行政区）。OUTPUT：附平均得分、面积和管控要求的分区；COUNTY_STATS：各县区、各分区类别的面积。给出项目 GeoPackage 时，分区在一个事务中追加到其 zoning_units 表。</translation>
    </message>
</context>
<context>
    <name>ZoningCompare</name>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="100"/>
        <source>{p} does not exist.</source>
        <translation>{p} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="105"/>
        <source>{p} has no zoning_units table.</source>
        <translation>{p} 没有 zoning_units 表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="265"/>
        <source>Version &apos;{v}&apos; of scheme {s} has no zones.</source>
        <translation>方案 {s} 的版本“{v}”没有分区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="434"/>
        <source>{p}: zoning_units is empty.</source>
        <translation>{p}：zoning_units 为空。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="440"/>
        <source>zoning_units holds only one version: nothing to compare it with.</source>
        <translation>zoning_units 只有一个版本：没有可比较的对象。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="450"/>
        <source>No zoning version &apos;{t}&apos;; stored: {all}.</source>
        <translation>没有分区版本“{t}”；已有：{all}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="196"/>
        <source>Write the class mapping as from:to pairs, not &apos;{t}&apos;.</source>
        <translation>类别对应关系应写成“原类别:新类别”，而不是“{t}”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="213"/>
        <source>The class mapping does not say what {c} becomes.</source>
        <translation>类别对应关系未说明 {c} 对应哪个类别。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="220"/>
        <source>{c} is not a class of scheme {s}.</source>
        <translation>{c} 不是方案 {s} 的分区类别。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="248"/>
        <source>Versions of the {a} and {b} schemes have different zone classes: compare two versions of the same scheme, or give a class mapping (e.g. protection:protection_type, prevention:control_type, treatment:control_type).</source>
        <translation>{a} 方案与 {b} 方案的分区类别不同：请比较同一方案的两个版本，或给出类别对应关系（如 protection:protection_type, prevention:control_type, treatment:control_type）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/compare.py" line="421"/>
        <source>There is no other version of scheme {s} to compare with: give version A (and a class mapping for a version of another scheme).</source>
        <translation>没有方案 {s} 的其他版本可供比较：请指定版本 A（与另一方案的版本比较时还需给出类别对应关系）。</translation>
    </message>
</context>
<context>
    <name>ZoningPanel</name>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_overlays.py" line="130"/>
        <source>{name} — {version}</source>
        <translation>{name} — {version}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="540"/>
        <source>Zoning</source>
        <translation>防治分区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="540"/>
        <source>Pollution prevention zoning: steps, overlays, version comparison and site check (分区)</source>
        <translation>地下水污染防治分区：步骤、叠加图层、版本比较和选址核查（分区）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="119"/>
        <source>1. Vulnerability (DRASTIC)</source>
        <translation>1. 脆弱性（DRASTIC）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="119"/>
        <source>2. Pollution-source load</source>
        <translation>2. 污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="119"/>
        <source>3. Function value</source>
        <translation>3. 功能价值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="129"/>
        <source>Fill from project</source>
        <translation>从工程中填入</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="144"/>
        <source>Values marked &apos;default&apos; are the plugin&apos;s defaults (the guides&apos; numeric tables were not available): check them against the city&apos;s data and rules.</source>
        <translation>标为“默认”的数值是插件的默认值（未能获得指南中的数值表）：请对照本市的数据和规定核查。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="155"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="157"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="169"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="181"/>
        <source>Show this zoning version</source>
        <translation>显示此分区版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="186"/>
        <source>Overlays</source>
        <translation>叠加图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="194"/>
        <source>Version A (before)</source>
        <translation>版本 A（之前）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="195"/>
        <source>Version B (after)</source>
        <translation>版本 B（之后）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="221"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="212"/>
        <source>Add change layer</source>
        <translation>添加变化图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="228"/>
        <source>Zoning version</source>
        <translation>分区版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="230"/>
        <source>Click a point on the map</source>
        <translation>在地图上点击一点</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="233"/>
        <source>Use selected polygon</source>
        <translation>使用所选的面</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="238"/>
        <source>Site check</source>
        <translation>选址核查</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="250"/>
        <source>Project database: {p}</source>
        <translation>项目数据库：{p}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="252"/>
        <source>No project database in the current project.</source>
        <translation>当前工程中没有项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="320"/>
        <source>The gwplugin Processing provider is not loaded.</source>
        <translation>gwplugin 处理工具提供者未加载。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="349"/>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="362"/>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="367"/>
        <source>Done: {r}</source>
        <translation>完成：{r}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="415"/>
        <source>Choose two versions of the zoning.</source>
        <translation>请选择两个分区版本。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="418"/>
        <source>Choose two different versions.</source>
        <translation>请选择两个不同的版本。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="429"/>
        <source>{c:.3f} km² changed class in {n} places; {u:.3f} km² unchanged.</source>
        <translation>{n} 处共 {c:.3f} km² 类别改变；{u:.3f} km² 未变。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="500"/>
        <source>Select the project polygon(s) in a polygon layer first.</source>
        <translation>请先在面图层中选择项目范围面。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="511"/>
        <source>There is no zoning version to check against.</source>
        <translation>没有可供核查的分区版本。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="119"/>
        <source>4. Pollution status (optional)</source>
        <translation>4. 污染现状（可选）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="119"/>
        <source>5. Zoning</source>
        <translation>5. 分区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="197"/>
        <source>only for versions of different schemes</source>
        <translation>仅用于不同方案的版本</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="198"/>
        <source>Versions of the 2019 and 2023 schemes have different zone classes: say which class of A corresponds to which class of B (class_of_A:class_of_B, separated by commas). Areas whose classes correspond count as unchanged.</source>
        <translation>2019 方案与 2023 方案版本的分区类别不同：请说明 A 的哪个类别对应 B 的哪个类别（A类别:B类别，以逗号分隔）。类别相互对应的区域计为未变化。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="206"/>
        <source>Class mapping A → B</source>
        <translation>类别对应 A → B</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/dock_zoning.py" line="429"/>
        <source>Classes compared through the mapping {m}.</source>
        <translation>按类别对应关系 {m} 比较。</translation>
    </message>
</context>
<context>
    <name>ZoningWidgets</name>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="50"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="51"/>
        <source>from the project</source>
        <translation>来自工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="52"/>
        <source>from the previous step</source>
        <translation>来自上一步</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="53"/>
        <source>edited</source>
        <translation>已修改</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="111"/>
        <source>Parameter</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="111"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="111"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="184"/>
        <source>The plugin&apos;s default: check it against your city&apos;s data and rules.</source>
        <translation>插件的默认值：请对照本市的数据和规定核查。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="325"/>
        <source>Zone class / change</source>
        <translation>分区类别 / 变化</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="325"/>
        <source>A (km²)</source>
        <translation>A（km²）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="325"/>
        <source>B (km²)</source>
        <translation>B（km²）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="325"/>
        <source>Change (km²)</source>
        <translation>变化（km²）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="363"/>
        <source>Changed class</source>
        <translation>类别改变</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="55"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="56"/>
        <source>default (configuration)</source>
        <translation>默认（配置）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/zoning/zoning_widgets.py" line="367"/>
        <source>By county</source>
        <translation>按县区</translation>
    </message>
</context>
<context>
    <name>attachments</name>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="86"/>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="108"/>
        <source>The file {path} changed while it was copied.</source>
        <translation>文件 {path} 在复制过程中发生了变化。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="297"/>
        <source>Unknown table {t}.</source>
        <translation>未知数据表 {t}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="249"/>
        <source>{u} is not a record id (uuid).</source>
        <translation>{u} 不是记录标识（uuid）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="254"/>
        <source>Unknown attachment kind {k}.</source>
        <translation>未知附件类型 {k}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="302"/>
        <source>No record {u} in {t}: save the record before attaching files to it.</source>
        <translation>{t} 中没有记录 {u}：请先保存该记录再附加文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="328"/>
        <source>The attachments layer cannot be edited.</source>
        <translation>附件图层不可编辑。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="334"/>
        <source>Attach a file</source>
        <translation>附加文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="338"/>
        <source>The attachment could not be added to the layer.</source>
        <translation>无法将附件添加到图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/attachments.py" line="95"/>
        <source>The attachments folder {path} is a symbolic link or not a folder.</source>
        <translation>附件文件夹 {path} 是符号链接或不是文件夹。</translation>
    </message>
</context>
<context>
    <name>codes</name>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="76"/>
        <source>The unified social credit code is empty.</source>
        <translation>统一社会信用代码为空。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="78"/>
        <source>A unified social credit code has 18 characters, this one has {n}.</source>
        <translation>统一社会信用代码应为 18 位，此代码为 {n} 位。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="83"/>
        <source>Characters not allowed by GB 32100-2015 (I, O, Z, S, V and symbols are excluded): {chars}</source>
        <translation>含有 GB 32100-2015 不允许的字符（不使用 I、O、Z、S、V 及符号）：{chars}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="87"/>
        <source>Positions 3-8 must be the six-digit administrative-division code, found {part}.</source>
        <translation>第 3-8 位应为六位行政区划代码，实际为 {part}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="92"/>
        <source>Wrong check character: {found} found, {expected} expected (GB 32100-2015).</source>
        <translation>校验码错误：实际为 {found}，应为 {expected}（GB 32100-2015）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/credit_codes.py" line="99"/>
        <source>The organisation code in positions 9-17 has check character {found}, GB 11714 expects {expected}.</source>
        <translation>第 9-17 位组织机构代码的校验码为 {found}，按 GB 11714 应为 {expected}。</translation>
    </message>
</context>
<context>
    <name>db_errors</name>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="43"/>
        <source>{file} is locked by another program that is writing to it (QGIS editing a layer of it, a sync, a database tool): finish or close that, then try again. Nothing was written.</source>
        <translation>{file} 正被另一个程序写入而锁定（QGIS 正在编辑其中的图层、同步或数据库工具）：请完成或关闭后重试。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="48"/>
        <source>{file} is read-only (file permissions, a read-only folder or a write-protected drive): copy it to a writable folder or change its permissions. Nothing was written.</source>
        <translation>{file} 是只读的（文件权限、只读文件夹或写保护的磁盘）：请复制到可写的文件夹或修改权限。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="53"/>
        <source>The disk holding {file} is full: free some space and try again. Nothing was written.</source>
        <translation>{file} 所在的磁盘已满：请释放空间后重试。未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="54"/>
        <source>{file} is not a GeoPackage (it is another kind of file, or empty).</source>
        <translation>{file} 不是 GeoPackage（是其他类型的文件，或为空）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="55"/>
        <source>{file} is damaged (its integrity check fails): nothing was written. Restore it from a backup, or repair a copy with DB Browser for SQLite (“recover”).</source>
        <translation>{file} 已损坏（完整性检查未通过）：未写入任何内容。请从备份恢复，或用 DB Browser for SQLite 修复其副本（“恢复”）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="60"/>
        <source>{file} does not exist or cannot be opened.</source>
        <translation>{file} 不存在或无法打开。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="61"/>
        <source>{file} cannot be read or written (disk or network error): nothing was written. Try again.</source>
        <translation>无法读写 {file}（磁盘或网络错误）：未写入任何内容。请重试。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="64"/>
        <source>{file} is a GeoPackage but not a gw_plugin project database.</source>
        <translation>{file} 是 GeoPackage，但不是 gw_plugin 项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/db_errors.py" line="155"/>
        <source>{file} uses schema version {version}, newer than this plugin&apos;s {ours}: update gw_plugin to write to it. The file was not changed.</source>
        <translation>{file} 使用的模式版本 {version} 比本插件的 {ours} 更新：请升级 gw_plugin 后再写入。文件未被修改。</translation>
    </message>
</context>
<context>
    <name>dossier</name>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="193"/>
        <source>Give a source: its uuid, source code or credit code.</source>
        <translation>请指定污染源：其 uuid、污染源编号或统一社会信用代码。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="203"/>
        <source>{key} names {n} sources: give the source&apos;s uuid.</source>
        <translation>{key} 对应 {n} 个污染源：请给出污染源的 uuid。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="206"/>
        <source>No pollution source has the uuid, source code or credit code {key}.</source>
        <translation>没有 uuid、污染源编号或统一社会信用代码为 {key} 的污染源。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="229"/>
        <source>The database {path} does not exist.</source>
        <translation>数据库 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="525"/>
        <source>Unknown workflow {w}.</source>
        <translation>未知的工作流程 {w}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/dossier.py" line="613"/>
        <source>Unknown document kind {k}: dossier or form.</source>
        <translation>未知的文档类型 {k}：应为 dossier（档案）或 form（检查表）。</translation>
    </message>
</context>
<context>
    <name>gb14848</name>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="204"/>
        <source>text value 'none' (无): classes I–IV share it → I</source>
        <translation>文本值 'none'（无）：I–IV 类共用 → I</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="206"/>
        <source>text value 'present' (有) → V</source>
        <translation>文本值 'present'（有）→ V</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="207"/>
        <source>text value {0!r} is neither 'none' (无) nor 'present' (有)</source>
        <translation>文本值 {0!r} 既不是 'none'（无）也不是 'present'（有）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="237"/>
        <source>unknown parameter {0!r}: not a GB/T 14848-2017 indicator</source>
        <translation>未知指标 {0!r}：不是 GB/T 14848-2017 的指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="263"/>
        <source>value not readable: {0}</source>
        <translation>无法识别的数值：{0}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="266"/>
        <source>unit {0!r} written with the value differs from the unit {1!r}</source>
        <translation>数值中写明的单位 {0!r} 与单位 {1!r} 不一致</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="289"/>
        <source>value not readable: {0!r}</source>
        <translation>无法识别的数值：{0!r}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="304"/>
        <source>value {0} is not a grade ≥ 0</source>
        <translation>数值 {0} 不是 ≥ 0 的等级</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="306"/>
        <source>numeric value {0}: 0 = none → I, &gt; 0 = present → V</source>
        <translation>数值 {0}：0 = 无 → I，&gt; 0 = 有 → V</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="321"/>
        <source>value reported as &gt;{0}: at least this class</source>
        <translation>数值报为 &gt;{0}：至少为该类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="326"/>
        <source>no value</source>
        <translation>无数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="331"/>
        <source>value is not a finite number</source>
        <translation>数值不是有限数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="333"/>
        <source>negative concentration {0} is impossible</source>
        <translation>浓度 {0} 为负，不可能</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="342"/>
        <source>pH two-sided: I–III 6.5–8.5, IV 5.5–&lt;6.5 or &gt;8.5–9.0, V otherwise → {0}</source>
        <translation>pH 为双侧限值：I–III 类 6.5–8.5，IV 类 5.5–&lt;6.5 或 &gt;8.5–9.0，其余为 V 类 → {0}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="346"/>
        <source>gross α/β exceeds guidance value {0} {1} → IV (nuclide analysis required; no class V)</source>
        <translation>总 α/β 超过指导值 {0} {1} → IV（需进行核素分析；无 V 类）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="350"/>
        <source>detected: class I requires 'not detected' → II</source>
        <translation>已检出：I 类要求“未检出” → II</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="355"/>
        <source>equal to the limit {0} shared by classes {1} → {2} (从优不从劣)</source>
        <translation>等于 {1} 类共用的限值 {0} → {2}（从优不从劣）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="359"/>
        <source>&gt; class IV limit {0} → V</source>
        <translation>&gt; IV 类限值 {0} → V</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="361"/>
        <source>≤ class {0} limit {1} → {0}</source>
        <translation>≤ {0} 类限值 {1} → {0}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="375"/>
        <source>pH cannot be &apos;below detection&apos;</source>
        <translation>pH 不可能“低于检出限”</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="380"/>
        <source>non-detect; class I is 'not detected' → I</source>
        <translation>未检出；I 类为“未检出” → I</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="388"/>
        <source>non-detect without a detection limit: class cannot be determined (does not affect the sample class)</source>
        <translation>未检出且无检出限：无法确定类别（不影响样品类别）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="408"/>
        <source>non-detect, DL {0} ≤ class II limit {1}; class I is 'not detected' → I</source>
        <translation>未检出，检出限 {0} ≤ II 类限值 {1}；I 类为“未检出” → I</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="422"/>
        <source>non-detect, DL {0} ≤ class I limit {1} → I</source>
        <translation>未检出，检出限 {0} ≤ I 类限值 {1} → I</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="430"/>
        <source>≤ class {0} (detection limit {1} above class I limit; non-detect, does not worsen the sample)</source>
        <translation>≤ {0} 类（检出限 {1} 高于 I 类限值；未检出，不会使样品类别变差）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/classify.py" line="442"/>
        <source>non-detect with detection limit {0} above every class limit: not classifiable</source>
        <translation>未检出，但检出限 {0} 高于所有类别限值：无法分类</translation>
    </message>
</context>
<context>
    <name>gb14848_expressions</name>
    <message>
        <location filename="../gw_plugin/core/wells/expressions.py" line="29"/>
        <source>&lt;p&gt;GB/T 14848-2017 groundwater quality: {0}.&lt;/p&gt;&lt;h4&gt;Arguments&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;parameter&lt;/b&gt;: indicator name as in the standard (e.g. 硝酸盐, 硝酸盐（以N计）), English name or symbol (NO3-N, Cr6+, CODMn, pH …)&lt;/li&gt;&lt;li&gt;&lt;b&gt;value&lt;/b&gt;: number, or the lab's text: 0.01L, ND, &amp;lt;0.005, 无/有&lt;/li&gt;&lt;li&gt;&lt;b&gt;unit&lt;/b&gt; (optional): mg/L, μg/L, mmol/L, 'mg/L as NO3' …; NULL = the standard's unit&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Shared limits give the better class (从优不从劣); pH is two-sided; a non-detect is class I when its detection limit is ≤ the class I limit, otherwise '≤ class k'.&lt;/p&gt;</source>
        <translation>&lt;p&gt;GB/T 14848-2017 地下水质量：{0}。&lt;/p&gt;&lt;h4&gt;参数&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;parameter&lt;/b&gt;：标准中的指标名称（如 硝酸盐、硝酸盐（以N计））、英文名称或符号（NO3-N、Cr6+、CODMn、pH …）&lt;/li&gt;&lt;li&gt;&lt;b&gt;value&lt;/b&gt;：数字，或实验室原样填写的文本：0.01L、ND、&amp;lt;0.005、无/有&lt;/li&gt;&lt;li&gt;&lt;b&gt;unit&lt;/b&gt;（可选）：mg/L、μg/L、mmol/L、“mg/L（以 NO3 计）”…；NULL = 标准单位&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;共用限值取较优类别（从优不从劣）；pH 为双侧限值；未检出时，若检出限 ≤ I 类限值则为 I 类，否则为“≤ k 类”。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/expressions.py" line="95"/>
        <source>the single-indicator class 1–5 as an integer, NULL where not classifiable</source>
        <translation>单指标类别 1–5（整数），无法分类时为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/expressions.py" line="105"/>
        <source>the exceedance multiple (C − Cs)/Cs against the class III limit (≤ 0: within class III), NULL where undefined</source>
        <translation>相对 III 类限值的超标倍数 (C − Cs)/Cs（≤ 0：在 III 类以内），无定义时为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/expressions.py" line="118"/>
        <source>the rule applied, or why there is no class</source>
        <translation>所用规则，或无法分类的原因</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/expressions.py" line="29"/>
        <source>&lt;p&gt;Optional &lt;b&gt;qualifier&lt;/b&gt; (the stored qualifier: &amp;gt; above the value, &amp;lt;, L, ND below detection) and &lt;b&gt;basis&lt;/b&gt; (the basis as written, e.g. 以NO3-计): the stored pair (value_num, unit, qualifier) and the pair as written (value_text, unit_as_written, qualifier, basis_as_written) classify alike.&lt;/p&gt;</source>
        <translation>&lt;p&gt;可选参数 &lt;b&gt;qualifier&lt;/b&gt;（存储的限定符：&amp;gt; 表示高于该值，&amp;lt;、L、ND 表示未检出）和 &lt;b&gt;basis&lt;/b&gt;（原文计量基准，如 以NO3-计）：存储的一对（value_num、unit、qualifier）与原文的一对（value_text、unit_as_written、qualifier、basis_as_written）定类结果相同。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gb36600_expressions</name>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="30"/>
        <source>&lt;p&gt;GB 36600-2018 construction-land soil: {0}.&lt;/p&gt;&lt;h4&gt;Arguments&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;parameter&lt;/b&gt;: item name as in the standard (e.g. 砷, 苯并[a]芘), English name, common spelling or CAS number&lt;/li&gt;&lt;li&gt;&lt;b&gt;value&lt;/b&gt;: number, or the lab's text: ND, &amp;lt;0.01, 0.01L, 12 mg/kg&lt;/li&gt;&lt;li&gt;&lt;b&gt;land_use&lt;/b&gt;: 1 or 2 (第一类用地 / 第二类用地); NULL = class 1 land&lt;/li&gt;&lt;li&gt;&lt;b&gt;unit&lt;/b&gt; (optional): mg/kg, μg/kg, ng/kg …; NULL = mg/kg&lt;/li&gt;&lt;li&gt;&lt;b&gt;background&lt;/b&gt; (optional): soil background value for note ① (arsenic, cobalt, vanadium)&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;'Exceeds' means strictly above; a non-detect whose detection limit is above the value gives NULL.&lt;/p&gt;</source>
        <translation>&lt;p&gt;GB 36600-2018 建设用地土壤：{0}。&lt;/p&gt;&lt;h4&gt;参数&lt;/h4&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;parameter&lt;/b&gt;：标准中的项目名称（如 砷、苯并[a]芘）、英文名、常见写法或 CAS 号&lt;/li&gt;&lt;li&gt;&lt;b&gt;value&lt;/b&gt;：数值，或实验室写法：ND、&amp;lt;0.01、0.01L、12 mg/kg&lt;/li&gt;&lt;li&gt;&lt;b&gt;land_use&lt;/b&gt;：1 或 2（第一类用地 / 第二类用地）；NULL 按第一类用地&lt;/li&gt;&lt;li&gt;&lt;b&gt;unit&lt;/b&gt;（可选）：mg/kg、μg/kg、ng/kg …；NULL 为 mg/kg&lt;/li&gt;&lt;li&gt;&lt;b&gt;background&lt;/b&gt;（可选）：注①所用的土壤环境背景值（砷、钴、钒）&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;“超过”指高于（不含等于）；检出限高于限值的未检出结果返回 NULL。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="84"/>
        <source>the screening value applied in mg/kg, NULL for an item not in the standard</source>
        <translation>所采用的筛选值（mg/kg），标准未列项目为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="94"/>
        <source>the intervention value in mg/kg, NULL for an item not in the standard</source>
        <translation>管制值（mg/kg），标准未列项目为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="139"/>
        <source>true when the value is strictly above the screening value, NULL when unknown</source>
        <translation>含量高于（不含等于）筛选值时为 true，无法判断时为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="149"/>
        <source>true when the value is strictly above the intervention value, NULL when unknown</source>
        <translation>含量高于（不含等于）管制值时为 true，无法判断时为 NULL</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/soil/expressions.py" line="159"/>
        <source>the rule applied</source>
        <translation>所采用的规则</translation>
    </message>
</context>
<context>
    <name>gw_longterm_list</name>
    <message>
        <location filename="../gw_plugin/core/network/longterm.py" line="248"/>
        <source>No well is flagged as long-term or as a national assessment point: nothing to list.</source>
        <translation>没有标记为长期监测井或国家考核点位的监测井：无可列出的内容。</translation>
    </message>
</context>
<context>
    <name>gw_network_gaps</name>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="110"/>
        <source>No flow direction for aquifer layer {layer}: {why}. Give the flow azimuth.</source>
        <translation>含水层位 {layer} 无法确定流向：{why}。请给出流向方位角。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="115"/>
        <source>planar fit of {n} heads (R² {r2:.2f})</source>
        <translation>{n} 个水位的平面拟合（R² {r2:.2f}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="131"/>
        <source>The distance must be positive and the half-angle between 0 and 90°.</source>
        <translation>距离必须为正，半角须在 0 与 90° 之间。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="135"/>
        <source>given</source>
        <translation>用户给定</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="180"/>
        <source>Network-gap analysis canceled.</source>
        <translation>监测网缺口分析已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="187"/>
        <source>no {layer} well within {d:g} m down-gradient (flow towards {az:.0f}°)</source>
        <translation>下游 {d:g} m 内无 {layer} 监测井（流向 {az:.0f}°）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="208"/>
        <source>no {layer} well in the zone or within {d:g} m down-gradient of it</source>
        <translation>区内及其下游 {d:g} m 内无 {layer} 监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/network/gaps.py" line="229"/>
        <source>{n} {layer} wells for {km2:.0f} km²: the density of one well per {per:g} km² needs {need}</source>
        <translation>{km2:.0f} km² 内仅 {n} 口 {layer} 监测井：按每 {per:g} km² 一口井的密度需要 {need} 口</translation>
    </message>
</context>
<context>
    <name>gw_rasterblocks</name>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="79"/>
        <source>Breaks of {n} must be two increasing numbers.</source>
        <translation>{n} 的分级界限必须是两个递增的数值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="83"/>
        <source>Risk matrix entry {a}/{b} must be low, medium or high.</source>
        <translation>风险矩阵项 {a}/{b} 必须为 low、medium 或 high（低/中/高）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="91"/>
        <source>Scheme {s} matrix entry {a}/{b} must be one of {c}.</source>
        <translation>方案 {s} 的矩阵项 {a}/{b} 必须为 {c} 之一。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="98"/>
        <source>abstraction_factors needs one more entry than abstraction_breaks_m3d.</source>
        <translation>abstraction_factors 的项数必须比 abstraction_breaks_m3d 多一项。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="104"/>
        <source>decay must be exponential or linear.</source>
        <translation>decay 必须为 exponential（指数）或 linear（线性）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="122"/>
        <source>Breaks (a value equal to a break goes up): {b}.</source>
        <translation>分级界限（恰等于界限的值归入较高一级）：{b}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="125"/>
        <source>Risk = matrix[vulnerability][source load]: {m}.</source>
        <translation>风险 = 矩阵[脆弱性][污染源荷载]：{m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="130"/>
        <source>Zone = scheme {s} matrix[function value][risk]: {m}.</source>
        <translation>分区 = 方案 {s} 矩阵[功能价值][风险]：{m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/config.py" line="140"/>
        <source>Protection polygons -&gt; {p}; pollution status levels {l} -&gt; {t}.</source>
        <translation>保护区面 -&gt; {p}；污染现状等级 {l} -&gt; {t}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="72"/>
        <source>Unknown DRASTIC factor {f} in {p}.</source>
        <translation>{p} 中有未知的 DRASTIC 因子 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="82"/>
        <source>The rating table has no factor {f}.</source>
        <translation>评分表中没有因子 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="86"/>
        <source>Factor {f}: only the last band may be open (&apos;below&apos;: null).</source>
        <translation>因子 {f}：只有最后一个区间可以不设上限（'below': null）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="90"/>
        <source>Factor {f}: band limits must increase.</source>
        <translation>因子 {f}：区间界限必须递增。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="95"/>
        <source>Factor {f}: class codes must be unique integers 0-65535.</source>
        <translation>因子 {f}：类别代码必须是 0-65535 之间互不重复的整数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="100"/>
        <source>Factor {f}: unknown kind {k}.</source>
        <translation>因子 {f}：未知类型 {k}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="102"/>
        <source>Factor {f}: ratings must be 1-10.</source>
        <translation>因子 {f}：评分必须在 1-10 之间。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="110"/>
        <source>Unknown weight set {w}.</source>
        <translation>未知的权重方案 {w}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="116"/>
        <source>Custom weights lack {m}.</source>
        <translation>自定义权重缺少 {m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="121"/>
        <source>Give seven weights in the order D, R, A, S, T, I, C.</source>
        <translation>请按 D、R、A、S、T、I、C 的顺序给出七个权重。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="124"/>
        <source>Weights must be non-negative and not all zero.</source>
        <translation>权重必须为非负数，且不能全为零。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="134"/>
        <source>Not a list of numbers: {t}</source>
        <translation>不是数值列表：{t}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="297"/>
        <source>No raster input to take the target grid from: give a reference raster or an extent and cell size.</source>
        <translation>没有可用于确定目标格网的栅格输入：请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="334"/>
        <source>Missing DRASTIC factor(s): {m}.</source>
        <translation>缺少 DRASTIC 因子：{m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="339"/>
        <source>Class breaks must increase.</source>
        <translation>分级界限必须递增。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="341"/>
        <source>At most {n} classes.</source>
        <translation>最多分为 {n} 级。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="344"/>
        <source>Unknown resampling method {m}.</source>
        <translation>未知的重采样方法 {m}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="353"/>
        <source>Target grid: {g}.</source>
        <translation>目标格网：{g}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="354"/>
        <source>Weights D,R,A,S,T,I,C = {w}.</source>
        <translation>权重 D,R,A,S,T,I,C = {w}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="354"/>
        <source> (custom)</source>
        <translation> （自定义）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="381"/>
        <source>Warning: {f} holds codes or ratings; &apos;{m}&apos; resampling mixes them.</source>
        <translation>警告：{f} 存储的是类别代码或评分，“{m}”重采样会使其相互混合。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="404"/>
        <source>{f} ({l}): {n} polygons rated and rasterised onto the target grid (cell centres).</source>
        <translation>{f}（{l}）：已对 {n} 个面评分并栅格化到目标格网（按像元中心）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="410"/>
        <source>Warning: {f}: {n} polygons have no value or a value not in the rating table (nodata).</source>
        <translation>警告：{f}：{n} 个面没有值或其值不在评分表中（记为无数据）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="420"/>
        <source>Factor {f} has neither a raster nor polygons.</source>
        <translation>因子 {f} 既没有栅格也没有面图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="493"/>
        <source>Warning: {f}: {n} cells of the rated raster are outside 1-10 (nodata).</source>
        <translation>警告：{f}：已评分栅格中有 {n} 个像元超出 1-10（记为无数据）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="501"/>
        <source>DRASTIC index on {v} cells ({n} nodata): min {a}, mean {m}, max {b}.</source>
        <translation>DRASTIC 指数：有效像元 {v} 个（无数据 {n} 个），最小值 {a}，平均值 {m}，最大值 {b}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="511"/>
        <source>Class breaks {b} are DEFAULTS (not from a standard); edit them if needed.</source>
        <translation>分级界限 {b} 为默认值（并非出自标准），请按需修改。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="530"/>
        <source>Note {f}: {d}</source>
        <translation>说明 {f}：{d}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="533"/>
        <source>Note {f}: {n} rated {r}; {d}</source>
        <translation>说明 {f}：{n} 评分为 {r}；{d}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="597"/>
        <source>{f}: code {c} ({n}) matches no class of the rating table; it will be nodata.</source>
        <translation>{f}：代码 {c}（{n}）与评分表中的任何类别都不匹配，将记为无数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="604"/>
        <source>{f}: code {c} &apos;{n}&apos; rated {r} as &apos;{k}&apos;.</source>
        <translation>{f}：代码 {c}“{n}”按“{k}”评分为 {r}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/function_value.py" line="89"/>
        <source>Function value: {n} protection/recharge zones rasterised ({u} with an unknown class skipped); outside them the score is {o:g}.</source>
        <translation>功能价值：已栅格化 {n} 个保护区/补给区（跳过 {u} 个类别未知的区域）；区外评分为 {o:g}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/function_value.py" line="113"/>
        <source>Water quality from {n} points (nearest within {r:g} m).</source>
        <translation>水质取自 {n} 个点（取 {r:g} m 范围内最近的点）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/function_value.py" line="151"/>
        <source>Quality known on {n} cells: value = {a:g} x zone score + {b:g} x quality score there; zone score alone elsewhere.</source>
        <translation>{n} 个像元的水质已知：这些像元取值 = {a:g} x 区域评分 + {b:g} x 水质评分；其他像元只取区域评分。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/function_value.py" line="161"/>
        <source>Function-value scores are DEFAULTS (zoning_defaults.json); edit them.</source>
        <translation>功能价值评分为默认值（zoning_defaults.json），请按需修改。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="166"/>
        <source>The majority window must be 15 cells or less.</source>
        <translation>众数滤波窗口不能超过 15 个像元。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="225"/>
        <source>No cell inside the city has all the inputs: check the rasters&apos; extents and nodata.</source>
        <translation>市内没有任何像元具备全部输入：请检查各栅格的范围和无数据值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="281"/>
        <source>Unknown zoning scheme {s}; use 2019 or 2023.</source>
        <translation>未知的分区方案 {s}；请使用 2019 或 2023。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="286"/>
        <source>The majority window must be 0 (off) or an odd number &gt;= 3.</source>
        <translation>众数滤波窗口必须为 0（关闭）或 &gt;= 3 的奇数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="290"/>
        <source>The city boundary (admin_units) is empty.</source>
        <translation>市界（admin_units）为空。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="294"/>
        <source>Zoning scheme {s}, version &apos;{v}&apos;, grid {g}.</source>
        <translation>分区方案 {s}，版本“{v}”，格网 {g}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="300"/>
        <source>Breaks and matrices are DEFAULTS from zoning_defaults.json unless you edited them.</source>
        <translation>除非已修改，分级界限和矩阵均为 zoning_defaults.json 中的默认值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="355"/>
        <source>The city boundary does not overlap the grid.</source>
        <translation>市界与格网不重叠。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="358"/>
        <source>Warning: {n} cells inside the city lacked an input (nodata or outside a raster) and took the zone of the nearest cell.</source>
        <translation>警告：市内 {n} 个像元缺少输入（无数据或位于栅格范围外），已取最近像元的分区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="371"/>
        <source>Majority filter {k} x {k} applied before polygonising.</source>
        <translation>矢量化前已进行 {k} x {k} 众数滤波。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="386"/>
        <source>Minimum mapping unit {a:g} km2 = {n} cells: smaller patches merged into their largest neighbour (gdal.SieveFilter, 4-connected).</source>
        <translation>最小制图单元 {a:g} km2 = {n} 个像元：更小的斑块已并入其最大的相邻斑块（gdal.SieveFilter，4 连通）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="465"/>
        <source>{n} zone polygons, {a:.3f} km2 (city {c:.3f} km2): {d}.</source>
        <translation>{n} 个分区面，{a:.3f} km2（全市 {c:.3f} km2）：{d}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="88"/>
        <source>Canceled by the user.</source>
        <translation>用户已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="130"/>
        <source>Rotated or south-up rasters are not supported; warp the raster north-up first.</source>
        <translation>不支持旋转或上南下北的栅格；请先将栅格变换（warp）为上北下南。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="183"/>
        <source>The cell size must be greater than 0.</source>
        <translation>像元大小必须大于 0。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="185"/>
        <source>The extent is empty.</source>
        <translation>范围为空。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="308"/>
        <source>Unknown resampling method {m}; use one of {all}.</source>
        <translation>未知的重采样方法 {m}；请使用 {all} 之一。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="313"/>
        <source>Cannot open raster {p}.</source>
        <translation>无法打开栅格 {p}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="315"/>
        <source>{p} has no band {b}.</source>
        <translation>{p} 没有波段 {b}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="320"/>
        <source>{name}: already on the target grid ({g}); not resampled.</source>
        <translation>{name}：已位于目标格网（{g}）上，未重采样。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="325"/>
        <source>A workspace is needed to align {name}.</source>
        <translation>对齐 {name} 需要工作目录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="346"/>
        <source> and reprojected</source>
        <translation> 并重投影</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="347"/>
        <source>{name}: resampled{crs} from {src} to the target grid ({g}) with &apos;{m}&apos; resampling.</source>
        <translation>{name}：已用“{m}”重采样方法从 {src} 重采样{crs}到目标格网（{g}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="384"/>
        <source>Write {p} as GeoTIFF (.tif); {e} cannot be written block-wise.</source>
        <translation>请将 {p} 写为 GeoTIFF（.tif）；{e} 格式无法分块写入。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="485"/>
        <source>The layer has no field {f}.</source>
        <translation>图层没有字段 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="90"/>
        <source>The decay radius must not be negative.</source>
        <translation>衰减半径不能为负数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="99"/>
        <source>The decay length must be greater than 0.</source>
        <translation>衰减长度必须大于 0。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="171"/>
        <source>Source load: {n} sources ({o} outside the grid and its decay halo, or with zero hazard), {d} decay, radius {r:g} m{l}; kernel {kh} x {kw} cells; grid {g}.</source>
        <translation>污染源荷载：{n} 个污染源（另有 {o} 个位于格网及其衰减外延范围之外或危害为零，未计入），衰减方式 {d}，半径 {r:g} m{l}；卷积核 {kh} x {kw} 个像元；格网 {g}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="230"/>
        <source>Maximum load {m:.3f}.</source>
        <translation>最大荷载 {m:.3f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/store.py" line="30"/>
        <source>Cannot open {p}.</source>
        <translation>无法打开 {p}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/store.py" line="33"/>
        <source>{p} has no zoning_units table; is it a gw_plugin project database?</source>
        <translation>{p} 没有 zoning_units 表；它是 gw_plugin 项目数据库吗？</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/store.py" line="45"/>
        <source>A zone has no valid 6-digit county code ({c}); give the city code.</source>
        <translation>有分区没有有效的 6 位县区代码（{c}）；请给出市级行政区划代码。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/store.py" line="70"/>
        <source>Writing a zone failed.</source>
        <translation>写入分区失败。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="227"/>
        <source>The slope unit is percent or degrees.</source>
        <translation>坡度单位应为百分比或度。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/drastic.py" line="362"/>
        <source>Slope (T) in degrees: band limits {b} degrees (= 2, 6, 12, 18 %).</source>
        <translation>坡度（T）以度为单位：分级界限 {b} 度（= 2、6、12、18 %）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/legend_map.py" line="134"/>
        <source>A rating in the legend table must be 1-10, not {r:g}.</source>
        <translation>图例对照表中的评分应为 1-10，而不是 {r:g}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/legend_map.py" line="139"/>
        <source>&apos;{v}&apos; in the legend table is no class of the rating table (see the classes sheet).</source>
        <translation>图例对照表中的“{v}”不是评分表中的类别（见“classes 类别”工作表）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/legend_map.py" line="227"/>
        <source>{p} has no sheet named A, S or I.</source>
        <translation>{p} 中没有名为 A、S 或 I 的工作表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="326"/>
        <source>Pollution status: pollution grade (assessment against background), breaks {b}.</source>
        <translation>污染现状：污染等级（以背景值为基准的污染评价），分级界限 {b}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="328"/>
        <source>Pollution status: water-quality class (GB/T 14848), breaks {b}; this is not a pollution assessment.</source>
        <translation>污染现状：地下水质量类别（GB/T 14848），分级界限 {b}；这不是污染评价。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/overlay.py" line="447"/>
        <source>{n} protection polygons ({a:.4f} km2) kept exactly as given (not smoothed, not sieved); the zones around them were cut along their boundaries.</source>
        <translation>{n} 个保护区面（{a:.4f} km2）按原样保留（未平滑、未筛除）；周围分区沿其边界裁切。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="88"/>
        <source>Unknown indicator {k}: use a GB/T 14848-2017 indicator name.</source>
        <translation>未知指标 {k}：请使用 GB/T 14848-2017 中的指标名称。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="90"/>
        <source>{k} has no class III limit to scale a pollution index; choose another indicator.</source>
        <translation>{k} 没有 III 类限值，无法计算污染指数；请选择其他指标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="124"/>
        <source>The background percentile must be between 50 and 100.</source>
        <translation>背景值百分位数应在 50 到 100 之间。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="139"/>
        <source>No sample in the reference area measured {k}: give its background value.</source>
        <translation>对照区内没有样品测过 {k}：请给出其背景值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="151"/>
        <source>Choose at least one indicator for the pollution assessment.</source>
        <translation>请为污染评价至少选择一项指标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="160"/>
        <source>No background value for {k}.</source>
        <translation>{k} 没有背景值。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="229"/>
        <source>The pollution status is &apos;assessment&apos; or &apos;quality_class&apos;.</source>
        <translation>污染现状应为“assessment”（污染评价）或“quality_class”（水质类别）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="233"/>
        <source>No well measured any of the chosen indicators.</source>
        <translation>没有任何监测井测过所选指标。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="241"/>
        <source>Pollution grade (pollution assessment against background values) of {n} wells: {c}.</source>
        <translation>{n} 眼井的污染等级（以背景值为基准的污染评价）：{c}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="244"/>
        <source>Water-quality class (GB/T 14848-2017) of {n} wells, used as the pollution status: this is NOT a pollution assessment (natural class IV water counts as polluted).</source>
        <translation>以 {n} 眼井的地下水质量类别（GB/T 14848-2017）作为污染现状：这不是污染评价（天然 IV 类水也会被当作受污染）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="286"/>
        <source>{p} has no monitoring_wells table.</source>
        <translation>{p} 中没有 monitoring_wells 表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/pollution_status.py" line="319"/>
        <source>{p} has no rows of indicator and background value.</source>
        <translation>{p} 中没有“指标、背景值”数据行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="155"/>
        <source>The grid is in a geographic CRS (degrees): reproject the raster to a projected CRS in metres (e.g. EPSG:4547) or give a projected target CRS.</source>
        <translation>格网为地理坐标系（单位：度）：请将栅格重投影到以米为单位的投影坐标系（如 EPSG:4547），或指定投影目标坐标系。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/rasterblocks.py" line="168"/>
        <source>The target CRS must be a projected CRS in metres (e.g. EPSG:4547).</source>
        <translation>目标坐标系必须是以米为单位的投影坐标系（如 EPSG:4547）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="214"/>
        <source>{n} sources with a footprint: full hazard on the footprint, decaying from its edge.</source>
        <translation>{n} 个面状污染源：范围内取全部危害值，自边界向外衰减。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/zoning/source_load.py" line="222"/>
        <source>The load of each source stays inside its unit of the boundary layer ({n} units).</source>
        <translation>每个污染源的荷载只计入其所在的边界单元（共 {n} 个单元）。</translation>
    </message>
</context>
<context>
    <name>gw_uscc_valid</name>
    <message>
        <location filename="../gw_plugin/core/sources/expressions.py" line="25"/>
        <source>&lt;p&gt;True when &lt;b&gt;code&lt;/b&gt; is a valid 18-character unified social credit code (GB 32100-2015): allowed characters, six-digit division code in positions 3-8 and the right check character. NULL or empty gives NULL.&lt;/p&gt;</source>
        <translation>&lt;p&gt;当 &lt;b&gt;code&lt;/b&gt; 是有效的 18 位统一社会信用代码（GB 32100-2015）时为真：字符合法、第 3-8 位为六位行政区划代码且校验码正确。NULL 或空值返回 NULL。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>gw_water_levels</name>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="154"/>
        <source>well</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="154"/>
        <source>time</source>
        <translation>测量时间</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="158"/>
        <source>depth to water or head</source>
        <translation>水位埋深或水位标高</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="159"/>
        <source>{path}: no column chosen for: {roles}</source>
        <translation>{path}：未选择以下内容所在的列：{roles}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="184"/>
        <source>unknown well {well}</source>
        <translation>未知监测井 {well}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="189"/>
        <source>not a date and time: {text}</source>
        <translation>不是有效的日期时间：{text}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="197"/>
        <source>in the future: {when}</source>
        <translation>时间晚于当前：{when}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="208"/>
        <source>not a finite number: {text}</source>
        <translation>不是有效的有限数值：{text}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="216"/>
        <source>no depth to water and no head</source>
        <translation>既无水位埋深也无水位标高</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="226"/>
        <source>head {head} m contradicts ground elevation {ground} m − depth {depth} m</source>
        <translation>水位标高 {head} m 与地面高程 {ground} m − 埋深 {depth} m 不符</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="238"/>
        <source>this well has a level at this time already</source>
        <translation>该井在此时间已有水位记录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="253"/>
        <source>{n} rows have errors: nothing was written</source>
        <translation>{n} 行有错误：未写入任何数据</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/water_levels.py" line="262"/>
        <source>water-level import canceled: nothing was written</source>
        <translation>水位导入已取消：未写入任何数据</translation>
    </message>
</context>
<context>
    <name>indicators</name>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="338"/>
        <source>Cannot read the plan configuration {path}: {error}</source>
        <translation>无法读取方案配置 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="346"/>
        <source>Indicator without id or with a repeated id: {id}</source>
        <translation>指标缺少 id 或 id 重复：{id}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="349"/>
        <source>Indicator {id}: unknown metric {m}</source>
        <translation>指标 {id}：未知的计算类型（metric）{m}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="354"/>
        <source>Indicator {id}: target and deadline (YYYY-MM-DD) are required</source>
        <translation>指标 {id}：必须给出目标值和期限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="359"/>
        <source>Indicator {id}: unit must be % or count</source>
        <translation>指标 {id}：单位必须为 % 或 count（个数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="362"/>
        <source>Indicator {id}: unknown roster in scope</source>
        <translation>指标 {id}：范围（scope）中有未知的名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicator_snapshots.py" line="37"/>
        <source>This project database has no indicator snapshot table; upgrade the database first.</source>
        <translation>本项目数据库没有指标快照表，请先升级数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicator_snapshots.py" line="51"/>
        <source>Storing a snapshot needs the name of the user who stores it.</source>
        <translation>保存快照须填写保存人。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicator_snapshots.py" line="59"/>
        <source>The snapshot of {plan} as of {date} is stored already.</source>
        <translation>{plan} 截至 {date} 的快照已保存过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/indicators.py" line="364"/>
        <source>Indicator {id}: the scope needs a phase (phase1_survey or phase2_survey)</source>
        <translation>指标 {id}：范围须指定调查阶段（phase1_survey 或 phase2_survey）</translation>
    </message>
</context>
<context>
    <name>lab_import</name>
    <message>
        <location filename="../gw_plugin/core/wells/lab_profile.py" line="94"/>
        <source>well</source>
        <translation>监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="57"/>
        <source>sampling date</source>
        <translation>采样日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="58"/>
        <source>parameter</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="59"/>
        <source>value</source>
        <translation>检测值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="60"/>
        <source>sample code</source>
        <translation>样品编号</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="148"/>
        <source>The column mapping is incomplete: no column chosen for {roles}. Choose them, or set the header row (the row holding the column names).</source>
        <translation>列映射不完整：未选择{roles}所在的列。请选择这些列，或设置表头行（列名所在的行）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="180"/>
        <source>import validation canceled</source>
        <translation>导入校验已取消</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="210"/>
        <source>column {column} is not a known parameter</source>
        <translation>列 {column} 不是已知指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_profile.py" line="55"/>
        <source>no column of the table is a known GB/T 14848 parameter</source>
        <translation>表中没有任何一列是已知的 GB/T 14848 指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="225"/>
        <source>unknown layout {layout}</source>
        <translation>未知的表格布局 {layout}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="297"/>
        <source>{value} is not a date</source>
        <translation>{value} 不是日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="299"/>
        <source>{date} is in the future</source>
        <translation>{date} 是将来的日期</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="301"/>
        <source>{date} is implausibly old</source>
        <translation>{date} 过于久远，不合常理</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_profile.py" line="52"/>
        <source>parameter {parameter} is not in GB/T 14848-2017</source>
        <translation>指标 {parameter} 不在 GB/T 14848-2017 中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="457"/>
        <source>{parameter} of this sample already given in row {row}</source>
        <translation>该样品的{parameter}已在第 {row} 行给出</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="487"/>
        <source>{count} samples are parallel samples (平行样): a second sample code at a well and date already sampled; each is kept as its own sample</source>
        <translation>{count} 个样品为平行样：同一监测井同一日期已有采样，又出现另一个样品编号；每个平行样均作为独立样品保存</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="509"/>
        <source>{parameter} of this sample is already in the database</source>
        <translation>该样品的{parameter}已在数据库中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="557"/>
        <source>the cell holds a control character ({character})</source>
        <translation>单元格含有控制字符（{character}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="562"/>
        <source>the value</source>
        <translation>检测值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="562"/>
        <source>the unit column</source>
        <translation>单位列</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="562"/>
        <source>the parameter name</source>
        <translation>指标名称</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="563"/>
        <source>unit {unit_a} of {where_a} contradicts unit {unit_b} of {where_b}</source>
        <translation>{where_a}的单位 {unit_a} 与{where_b}的单位 {unit_b} 矛盾</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="620"/>
        <source>no value</source>
        <translation>无数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="625"/>
        <source>{value}: {problem}</source>
        <translation>{value}：{problem}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="630"/>
        <source>{value} is text but {parameter} needs a number</source>
        <translation>{value} 是文字，但{parameter}需要数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="649"/>
        <source>{value}: {parameter} is judged by a word (无/有), not a number</source>
        <translation>{value}：{parameter}以文字（无/有）判定，不是数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="704"/>
        <source>pH {value} outside 0–14</source>
        <translation>pH {value} 超出 0–14 范围</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="706"/>
        <source>{value}: a concentration cannot be negative</source>
        <translation>{value}：浓度不能为负</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_profile.py" line="84"/>
        <source>{parameter} {value} is {number} {unit}, above the plausible {limit} {unit}: a unit slip (μg/L written as mg/L)? Confirm the value</source>
        <translation>{parameter} {value} 即 {number} {unit}，高于合理上限 {limit} {unit}：是否单位写错（把 μg/L 写成了 mg/L）？请核实该值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_import.py" line="723"/>
        <source>{parameter}: {count} more values above the plausible {limit} from this row on; confirm them</source>
        <translation>{parameter}：自本行起另有 {count} 个值高于合理上限 {limit}，请核实</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_wells.py" line="38"/>
        <source>no well</source>
        <translation>未给出监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_wells.py" line="42"/>
        <source>the well code {well} belongs to several wells</source>
        <translation>监测井编号 {well} 对应多口监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_wells.py" line="42"/>
        <source>the well name {well} belongs to several wells</source>
        <translation>监测井名称 {well} 对应多口监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_wells.py" line="50"/>
        <source>well {well} is not in the database</source>
        <translation>监测井 {well} 不在数据库中</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_wells.py" line="96"/>
        <source>the sample-to-well table needs a sample code column and a well column</source>
        <translation>样品—监测井对照表需要一列样品编号和一列监测井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_write.py" line="188"/>
        <source>{errors} errors in {rows} rows: nothing was written. Fix the file, or accept importing only the valid rows.</source>
        <translation>{rows} 行中有 {errors} 个错误：未写入任何数据。请修改文件，或选择只导入有效的行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_write.py" line="207"/>
        <source>import canceled: nothing was written</source>
        <translation>导入已取消：未写入任何数据</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/lab_write.py" line="275"/>
        <source>this database has no column for parallel samples: upgrade it first</source>
        <translation>该数据库没有存放平行样的字段：请先升级数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="115"/>
        <source>{value}… has more digits than a measured value can have</source>
        <translation>{value}… 的位数超过了测量值可能有的位数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="138"/>
        <source>commas in {value} are ambiguous</source>
        <translation>{value} 中的逗号含义不明</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="144"/>
        <source>{value} is ambiguous (decimal comma or thousands separator?)</source>
        <translation>{value} 含义不明（逗号是小数点还是千位分隔符？）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="149"/>
        <source>{value} is not a number</source>
        <translation>{value} 不是数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="172"/>
        <source>detection limit {limit} is not positive</source>
        <translation>检出限 {limit} 不是正数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="210"/>
        <source>not detected; detection limit unreadable: {problem}</source>
        <translation>未检出；检出限无法读取：{problem}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="242"/>
        <source>{value} is not a finite number</source>
        <translation>{value} 不是有限数值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="524"/>
        <source>{name}: two units {unit_a} and {unit_b}</source>
        <translation>{name}：有两个单位 {unit_a} 和 {unit_b}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/labvalues.py" line="531"/>
        <source>{name}: two bases {basis_a} and {basis_b}</source>
        <translation>{name}：有两个计算基准 {basis_a} 和 {basis_b}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="216"/>
        <source>unknown basis {basis}</source>
        <translation>未知的计算基准 {basis}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="257"/>
        <source>unit {unit}: unknown basis {basis}</source>
        <translation>单位 {unit}：未知的计算基准 {basis}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="270"/>
        <source>unknown unit {unit}</source>
        <translation>未知单位 {unit}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="299"/>
        <source>{parameter} ({name}): {problem}</source>
        <translation>{parameter}（{name}）：{problem}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="310"/>
        <source>{parameter} ({name}): {problem}; the standard&apos;s unit is {unit}</source>
        <translation>{parameter}（{name}）：{problem}；标准单位为 {unit}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="316"/>
        <source>{parameter} ({name}): the unit {unit} says as {unit_basis}, the name as {name_basis}</source>
        <translation>{parameter}（{name}）：单位 {unit} 表示以 {unit_basis} 计，指标名称却表示以 {name_basis} 计</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="327"/>
        <source>{parameter} ({name}): values given as {basis} cannot be converted; the standard expresses it as {std_basis} in {unit}</source>
        <translation>{parameter}（{name}）：以 {basis} 计的数值无法换算；标准以 {std_basis} 计，单位为 {unit}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="327"/>
        <source>{parameter} ({name}): values given as {basis} cannot be converted; the standard expresses it without a basis in {unit}</source>
        <translation>{parameter}（{name}）：以 {basis} 计的数值无法换算；标准不指定计算基准，单位为 {unit}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="351"/>
        <source>{parameter} ({name}): no single molar mass, {unit} cannot be converted to {std_unit}</source>
        <translation>{parameter}（{name}）：没有唯一的摩尔质量，{unit} 无法换算为 {std_unit}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/wells/units.py" line="360"/>
        <source>{parameter} ({name}): unit {unit} cannot be converted to the standard&apos;s unit {std_unit}</source>
        <translation>{parameter}（{name}）：单位 {unit} 无法换算为标准单位 {std_unit}</translation>
    </message>
</context>
<context>
    <name>ledgers</name>
    <message>
        <location filename="../gw_plugin/core/sources/ledger_common.py" line="365"/>
        <source>row {row} is identical to row {first}: it is left out</source>
        <translation>第 {row} 行与第 {first} 行完全相同：不予导入</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/ledger_common.py" line="379"/>
        <source>the cell in column “{column}” contains a control character ({char})</source>
        <translation>“{column}”列的单元格含有控制字符（{char}）</translation>
    </message>
</context>
<context>
    <name>rosters</name>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="36"/>
        <source>A decision is &apos;accepted&apos; or &apos;rejected&apos;, not {d}.</source>
        <translation>决定只能是“accepted”（纳入）或“rejected”（不纳入），而不是 {d}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="171"/>
        <source>A decision needs the name of the user who takes it.</source>
        <translation>作出决定须填写决定人姓名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="176"/>
        <source>The decision date cannot be in the future.</source>
        <translation>决定日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="50"/>
        <source>{n} of these entries belong to a published roster version and cannot change.</source>
        <translation>其中 {n} 条属于已发布的名录版本，不能修改。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="169"/>
        <source>Unknown roster {r}.</source>
        <translation>未知名录 {r}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="130"/>
        <source>A published roster needs a version name.</source>
        <translation>发布名录须填写版本名称。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="132"/>
        <source>Publishing needs the name of the user who publishes.</source>
        <translation>发布须填写发布人姓名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="140"/>
        <source>Version {v} of this roster is published already; choose a new version name.</source>
        <translation>该名录的版本 {v} 已发布，请使用新的版本名称。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="147"/>
        <source>The roster has no accepted entry to publish.</source>
        <translation>该名录没有可发布的已纳入条目。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="145"/>
        <source>Cannot open {path}.</source>
        <translation>无法打开 {path}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="282"/>
        <source>Cannot read the roster rules {path}: {error}</source>
        <translation>无法读取名录筛选规则 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="292"/>
        <source>Roster rule without id or with a repeated id: {id}</source>
        <translation>名录规则缺少编号或编号重复：{id}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="296"/>
        <source>Rule {id}: unknown roster in {rosters}</source>
        <translation>规则 {id}：{rosters} 中有未知名录</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="302"/>
        <source>Rule {id}: unknown condition {names}</source>
        <translation>规则 {id}：未知条件 {names}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="306"/>
        <source>Rule {id} has no condition.</source>
        <translation>规则 {id} 没有任何条件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="308"/>
        <source>Rule {id}: unknown category</source>
        <translation>规则 {id}：未知污染源类别</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="311"/>
        <source>Rule {id}: unknown operating status</source>
        <translation>规则 {id}：未知运行状态</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="313"/>
        <source>Rule {id}: in_zone_table must be a zone table</source>
        <translation>规则 {id}：in_zone_table 必须是分区/区域图层表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/rosters.py" line="315"/>
        <source>Rule {id} needs reason_zh and reason_en.</source>
        <translation>规则 {id} 须同时给出 reason_zh 和 reason_en。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/deadlines.py" line="81"/>
        <source>Cannot read the deadline rules {path}: {error}</source>
        <translation>无法读取期限规则 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/deadlines.py" line="89"/>
        <source>Deadline rule {id}: unknown kind {k}.</source>
        <translation>期限规则 {id}：未知类型 {k}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/deadlines.py" line="95"/>
        <source>Deadline rule {id} needs a roster, a time and what fulfils it.</source>
        <translation>期限规则 {id} 须写明名录、期限和完成条件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/leakage_list.py" line="65"/>
        <source>The listing date cannot be in the future.</source>
        <translation>列入日期不能晚于今天。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="173"/>
        <source>Taking a source off a roster needs a reason.</source>
        <translation>移出名录须填写理由。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="197"/>
        <source>No pollution source {u}.</source>
        <translation>没有污染源 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="234"/>
        <source>An imported roster is a published version: give its version (名录版本).</source>
        <translation>导入的名录即已发布的版本：请填写名录版本。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/roster_publication.py" line="241"/>
        <source>Version {v} of this roster is published and cannot change.</source>
        <translation>该名录的 {v} 版本已发布，不能更改。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/self_monitoring.py" line="47"/>
        <source>The monitoring frequency must be at least once a year.</source>
        <translation>监测频次至少每年一次。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/self_monitoring.py" line="51"/>
        <source>The monitoring wells of this database do not record their enterprise; upgrade it.</source>
        <translation>本数据库的监测井未记录所属企业，请先升级数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/self_monitoring.py" line="95"/>
        <source>Recording needs the name of the user who records.</source>
        <translation>记录须填写记录人。</translation>
    </message>
</context>
<context>
    <name>spotcheck</name>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="79"/>
        <source>The share must be above 0 and at most 100 %.</source>
        <translation>比例必须大于 0 且不超过 100 %。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="385"/>
        <source>A batch needs an id without square brackets.</source>
        <translation>批次编号不能含方括号。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="497"/>
        <source>Batch {id} is recorded already; it is kept as it is. Give a new batch id to draw another batch.</source>
        <translation>批次 {id} 已记录，保持不变。如需再抽一批，请使用新的批次编号。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="396"/>
        <source>Unknown leakage statuses: {s}</source>
        <translation>未知的渗漏排查状态：{s}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="405"/>
        <source>The seed must be a whole number from 0 to 2^63 - 1.</source>
        <translation>种子必须是 0 到 2^63 - 1 之间的整数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="249"/>
        <source>No source has a leakage status among {s}: nothing to draw.</source>
        <translation>没有污染源的渗漏排查状态属于 {s}：无可抽取对象。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="467"/>
        <source>Cannot open {path} for writing.</source>
        <translation>无法以写入方式打开 {path}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="473"/>
        <source>{path} has no spot-check batch table: open it with the plugin once to upgrade it.</source>
        <translation>{path} 没有抽查批次表：请先用插件打开一次以升级。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="484"/>
        <source>Cannot start a transaction on {path}.</source>
        <translation>无法在 {path} 上开始事务。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="518"/>
        <source>Cannot write the batch record.</source>
        <translation>无法写入批次记录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="541"/>
        <source>Cannot write the spot-check inspections.</source>
        <translation>无法写入抽查检查记录。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="545"/>
        <source>Cannot commit the batch to {path}.</source>
        <translation>无法将批次提交到 {path}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="264"/>
        <source>Unknown workflow {w}.</source>
        <translation>未知的工作流程 {w}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="268"/>
        <source>Unknown statuses of {w}: {s}</source>
        <translation>{w} 的未知状态：{s}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/spotcheck.py" line="419"/>
        <source>No record to draw in {what}.</source>
        <translation>{what} 中没有可抽取的记录。</translation>
    </message>
</context>
<context>
    <name>tabular</name>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="111"/>
        <source>Column “{name}” is not in the table; its columns are: {columns}.</source>
        <translation>表中没有“{name}”列；表中的列为：{columns}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="122"/>
        <source>The Python package pandas is missing: tables are read more slowly without it. Install it (Debian/Ubuntu: sudo apt install python3-pandas; OSGeo4W shell or pip: python -m pip install pandas).</source>
        <translation>缺少 Python 包 pandas：没有它读取表格会较慢。请安装（Debian/Ubuntu：sudo apt install python3-pandas；OSGeo4W 命令行或 pip：python -m pip install pandas）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="143"/>
        <source>{file} is not {encoding} text.</source>
        <translation>{file} 不是 {encoding} 编码的文本。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="230"/>
        <source>{file} does not exist.</source>
        <translation>{file} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="232"/>
        <source>{file} is a folder, not a table.</source>
        <translation>{file} 是文件夹，不是表格。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="244"/>
        <source>{file} cannot be opened: permission denied.</source>
        <translation>无法打开 {file}：没有权限。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="248"/>
        <source>{file} cannot be read: {reason}</source>
        <translation>无法读取 {file}：{reason}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular.py" line="253"/>
        <source>{file}: only CSV, TXT, XLSX and XLS files can be imported.</source>
        <translation>{file}：只能导入 CSV、TXT、XLSX 和 XLS 文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="281"/>
        <source>{file} is empty.</source>
        <translation>{file} 是空文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="86"/>
        <source>{file} is password-protected (or an old XLS renamed to .xlsx): save it without a password as XLSX.</source>
        <translation>{file} 受密码保护（或是改名为 .xlsx 的旧版 XLS）：请去掉密码另存为 XLSX。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="118"/>
        <source>{file} cannot be read as an Excel workbook: the file is damaged or of another kind.</source>
        <translation>无法将 {file} 作为 Excel 工作簿读取：文件已损坏或是其他类型的文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="149"/>
        <source>Reading {what} needs the Python package {module}. Install it (Debian/Ubuntu: sudo apt install python3-{module}; OSGeo4W shell or pip: python -m pip install {module}) or save the table as CSV.</source>
        <translation>读取 {what} 需要 Python 包 {module}。请安装（Debian/Ubuntu：sudo apt install python3-{module}；OSGeo4W 命令行或 pip：python -m pip install {module}），或将表格另存为 CSV。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="260"/>
        <source>{file} has no worksheet.</source>
        <translation>{file} 没有工作表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="215"/>
        <source>{file} has no worksheet “{sheet}”; its worksheets are: {sheets}.</source>
        <translation>{file} 没有工作表“{sheet}”；其工作表为：{sheets}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="222"/>
        <source>{file} has only hidden worksheets ({sheets}): choose one by name.</source>
        <translation>{file} 只有隐藏的工作表（{sheets}）：请按名称选择一个。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_excel.py" line="247"/>
        <source>{file} is password-protected: save it without a password.</source>
        <translation>{file} 受密码保护：请去掉密码后保存。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_header.py" line="83"/>
        <source>Row {row} cannot be the header: the table has {n} rows.</source>
        <translation>第 {row} 行不能作为表头：表格共有 {n} 行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_header.py" line="89"/>
        <source>Row {row} is empty and cannot be the header.</source>
        <translation>第 {row} 行为空，不能作为表头。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_header.py" line="95"/>
        <source>The table is empty: no row has any text.</source>
        <translation>表格为空：没有任何一行有内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_header.py" line="150"/>
        <source>Columns {a} and {b} are both named “{name}”: rename one of them so that every column is used.</source>
        <translation>第 {a} 列和第 {b} 列都名为“{name}”：请重命名其中一列，以便每一列都被使用。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="92"/>
        <source>{file}, line {line}: byte 0x{byte} is not UTF-8 although the lines before are UTF-8: the file mixes encodings. Save it again in one encoding (UTF-8).</source>
        <translation>{file} 第 {line} 行：字节 0x{byte} 不是 UTF-8，而前面各行是 UTF-8：文件混用了编码。请以同一种编码（UTF-8）重新保存。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="98"/>
        <source>{file}, line {line}: byte 0x{byte} is neither UTF-8 nor GB18030/GBK text. Save the file as UTF-8 CSV.</source>
        <translation>{file} 第 {line} 行：字节 0x{byte} 既不是 UTF-8 也不是 GB18030/GBK 文本。请将文件另存为 UTF-8 CSV。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="117"/>
        <source>{file}, line {line}: the UTF-16 text is damaged.</source>
        <translation>{file} 第 {line} 行：UTF-16 文本已损坏。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="149"/>
        <source>{file}, line {line}: this line is UTF-8 although the lines before are GB18030/GBK: the file mixes encodings. Save it again in one encoding (UTF-8).</source>
        <translation>{file} 第 {line} 行：该行是 UTF-8，而前面各行是 GB18030/GBK：文件混用了编码。请以同一种编码（UTF-8）重新保存。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="166"/>
        <source>{file}, line {line}: the file contains a NUL byte: it is not a text table (CSV).</source>
        <translation>{file} 第 {line} 行：文件含有 NUL 字节，不是文本表格（CSV）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="174"/>
        <source>{file} is not a text table (CSV): it looks like binary data.</source>
        <translation>{file} 不是文本表格（CSV）：看起来是二进制数据。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="251"/>
        <source>{file}, line {line} has {n} cells but the header has {width}: a cell is missing or one too many (check the delimiters and quotes of that line).</source>
        <translation>{file} 第 {line} 行有 {n} 个单元格，而表头有 {width} 个：少了或多了单元格（请检查该行的分隔符和引号）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/tabular_text.py" line="387"/>
        <source>{file}, line {line}: the line cannot be split into cells (check its quotes).</source>
        <translation>{file} 第 {line} 行：无法拆分为单元格（请检查引号）。</translation>
    </message>
</context>
<context>
    <name>workflows</name>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="354"/>
        <source>Unknown workflow {w}.</source>
        <translation>未知工作流程 {w}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="209"/>
        <source>{s} is not a status of this workflow.</source>
        <translation>{s} 不是此工作流程的状态。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="212"/>
        <source>The source already has this status.</source>
        <translation>该污染源已处于此状态。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="214"/>
        <source>Going back from “{old}” to “{new}” needs a reason.</source>
        <translation>从“{old}”退回到“{new}”需要填写原因。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="222"/>
        <source>The step needs a date.</source>
        <translation>此步骤需要日期。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="224"/>
        <source>The date {d} is in the future.</source>
        <translation>日期 {d} 在未来。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="228"/>
        <source>The step needs a responsible person.</source>
        <translation>此步骤需要责任人。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="246"/>
        <source>Unknown result {r}.</source>
        <translation>未知结果 {r}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="242"/>
        <source>Unknown facility type {t}.</source>
        <translation>未知设施类型 {t}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="248"/>
        <source>Facility findings belong to a leakage investigation.</source>
        <translation>设施问题记录只属于渗漏排查。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="279"/>
        <source>The layer {name} cannot be edited.</source>
        <translation>图层 {name} 不可编辑。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="357"/>
        <source>No pollution source {u}.</source>
        <translation>没有污染源 {u}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="360"/>
        <source>The layer has no field {f}.</source>
        <translation>图层没有字段 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="376"/>
        <source>Documents need the attachments layer and the project database.</source>
        <translation>文件需要附件图层和项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="383"/>
        <source>{workflow}: {status}</source>
        <translation>{workflow}：{status}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="409"/>
        <source>The layers refused the change.</source>
        <translation>图层拒绝了此变更。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="477"/>
        <source>The monitoring frequency must be at least once a year.</source>
        <translation>监测频次至少为每年一次。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/sources/workflows.py" line="610"/>
        <source>The database has no abandoned-well table: {e}</source>
        <translation>数据库中没有废弃井表：{e}</translation>
    </message>
</context>
<context>
    <name>xlsx_report</name>
    <message>
        <location filename="../gw_plugin/core/data/reports.py" line="94"/>
        <source>XLSX export needs the Python package openpyxl. Install it (OSGeo4W or Debian: python3-openpyxl; otherwise pip install openpyxl) or export PDF/CSV.</source>
        <translation>导出XLSX需要Python包openpyxl。请安装（OSGeo4W或Debian：python3-openpyxl；其他环境：pip install openpyxl），或改为导出PDF/CSV。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/data/reports.py" line="388"/>
        <source>Charts are missing: matplotlib could not be loaded ({error}).</source>
        <translation>缺少图表：无法加载 matplotlib（{error}）。</translation>
    </message>
</context>
</TS>
