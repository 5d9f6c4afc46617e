<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>BuildDemoAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="49"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="50"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="55"/>
        <source>Coordinate reference system</source>
        <translation>坐标参考系</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="58"/>
        <source>Demo database</source>
        <translation>演示数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="59"/>
        <source>Demo QGIS project</source>
        <translation>演示 QGIS 工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="67"/>
        <source>{0} is not a projected CGCS2000 3-degree Gauss-Kruger CRS (EPSG:4513-4554).</source>
        <translation>{0} 不是 CGCS2000 3 度带高斯-克吕格投影坐标系（EPSG:4513–4554）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="71"/>
        <source>Building the demo city (seed {0}, {1}) in {2}</source>
        <translation>正在 {2} 中生成演示城市（种子 {0}，{1}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_builddemo.py" line="77"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <source>Build demo city</source>
        <translation>生成演示城市</translation>
    </message>
    <message>
        <source>Builds a fictional demo city (Huangze City, six counties on a Yellow-River-like alluvial plain) into the output folder: a project GeoPackage with monitoring wells, pollution sources, drinking-water sources, sites and five years of quarterly GB/T 14848-2017 samples; 100 m rasters for vulnerability assessment; context layers (river, urban areas, industrial parks); and a QGIS project (.qgz) that opens them all. The same seed always gives the same data.</source>
        <translation>在输出文件夹中生成一个虚构的演示城市（黄泽市，位于类似黄河冲积平原上的六个县区）：包含监测井、污染源、饮用水水源、地块以及五年按季度 GB/T 14848-2017 水质样品的项目 GeoPackage；用于脆弱性评价的 100 m 栅格；背景图层（河流、城区、工业园区）；以及打开上述全部数据的 QGIS 工程（.qgz）。相同的种子总是生成相同的数据。</translation>
    </message>
</context>
<context>
    <name>CaptureZoneAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="93"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="96"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="103"/>
        <source>Time-of-travel zones (days, comma-separated)</source>
        <translation>运移时间带（天，逗号分隔）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="108"/>
        <source>River (head-specified line, aem only)</source>
        <translation>河流（定水头线，仅 aem）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="116"/>
        <source>Capture zones</source>
        <translation>捕获区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="149"/>
        <source>Invalid input layer.</source>
        <translation>输入图层无效。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="153"/>
        <source>Unknown method {m}; use one of {all}.</source>
        <translation>未知方法 {m}；请使用以下之一：{all}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="161"/>
        <source>Per-well values from fields: {f}</source>
        <translation>按井取自字段的参数值：{f}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="166"/>
        <source>Feature {fid} has no geometry; skipped.</source>
        <translation>要素 {fid} 没有几何，已跳过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="172"/>
        <source>Feature {fid}: {e}</source>
        <translation>要素 {fid}：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="175"/>
        <source>The input layer has no wells.</source>
        <translation>输入图层中没有井。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="222"/>
        <source>Canceled: zones written so far are kept.</source>
        <translation>已取消：已写出的区域予以保留。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="279"/>
        <source>Using the first river feature as the head-specified line.</source>
        <translation>使用第一个河流要素作为定水头线。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="290"/>
        <source>aem: one aquifer for all wells; the fields {f} are ignored (only Q varies per well).</source>
        <translation>aem：所有井共用一个含水层；字段 {f} 被忽略（只有 Q 可按井变化）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_capturezone.py" line="309"/>
        <source>Engine: {e}</source>
        <translation>计算引擎：{e}</translation>
    </message>
    <message>
        <source>Capture zones and time-of-travel zones of wells</source>
        <translation>井的捕获区与运移时间带</translation>
    </message>
    <message>
        <source>Capture zones of pumping wells (INPUT, points in a projected CRS in metres) in uniform regional flow.
METHOD uniform_flow: every well on its own (Grubb 1993): the steady capture zone is bounded by the dividing streamlines (stagnation point Q/(2 pi K B i) down-gradient, half-width Q/(4 K B i) at the well, Q/(2 K B i) far up-gradient) and closed UPGRADIENT_LENGTH metres up-gradient of the well.
METHOD aem: all wells together in one analytic-element model with the uniform flow and, optionally, a river (RIVER, a line layer) as a head-specified line. With timml installed (pip install timml==6.9.0) timml solves the model; otherwise the built-in superposition engine (wells + uniform flow + image wells for the straight line between the river&apos;s end points) runs. The engine used is reported and written to &apos;engine&apos;. For aem only Q can vary per well; the aquifer parameters are the algorithm&apos;s parameters.
TRAVEL_TIMES: comma-separated days (e.g. 100,1000) of time-of-travel zones, found by tracking particle fans backwards from each well in the velocity field (v = q / POROSITY) and clipped to the steady zone; empty = steady capture zone only.
FLOW_AZIMUTH: direction the groundwater flows towards, degrees clockwise from north. Units: Q m3/d, K m/d, THICKNESS (saturated thickness B) m. Q, K, THICKNESS, GRADIENT, FLOW_AZIMUTH, POROSITY and UPGRADIENT_LENGTH are overridden per well by a field of INPUT with the same name (case-insensitive).
Output: well_uuid (from INPUT&apos;s uuid field), tot_days (NULL for the steady zone), method, engine, the parameters used.</source>
        <translation>均匀区域流场中抽水井的捕获区（INPUT：以米为单位的投影坐标系中的点）。
