"""Text tables (CSV, TSV, TXT) for core/data/tabular.py: the encoding decided per file (UTF-8 with or without BOM,
GB18030/GBK as Excel writes on Chinese Windows, UTF-16 with BOM as Excel's "Unicode text"), the delimiter, a check
that every line has as many cells as the header (the line of the first one that does not is named), then the
cells read as text by pandas (its C parser, in chunks: progress from the first second and bounded memory) — or,
where pandas is missing, by the csv module.

Files are read in pieces cut at line ends so that a 200 MB file never sits in memory as one string; a mixed file
(UTF-8 with one GBK line, or the reverse) is an error naming the line instead of being read as mojibake.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re

import numpy as np

from ...toolbelt.i18n import tr
from . import tabular_header as H

TR_CONTEXT = "tabular"
PIECE = 8 << 20  # bytes per piece of the streaming checks
HEAD = 256 << 10  # bytes read to find the delimiter and the header
CHUNK_ROWS = 200_000  # rows per pandas chunk
ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 is a superset of GBK and GB2312
_CONTROL_OK = {9, 10, 12, 13, 26}  # tab, LF, FF, CR, Ctrl-Z (what old DOS exports end with)
#: a line of GB18030-decided bytes that is valid UTF-8 with non-ASCII text (decoded with replacement characters)
_UTF8_LINE = re.compile("(?m)^[^\n\ufffd]*[^\x00-\x7f\ufffd][^\n\ufffd]*$")


class TextTableError(ValueError):
    """The file cannot be read as a text table (the message is the user's sentence)."""


def _name(path) -> str:
    return os.path.basename(str(path))


def looks_binary(head: bytes) -> bool:
    """True for bytes that are no text: a NUL byte, or more than 1 % control characters."""
    if not head:
        return False
    if b"\x00" in head:
        return True
    arr = np.frombuffer(head, np.uint8)
    ctl = arr < 32
    for ok in _CONTROL_OK:
        ctl &= arr != ok
    return int(ctl.sum()) * 100 > arr.size


def _bom(head: bytes):
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def detect_encoding(data: bytes) -> str:
    """'utf-8-sig' / 'gb18030' / 'utf-16' for the bytes of a whole (small) file; TextTableError names the line of the
    first byte that fits neither, or the line where a mixed file changes encoding."""
    return check_encoding(io.BytesIO(data), "")


def _pieces(fh, size: int = PIECE):
    """(bytes cut after a line end, number of the piece's first line counted from 0)."""
    rest, line = b"", 0
    while True:
        block = fh.read(size)
        if not block:
            if rest:
                yield rest, line
            return
        block = rest + block
        cut = block.rfind(b"\n") + 1
        if cut == 0:
            rest = block
            continue
        piece, rest = block[:cut], block[cut:]
        yield piece, line
        line += piece.count(b"\n")


def _byte_error(path, piece: bytes, first_line: int, pos: int, what: str) -> TextTableError:
    line = first_line + piece.count(b"\n", 0, pos) + 1
    byte = piece[pos : pos + 1].hex().upper()
    if what == "mixed":
        text = tr(
            TR_CONTEXT,
            "{file}, line {line}: byte 0x{byte} is not UTF-8 although the lines before are UTF-8: the file mixes "
            "encodings. Save it again in one encoding (UTF-8).",
        )
    else:
        text = tr(
            TR_CONTEXT,
            "{file}, line {line}: byte 0x{byte} is neither UTF-8 nor GB18030/GBK text. Save the file as UTF-8 CSV.",
        )
    return TextTableError(text.format(file=_name(path), line=line, byte=byte))


def check_encoding(fh, path, on_piece=None, progress=None) -> str:
    """Read ``fh`` (binary) piece by piece and decide its encoding; ``on_piece(bytes, first_line)`` sees every piece
    (the line checks ride on this pass). Errors name the line."""
    head = fh.read(4)
    enc = _bom(head)
    fh.seek(0)
    if enc == "utf-16":
        raw = fh.read()
        try:
            raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].decode("utf-16", "replace").count("\n") + 1
            raise TextTableError(
                tr(TR_CONTEXT, "{file}, line {line}: the UTF-16 text is damaged.").format(file=_name(path), line=line)
            ) from None
        return enc
    decided = "utf-8" if enc else None
    total = max(_size(fh), 1)
    done = 0
    for piece, first in _pieces(fh):
        if b"\x00" in piece:
            raise _nul_error(path, piece, first)
        if decided in (None, "utf-8"):
            try:
                piece.decode("utf-8")
                if decided is None and not piece.isascii():
                    decided = "utf-8"
            except UnicodeDecodeError as exc:
                line_start = piece.rfind(b"\n", 0, exc.start) + 1  # earlier whole lines in UTF-8: a mixed file
                if decided == "utf-8" or not piece[:line_start].isascii():
                    if looks_binary(piece[:65536]):
                        raise _binary(path) from None
                    raise _byte_error(path, piece, first, exc.start, "mixed") from None
                decided = "gb18030"
        if decided == "gb18030":
            try:
                piece.decode("gb18030")
            except UnicodeDecodeError as exc:
                if looks_binary(piece[:65536]):
                    raise _binary(path) from None
                raise _byte_error(path, piece, first, exc.start, "neither") from None
            m = _UTF8_LINE.search(piece.decode("utf-8", "replace"))
            if m:
                line = first + piece.decode("utf-8", "replace").count("\n", 0, m.start()) + 1
                raise TextTableError(
                    tr(
                        TR_CONTEXT,
                        "{file}, line {line}: this line is UTF-8 although the lines before are GB18030/GBK: the "
                        "file mixes encodings. Save it again in one encoding (UTF-8).",
                    ).format(file=_name(path), line=line)
                )
        if on_piece is not None:
            on_piece(piece, first)
        done += len(piece)
        if progress:
            progress(100.0 * done / total)
    return "utf-8-sig" if decided in (None, "utf-8") else decided


