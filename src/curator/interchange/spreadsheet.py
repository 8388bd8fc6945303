"""Reading spreadsheets (CSV and TSV) as an archive's films: encodings, delimiters, bad rows.

A file is decoded as UTF-8 (with or without Excel's byte-order mark), UTF-16
with a BOM, or line by line as Latin-1 (Windows-1252) where UTF-8 fails, so a
file pasted together from two exports still reads. The delimiter (comma,
semicolon or tab) is sniffed from the first lines. A row that cannot be read
(a quotation mark never closed, more values than columns) is reported with its
row number, counting the header as row 1 as a spreadsheet program does, and
reading goes on with the next row.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog.text import clean_text
from curator.interchange.errors import ReadError

DELIMITERS = (",", ";", "\t")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab"}
SAMPLE_LINES = 50


@dataclass
class Spreadsheet:
    """A spreadsheet as read: its header, its rows by row number, the rows it could not read."""

    name: str
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)
    cleaned: bool = False  # all of its text passed through clean_text as it was read

    def preview(self, count: int = 10) -> list[list[str]]:
        return [values for _n, values in self.rows[:count]]

    @property
    def described(self) -> str:
        """`1,204 rows, semicolon-separated, UTF-8 with BOM`."""
        rows = len(self.rows)
        return (f"{rows:,} row{'' if rows == 1 else 's'}, "
                f"{DELIMITER_NAMES[self.delimiter]}-separated, {self.encoding}")


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and the name of its encoding."""
    if data.startswith(codecs.BOM_UTF8):
        body, name = data[len(codecs.BOM_UTF8):], "UTF-8 with BOM"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    else:
        body, name = data, "UTF-8"
    try:
        return body.decode("utf-8"), name
    except UnicodeDecodeError:
        pass
    # Line by line: a file pasted together from a UTF-8 and a Latin-1 export still reads.
    lines, latin, utf8 = [], 0, 0
    for line in body.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            utf8 += not line.isascii()
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252", errors="strict") if _is_cp1252(line)
                         else line.decode("latin-1"))
            latin += 1
    if not utf8:  # every line with a letter beyond ASCII is Latin-1
        return "\n".join(lines), "Latin-1"
    return "\n".join(lines), f"{name}, {latin:,} lines in Latin-1"


def _is_cp1252(line: bytes) -> bool:
    try:
        line.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the header in most columns, as consistently as the rows."""
    best, best_score = ",", -1
    sample = [line for line in lines[:SAMPLE_LINES] if line.strip()]
    for candidate in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=candidate) if r]
        except csv.Error:
            continue
        if not counts or counts[0] < 2:
            continue
        score = sum(1 for n in counts if n == counts[0]) * 1000 + counts[0]
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_spreadsheet(path: Path | str, data: bytes | None = None) -> Spreadsheet:
    """Read a CSV or TSV file; raises ReadError (naming the file) if it has no header row."""
    path = Path(path)
    try:
        text, encoding = decode(path.read_bytes() if data is None else data)
    except UnicodeDecodeError as exc:
        raise ReadError(f"it is marked as {exc.encoding.upper()} text, but byte {exc.start:,} "
                        "does not read as such; save it again as UTF-8.", file=path.name) from None
    # the catalogue's one rule for incoming text, applied once to the whole file (which
    # makes CR LF and a lone CR line breaks)
    text = clean_text(text)
    lines = [line + "\n" for line in text.split("\n")]
    if lines and lines[-1] == "\n":
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ReadError("the file is empty.", file=path.name)
    delimiter = sniff_delimiter(lines)
    try:
        header = [h.strip() for h in next(csv.reader(lines[:1], delimiter=delimiter))]
    except csv.Error as exc:
        raise ReadError(f"the header cannot be read ({_csv_problem(exc)}).", file=path.name,
                        place="row 1") from None
    sheet = Spreadsheet(path.name, encoding, delimiter, header, cleaned=True)
    _read_rows(sheet, lines)
    return sheet


def _read_rows(sheet: Spreadsheet, lines: list[str]) -> None:
    width = len(sheet.header)
    start = 1  # the line where reading (re)starts; line 0 is the header
    row_number = 1
    while start < len(lines):
        reader = csv.reader(lines[start:], delimiter=sheet.delimiter, strict=True)
        restart = None
        while True:
            first_line = reader.line_num  # lines consumed before this record
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                row_number += 1
                source = f"row {row_number}"
                if "end of data" in str(exc) or "EOF" in str(exc):
                    sheet.errors.append((source, "a quotation mark opens a value that is "
                                                 "never closed"))
                    restart = start + first_line + 1
                    break
                sheet.errors.append((source, f"the row cannot be read ({_csv_problem(exc)})"))
                continue
            row_number += 1
            if not "".join(values).strip():
                continue  # a blank row
            if len(values) > width:
                source = f"row {row_number}"
                spans = reader.line_num - first_line
                if spans > 1:
                    sheet.errors.append((source, "a quotation mark opens a value that runs "
                                                 "over the next rows"))
                    restart = start + first_line + 1
                    break
                extra = values[width:]
                if any(v.strip() for v in extra):
                    sheet.errors.append((source, f"it has {len(values)} values but the header "
                                                 f"has {width} columns"))
                    continue
                values = values[:width]
            elif len(values) < width:
                values = values + [""] * (width - len(values))  # trailing empty cells
            sheet.rows.append((row_number, values))
        if restart is None:
            break
        start = restart


def _csv_problem(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return f"a value is longer than {csv.field_size_limit():,} characters"
    return f"the quoting is broken: {exc}"


def write_rows(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    """CSV text for a header and rows (tests and the benchmark make files with it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
