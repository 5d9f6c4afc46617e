"""Name material for the fictional demo city (core/demo/): Chinese words with their pinyin, and the seeded
:class:`Namer` that assembles villages, companies, people and addresses from them.

Every name the demo writes is assembled from these lists, so each Chinese name has an English transliteration.
The city, its counties and every village, company and person are fictional; any resemblance to a real place or
firm is coincidental.
"""

from __future__ import annotations

import numpy as np

CITY = {"code": "419900", "name_zh": "黄泽市", "name_en": "Huangze City", "short_zh": "黄泽", "short_en": "Huangze"}

#: The six counties, in the order of the Voronoi seeds placed by core/demo/geography.py:
#: centre (urban district), north bank, west (upstream), east (chemical park), south (farmland), south-west hills.
COUNTIES = (
    {"code": "419901", "name_zh": "泽城区", "name_en": "Zecheng District", "short_zh": "泽城", "short_en": "Zecheng"},
    {"code": "419902", "name_zh": "北滩县", "name_en": "Beitan County", "short_zh": "北滩", "short_en": "Beitan"},
    {"code": "419903", "name_zh": "河湾县", "name_en": "Hewan County", "short_zh": "河湾", "short_en": "Hewan"},
    {"code": "419904", "name_zh": "东原县", "name_en": "Dongyuan County", "short_zh": "东原", "short_en": "Dongyuan"},
    {"code": "419905", "name_zh": "南田县", "name_en": "Nantian County", "short_zh": "南田", "short_en": "Nantian"},
    {"code": "419906", "name_zh": "西岭县", "name_en": "Xiling County", "short_zh": "西岭", "short_en": "Xiling"},
)

RIVER = {"name_zh": "泽河", "name_en": "Ze River"}

#: Common surnames of the Central Plain (village names are "<surname><suffix>", e.g. 王庄 Wangzhuang).
SURNAMES = (
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("赵", "Zhao"),
    ("黄", "Huang"),
    ("周", "Zhou"),
    ("吴", "Wu"),
    ("徐", "Xu"),
    ("孙", "Sun"),
    ("马", "Ma"),
    ("朱", "Zhu"),
    ("胡", "Hu"),
    ("郭", "Guo"),
    ("何", "He"),
    ("高", "Gao"),
    ("林", "Lin"),
    ("罗", "Luo"),
    ("郑", "Zheng"),
    ("梁", "Liang"),
    ("谢", "Xie"),
    ("宋", "Song"),
    ("唐", "Tang"),
    ("许", "Xu"),
    ("韩", "Han"),
    ("冯", "Feng"),
    ("邓", "Deng"),
    ("曹", "Cao"),
    ("彭", "Peng"),
    ("曾", "Zeng"),
    ("田", "Tian"),
    ("董", "Dong"),
    ("袁", "Yuan"),
    ("潘", "Pan"),
    ("于", "Yu"),
    ("蒋", "Jiang"),
    ("蔡", "Cai"),
    ("余", "Yu"),
    ("杜", "Du"),
    ("叶", "Ye"),
    ("程", "Cheng"),
    ("魏", "Wei"),
    ("吕", "Lyu"),
    ("丁", "Ding"),
    ("任", "Ren"),
    ("姚", "Yao"),
    ("卢", "Lu"),
    ("付", "Fu"),
    ("钟", "Zhong"),
    ("崔", "Cui"),
    ("常", "Chang"),
    ("岳", "Yue"),
)

#: Village suffixes typical of the Henan plain.
VILLAGE_SUFFIXES = (
    ("庄", "zhuang"),
    ("营", "ying"),
    ("寨", "zhai"),
    ("集", "ji"),
    ("屯", "tun"),
    ("店", "dian"),
    ("楼", "lou"),
    ("岗", "gang"),
    ("湾", "wan"),
    ("桥", "qiao"),
    ("庙", "miao"),
    ("堤", "di"),
    ("园", "yuan"),
    ("坡", "po"),
    ("沟", "gou"),
    ("铺", "pu"),
)