def _nul_error(path, piece: bytes, first: int) -> TextTableError:
    pos = piece.index(b"\x00")
    return TextTableError(
        tr(TR_CONTEXT, "{file}, line {line}: the file contains a NUL byte: it is not a text table (CSV).").format(
            file=_name(path), line=first + piece.count(b"\n", 0, pos) + 1
        )
    )


def _binary(path) -> TextTableError:
    return TextTableError(
        tr(TR_CONTEXT, "{file} is not a text table (CSV): it looks like binary data.").format(file=_name(path))
    )


def _size(fh) -> int:
    pos = fh.tell()
    fh.seek(0, os.SEEK_END)
    size = fh.tell()
    fh.seek(pos)
    return size


def _head_rows(text: str, delimiter: str) -> tuple:
    """The first rows of ``text`` by the csv module, and the line each row starts on (0-based)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, lines = [], []
    start = 0
    try:
        for r in reader:
            rows.append(r)
            lines.append(start)
            start = reader.line_num
            if len(rows) >= H.HEADER_SEARCH_ROWS + H.MAX_HEADER_ROWS:
                break
    except csv.Error:
        pass
    return rows, lines, start


def sniff_delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=",;\t|").delimiter
    except csv.Error:
        return "\t" if "\t" in text[:2000] and "," not in text[:2000] else ","


class _LineCheck:
    """Every data line must have the header's number of cells: counted with numpy on the bytes of lines without a
    quote; pieces with quotes (or where the delimiter can be a GB18030 trail byte) go to the csv module."""

    def __init__(self, path, delimiter: str, width: int, data_line: int, encoding: str):
        self.path, self.width, self.data_line = path, width, data_line
        self.delim = ord(delimiter)
        self.needs_csv = delimiter == "|" and encoding == "gb18030"

    def __call__(self, piece: bytes, first: int) -> None:
        if self.needs_csv:
            return
        if b'"' in piece:
            self.needs_csv = True
            return
        arr = np.frombuffer(piece, np.uint8)
        ends = np.flatnonzero(arr == 10)
        if ends.size == 0 or ends[-1] != arr.size - 1:
            ends = np.append(ends, arr.size)
        cells = np.bincount(np.searchsorted(ends, np.flatnonzero(arr == self.delim)), minlength=ends.size) + 1
        lines = np.arange(first, first + ends.size)
        bad = np.flatnonzero((cells != self.width) & (lines >= self.data_line))
        starts = np.r_[0, ends[:-1] + 1]
        for k in bad.tolist():
            line = piece[starts[k] : ends[k]]
            if line.strip(b" \r\t" + bytes([self.delim])):
                raise _width_error(self.path, first + k + 1, int(cells[k]), self.width)

    def check_with_csv(self, fh, encoding: str) -> None:
        text = io.TextIOWrapper(fh, encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=chr(self.delim))
        start = 0
        for r in reader:
            if start >= self.data_line and len(r) != self.width and any(c.strip() for c in r):
                raise _width_error(self.path, start + 1, len(r), self.width)
            start = reader.line_num
        text.detach()


def _width_error(path, line: int, n: int, width: int) -> TextTableError:
    return TextTableError(
        tr(
            TR_CONTEXT,
            "{file}, line {line} has {n} cells but the header has {width}: a cell is missing or one too many "
            "(check the delimiters and quotes of that line).",
        ).format(file=_name(path), line=line, n=n, width=width)
    )


def pandas_module():
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def read_text_table(path, encoding=None, header_row=None, progress=None, is_canceled=None) -> dict:
    """The parts of a Table read from a text file: headers, columns (lists of str), file row numbers, encoding,
    header row. ``progress(percent)`` and ``is_canceled()`` are called between pieces."""

    def step(pct):
        if is_canceled is not None and is_canceled():
            raise InterruptedError("reading canceled")
        if progress is not None:
            progress(pct)

    with open(path, "rb") as fh:
        head = fh.read(HEAD)
        if not head.strip():
            raise TextTableError(tr(TR_CONTEXT, "{file} is empty.").format(file=_name(path)))
        if _bom(head) != "utf-16" and looks_binary(head[:65536]):
            if b"\x00" in head and not looks_binary(head[:65536].replace(b"\x00", b" ")):
                raise _nul_error(path, head, 0)  # text with a NUL in a cell: say where
            raise _binary(path)
    if _bom(head) == "utf-16":  # rare and small (Excel's "Unicode text"): decoded at once, then read as UTF-8
        with open(path, "rb") as fh:
            check_encoding(fh, path)
            fh.seek(0)
            data = fh.read().decode("utf-16").encode("utf-8")
        return _read(io.BytesIO(data), path, "utf-8", "utf-16", header_row, step)
    with open(path, "rb") as fh:
        return _read(fh, path, encoding, None, header_row, step)


def _read(fh, path, encoding, label, header_row, step) -> dict:
    head = fh.read(HEAD)
    if len(head) == HEAD:
        head = head[: head.rfind(b"\n") + 1] or head
    guess = encoding or ("utf-8-sig" if _ok(head, "utf-8") else "gb18030")
    text = head.decode(guess, "replace").lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    rows, lines, end = _head_rows(text, delimiter)
    try:
        start, count = H.detect_header(rows, header_row)
    except H.HeaderError as exc:
        raise TextTableError(f"{_name(path)}: {exc}") from None
    block = rows[start : start + count]
    width = max(len(r) for r in block)
    headers = H.join_header(block, width)
    H.check_unique(headers)
    data_line = lines[start + count] if start + count < len(lines) else end
    check = _LineCheck(path, delimiter, width, data_line, guess)
    fh.seek(0)
    if encoding:
        enc = encoding
        for piece, first in _pieces(fh):
            check(piece, first)
    else:
        enc = check_encoding(fh, path, check, progress=lambda p: step(p * 0.3))
    if check.needs_csv:
        fh.seek(0)
        check.check_with_csv(fh, enc)
    step(30.0)
    fh.seek(0)
    pd = pandas_module()
    if pd is not None:
        columns, numbers = _read_pandas(pd, fh, enc, delimiter, width, data_line, step)
    else:
        columns, numbers = _read_without_pandas(fh, enc, delimiter, width, data_line)
    return {
        "headers": headers,
        "columns": columns,
        "row_numbers": numbers,
        "encoding": label or ("utf-8" if enc == "utf-8-sig" else enc),
        "header_row": start + 1,
        "header_rows": count,
        "delimiter": delimiter,
    }


def _ok(data: bytes, enc: str) -> bool:
    try:
        data.decode(enc)
        return True
    except UnicodeDecodeError as exc:  # a piece cut inside a character at the end is still UTF-8
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"


def _read_pandas(pd, fh, enc, delimiter, width, data_line, step) -> tuple:
    total = max(_size(fh), 1)
    reader = pd.read_csv(
        fh,
        sep=delimiter,
        header=None,
        names=list(range(width)),
        index_col=False,
        skiprows=data_line,
        dtype=str,
        na_filter=False,
        keep_default_na=False,
        skip_blank_lines=False,
        encoding=enc,
        engine="c",
        quotechar='"',
        chunksize=CHUNK_ROWS,
    )
    columns: list = [[] for _ in range(width)]
    numbers = []
    offset = 0
    try:
        for chunk in reader:
            blank = chunk[0].to_numpy() == ""  # only rows with an empty first cell can be blank
            if blank.any():
                blank[blank] = (chunk[blank] == "").all(axis=1).to_numpy()
            keep = np.flatnonzero(~blank)
            if keep.size < len(chunk):
                chunk = chunk.iloc[keep]
            for c in range(width):
                columns[c].extend(chunk[c].tolist())
            numbers.append(keep + offset + data_line + 1)
            offset += blank.size
            step(30.0 + 70.0 * min(fh.tell() / total, 1.0))
    except pd.errors.ParserError as exc:  # a quote left open and the like: the checks above catch the rest
        m = re.search(r"line (\d+)", str(exc))
        line = m.group(1) if m else "?"
        raise TextTableError(
            tr(TR_CONTEXT, "{file}, line {line}: the line cannot be split into cells (check its quotes).").format(
                file=_name(fh.name if hasattr(fh, "name") else ""), line=line
            )
        ) from None
    return columns, (np.concatenate(numbers) if numbers else np.zeros(0, np.int64))


def split_plain(text: str, delimiter: str):
    """Columns of a CSV text with no quote character and the same number of cells on every line, split by the str
    methods (the fallback without pandas). None when the text needs the csv module."""
    if '"' in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return None
    headers = lines[0].split(delimiter)
    width = len(headers)
    body = lines[1:]
    blank = delimiter * (width - 1)
    if "" in body or blank in body:
        body = [ln for ln in body if ln and ln != blank]
    if body and {ln.count(delimiter) for ln in body} != {width - 1}:
        return None
    if not body:
        return headers, [[] for _ in range(width)]
    flat = delimiter.join(body).split(delimiter)
    return headers, [flat[i::width] for i in range(width)]


def _read_without_pandas(fh, enc, delimiter, width, data_line) -> tuple:
    """The hand-written split for plain text (no quotes, no blank lines), else the csv module."""
    text = fh.read().decode(enc)
    pos = 0
    for _ in range(data_line):
        pos = text.find("\n", pos) + 1
        if pos == 0:
            return [[] for _ in range(width)], np.zeros(0, np.int64)
    body = text[pos:]
    got = split_plain(delimiter.join([""] * width) + "\n" + body, delimiter)
    if got is not None:
        columns = got[1]
        n = len(columns[0]) if columns else 0
        if n == body.count("\n") + (0 if body.endswith("\n") or not body else 1):  # no blank line left out
            return columns, np.arange(data_line + 1, data_line + 1 + n, dtype=np.int64)
    del text, body
    fh.seek(0)
    return _read_csv_module(fh, enc, delimiter, width, data_line)


def _read_csv_module(fh, enc, delimiter, width, data_line) -> tuple:
    text = io.TextIOWrapper(fh, encoding=enc, newline="")
    reader = csv.reader(text, delimiter=delimiter)
    columns: list = [[] for _ in range(width)]
    numbers = []
    start = 0
    for r in reader:
        if start >= data_line and any(c.strip() for c in r):
            r = r + [""] * (width - len(r))
            for c in range(width):
                columns[c].append(r[c])
            numbers.append(start + 1)
        start = reader.line_num
    text.detach()
    return columns, np.array(numbers, np.int64)