METHOD uniform_flow：每口井单独计算（Grubb 1993）：稳定捕获区由分水流线围成（下游驻点距离 Q/(2 pi K B i)，井处半宽 Q/(4 K B i)，上游远处半宽 Q/(2 K B i)），并在井上游 UPGRADIENT_LENGTH 米处闭合。
METHOD aem：所有井与均匀流一起组成一个解析元模型，可选地把河流（RIVER，线图层）作为定水头线。若已安装 timml（pip install timml==6.9.0）则由 timml 求解；否则运行内置的叠加引擎（井 + 均匀流 + 关于河流两端点连线的镜像井）。所用引擎会在日志中报告并写入 'engine' 字段。aem 方法只有 Q 可按井变化；含水层参数取算法参数。
TRAVEL_TIMES：运移时间带的天数，逗号分隔（如 100,1000），在流速场（v = q / POROSITY）中从每口井向后追踪粒子扇求得，并裁剪到稳定捕获区内；留空 = 只计算稳定捕获区。
FLOW_AZIMUTH：地下水流向，自正北顺时针的度数。单位：Q m3/d，K m/d，THICKNESS（饱和厚度 B）m。Q、K、THICKNESS、GRADIENT、FLOW_AZIMUTH、POROSITY 和 UPGRADIENT_LENGTH 可由 INPUT 中同名字段（不区分大小写）按井覆盖。
输出：well_uuid（取自 INPUT 的 uuid 字段）、tot_days（稳定捕获区为 NULL）、method、engine 以及所用参数。</translation>
    </message>
</context>
<context>
    <name>ClassifyWaterQualityAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="60"/>
        <source>Results table or layer</source>
        <translation>检测结果表或图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="75"/>
        <source>Classified results</source>
        <translation>分类结果</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="76"/>
        <source>Rows with a class</source>
        <translation>已分类的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="77"/>
        <source>Rows without a class</source>
        <translation>未能分类的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="78"/>
        <source>Samples</source>
        <translation>样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="83"/>
        <source>The input table could not be opened.</source>
        <translation>无法打开输入表。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="90"/>
        <source>No field chosen for {p}.</source>
        <translation>未为 {p} 选择字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="94"/>
        <source>Field {f} not found in the input.</source>
        <translation>输入中找不到字段 {f}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="126"/>
        <source>no parameter</source>
        <translation>无指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="141"/>
        <source>Classified {r} rows of {s} samples.</source>
        <translation>已对 {s} 个样品的 {r} 行结果分类。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="156"/>
        <source>The output could not be created.</source>
        <translation>无法创建输出。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="164"/>
        <source>row not seen in the first pass</source>
        <translation>第一遍未读到该行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="180"/>
        <source>Could not write row {n}.</source>
        <translation>无法写入第 {n} 行。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_classifywaterquality.py" line="188"/>
        <source>{c} rows classified, {u} without a class (see gb_note).</source>
        <translation>{c} 行已分类，{u} 行未能分类（见 gb_note）。</translation>
    </message>
    <message>
        <source>Classify water quality (GB/T 14848-2017)</source>
        <translation>地下水质量分类（GB/T 14848-2017）</translation>
    </message>
    <message>
        <source>Classifies every result row per GB/T 14848-2017 (93 indicators) and gives each sample its overall class. Parameters are recognised by the Chinese name as in the standard (with or without （以N计）), English name or symbol (NO3-N, NH3-N, Cr6+, CODMn, TDS, pH …). Values may be numbers or text as written by the lab (0.01L, ND, &lt;0.005, 无/有); units are converted to the standard's (mg/L, μg/L, mmol/L, 'mg/L as NO3' …); without a unit field the standard's unit is assumed.

Rules: a value equal to a limit shared by several classes gets the better class (从优不从劣); pH is two-sided; gross α/β above the class III guidance value are IV; a non-detect is class I when its detection limit is ≤ the class I limit, otherwise '≤ class k' — such non-detects never make a sample worse.

Output: the input rows plus gb_class (1–5, NULL where not classifiable), gb_note (the rule applied, or why there is no class), sample_class (worst class of the sample) and sample_governing (indicators that set it, separated by '; ').</source>
        <translation>按 GB/T 14848-2017（93 项指标）对每一行检测结果分类，并给出每个样品的综合类别。指标可按标准中的中文名称（带或不带“（以N计）”）、英文名称或符号（NO3-N、NH3-N、Cr6+、CODMn、TDS、pH …）识别。数值可以是数字，也可以是实验室原样填写的文本（0.01L、ND、&lt;0.005、无/有）；单位换算为标准所用单位（mg/L、μg/L、mmol/L、“mg/L（以 NO3 计）”…）；没有单位字段时按标准单位处理。

规则：数值恰等于多个类别共用的限值时取较优类别（从优不从劣）；pH 为双侧限值；总 α/β 放射性超过 III 类指导值时为 IV 类；未检出时，若检出限 ≤ I 类限值则为 I 类，否则为“≤ k 类”——这类未检出绝不会使样品类别变差。