#: Auspicious characters combined in pairs into company names (恒 + 达 = 恒达 Hengda ...).
FIRM_CHARS = (
    ("恒", "heng"),
    ("达", "da"),
    ("金", "jin"),
    ("源", "yuan"),
    ("宏", "hong"),
    ("兴", "xing"),
    ("瑞", "rui"),
    ("丰", "feng"),
    ("鑫", "xin"),
    ("盛", "sheng"),
    ("永", "yong"),
    ("泰", "tai"),
    ("天", "tian"),
    ("成", "cheng"),
    ("广", "guang"),
    ("华", "hua"),
    ("中", "zhong"),
    ("宇", "yu"),
    ("昌", "chang"),
    ("润", "run"),
    ("佳", "jia"),
    ("和", "he"),
    ("聚", "ju"),
    ("博", "bo"),
    ("远", "yuan"),
    ("信", "xin"),
    ("汇", "hui"),
    ("通", "tong"),
    ("嘉", "jia"),
    ("禾", "he"),
    ("开", "kai"),
    ("元", "yuan"),
    ("旺", "wang"),
    ("立", "li"),
    ("正", "zheng"),
    ("阳", "yang"),
    ("东", "dong"),
    ("方", "fang"),
    ("航", "hang"),
    ("同", "tong"),
    ("富", "fu"),
    ("长", "chang"),
    ("青", "qing"),
    ("德", "de"),
    ("安", "an"),
    ("明", "ming"),
    ("辉", "hui"),
    ("鼎", "ding"),
    ("祥", "xiang"),
    ("裕", "yu"),
    ("豫", "yu"),
    ("启", "qi"),
    ("科", "ke"),
    ("鹏", "peng"),
    ("蓝", "lan"),
    ("绿", "lyu"),
)

#: Road names for addresses.
ROADS = (
    ("建设路", "Jianshe Road"),
    ("人民路", "Renmin Road"),
    ("工业路", "Gongye Road"),
    ("解放路", "Jiefang Road"),
    ("黄河路", "Huanghe Road"),
    ("滨河大道", "Binhe Avenue"),
    ("科技大道", "Keji Avenue"),
    ("纬一路", "Weiyi Road"),
    ("经三路", "Jingsan Road"),
    ("化工大道", "Huagong Avenue"),
    ("农业路", "Nongye Road"),
    ("文化路", "Wenhua Road"),
)

#: Given names for inspectors and deciders (fictional people).
GIVEN_NAMES = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "强",
    "洋",
    "军",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
)

#: Laboratories and the way each writes a value below its detection limit (the three usual conventions).
LABS = (
    ("黄泽市生态环境监测中心", "{dl}L"),  # Chinese monitoring-station convention: detection limit + "L"
    ("河南豫清检测技术有限公司", "<{dl}"),
    ("黄泽市水文水资源勘测局实验室", "ND"),
)


class Namer:
    """Draws village, company and person names and addresses; company words are never repeated."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng
        self.used = set()

    def _pick(self, seq):
        return seq[int(self.rng.integers(len(seq)))]

    def village(self):
        s, f = self._pick(SURNAMES), self._pick(VILLAGE_SUFFIXES)
        return s[0] + f[0], s[1] + f[1]

    def firm(self):
        """A company word of two characters not used before, with its pinyin (恒达, Hengda)."""
        for _ in range(10000):
            a, b = self._pick(FIRM_CHARS), self._pick(FIRM_CHARS)
            zh = a[0] + b[0]
            if a[0] == b[0] or zh in self.used:
                continue
            self.used.add(zh)
            sep = "'" if b[1][0] in "aeo" else ""  # pinyin apostrophe before a syllable starting with a, e, o
            return zh, a[1].capitalize() + sep + b[1]
        raise RuntimeError("demo: ran out of company names")

    def person(self):
        return self._pick(SURNAMES)[0] + self._pick(GIVEN_NAMES)

    def address(self, county_code: str, village_zh: str | None = None):
        meta = county_meta(county_code)
        road = self._pick(ROADS)[0]
        v = village_zh or self.village()[0]
        return f"{CITY['name_zh']}{meta['name_zh']}{v}村{road}{int(self.rng.integers(1, 300))}号"


def county_meta(code: str) -> dict:
    """The entry of :data:`COUNTIES` with this county code."""
    for meta in COUNTIES:
        if meta["code"] == code:
            return meta
    raise KeyError(code)
