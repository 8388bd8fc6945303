"""Reading spreadsheets as archives really have them: encodings, delimiters, broken rows."""

from pathlib import Path

import pytest

from curator.interchange.spreadsheet import read_spreadsheet

HEADER = "Title;Year;Director;Country"
ROWS = ["Misérables, Les;1934;Raymond Bernard;France",
        "Mykkänen's Rock;c. 1988;Marjaana Mykkänen;Finland | USSR"]


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_semicolons_and_excel_bom(tmp_path):
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    sheet = read_spreadsheet(_write(tmp_path, "films.csv", b"\xef\xbb\xbf" + text.encode()))
    assert sheet.delimiter == ";"
    assert sheet.encoding == "UTF-8 with BOM"
    assert sheet.header == ["Title", "Year", "Director", "Country"]  # no BOM in "Title"
    assert sheet.rows[0] == (2, ["Misérables, Les", "1934", "Raymond Bernard", "France"])


def test_latin1_file(tmp_path):
    text = "\n".join([HEADER, *ROWS]).replace("'", "\u2019")
    sheet = read_spreadsheet(_write(tmp_path, "films.csv", text.encode("cp1252")))
    assert sheet.encoding == "Latin-1"
    assert sheet.rows[1][1][0] == "Mykkänen\u2019s Rock"


def test_file_pasted_from_utf8_and_latin1_exports(tmp_path):
    data = (HEADER + "\n" + ROWS[0] + "\n").encode() + (ROWS[1] + "\n").encode("latin-1")
    sheet = read_spreadsheet(_write(tmp_path, "mixed.csv", data))
    assert [r[1][0] for r in sheet.rows] == ["Misérables, Les", "Mykkänen's Rock"]
    assert "1 lines in Latin-1" in sheet.encoding


def test_tab_separated_utf16_from_excel(tmp_path):
    text = "\n".join(line.replace(";", "\t") for line in [HEADER, *ROWS])
    sheet = read_spreadsheet(_write(tmp_path, "films.txt", text.encode("utf-16")))
    assert sheet.delimiter == "\t"
    assert sheet.rows[1][1][2] == "Marjaana Mykkänen"


def test_commas_inside_quotes_do_not_fool_the_sniffer(tmp_path):
    text = 'Title,Year,Synopsis\n"Postman, The",1994,"A poet; a postman, and the sea"\n'
    sheet = read_spreadsheet(_write(tmp_path, "films.csv", text.encode()))
    assert sheet.delimiter == ","
    assert sheet.rows == [(2, ["Postman, The", "1994", "A poet; a postman, and the sea"])]


def test_broken_and_ragged_rows_are_reported_and_the_rest_read(tmp_path):
    text = "\n".join([
        "Title,Year,Country",
        "Black Square,1988,USSR",
        'Unclosed "quote,1990,USSR',  # a quote inside a value: kept as written
        "Too many,1989,USSR,Finland,extra",
        "Short row,1987",  # trailing empty cells left out, as spreadsheets do
        '"Open quote never closed,1986,USSR',
        "After the break,1985,Latvia",
    ]) + "\n"
    sheet = read_spreadsheet(_write(tmp_path, "broken.csv", text.encode()))
    titles = [values[0] for _n, values in sheet.rows]
    assert titles == ["Black Square", 'Unclosed "quote', "Short row", "After the break"]
    assert dict(sheet.errors) == {
        "row 4": "it has 5 values but the header has 3 columns",
        "row 6": "a quotation mark opens a value that is never closed",
    }
    assert sheet.rows[2] == (5, ["Short row", "1987", ""])
    assert sheet.rows[3][0] == 7


def test_multiline_values_keep_spreadsheet_row_numbers(tmp_path):
    text = 'Title,Synopsis\nA,"First paragraph.\n\nSecond."\nB,x\n\nC,y\n'
    sheet = read_spreadsheet(_write(tmp_path, "films.csv", text.encode()))
    assert [(n, v[0]) for n, v in sheet.rows] == [(2, "A"), (3, "B"), (5, "C")]
    assert sheet.rows[0][1][1] == "First paragraph.\n\nSecond."


def test_an_empty_file_is_refused(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        read_spreadsheet(_write(tmp_path, "empty.csv", b"\n\n"))