输出：输入各行，外加 gb_class（1–5，无法分类时为 NULL）、gb_note（所用规则或无法分类的原因）、sample_class（样品的最差类别）和 sample_governing（决定该类别的指标，以“; ”分隔）。</translation>
    </message>
</context>
<context>
    <name>CreateDatabaseAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_createdatabase.py" line="29"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_createdatabase.py" line="29"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_createdatabase.py" line="33"/>
        <source>CRS (CGCS2000 3-degree Gauss-Kruger)</source>
        <translation>坐标系（CGCS2000 3 度带高斯-克吕格）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_createdatabase.py" line="38"/>
        <source>Overwrite an existing file</source>
        <translation>覆盖已有文件</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_createdatabase.py" line="52"/>
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
        <location filename="../gw_plugin/gui/database_dialog.py" line="47"/>
        <source>Choose a file.</source>
        <translation>请选择文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="54"/>
        <source>The folder {folder} does not exist.</source>
        <translation>文件夹 {folder} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="62"/>
        <source>You cannot write to the folder {folder}.</source>
        <translation>没有写入文件夹 {folder} 的权限。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="70"/>
        <source>{name} exists already. Choose “Open an existing project database” to use it, or another file name.</source>
        <translation>{name} 已存在。如要使用它，请选择“打开已有项目数据库”；否则请换一个文件名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="79"/>
        <source>{crs} is not a projected CGCS2000 3-degree Gauss–Krüger CRS (EPSG:4513–4554).</source>
        <translation>{crs} 不是 CGCS2000 3 度带高斯-克吕格投影坐标系（EPSG:4513–4554）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="86"/>
        <source>A new project database will be created in {crs}.</source>
        <translation>将以 {crs} 新建项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="95"/>
        <source>{path} is a folder; choose a GeoPackage file.</source>
        <translation>{path} 是文件夹；请选择 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="103"/>
        <source>The file {path} does not exist.</source>
        <translation>文件 {path} 不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="109"/>
        <source>Choose a GeoPackage file (*.gpkg).</source>
        <translation>请选择 GeoPackage 文件（*.gpkg）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="113"/>
        <source>{name} is not a gw_plugin project database.</source>
        <translation>{name} 不是 gw_plugin 项目数据库。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="121"/>
        <source>{name} uses schema version {version}, newer than this plugin&apos;s version {current}. Update gw_plugin to open it.</source>
        <translation>{name} 使用数据结构版本 {version}，比本插件的版本 {current} 更新。请升级 gw_plugin 后再打开。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="131"/>
        <source>{name} uses schema version {version}; it will be upgraded to version {current} after a backup copy is written beside it.</source>
        <translation>{name} 使用数据结构版本 {version}；将在同目录写入备份副本后升级到版本 {current}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="147"/>
        <source>Open / create project database</source>
        <translation>打开 / 新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="201"/>
        <source>Choose an existing project database, or a name for a new one.</source>
        <translation>请选择已有的项目数据库，或为新数据库指定文件名。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="213"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="215"/>
        <source>New project database</source>
        <translation>新建项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/database_dialog.py" line="219"/>
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
    <name>DrasticAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="146"/>
        <source> - raster</source>
        <translation> - 栅格</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="149"/>
        <source> - polygons</source>
        <translation> - 面图层</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="157"/>
        <source> - polygon field</source>
        <translation> - 面图层字段</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="165"/>
        <source> - already rated (1-10)</source>
        <translation> - 已评分（1-10）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="168"/>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="171"/>
        <source>Custom weights D,R,A,S,T,I,C</source>
        <translation>自定义权重 D,R,A,S,T,I,C</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="176"/>
        <source>Rating table (JSON, edited copy)</source>
        <translation>评分表（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="181"/>
        <source>Class breaks (DEFAULT 100,120,140,160)</source>
        <translation>分级界限（默认 100,120,140,160）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="186"/>
        <source>Reference raster for the target grid (else the first factor raster)</source>
        <translation>目标格网的参考栅格（否则取第一个因子栅格）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="187"/>
        <source>Resampling of raw continuous rasters</source>
        <translation>原始连续值栅格的重采样方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="192"/>
        <source>Resampling of class-coded and rated rasters</source>
        <translation>分类编码栅格和已评分栅格的重采样方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="200"/>
        <source>Karst areas</source>
        <translation>岩溶区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="205"/>
        <source>Give karst cells class 9</source>
        <translation>岩溶区像元赋为第 9 类</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="206"/>
        <source>DRASTIC index</source>
        <translation>DRASTIC 指数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="207"/>
        <source>DRASTIC classes</source>
        <translation>DRASTIC 分级</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="210"/>
        <source>Karst flag</source>
        <translation>岩溶标记</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="230"/>
        <source>Give at least one factor raster, a reference raster, or an extent and cell size.</source>
        <translation>请至少给出一个因子栅格、一个参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="241"/>
        <source>Factor {f}: give a raster or a polygon layer.</source>
        <translation>因子 {f}：请给出栅格或面图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_drastic.py" line="243"/>
        <source>Factor {f}: choose the polygon field.</source>
        <translation>因子 {f}：请选择面图层字段。</translation>
    </message>
    <message>
        <source>DRASTIC vulnerability</source>
        <translation>DRASTIC 脆弱性</translation>
    </message>
    <message>
        <source>DRASTIC intrinsic vulnerability (Aller et al. 1987, EPA/600/2-85/018): index = sum of rating x weight over Depth to water, net Recharge, Aquifer media, Soil media, Topography (slope), Impact of the vadose zone and hydraulic Conductivity. Each factor is a raster of raw values (rated with the rating table), a raster that is already rated (1-10, tick &apos;already rated&apos;), or a polygon layer with a field holding the raw value, the class code/name or (ticked) the rating. Rating tables: resources/reference/drastic_ratings.json or your edited copy (RATING_TABLE). Range bands are [lower, upper): a value equal to a band limit gets the rating of the band starting there (depth 1.52 m -&gt; 9). Weights: standard 5,4,3,2,1,5,3; pesticide 5,4,3,5,3,4,2; or custom (seven numbers in D,R,A,S,T,I,C order). All rasters are aligned onto the target grid (the reference raster, else the first factor raster) with the chosen resampling, reported in the log; a nodata cell in any factor gives a nodata index. Outputs: index (Float32, nodata -9999), classes (Byte, default breaks 100,120,140,160 are DEFAULTS, editable) and, with karst polygons, a karst flag raster; optionally karst cells get class 9 in the class raster.</source>
        <translation>DRASTIC 固有脆弱性（Aller 等 1987，EPA/600/2-85/018）：指数 = 地下水埋深（D）、净补给量（R）、含水层介质（A）、土壤介质（S）、地形坡度（T）、包气带影响（I）和水力传导系数（C）各项“评分 × 权重”之和。每个因子可以是原始值栅格（按评分表评分）、已评分栅格（1-10，勾选“已评分”），或带字段的面图层，字段内容为原始值、类别代码/名称或（勾选时）评分。评分表：resources/reference/drastic_ratings.json 或您修改后的副本（RATING_TABLE）。区间为 [下限, 上限)：恰等于区间界限的值取以该界限为起点的区间的评分（埋深 1.52 m -&gt; 9）。权重：标准 5,4,3,2,1,5,3；农药 5,4,3,5,3,4,2；或自定义（按 D,R,A,S,T,I,C 顺序的七个数）。所有栅格按所选重采样方法对齐到目标格网（参考栅格，否则取第一个因子栅格），并在日志中报告；任一因子为无数据的像元，其指数也为无数据。输出：指数（Float32，无数据值 -9999）、分级（Byte，默认界限 100,120,140,160 为默认值，可修改），有岩溶面时还输出岩溶标记栅格；可选地将岩溶像元在分级栅格中赋为第 9 类。</translation>
    </message>
</context>
<context>
    <name>FunctionValueAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="42"/>
        <source>Protection zones (protection_zones)</source>
        <translation>保护区（protection_zones）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="47"/>
        <source>Recharge zones (recharge_zones)</source>
        <translation>补给区（recharge_zones）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="52"/>
        <source>Drinking-water sources (drinking_water_sources, for abstraction)</source>
        <translation>饮用水水源（drinking_water_sources，取其取水量）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="60"/>
        <source>Water-quality class raster (GB/T 14848 class 1-5)</source>
        <translation>水质类别栅格（GB/T 14848 第 1-5 类）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="65"/>
        <source>Water-quality points</source>
        <translation>水质点</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="73"/>
        <source>Quality class field (1-5 or I-V)</source>
        <translation>水质类别字段（1-5 或 I-V）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="81"/>
        <source>Reference raster for the target grid (e.g. the DRASTIC index)</source>
        <translation>目标格网的参考栅格（如 DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="82"/>
        <source>Scores and parameters (JSON, edited copy)</source>
        <translation>评分与参数（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="87"/>
        <source>Function value</source>
        <translation>功能价值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="94"/>
        <source>Give protection zones and/or recharge zones.</source>
        <translation>请给出保护区和/或补给区。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="98"/>
        <source>Give a reference raster, or an extent and a cell size.</source>
        <translation>请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="103"/>
        <source>The protection-zone layer has no zone_class field.</source>
        <translation>保护区图层没有 zone_class 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="109"/>
        <source>The recharge-zone layer has no kind field.</source>
        <translation>补给区图层没有 kind 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="117"/>
        <source>The drinking-water source layer needs the fields uuid and abstraction_m3d.</source>
        <translation>饮用水水源图层需要 uuid 和 abstraction_m3d 字段。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="121"/>
        <source>Abstraction known for {n} drinking-water sources.</source>
        <translation>已知取水量的饮用水水源：{n} 个。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_functionvalue.py" line="126"/>
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
</context>
<context>
    <name>GwPlugin</name>
    <message>
        <location filename="../gw_plugin/plugin.py" line="117"/>
        <source>Groundwater pilot zone</source>
        <translation>地下水试验区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="120"/>
        <source>Open / create project database…</source>
        <translation>打开 / 新建项目数据库…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="120"/>
        <source>Open a project GeoPackage, or create a new one, and load every layer with styles and forms</source>
        <translation>打开或新建项目 GeoPackage，并加载全部图层及其样式和表单</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="129"/>
        <source>Build demo city…</source>
        <translation>生成演示城市…</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="129"/>
        <source>Build the fictional demo city (database, rasters and project) in a folder</source>
        <translation>在文件夹中生成虚构的演示城市（数据库、栅格和工程）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="484"/>
        <source>About gw_plugin</source>
        <translation>关于 gw_plugin</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="275"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="328"/>
        <source>Cannot open the project database</source>
        <translation>无法打开项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="289"/>
        <source>{name} was upgraded from schema version {old} to {new}. The original file was kept as {backup}.</source>
        <translation>{name} 已从数据结构版本 {old} 升级到 {new}。原文件已保留为 {backup}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="305"/>
        <source>Layers cannot be loaded: {error}</source>
        <translation>无法加载图层：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="314"/>
        <source>{name} is already loaded in this project.</source>
        <translation>{name} 已加载到本工程中。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="328"/>
        <source>Loading the layers of {name} failed: {error}</source>
        <translation>加载 {name} 的图层失败：{error}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="341"/>
        <source>Created {name} ({crs}).</source>
        <translation>已创建 {name}（{crs}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="341"/>
        <source>Opened {name} (schema version {version}, {crs}).</source>
        <translation>已打开 {name}（数据结构版本 {version}，{crs}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="450"/>
        <source>Build demo city</source>
        <translation>生成演示城市</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="382"/>
        <source>The algorithm {id} is not available in this version of the plugin.</source>
        <translation>本版本插件中没有算法 {id}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="392"/>
        <source>Folder for the demo city</source>
        <translation>演示城市所在文件夹</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="398"/>
        <source>Building the demo city</source>
        <translation>正在生成演示城市</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="418"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="455"/>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="459"/>
        <source>The demo city is ready: {path}</source>
        <translation>演示城市已生成：{path}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="466"/>
        <source>Open demo project</source>
        <translation>打开演示工程</translation>
    </message>
    <message>
        <location filename="../gw_plugin/plugin.py" line="474"/>
        <source>&lt;h3&gt;gw_plugin {version}&lt;/h3&gt;&lt;p&gt;Groundwater pollution prevention pilot zones: well inventory by aquifer layer, pollution sources, zoning, recharge and protection zones, offline editing and sync with the city platform.&lt;/p&gt;&lt;p&gt;One project GeoPackage holds every table; coordinates are stored in a projected CGCS2000 3-degree Gauss–Krüger CRS. Water quality is classified after GB/T 14848-2017.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;gw_plugin {version}&lt;/h3&gt;&lt;p&gt;地下水污染防治试验区：分层监测井台账、污染源、防治分区、补给区与保护区、离线编辑及与市级平台同步。&lt;/p&gt;&lt;p&gt;一个项目 GeoPackage 存放全部数据表；坐标以 CGCS2000 3 度带高斯-克吕格投影坐标系存储。水质按 GB/T 14848-2017 分类。&lt;/p&gt;</translation>
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
    <name>ImportSamplesAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="39"/>
        <source>Lab file (CSV or XLSX)</source>
        <translation>实验室数据文件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="40"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="41"/>
        <source>Layout</source>
        <translation>表格布局</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="41"/>
        <source>Long</source>
        <translation>长表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="41"/>
        <source>Wide</source>
        <translation>宽表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="53"/>
        <source>Import the valid rows even if some rows have errors</source>
        <translation>即使部分行有错误，也导入有效的行</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="58"/>
        <source>Validation report</source>
        <translation>校验报告</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="58"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="67"/>
        <source>New samples</source>
        <translation>新样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="68"/>
        <source>Results written</source>
        <translation>已写入的结果数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="69"/>
        <source>Rows with errors</source>
        <translation>有错误的行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="92"/>
        <source>Column mapping: {m}</source>
        <translation>列对应关系：{m}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="101"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_importsamples.py" line="118"/>
        <source>Written: {s} new samples, {r} results.</source>
        <translation>已写入：{s} 个新样品，{r} 条结果。</translation>
    </message>
    <message>
        <source>Import lab results</source>
        <translation>导入实验室检测结果</translation>
    </message>
    <message>
        <source>Imports lab results from CSV (UTF-8 or GB18030/GBK, detected automatically) or XLSX. Long layout: one row per value with well, date, parameter, value and unit columns. Wide layout: one row per sample and one column per parameter (unit in the header, e.g. 硝酸盐(mg/L), else the standard's unit). Column names left empty are guessed from the headers. Every row is validated first (unknown wells or parameters, unreadable or impossible values, unit mismatches, duplicates, dates in the future); with any error nothing is written unless ACCEPT_VALID is set, and then rows with errors are left out entirely. The validation report is written as CSV.</source>
        <translation>从 CSV（UTF-8 或 GB18030/GBK，自动识别）或 XLSX 导入实验室检测结果。长表：每个数值一行，包含井、日期、指标、数值和单位列。宽表：每个样品一行，每个指标一列（单位写在表头中，如 硝酸盐(mg/L)，否则按标准单位）。留空的列名根据表头推测。先校验每一行（未知的井或指标、无法识别或不可能的数值、单位不符、重复、未来日期）；只要有错误就不写入任何内容，除非设置了 ACCEPT_VALID，此时有错误的行整行略过。校验报告写为 CSV。</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="163"/>
        <source>No Chinese font is installed (tried {}). Install one, e.g. fonts-wqy-microhei.</source>
        <translation>未安装中文字体（已尝试 {}）。请安装一种，例如 fonts-wqy-microhei。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="244"/>
        <source>Unknown paper/orientation {}/{}; use one of {} and {}.</source>
        <translation>未知的纸张/方向 {}/{}；请使用 {} 之一和 {} 之一。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="256"/>
        <source>Print-layout template {} is missing.</source>
        <translation>缺少打印布局模板 {}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="264"/>
        <source>Print-layout template {} is not valid XML.</source>
        <translation>打印布局模板 {} 不是有效的 XML。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="270"/>
        <source>Print-layout template {} could not be loaded.</source>
        <translation>无法加载打印布局模板 {}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="276"/>
        <source>Template {} lacks the items {}.</source>
        <translation>模板 {} 缺少以下项：{}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="557"/>
        <source>There is no visible map layer to export.</source>
        <translation>没有可导出的可见地图图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="570"/>
        <source>The layers to export have no features, so the map has no extent.</source>
        <translation>要导出的图层没有要素，因此地图没有范围。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="646"/>
        <source>Give a PDF path, a PNG path or both.</source>
        <translation>请给出 PDF 路径、PNG 路径或两者。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="699"/>
        <source>the file could not be written (is it open in another program, or the folder read-only?)</source>
        <translation>无法写入文件（是否已被其他程序打开，或文件夹为只读？）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="702"/>
        <source>Exporting the map to {} failed (code {}): {}</source>
        <translation>导出地图到 {} 失败（代码 {}）：{}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="761"/>
        <source>The project&apos;s layers have no features, so the overview map has no extent.</source>
        <translation>工程中的图层没有要素，因此总览图没有范围。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/core/mapexport.py" line="798"/>
        <source>The project has no visible map layer.</source>
        <translation>工程中没有可见的地图图层。</translation>
    </message>
</context>
<context>
    <name>NitrateRiskAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="54"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="55"/>
        <source>Nitrate parameter (as N)</source>
        <translation>硝酸盐指标（以 N 计）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="56"/>
        <source>Concentration</source>
        <translation>浓度</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="56"/>
        <source>Latest</source>
        <translation>最新值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="56"/>
        <source>Mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="70"/>
        <source>Nitrate health risk</source>
        <translation>硝酸盐健康风险</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_nitraterisk.py" line="115"/>
        <source>{n} wells; {o} with HQ &gt; 1 for children.</source>
        <translation>{n} 口井；其中 {o} 口儿童 HQ &gt; 1。</translation>
    </message>
    <message>
        <source>Nitrate health risk (hazard quotient)</source>
        <translation>硝酸盐健康风险（危害商）</translation>
    </message>
    <message>
        <source>Hazard quotient HQ = CDI / RfD with CDI = C·IR·EF·ED/(BW·AT), AT = ED·365 d, from the latest or the mean nitrate (as N) of each well. RfD 1.6 mg/(kg·d) as nitrate-N (US EPA IRIS). Default exposure parameters from HJ 25.3-2019 as transcribed by a public implementation (adult BW 61.8 kg, 1.0 L/d, ED 24 a; child 19.2 kg, 0.7 L/d, ED 6 a; EF 350 d/a) — verify before citing; all are editable and written to the output. Non-detects count as half their detection limit.</source>
        <translation>危害商 HQ = CDI / RfD，其中 CDI = C·IR·EF·ED/(BW·AT)，AT = ED·365 d；C 取每口井最新或平均的硝酸盐（以 N 计）浓度。RfD 为 1.6 mg/(kg·d)（以硝酸盐氮计，US EPA IRIS）。默认暴露参数取自某公开实现转录的 HJ 25.3-2019（成人 BW 61.8 kg、1.0 L/d、ED 24 a；儿童 19.2 kg、0.7 L/d、ED 6 a；EF 350 d/a）——引用前请核实；所有参数均可修改并写入输出。未检出按检出限的一半计。</translation>
    </message>
</context>
<context>
    <name>ProcessingTask</name>
    <message>
        <location filename="../gw_plugin/gui/tasks.py" line="42"/>
        <source>The algorithm {id} is not available.</source>
        <translation>算法 {id} 不可用。</translation>
    </message>
</context>
<context>
    <name>ProjectPanel</name>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="90"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="91"/>
        <source>Schema version:</source>
        <translation>数据结构版本：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="92"/>
        <source>CRS:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="95"/>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="95"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="104"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="105"/>
        <source>Count the rows again</source>
        <translation>重新统计行数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="153"/>
        <source>No project database is loaded. Use “Open / create project database…”.</source>
        <translation>尚未加载项目数据库。请使用“打开 / 新建项目数据库…”。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="162"/>
        <source>The project database {path} does not exist any more.</source>
        <translation>项目数据库 {path} 已不存在。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="176"/>
        <source>{version} (this plugin: {current})</source>
        <translation>{version}（本插件：{current}）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="212"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/gui/dock_project.py" line="212"/>
        <source>Show the open project database: schema version, CRS and rows per table</source>
        <translation>显示已打开的项目数据库：数据结构版本、坐标系和各表行数</translation>
    </message>
</context>
<context>
    <name>ProtectionZoneAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="122"/>
        <source>Wells</source>
        <translation>井</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="125"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="132"/>
        <source>Aquifer medium (table)</source>
        <translation>含水层介质（查表法）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="133"/>
        <source>Protection zones</source>
        <translation>保护区</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="164"/>
        <source>Invalid input layer.</source>
        <translation>输入图层无效。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="168"/>
        <source>Unknown method {m}; use one of {all}.</source>
        <translation>未知方法 {m}；请使用以下之一：{all}。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="173"/>
        <source>Per-well values from fields: {f}</source>
        <translation>按井取自字段的参数值：{f}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="186"/>
        <source>Feature {fid} has no geometry; skipped.</source>
        <translation>要素 {fid} 没有几何，已跳过。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="193"/>
        <source>Well {w}: {e}</source>
        <translation>井 {w}：{e}</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_protectionzone.py" line="215"/>
        <source>{n} protection zones written.</source>
        <translation>已写出 {n} 个保护区。</translation>
    </message>
    <message>
        <source>Protection zones of drinking-water wells (HJ 338 / fixed radius)</source>
        <translation>饮用水水源井保护区（HJ 338 / 固定半径）</translation>
    </message>
    <message>
        <source>Draws a circular protection zone around every well of INPUT (a point layer in a projected CRS in metres).
METHOD hj338_formula: R = ALPHA x K x GRADIENT x TRAVEL_TIME / POROSITY (HJ 338; class I uses TRAVEL_TIME = 100 d, class II 1000 d; ALPHA is the safety factor, commonly 1.5). The zone class written is class_1 for TRAVEL_TIME &lt;= 100 d, otherwise class_2.
METHOD hj338_table: class I and class II radii of the empirical table for MEDIUM (fine_sand, medium_sand, coarse_sand, gravel, cobble, or the Chinese names 细砂 中砂 粗砂 砾石 卵石), read from resources/reference/hj338_radius_table.csv. ALL TABLE VALUES ARE UNVERIFIED (recalled from HJ/T 338-2007, not checked against the standard text); the drawn radius is the table's radius_default_m (the upper bound of the range). Edit the CSV to change them.
METHOD fixed_radius: calculated fixed radius r = sqrt(Q x TRAVEL_TIME / (pi x POROSITY x H)) (US EPA, EPA-440/5-93-001), H = screen length or saturated thickness.
Units: K m/d, TRAVEL_TIME d, Q m3/d, H m. Each parameter is overridden per well by a field of INPUT with the same name (case-insensitive, e.g. a field 'k' or 'POROSITY'); empty field values use the parameter. The wording of HJ 338 is unverified (see ../shared/reference/README.md §2): check before citing.
Output: one polygon per well and zone with the parameters used (unused ones NULL) and well_uuid.</source>
        <translation>在 INPUT（以米为单位的投影坐标系中的点图层）的每口井周围绘制圆形保护区。
METHOD hj338_formula：R = ALPHA x K x GRADIENT x TRAVEL_TIME / POROSITY（HJ 338；一级保护区 TRAVEL_TIME = 100 d，二级 1000 d；ALPHA 为安全系数，通常取 1.5）。TRAVEL_TIME &lt;= 100 d 时写入的分级为 class_1，否则为 class_2。
METHOD hj338_table：按 MEDIUM（fine_sand、medium_sand、coarse_sand、gravel、cobble，或中文名 细砂 中砂 粗砂 砾石 卵石）查经验值表得到一级、二级保护区半径，表格读自 resources/reference/hj338_radius_table.csv。表中所有数值均未经核实（凭记忆取自 HJ/T 338-2007，未与标准原文核对）；绘制半径取表中的 radius_default_m（范围上限）。修改 CSV 即可更改。
METHOD fixed_radius：计算固定半径 r = sqrt(Q x TRAVEL_TIME / (pi x POROSITY x H))（US EPA，EPA-440/5-93-001），H 为滤管长度或饱和厚度。
单位：K m/d，TRAVEL_TIME d，Q m3/d，H m。每个参数均可由 INPUT 中同名字段（不区分大小写，如字段 'k' 或 'POROSITY'）按井覆盖；字段值为空时使用算法参数。HJ 338 的条文措辞未经核实（见 ../shared/reference/README.md §2）：引用前请核对。
输出：每口井每个分级一个面，附所用参数（未用的为 NULL）和 well_uuid。</translation>
    </message>
</context>
<context>
    <name>SourceLoadAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="39"/>
        <source>Pollution sources (pollution_sources)</source>
        <translation>污染源（pollution_sources）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="46"/>
        <source>Reference raster for the target grid (e.g. the DRASTIC index)</source>
        <translation>目标格网的参考栅格（如 DRASTIC 指数）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="47"/>
        <source>Distance decay</source>
        <translation>距离衰减</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="49"/>
        <source>Decay radius (m; empty = configuration, default 2000)</source>
        <translation>衰减半径（m；留空 = 取配置，默认 2000）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="59"/>
        <source>Exponential decay length L (m; empty = configuration, default 500)</source>
        <translation>指数衰减长度 L（m；留空 = 取配置，默认 500）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="69"/>
        <source>Factor for completed anti-seepage retrofit (empty = configuration, default 0.5)</source>
        <translation>已完成防渗改造的系数（留空 = 取配置，默认 0.5）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="80"/>
        <source>Scores and parameters (JSON, edited copy)</source>
        <translation>评分与参数（JSON，修改后的副本）</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="85"/>
        <source>Source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="96"/>
        <source>Choose the pollution-source layer.</source>
        <translation>请选择污染源图层。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="99"/>
        <source>Give a reference raster, or an extent and a cell size.</source>
        <translation>请给出参考栅格，或范围与像元大小。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="104"/>
        <source>The layer lacks {m}; their default factors apply.</source>
        <translation>该图层缺少 {m}；将使用其默认系数。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="112"/>
        <source>{n} sources, {r} with a completed anti-seepage retrofit (hazard x {f:g}).</source>
        <translation>{n} 个污染源，其中 {r} 个已完成防渗改造（危害 x {f:g}）。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_sourceload.py" line="118"/>
        <source>Hazard scores are DEFAULTS (zoning_defaults.json, source_load); edit them.</source>
        <translation>危害评分为默认值（zoning_defaults.json，source_load），请按需修改。</translation>
    </message>
    <message>
        <source>Pollution-source load</source>
        <translation>污染源荷载</translation>
    </message>
    <message>
        <source>Load raster from the pollution-source inventory (table pollution_sources: category, scale, antiseepage_status, operating_status). Hazard of a source = category score x scale factor x operating-status factor, x the retrofit factor when its anti-seepage retrofit is done or its effect assessed. All scores are DEFAULTS in resources/reference/zoning_defaults.json (source_load); pass an edited copy as CONFIG. Each hazard is spread with an exponential (exp(-d/L) up to the radius) or linear (1 - d/R) distance decay and summed; d is measured between cell centres (sources snap to their cell). The target grid is the reference raster, or the extent and cell size. Computed by FFT convolution in row blocks: 100,000 sources on 10 million cells take seconds, with bounded memory.</source>
        <translation>由污染源清单（pollution_sources 表：category、scale、antiseepage_status、operating_status）生成荷载栅格。污染源危害 = 类别评分 x 规模系数 x 运行状态系数；防渗改造已完成或已评估效果时再乘以改造系数。所有评分均为 resources/reference/zoning_defaults.json（source_load）中的默认值；可将修改后的副本作为 CONFIG 传入。每个危害按指数（exp(-d/L)，至半径为止）或线性（1 - d/R）距离衰减扩散后求和；d 按像元中心间距离计算（污染源归入所在像元）。目标格网为参考栅格，或范围与像元大小。按行块做 FFT 卷积计算：10 万个污染源、1000 万个像元只需数秒，内存占用有界。</translation>
    </message>
</context>
<context>
    <name>TrendAlgorithm</name>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="49"/>
        <source>Project database</source>
        <translation>项目数据库</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="50"/>
        <source>Parameter</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="51"/>
        <source>Significance level</source>
        <translation>显著性水平</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="62"/>
        <source>Minimum number of samples</source>
        <translation>最少样品数</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="73"/>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="83"/>
        <source>No results of parameter {p} in the database.</source>
        <translation>数据库中没有指标 {p} 的检测结果。</translation>
    </message>
    <message>
        <location filename="../gw_plugin/processing/algorithms/alg_trend.py" line="110"/>
        <source>{n} wells tested; {r} with a significant rising trend.</source>
        <translation>已检验 {n} 口井；其中 {r} 口呈显著上升趋势。</translation>
    </message>
    <message>
        <source>Water-quality trend (Mann-Kendall, Sen&apos;s slope)</source>
        <translation>水质变化趋势（Mann-Kendall 检验，Sen 斜率）</translation>
    </message>
    <message>
        <source>For every well with at least MIN_SAMPLES results of PARAMETER (the standard's Chinese indicator name, e.g. 硝酸盐 for nitrate as N), runs the Mann-Kendall trend test (tie-corrected variance, normal approximation with continuity correction; Gilbert 1987) and Sen's slope (units per year). Values below the detection limit enter as half their detection limit. rising_significant flags a significant increasing trend.</source>
        <translation>对 PARAMETER（标准中的中文指标名，如硝酸盐（以 N 计）写作 硝酸盐）检测结果不少于 MIN_SAMPLES 个的每口井，进行 Mann-Kendall 趋势检验（结值校正方差、带连续性校正的正态近似；Gilbert 1987）并计算 Sen 斜率（单位/年）。低于检出限的数值按检出限的一半计。rising_significant 标记显著上升趋势。</translation>
    </message>
</context>
</TS>
